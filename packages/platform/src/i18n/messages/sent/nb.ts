import type { sentEn } from './en.ts';

/**
 * Norwegian bokmål text of what the platform sends or stores itself: e-mails, notifications, letters and
 * the default consent text.
 */
export const sentNb: Record<keyof typeof sentEn, string> = {
  // E-mails about the account.
  'mail.greeting': 'Hei, {name}!',
  'mail.signature': 'Med vennlig hilsen\n{municipality}',
  'mail.ignore': 'Hvis du ikke har bedt om dette, kan du se bort fra denne e-posten.',
  'mail.verify.subject': 'Bekreft e-postadressen din hos {municipality}',
  'mail.verify.body': 'Bekreft e-postadressen din ved å åpne denne lenken (gyldig i 48 timer):',
  'mail.reset.subject': 'Tilbakestill passordet ditt hos {municipality}',
  'mail.reset.body': 'Velg et nytt passord ved å åpne denne lenken (gyldig i 1 time):',
  'mail.magic.subject': 'Innloggingslenke til {municipality}',
  'mail.magic.body': 'Logg inn ved å åpne denne lenken (gyldig i 15 minutter, virker én gang):',
  // Notifications and the daily digest.
  'notify.status_changed.subject': 'Nytt om «{ideaTitle}»',
  'notify.status_changed.body': 'Forslaget «{ideaTitle}» har nå statusen «{status}».',
  'notify.answered.subject': 'Kommunen har svart på «{ideaTitle}»',
  'notify.answered.body': 'Kommunen har svart på forslaget «{ideaTitle}» og gitt det statusen «{status}».',
  'notify.milestone.subject': 'Framdrift for «{ideaTitle}»',
  'notify.milestone.body': 'Ny framdrift for forslaget «{ideaTitle}»: {milestone} ({progress} ferdig).',
  'notify.idea_hidden.subject': 'Forslaget ditt er skjult',
  'notify.idea_hidden.body': 'En moderator har skjult forslaget ditt.',
  'notify.statement_hidden.subject': 'Utsagnet ditt er skjult',
  'notify.statement_hidden.body': 'En moderator har skjult utsagnet ditt «{statement}» i samtalen.',
  'notify.fact_reviewed.subject': 'Faktumet ditt «{title}» er vurdert',
  'notify.fact_reviewed.approved': 'Fasilitatoren godkjente faktumet ditt «{title}»: det står nå på faktaarket.',
  'notify.fact_reviewed.changes': 'Fasilitatoren ber om endringer i faktumet ditt «{title}» før det kommer på faktaarket.',
  'notify.fact_reviewed.rejected': 'Fasilitatoren avviste faktumet ditt «{title}».',
  'notify.comment_hidden.subject': 'Kommentaren din er skjult',
  'notify.comment_hidden.body': 'En moderator har skjult kommentaren din.',
  'notify.digest.subject': '{count, plural, one {# oppdatering} other {# oppdateringer}} fra {municipality}',
  'notify.footer':
    'Du får disse e-postene fordi du har deltatt. Du kan velge hvor ofte på kontoen din: {url}',
  'notify.recommendation_decided.subject': 'En anbefaling har fått svar',
  'notify.recommendation_decided.body': 'Beslutningstakeren har svart på anbefalingen «{title}».',
  // The invitation to a stakeholder panel.
  'stakeholders.mail.subject': 'Invitasjon til interessentpanelet: {process}',
  'stakeholders.mail.body':
    'Du er invitert til interessentpanelet for «{process}» som: {role}. Åpne lenken for å presentere deg og bli med:',
  // Citizens' panels: the default consent text, the invitation letter and the e-mails to members and followers.
  'panels.consent.default':
    '{municipality} lagrer svarene og kontaktopplysningene dine bare for å trekke panelet og kontakte deg om det. Bare panelets administratorer kan se dem, alt innsyn logges, og de slettes på datoen som er satt for dette panelet etter at det er ferdig. Du kan trekke deg når som helst.',
  'panels.letter.heading': 'Invitasjon til {title}, et innbyggerpanel',
  'panels.letter.body':
    'Du er trukket ut fra folkeregisteret og invitert til et innbyggerpanel. {municipality} setter sammen en gruppe på {size} innbyggere som speiler befolkningen, for å sette seg inn i saken, høre fagfolk og berørte, og gi sine anbefalinger til dem som skal bestemme.',
  'panels.letter.sessions': 'Panelet møtes: {list}. Medlemmene får godtgjøring for tid og reise.',
  'panels.letter.chance':
    'Påmelding betyr ikke at du er med i panelet: blant dem som melder seg på, trekkes medlemmene ved en rettferdig loddtrekning slik at panelet ligner befolkningen.',
  'panels.letter.codeLabel': 'Din personlige kode',
  'panels.letter.register': 'Meld deg på på {url} med koden din, eller skann QR-koden med telefonen.',
  'panels.letter.replyBy': 'Svar innen {date}.',
  'panels.letter.contact': 'Spørsmål? Kontakt {who}.',
  'panels.letter.registerShort': 'Meld deg på på {url}, eller skann QR-koden med telefonen.',
  'panels.letter.privacy':
    'Du får dette brevet fordi adressen din ble trukket ut fra registeret. Vil du ikke være med, trenger du ikke gjøre noe. {municipality} sletter registeret og svarene etter at panelet er ferdig.',
  'panels.mail.selected.subject': 'Du er trukket ut til {title}',
  'panels.mail.selected.body':
    'Gratulerer: du er trukket ut til {title}. Bekreft plassen din ved å åpne denne lenken (du logger inn eller lager en konto for å komme til medlemssidene):',
  'panels.notSelected.subject': 'Ikke trukket ut denne gangen til {title}',
  'panels.notSelected.heading': 'Takk for at du meldte deg på {title}',
  'panels.notSelected.body':
    'Takk for at du meldte deg på {title}. Panelet er nå trukket ved en rettferdig loddtrekning blant alle som meldte seg på, og du ble ikke trukket ut denne gangen. Langt flere meldte seg på enn det er plasser, så de fleste ble ikke trukket: det sier ingenting om deg.',
  'panels.notSelected.reserve':
    'Du står på reservelisten: hvis et medlem trekker seg, trekkes en erstatter fra reservelisten ved den samme rettferdige loddtrekningen, slik at panelet fortsatt ligner befolkningen. Blir det deg, tar {municipality} kontakt.',
  'panels.notSelected.noReserve':
    'Noen i husstanden din er med i panelet, og bare én person per husstand kan være med, så du står ikke på reservelisten.',
  'panels.notSelected.deleteOn': 'Svarene og kontaktopplysningene dine slettes {date}.',
  'panels.notSelected.follow': 'Du kan følge arbeidet i panelet og lese anbefalingene og svarene på dem her:',
  'panels.mail.report.subject': '{title} har publisert anbefalingene sine',
  'panels.mail.report.body': '{title} har publisert sluttrapporten sin. Les den her:',
  'panels.mail.answer.subject': 'Beslutningstakeren har svart {title}',
  'panels.mail.answer.body': 'Det er kommet et nytt svar på anbefalingene fra {title}. Les det her:',
  // Participatory budgeting: news about a project voters supported, and the published results.
  'notify.budget_project_update.subject': 'Nytt om prosjektet «{projectTitle}»',
  'notify.budget_project_update.body': 'Prosjektet «{projectTitle}», som du stemte på, har nytt.',
  'notify.budget_results.subject': 'Resultatet av «{processTitle}» er klart',
  'notify.budget_results.body': 'Resultatet av budsjettavstemningen i «{processTitle}» er publisert: se hvilke prosjekter som blir gjennomført.',
  'notify.idea_hidden.named': 'En moderator har skjult forslaget ditt «{ideaTitle}».',
  'notify.comment_hidden.named': 'En moderator har skjult kommentaren din til forslaget «{ideaTitle}».',
  'notify.recommendation_decided.accepted': 'Beslutningstakeren har godtatt anbefalingen «{title}».',
  'notify.recommendation_decided.rejected': 'Beslutningstakeren har avvist anbefalingen «{title}».',
  'notify.proposal_invited.subject': 'Du er invitert som medforfatter av «{proposalTitle}»',
  'notify.proposal_invited.body': 'Du er invitert til å skrive innbyggerforslaget «{proposalTitle}» sammen med forslagsstilleren. Åpne det for å godta.',
  'notify.proposal_submitted.subject': 'Et innbyggerforslag nådde terskelen: «{proposalTitle}»',
  'notify.proposal_submitted.body': 'Innbyggerforslaget «{proposalTitle}» har nok signaturer og går nå til kommunen. Gi det en status og et offisielt svar innen svarfristen.',
  'notify.proposal_reached.subject': '«{proposalTitle}» har nok signaturer',
  'notify.proposal_reached.body': 'Innbyggerforslaget «{proposalTitle}» nådde terskelen og er sendt til kommunen, som skal svare på det.',
  'notify.proposal_answered.subject': 'Kommunen har svart på «{proposalTitle}»',
  'notify.proposal_answered.body': 'Innbyggerforslaget «{proposalTitle}» har nå statusen «{status}».',
  'notify.proposal_milestone.subject': 'Nytt om «{proposalTitle}»',
  'notify.proposal_milestone.body': 'Innbyggerforslaget «{proposalTitle}»: {milestone} ({progress} ferdig).',
  'notify.proposal_hidden.subject': 'Innbyggerforslaget ditt ble skjult',
  'notify.proposal_hidden.body': 'En moderator skjulte innbyggerforslaget ditt «{proposalTitle}».',
  'notify.proposal_expired.subject': '«{proposalTitle}» fikk ikke nok signaturer',
  'notify.proposal_expired.body': 'Signeringen av innbyggerforslaget «{proposalTitle}» er avsluttet med {signatures} av de {threshold} signaturene som trengtes, så forslaget går ikke til kommunen.',
  'notify.recommendation_decided.partly': 'Beslutningstakeren har delvis godtatt anbefalingen «{title}».',
  'notify.recommendation_revised.subject': 'Anbefalingen «{title}» er endret',
  'notify.recommendation_revised.body': 'Anbefalingen «{title}» som du støttet, er endret (versjon {version}). Se gjennom endringene og gi støtten din på nytt om du fortsatt står bak den.',
  'notify.quote.answer': 'Svaret',
  'notify.quote.reason': 'Begrunnelse',
  'notify.quote.news': 'Nytt',
  // The columns of one's notifications as CSV.
  'notify.csv.date': 'Når',
  'notify.csv.text': 'Varsel',
  'notify.csv.quote': 'Sitert',
  'notify.csv.link': 'Lenke',
  'notify.csv.read': 'Lest',
  'notify.csv.yes': 'Ja',
  'notify.csv.no': 'Nei',
  // Panel members and decisions (issue 18, part 4)
  'panels.mail.linkSeat.subject': 'Plassen din i {title} er bekreftet',
  'panels.mail.linkSeat.body': 'Kommunen har bekreftet plassen din i {title}. Åpne lenken for å knytte kontoen din til plassen; da kan du delta og stemme i arbeidsrommet.',
  // Events with sign-up (issue 19, part 2)
  'notify.event_seat.subject': 'Du har fått plass på «{title}»',
  'notify.event_seat.body': 'En plass ble ledig på «{title}», og den er din: du har rykket opp fra ventelisten. Meld deg av hvis du ikke kan komme, så får nestemann plassen.',
  'notify.phase_reminder.subject': 'Si din mening om «{processTitle}»',
  'notify.phase_reminder.body': '«{phaseTitle}» i «{processTitle}» er åpen til {endsOn}, og så langt har få som deg deltatt. Din mening teller: det tar noen få minutter.',
  'mail.eventReminder.subject': 'Påminnelse: «{title}»',
  'mail.eventReminder.body': 'Du er påmeldt «{title}», {time}. Sted: {place}',
  // Stakeholder panels: a recommendation sent to the decision-maker, a meeting scheduled (issue 20)
  'notify.recommendation_sent.subject': 'En anbefaling venter på svaret ditt: «{title}»',
  'notify.recommendation_sent.body': 'Interessentpanelet har sendt deg anbefalingen «{title}», støttet av {supporters} av {members} medlemmer. Svar med begrunnelse: godtatt, delvis godtatt eller avvist.',
  'notify.meeting_scheduled.subject': 'Panelmøte: «{title}»',
  'notify.meeting_scheduled.body': 'Panelet møtes til «{title}» {time}. Møtesiden har sakslisten og en kalenderfil.',
  'notify.quote.place': 'Sted',
  'notify.process_update.subject': '{subject} – «{processTitle}»',
  'notify.process_update.body': 'Nytt om «{processTitle}»: {subject}',
  'notify.quote.message': 'Meldingen',
  'notify.quote.messageIn': 'Meldingen (på {language})',
  'update.mail.intro': 'Nytt om «{processTitle}», som du har deltatt i eller følger:',
  'update.mail.original': 'Denne meldingen er skrevet på {language}: den finnes ikke oversatt til ditt språk.',
  'update.mail.link': 'Les mer om prosessen: {url}',
  'update.mail.unsubscribe': 'Vil du ikke ha flere oppdateringer om «{processTitle}»? Meld deg av her (uten å logge inn): {url}',
};
