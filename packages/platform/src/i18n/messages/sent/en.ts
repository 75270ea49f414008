/**
 * English text of what the platform sends or stores itself: e-mails, notifications, letters and the default
 * consent text (the source: nb, nn, sv and da have exactly these keys).
 */
export const sentEn = {
  // E-mails about the account.
  'mail.greeting': 'Hello {name},',
  'mail.signature': 'Best regards,\n{municipality}',
  'mail.ignore': 'If you did not ask for this, you can ignore this e-mail.',
  'mail.verify.subject': 'Confirm your e-mail address for {municipality}',
  'mail.verify.body': 'Confirm your e-mail address by opening this link (valid for 48 hours):',
  'mail.reset.subject': 'Reset your password for {municipality}',
  'mail.reset.body': 'Choose a new password by opening this link (valid for 1 hour):',
  'mail.magic.subject': 'Your sign-in link for {municipality}',
  'mail.magic.body': 'Sign in by opening this link (valid for 15 minutes, works once):',
  // Notifications and the daily digest.
  'notify.status_changed.subject': 'News about "{ideaTitle}"',
  'notify.status_changed.body': 'The idea "{ideaTitle}" now has the status "{status}".',
  'notify.answered.subject': 'The municipality answered "{ideaTitle}"',
  'notify.answered.body': 'The municipality answered the idea "{ideaTitle}" and gave it the status "{status}".',
  'notify.milestone.subject': 'Progress on "{ideaTitle}"',
  'notify.milestone.body': 'New progress on the idea "{ideaTitle}": {milestone} ({progress} done).',
  'notify.idea_hidden.subject': 'Your idea was hidden',
  'notify.idea_hidden.body': 'A moderator hid your idea.',
  'notify.statement_hidden.subject': 'Your statement was hidden',
  'notify.statement_hidden.body': 'A moderator hid your statement "{statement}" in the conversation.',
  'notify.fact_reviewed.subject': 'Your fact "{title}" was reviewed',
  'notify.fact_reviewed.approved': 'The facilitator approved your fact "{title}": it is on the fact sheet.',
  'notify.fact_reviewed.changes': 'The facilitator asks for changes to your fact "{title}" before it goes on the fact sheet.',
  'notify.fact_reviewed.rejected': 'The facilitator rejected your fact "{title}".',
  'notify.comment_hidden.subject': 'Your comment was hidden',
  'notify.comment_hidden.body': 'A moderator hid your comment.',
  'notify.digest.subject': '{count, plural, one {# update} other {# updates}} from {municipality}',
  'notify.footer': 'You get these e-mails because you took part. Choose how often in your account: {url}',
  'notify.recommendation_decided.subject': 'A recommendation has been answered',
  'notify.recommendation_decided.body': 'The decision-maker answered the recommendation "{title}".',
  // The invitation to a stakeholder panel.
  'stakeholders.mail.subject': 'Invitation to the stakeholder panel: {process}',
  'stakeholders.mail.body':
    'You are invited to the stakeholder panel for "{process}" as: {role}. Open the link to introduce yourself and join:',
  // Citizens' panels: the default consent text, the invitation letter and the e-mails to members and followers.
  'panels.consent.default':
    '{municipality} stores your answers and contact details only to select the panel and to contact you about it. Only the panel’s administrators can see them, every look at them is logged, and they are deleted on the date set for this panel after it ends. You can withdraw at any time.',
  'panels.letter.heading': 'Invitation to {title}, a citizens’ panel',
  'panels.letter.body':
    'You have been drawn by lot from the population register to be invited to a citizens’ panel. {municipality} is putting together a group of {size} residents who reflect the population, to learn about the question, hear experts and those affected, and give their recommendations to the decision-makers.',
  'panels.letter.sessions': 'The panel meets: {list}. Members are paid for their time and travel.',
  'panels.letter.chance':
    'Registering does not mean you are on the panel: among those who register, the members are drawn by a fair lottery so the panel resembles the population.',
  'panels.letter.codeLabel': 'Your personal code',
  'panels.letter.register': 'Register at {url} with your code, or scan the QR code with your phone.',
  'panels.letter.replyBy': 'Please reply by {date}.',
  'panels.letter.contact': 'Questions? Contact {who}.',
  'panels.letter.registerShort': 'Register at {url}, or scan the QR code with your phone.',
  'panels.letter.privacy':
    'This letter was sent because your address was drawn by lot from the register. If you do not want to take part, you need not do anything. {municipality} deletes the register and the answers after the panel ends.',
  'panels.mail.selected.subject': 'You have been drawn for {title}',
  'panels.mail.selected.body':
    'Congratulations: you have been drawn for {title}. Confirm your seat by opening this link (you sign in or create an account to reach the members’ workspace):',
  'panels.notSelected.subject': 'Not selected this time for {title}',
  'panels.notSelected.heading': 'Thank you for signing up for {title}',
  'panels.notSelected.body':
    'Thank you for signing up for {title}. The panel has now been drawn by a fair lottery among everyone who signed up, and you were not selected this time. Many more people signed up than there are seats, so most were not drawn: this says nothing about you.',
  'panels.notSelected.reserve':
    'You are on the reserve list: if a member drops out, a replacement is drawn from the reserve list by the same fair lottery, keeping the panel representative. If that is you, {municipality} will contact you.',
  'panels.notSelected.noReserve':
    'Someone in your household sits on the panel, and at most one person per household can take part, so you are not on the reserve list.',
  'panels.notSelected.deleteOn': 'Your answers and contact details are deleted on {date}.',
  'panels.notSelected.follow':
    'You can follow the panel’s work and read its recommendations and the answers to them here:',
  'panels.mail.report.subject': '{title} has published its recommendations',
  'panels.mail.report.body': '{title} has published its final report. Read it here:',
  'panels.mail.answer.subject': 'The decision-maker has answered {title}',
  'panels.mail.answer.body': 'There is a new answer to the recommendations from {title}. Read it here:',
  // Participatory budgeting: news about a project voters supported, and the published results.
  'notify.budget_project_update.subject': 'News about the project "{projectTitle}"',
  'notify.budget_project_update.body': 'The project "{projectTitle}", which you voted for, has news.',
  'notify.budget_results.subject': 'The results of "{processTitle}" are out',
  'notify.budget_results.body': 'The results of the budget vote in "{processTitle}" have been published: see which projects will be carried out.',
  'notify.idea_hidden.named': 'A moderator hid your idea "{ideaTitle}".',
  'notify.comment_hidden.named': 'A moderator hid your comment on the idea "{ideaTitle}".',
  'notify.recommendation_decided.accepted': 'The decision-maker accepted the recommendation "{title}".',
  'notify.recommendation_decided.rejected': 'The decision-maker rejected the recommendation "{title}".',
  'notify.proposal_invited.subject': 'You are invited to co-author "{proposalTitle}"',
  'notify.proposal_invited.body': 'You have been invited to write the citizen proposal "{proposalTitle}" together with its author. Open it to accept.',
  'notify.proposal_submitted.subject': 'A citizen proposal reached its threshold: "{proposalTitle}"',
  'notify.proposal_submitted.body': 'The citizen proposal "{proposalTitle}" has enough signatures and now goes to the municipality. Give it a status and an official answer within the answer time.',
  'notify.proposal_reached.subject': '"{proposalTitle}" has enough signatures',
  'notify.proposal_reached.body': 'The citizen proposal "{proposalTitle}" reached its threshold and has gone to the municipality, which will answer it.',
  'notify.proposal_answered.subject': 'The municipality answered "{proposalTitle}"',
  'notify.proposal_answered.body': 'The citizen proposal "{proposalTitle}" now has the status "{status}".',
  'notify.proposal_milestone.subject': 'News about "{proposalTitle}"',
  'notify.proposal_milestone.body': 'The citizen proposal "{proposalTitle}": {milestone} ({progress} done).',
  'notify.proposal_hidden.subject': 'Your citizen proposal was hidden',
  'notify.proposal_hidden.body': 'A moderator hid your citizen proposal "{proposalTitle}".',
  'notify.proposal_expired.subject': '"{proposalTitle}" closed without enough signatures',
  'notify.proposal_expired.body': 'Signing the citizen proposal "{proposalTitle}" has ended with {signatures} of the {threshold} signatures needed, so it does not go to the municipality.',
  'notify.recommendation_decided.partly': 'The decision-maker has partly accepted the recommendation “{title}”.',
  'notify.recommendation_revised.subject': 'The recommendation “{title}” has changed',
  'notify.recommendation_revised.body': 'The recommendation “{title}” you supported has changed (version {version}). Look through the changes and give your support again if you still stand behind it.',
  'notify.quote.answer': 'The answer',
  'notify.quote.reason': 'Reason',
  'notify.quote.news': 'News',
  // The columns of one's notifications as CSV.
  'notify.csv.date': 'When',
  'notify.csv.text': 'Notification',
  'notify.csv.quote': 'Quoted',
  'notify.csv.link': 'Link',
  'notify.csv.read': 'Read',
  'notify.csv.yes': 'Yes',
  'notify.csv.no': 'No',
  // Panel members and decisions (issue 18, part 4)
  'panels.mail.linkSeat.subject': 'Your seat on {title} is confirmed',
  'panels.mail.linkSeat.body': 'Your seat on {title} has been confirmed by the municipality. Open the link to connect your account to your seat; then you can take part and vote in the workspace.',
  // Events with sign-up (issue 19, part 2)
  'notify.event_seat.subject': 'You have a seat at "{title}"',
  'notify.event_seat.body': 'A seat became free at "{title}" and it is yours: you have moved up from the waiting list. If you cannot come, cancel so the next person gets it.',
  'notify.phase_reminder.subject': 'Your say on "{processTitle}"',
  'notify.phase_reminder.body': '"{phaseTitle}" in "{processTitle}" is open until {endsOn}, and few people like you have taken part so far. Your view counts: it takes a few minutes.',
  'mail.eventReminder.subject': 'Reminder: "{title}"',
  'mail.eventReminder.body': 'You are signed up for "{title}", {time}. Place: {place}',
  // Stakeholder panels: a recommendation sent to the decision-maker, a meeting scheduled (issue 20)
  'notify.recommendation_sent.subject': 'A recommendation waits for your answer: "{title}"',
  'notify.recommendation_sent.body': 'The stakeholder panel sent you the recommendation "{title}", supported by {supporters} of {members} members. Answer it with your reasons: accepted, partly accepted or rejected.',
  'notify.meeting_scheduled.subject': 'Panel meeting: "{title}"',
  'notify.meeting_scheduled.body': 'The panel meets for "{title}" on {time}. The meeting page has the agenda and a calendar file.',
  'notify.quote.place': 'Place',
} as const;
