import type { sentEn } from './en.ts';

/**
 * Danish text of what the platform sends or stores itself: e-mails, notifications, letters and the default
 * consent text.
 */
export const sentDa: Record<keyof typeof sentEn, string> = {
  // E-mails about the account.
  'mail.greeting': 'Hej {name}',
  'mail.signature': 'Venlig hilsen\n{municipality}',
  'mail.ignore': 'Hvis du ikke har bedt om dette, kan du se bort fra denne e-mail.',
  'mail.verify.subject': 'Bekræft din e-mailadresse hos {municipality}',
  'mail.verify.body': 'Bekræft din e-mailadresse ved at åbne dette link (gyldigt i 48 timer):',
  'mail.reset.subject': 'Nulstil din adgangskode hos {municipality}',
  'mail.reset.body': 'Vælg en ny adgangskode ved at åbne dette link (gyldigt i 1 time):',
  'mail.magic.subject': 'Dit login-link til {municipality}',
  'mail.magic.body': 'Log ind ved at åbne dette link (gyldigt i 15 minutter, virker én gang):',
  // Notifications and the daily digest.
  'notify.status_changed.subject': 'Nyt om »{ideaTitle}«',
  'notify.status_changed.body': 'Forslaget »{ideaTitle}« har nu status »{status}«.',
  'notify.answered.subject': 'Kommunen har svaret på »{ideaTitle}«',
  'notify.answered.body': 'Kommunen har svaret på forslaget »{ideaTitle}« og givet det status »{status}«.',
  'notify.milestone.subject': 'Fremdrift for »{ideaTitle}«',
  'notify.milestone.body': 'Ny fremdrift for forslaget »{ideaTitle}«: {milestone} ({progress} færdig).',
  'notify.idea_hidden.subject': 'Dit forslag er skjult',
  'notify.idea_hidden.body': 'En moderator har skjult dit forslag.',
  'notify.statement_hidden.subject': 'Dit udsagn er skjult',
  'notify.statement_hidden.body': 'En moderator har skjult dit udsagn »{statement}« i samtalen.',
  'notify.fact_reviewed.subject': 'Dit faktum »{title}« er vurderet',
  'notify.fact_reviewed.approved': 'Facilitatoren godkendte dit faktum »{title}«: det står nu på faktaarket.',
  'notify.fact_reviewed.changes': 'Facilitatoren beder om ændringer i dit faktum »{title}«, før det kommer på faktaarket.',
  'notify.fact_reviewed.rejected': 'Facilitatoren afviste dit faktum »{title}«.',
  'notify.comment_hidden.subject': 'Din kommentar er skjult',
  'notify.comment_hidden.body': 'En moderator har skjult din kommentar.',
  'notify.digest.subject': '{count, plural, one {# opdatering} other {# opdateringer}} fra {municipality}',
  'notify.footer': 'Du får disse e-mails fordi du har deltaget. Vælg hvor ofte på din konto: {url}',
  'notify.recommendation_decided.subject': 'En anbefaling er blevet besvaret',
  'notify.recommendation_decided.body': 'Beslutningstageren har besvaret anbefalingen »{title}«.',
  // The invitation to a stakeholder panel.
  'stakeholders.mail.subject': 'Invitation til interessentpanelet: {process}',
  'stakeholders.mail.body':
    'Du er inviteret til interessentpanelet for »{process}« som: {role}. Åbn linket for at præsentere dig og deltage:',
  // Citizens' panels: the default consent text, the invitation letter and the e-mails to members and followers.
  'panels.consent.default':
    '{municipality} gemmer dine svar og kontaktoplysninger alene for at udtrække panelet og kontakte dig om det. Kun panelets administratorer kan se dem, al adgang logges, og de slettes på den dato, der er fastsat for panelet, når det er afsluttet. Du kan til enhver tid trække dig.',
  'panels.letter.heading': 'Invitation til {title}, et borgerpanel',
  'panels.letter.body':
    'Du er udtrukket ved lodtrækning fra CPR-registret og inviteres til et borgerpanel. {municipality} sammensætter en gruppe på {size} borgere, der afspejler befolkningen, for at sætte sig ind i sagen, høre eksperter og berørte og give deres anbefalinger til beslutningstagerne.',
  'panels.letter.sessions': 'Panelet mødes: {list}. Medlemmerne får godtgørelse for tid og transport.',
  'panels.letter.chance':
    'En tilmelding betyder ikke, at du er med i panelet: blandt dem, der tilmelder sig, udtrækkes medlemmerne ved en retfærdig lodtrækning, så panelet ligner befolkningen.',
  'panels.letter.codeLabel': 'Din personlige kode',
  'panels.letter.register': 'Tilmeld dig på {url} med din kode, eller scan QR-koden med din telefon.',
  'panels.letter.replyBy': 'Svar senest {date}.',
  'panels.letter.contact': 'Spørgsmål? Kontakt {who}.',
  'panels.letter.registerShort': 'Tilmeld dig på {url}, eller scan QR-koden med din telefon.',
  'panels.letter.privacy':
    'Du får dette brev, fordi din adresse blev udtrukket fra registret. Vil du ikke deltage, skal du ikke gøre noget. {municipality} sletter registret og svarene, når panelet er afsluttet.',
  'panels.mail.selected.subject': 'Du er udtrukket til {title}',
  'panels.mail.selected.body':
    'Tillykke: du er udtrukket til {title}. Bekræft din plads ved at åbne linket (du logger ind eller opretter en konto for at komme til medlemssiderne):',
  'panels.notSelected.subject': 'Ikke udtrukket denne gang til {title}',
  'panels.notSelected.heading': 'Tak fordi du meldte dig til {title}',
  'panels.notSelected.body':
    'Tak fordi du meldte dig til {title}. Panelet er nu udtrukket ved en retfærdig lodtrækning blandt alle, der meldte sig, og du blev ikke udtrukket denne gang. Langt flere meldte sig, end der er pladser, så de fleste blev ikke udtrukket: det siger intet om dig.',
  'panels.notSelected.reserve':
    'Du står på reservelisten: hvis et medlem springer fra, udtrækkes en afløser fra reservelisten ved den samme retfærdige lodtrækning, så panelet stadig ligner befolkningen. Bliver det dig, kontakter {municipality} dig.',
  'panels.notSelected.noReserve':
    'En i din husstand sidder i panelet, og højst én person pr. husstand kan deltage, så du står ikke på reservelisten.',
  'panels.notSelected.deleteOn': 'Dine svar og kontaktoplysninger slettes den {date}.',
  'panels.notSelected.follow': 'Du kan følge panelets arbejde og læse dets anbefalinger og svarene på dem her:',
  'panels.mail.report.subject': '{title} har offentliggjort sine anbefalinger',
  'panels.mail.report.body': '{title} har offentliggjort sin slutrapport. Læs den her:',
  'panels.mail.answer.subject': 'Beslutningstageren har svaret {title}',
  'panels.mail.answer.body': 'Der er kommet et nyt svar på anbefalingerne fra {title}. Læs det her:',
  // Participatory budgeting: news about a project voters supported, and the published results.
  'notify.budget_project_update.subject': 'Nyt om projektet »{projectTitle}«',
  'notify.budget_project_update.body': 'Projektet »{projectTitle}«, som du stemte på, har nyt.',
  'notify.budget_results.subject': 'Resultatet af »{processTitle}« er klar',
  'notify.budget_results.body': 'Resultatet af budgetafstemningen i »{processTitle}« er offentliggjort: se, hvilke projekter der bliver gennemført.',
  'notify.idea_merged.subject': 'Forslag lagt sammen',
  'notify.idea_merged.body': 'En moderator har lagt forslaget »{ideaTitle}« sammen med »{keptTitle}«, som siger det samme. Støtte, følgere og kommentarer hører nu til »{keptTitle}«.',
  'notify.idea_hidden.named': 'En moderator har skjult dit forslag »{ideaTitle}«.',
  'notify.comment_hidden.named': 'En moderator har skjult din kommentar til forslaget »{ideaTitle}«.',
  'notify.recommendation_decided.accepted': 'Beslutningstageren har godkendt anbefalingen »{title}«.',
  'notify.recommendation_decided.rejected': 'Beslutningstageren har afvist anbefalingen »{title}«.',
  'notify.proposal_invited.subject': 'Du er inviteret som medforfatter til »{proposalTitle}«',
  'notify.proposal_invited.body': 'Du er inviteret til at skrive borgerforslaget »{proposalTitle}« sammen med forslagsstilleren. Åbn det for at sige ja.',
  'notify.proposal_submitted.subject': 'Et borgerforslag nåede tærsklen: »{proposalTitle}«',
  'notify.proposal_submitted.body': 'Borgerforslaget »{proposalTitle}« har nok underskrifter og går nu til kommunen. Giv det en status og et officielt svar inden for svarfristen.',
  'notify.proposal_reached.subject': '»{proposalTitle}« har nok underskrifter',
  'notify.proposal_reached.body': 'Borgerforslaget »{proposalTitle}« nåede tærsklen og er sendt til kommunen, som skal svare på det.',
  'notify.proposal_answered.subject': 'Kommunen har svaret på »{proposalTitle}«',
  'notify.proposal_answered.body': 'Borgerforslaget »{proposalTitle}« har nu status »{status}«.',
  'notify.proposal_milestone.subject': 'Nyt om »{proposalTitle}«',
  'notify.proposal_milestone.body': 'Borgerforslaget »{proposalTitle}«: {milestone} ({progress} færdigt).',
  'notify.proposal_hidden.subject': 'Dit borgerforslag er skjult',
  'notify.proposal_hidden.body': 'En moderator skjulte dit borgerforslag »{proposalTitle}«.',
  'notify.proposal_expired.subject': '»{proposalTitle}« fik ikke nok underskrifter',
  'notify.proposal_expired.body': 'Indsamlingen af underskrifter til borgerforslaget »{proposalTitle}« er afsluttet med {signatures} af de {threshold} underskrifter, der skulle til, så forslaget går ikke videre til kommunen.',
  'notify.recommendation_decided.partly': 'Beslutningstageren har delvist accepteret anbefalingen »{title}«.',
  'notify.recommendation_revised.subject': 'Anbefalingen »{title}« er ændret',
  'notify.recommendation_revised.body': 'Anbefalingen »{title}«, som du støttede, er ændret (version {version}). Se ændringerne igennem, og giv din støtte igen, hvis du stadig står bag den.',
  'notify.quote.answer': 'Svaret',
  'notify.quote.reason': 'Begrundelse',
  'notify.quote.news': 'Nyt',
  // The columns of one's notifications as CSV.
  'notify.csv.date': 'Hvornår',
  'notify.csv.text': 'Notifikation',
  'notify.csv.quote': 'Citeret',
  'notify.csv.link': 'Link',
  'notify.csv.read': 'Læst',
  'notify.csv.yes': 'Ja',
  'notify.csv.no': 'Nej',
  // Panel members and decisions (issue 18, part 4)
  'panels.mail.linkSeat.subject': 'Din plads i {title} er bekræftet',
  'panels.mail.linkSeat.body': 'Kommunen har bekræftet din plads i {title}. Åbn linket for at knytte din konto til pladsen; så kan du deltage og stemme i arbejdsrummet.',
  // Events with sign-up (issue 19, part 2)
  'notify.event_seat.subject': 'Du har fået en plads til »{title}«',
  'notify.event_seat.body': 'En plads blev ledig til »{title}«, og den er din: du er rykket op fra ventelisten. Meld fra, hvis du ikke kan komme, så den næste får pladsen.',
  'notify.phase_reminder.subject': 'Sig din mening om »{processTitle}«',
  'notify.phase_reminder.body': '»{phaseTitle}« i »{processTitle}« er åben til {endsOn}, og indtil nu har få som dig deltaget. Din mening tæller: det tager et par minutter.',
  'mail.eventReminder.subject': 'Påmindelse: »{title}«',
  'mail.eventReminder.body': 'Du er tilmeldt »{title}«, {time}. Sted: {place}',
  // Stakeholder panels: a recommendation sent to the decision-maker, a meeting scheduled (issue 20)
  'notify.recommendation_sent.subject': 'En anbefaling venter på dit svar: »{title}«',
  'notify.recommendation_sent.body': 'Interessentpanelet har sendt dig anbefalingen »{title}«, støttet af {supporters} af {members} medlemmer. Svar med begrundelse: godkendt, delvist godkendt eller afvist.',
  'notify.meeting_scheduled.subject': 'Panelmøde: »{title}«',
  'notify.meeting_scheduled.body': 'Panelet mødes til »{title}« {time}. Mødesiden har dagsordenen og en kalenderfil.',
  'notify.quote.place': 'Sted',
};
