import type { sentEn } from './en.ts';

/**
 * Swedish text of what the platform sends or stores itself: e-mails, notifications, letters and the default
 * consent text.
 */
export const sentSv: Record<keyof typeof sentEn, string> = {
  // E-mails about the account.
  'mail.greeting': 'Hej {name}!',
  'mail.signature': 'Med vänliga hälsningar\n{municipality}',
  'mail.ignore': 'Om du inte har bett om det här kan du bortse från mejlet.',
  'mail.verify.subject': 'Bekräfta din e-postadress hos {municipality}',
  'mail.verify.body': 'Bekräfta din e-postadress genom att öppna den här länken (giltig i 48 timmar):',
  'mail.reset.subject': 'Återställ ditt lösenord hos {municipality}',
  'mail.reset.body': 'Välj ett nytt lösenord genom att öppna den här länken (giltig i 1 timme):',
  'mail.magic.subject': 'Din inloggningslänk till {municipality}',
  'mail.magic.body': 'Logga in genom att öppna den här länken (giltig i 15 minuter, fungerar en gång):',
  // Notifications and the daily digest.
  'notify.status_changed.subject': 'Nytt om ”{ideaTitle}”',
  'notify.status_changed.body': 'Förslaget ”{ideaTitle}” har nu statusen ”{status}”.',
  'notify.answered.subject': 'Kommunen har svarat på ”{ideaTitle}”',
  'notify.answered.body': 'Kommunen har svarat på förslaget ”{ideaTitle}” och gett det statusen ”{status}”.',
  'notify.milestone.subject': 'Framsteg för ”{ideaTitle}”',
  'notify.milestone.body': 'Nya framsteg för förslaget ”{ideaTitle}”: {milestone} ({progress} klart).',
  'notify.idea_hidden.subject': 'Ditt förslag har dolts',
  'notify.idea_hidden.body': 'En moderator har dolt ditt förslag.',
  'notify.statement_hidden.subject': 'Ditt påstående har dolts',
  'notify.statement_hidden.body': 'En moderator har dolt ditt påstående ”{statement}” i samtalet.',
  'notify.fact_reviewed.subject': 'Ditt faktum ”{title}” har granskats',
  'notify.fact_reviewed.approved': 'Samordnaren godkände ditt faktum ”{title}”: det finns nu på faktabladet.',
  'notify.fact_reviewed.changes': 'Samordnaren ber om ändringar i ditt faktum ”{title}” innan det kommer med på faktabladet.',
  'notify.fact_reviewed.rejected': 'Samordnaren avvisade ditt faktum ”{title}”.',
  'notify.comment_hidden.subject': 'Din kommentar har dolts',
  'notify.comment_hidden.body': 'En moderator har dolt din kommentar.',
  'notify.digest.subject': '{count, plural, one {# uppdatering} other {# uppdateringar}} från {municipality}',
  'notify.footer': 'Du får de här mejlen eftersom du har deltagit. Välj hur ofta på ditt konto: {url}',
  'notify.recommendation_decided.subject': 'En rekommendation har besvarats',
  'notify.recommendation_decided.body': 'Beslutsfattaren har besvarat rekommendationen ”{title}”.',
  // The invitation to a stakeholder panel.
  'stakeholders.mail.subject': 'Inbjudan till intressentpanelen: {process}',
  'stakeholders.mail.body':
    'Du är inbjuden till intressentpanelen för ”{process}” som: {role}. Öppna länken för att presentera dig och gå med:',
  // Citizens' panels: the default consent text, the invitation letter and the e-mails to members and followers.
  'panels.consent.default':
    '{municipality} sparar dina svar och kontaktuppgifter enbart för att lotta fram panelen och kontakta dig om den. Bara panelens administratörer kan se dem, all åtkomst loggas och de raderas på det datum som satts för panelen efter att den avslutats. Du kan när som helst dra dig ur.',
  'panels.letter.heading': 'Inbjudan till {title}, en medborgarpanel',
  'panels.letter.body':
    'Du har lottats fram ur folkbokföringen och bjuds in till en medborgarpanel. {municipality} sätter samman en grupp på {size} invånare som speglar befolkningen, för att sätta sig in i frågan, lyssna på experter och berörda och lämna sina rekommendationer till beslutsfattarna.',
  'panels.letter.sessions': 'Panelen träffas: {list}. Ledamöterna får ersättning för tid och resor.',
  'panels.letter.chance':
    'En anmälan betyder inte att du ingår i panelen: bland dem som anmäler sig lottas ledamöterna fram på ett rättvist sätt så att panelen liknar befolkningen.',
  'panels.letter.codeLabel': 'Din personliga kod',
  'panels.letter.register': 'Anmäl dig på {url} med din kod, eller skanna QR-koden med mobilen.',
  'panels.letter.replyBy': 'Svara senast {date}.',
  'panels.letter.contact': 'Frågor? Kontakta {who}.',
  'panels.letter.registerShort': 'Anmäl dig på {url}, eller skanna QR-koden med mobilen.',
  'panels.letter.privacy':
    'Du får det här brevet eftersom din adress lottades fram ur registret. Vill du inte delta behöver du inte göra något. {municipality} raderar registret och svaren när panelen är avslutad.',
  'panels.mail.selected.subject': 'Du har lottats fram till {title}',
  'panels.mail.selected.body':
    'Grattis: du har lottats fram till {title}. Bekräfta din plats genom att öppna länken (du loggar in eller skapar ett konto för att nå ledamotssidorna):',
  'panels.notSelected.subject': 'Inte utvald den här gången till {title}',
  'panels.notSelected.heading': 'Tack för att du anmälde dig till {title}',
  'panels.notSelected.body':
    'Tack för att du anmälde dig till {title}. Panelen har nu lottats fram genom en rättvis lottning bland alla som anmälde sig, och du blev inte utvald den här gången. Många fler anmälde sig än det finns platser, så de flesta blev inte utvalda: det säger ingenting om dig.',
  'panels.notSelected.reserve':
    'Du står på reservlistan: om en medlem hoppar av lottas en ersättare fram från reservlistan genom samma rättvisa lottning, så att panelen fortfarande speglar befolkningen. Blir det du kontaktar {municipality} dig.',
  'panels.notSelected.noReserve':
    'Någon i ditt hushåll sitter i panelen, och högst en person per hushåll kan delta, så du står inte på reservlistan.',
  'panels.notSelected.deleteOn': 'Dina svar och kontaktuppgifter raderas den {date}.',
  'panels.notSelected.follow':
    'Du kan följa panelens arbete och läsa dess rekommendationer och svaren på dem här:',
  'panels.mail.report.subject': '{title} har publicerat sina rekommendationer',
  'panels.mail.report.body': '{title} har publicerat sin slutrapport. Läs den här:',
  'panels.mail.answer.subject': 'Beslutsfattaren har svarat {title}',
  'panels.mail.answer.body': 'Det finns ett nytt svar på rekommendationerna från {title}. Läs det här:',
  // Participatory budgeting: news about a project voters supported, and the published results.
  'notify.budget_project_update.subject': 'Nytt om projektet ”{projectTitle}”',
  'notify.budget_project_update.body': 'Projektet ”{projectTitle}”, som du röstade på, har något nytt.',
  'notify.budget_results.subject': 'Resultatet av ”{processTitle}” är klart',
  'notify.budget_results.body': 'Resultatet av budgetomröstningen i ”{processTitle}” har publicerats: se vilka projekt som blir av.',
  'notify.idea_hidden.named': 'En moderator har dolt ditt förslag ”{ideaTitle}”.',
  'notify.comment_hidden.named': 'En moderator har dolt din kommentar till förslaget ”{ideaTitle}”.',
  'notify.recommendation_decided.accepted': 'Beslutsfattaren har godtagit rekommendationen ”{title}”.',
  'notify.recommendation_decided.rejected': 'Beslutsfattaren har avvisat rekommendationen ”{title}”.',
  'notify.proposal_invited.subject': 'Du är inbjuden som medförfattare till ”{proposalTitle}”',
  'notify.proposal_invited.body': 'Du har bjudits in att skriva medborgarförslaget ”{proposalTitle}” tillsammans med förslagsställaren. Öppna det för att tacka ja.',
  'notify.proposal_submitted.subject': 'Ett medborgarförslag nådde tröskeln: ”{proposalTitle}”',
  'notify.proposal_submitted.body': 'Medborgarförslaget ”{proposalTitle}” har tillräckligt många underskrifter och går nu till kommunen. Ge det en status och ett officiellt svar inom svarstiden.',
  'notify.proposal_reached.subject': '”{proposalTitle}” har tillräckligt många underskrifter',
  'notify.proposal_reached.body': 'Medborgarförslaget ”{proposalTitle}” nådde tröskeln och har gått till kommunen, som ska svara på det.',
  'notify.proposal_answered.subject': 'Kommunen har svarat på ”{proposalTitle}”',
  'notify.proposal_answered.body': 'Medborgarförslaget ”{proposalTitle}” har nu statusen ”{status}”.',
  'notify.proposal_milestone.subject': 'Nytt om ”{proposalTitle}”',
  'notify.proposal_milestone.body': 'Medborgarförslaget ”{proposalTitle}”: {milestone} ({progress} klart).',
  'notify.proposal_hidden.subject': 'Ditt medborgarförslag har dolts',
  'notify.proposal_hidden.body': 'En moderator dolde ditt medborgarförslag ”{proposalTitle}”.',
  'notify.proposal_expired.subject': '”{proposalTitle}” fick inte tillräckligt många underskrifter',
  'notify.proposal_expired.body': 'Insamlingen av underskrifter för medborgarförslaget ”{proposalTitle}” har avslutats med {signatures} av de {threshold} underskrifter som behövdes, så förslaget går inte vidare till kommunen.',
  'notify.recommendation_decided.partly': 'Beslutsfattaren har delvis godtagit rekommendationen ”{title}”.',
  'notify.recommendation_revised.subject': 'Rekommendationen ”{title}” har ändrats',
  'notify.recommendation_revised.body': 'Rekommendationen ”{title}” som du stödde har ändrats (version {version}). Gå igenom ändringarna och ge ditt stöd igen om du fortfarande står bakom den.',
  'notify.quote.answer': 'Svaret',
  'notify.quote.reason': 'Skäl',
  'notify.quote.news': 'Nytt',
  // The columns of one's notifications as CSV.
  'notify.csv.date': 'När',
  'notify.csv.text': 'Notis',
  'notify.csv.quote': 'Citat',
  'notify.csv.link': 'Länk',
  'notify.csv.read': 'Läst',
  'notify.csv.yes': 'Ja',
  'notify.csv.no': 'Nej',
  // Panel members and decisions (issue 18, part 4)
  'panels.mail.linkSeat.subject': 'Din plats i {title} är bekräftad',
  'panels.mail.linkSeat.body': 'Kommunen har bekräftat din plats i {title}. Öppna länken för att koppla ditt konto till platsen; sedan kan du delta och rösta i arbetsrummet.',
  // Events with sign-up (issue 19, part 2)
  'notify.event_seat.subject': 'Du har fått en plats på ”{title}”',
  'notify.event_seat.body': 'En plats blev ledig på ”{title}” och den är din: du har flyttats upp från väntelistan. Avanmäl dig om du inte kan komma, så får nästa person platsen.',
  'notify.phase_reminder.subject': 'Säg vad du tycker om ”{processTitle}”',
  'notify.phase_reminder.body': '”{phaseTitle}” i ”{processTitle}” är öppen till {endsOn}, och hittills har få som du deltagit. Din åsikt räknas: det tar några minuter.',
  'mail.eventReminder.subject': 'Påminnelse: ”{title}”',
  'mail.eventReminder.body': 'Du är anmäld till ”{title}”, {time}. Plats: {place}',
  // Stakeholder panels: a recommendation sent to the decision-maker, a meeting scheduled (issue 20)
  'notify.recommendation_sent.subject': 'En rekommendation väntar på ditt svar: ”{title}”',
  'notify.recommendation_sent.body': 'Intressentpanelen har skickat rekommendationen ”{title}” till dig, med stöd av {supporters} av {members} medlemmar. Svara med motivering: godtagen, delvis godtagen eller avvisad.',
  'notify.meeting_scheduled.subject': 'Panelmöte: ”{title}”',
  'notify.meeting_scheduled.body': 'Panelen möts för ”{title}” {time}. Mötessidan har dagordningen och en kalenderfil.',
  'notify.quote.place': 'Plats',
  'notify.process_update.subject': '{subject} – ”{processTitle}”',
  'notify.process_update.body': 'Nytt om ”{processTitle}”: {subject}',
  'notify.quote.message': 'Meddelandet',
  'notify.quote.messageIn': 'Meddelandet (på {language})',
  'update.mail.intro': 'Nytt om ”{processTitle}”, som du har deltagit i eller följer:',
  'update.mail.original': 'Det här meddelandet är skrivet på {language}: det finns inte översatt till ditt språk.',
  'update.mail.link': 'Läs mer om processen: {url}',
  'update.mail.unsubscribe': 'Vill du inte ha fler uppdateringar om ”{processTitle}”? Avsluta här (utan inloggning): {url}',
};
