import type { sentEn } from './en.ts';

/**
 * Norwegian nynorsk text of what the platform sends or stores itself: e-mails, notifications, letters and
 * the default consent text.
 */
export const sentNn: Record<keyof typeof sentEn, string> = {
  // E-mails about the account.
  'mail.greeting': 'Hei, {name}!',
  'mail.signature': 'Med venleg helsing\n{municipality}',
  'mail.ignore': 'Dersom du ikkje har bede om dette, kan du sjå bort frå denne e-posten.',
  'mail.verify.subject': 'Stadfest e-postadressa di hos {municipality}',
  'mail.verify.body': 'Stadfest e-postadressa di ved å opne denne lenkja (gyldig i 48 timar):',
  'mail.reset.subject': 'Tilbakestill passordet ditt hos {municipality}',
  'mail.reset.body': 'Vel eit nytt passord ved å opne denne lenkja (gyldig i 1 time):',
  'mail.magic.subject': 'Innloggingslenkje til {municipality}',
  'mail.magic.body': 'Logg inn ved å opne denne lenkja (gyldig i 15 minutt, verkar éin gong):',
  // Notifications and the daily digest.
  'notify.status_changed.subject': 'Nytt om «{ideaTitle}»',
  'notify.status_changed.body': 'Forslaget «{ideaTitle}» har no statusen «{status}».',
  'notify.answered.subject': 'Kommunen har svart på «{ideaTitle}»',
  'notify.answered.body': 'Kommunen har svart på forslaget «{ideaTitle}» og gitt det statusen «{status}».',
  'notify.milestone.subject': 'Framdrift for «{ideaTitle}»',
  'notify.milestone.body': 'Ny framdrift for forslaget «{ideaTitle}»: {milestone} ({progress} ferdig).',
  'notify.idea_hidden.subject': 'Forslaget ditt er gøymt',
  'notify.idea_hidden.body': 'Ein moderator har gøymt forslaget ditt.',
  'notify.statement_hidden.subject': 'Utsegna di er gøymd',
  'notify.statement_hidden.body': 'Ein moderator har gøymt utsegna di «{statement}» i samtalen.',
  'notify.fact_reviewed.subject': 'Faktumet ditt «{title}» er vurdert',
  'notify.fact_reviewed.approved': 'Fasilitatoren godkjende faktumet ditt «{title}»: det står no på faktaarket.',
  'notify.fact_reviewed.changes': 'Fasilitatoren ber om endringar i faktumet ditt «{title}» før det kjem på faktaarket.',
  'notify.fact_reviewed.rejected': 'Fasilitatoren avviste faktumet ditt «{title}».',
  'notify.comment_hidden.subject': 'Kommentaren din er gøymd',
  'notify.comment_hidden.body': 'Ein moderator har gøymt kommentaren din.',
  'notify.digest.subject': '{count, plural, one {# oppdatering} other {# oppdateringar}} frå {municipality}',
  'notify.footer':
    'Du får desse e-postane fordi du har vore med. Du kan velje kor ofte på kontoen din: {url}',
  'notify.recommendation_decided.subject': 'Ei tilråding har fått svar',
  'notify.recommendation_decided.body': 'Avgjerdstakaren har svara på tilrådinga «{title}».',
  // The invitation to a stakeholder panel.
  'stakeholders.mail.subject': 'Invitasjon til interessentpanelet: {process}',
  'stakeholders.mail.body':
    'Du er invitert til interessentpanelet for «{process}» som: {role}. Opne lenkja for å presentere deg og bli med:',
  // Citizens' panels: the default consent text, the invitation letter and the e-mails to members and followers.
  'panels.consent.default':
    '{municipality} lagrar svara og kontaktopplysingane dine berre for å trekkje panelet og kontakte deg om det. Berre administratorane for panelet kan sjå dei, alt innsyn blir logga, og dei blir sletta på datoen som er sett for dette panelet etter at det er ferdig. Du kan trekkje deg når som helst.',
  'panels.letter.heading': 'Invitasjon til {title}, eit innbyggjarpanel',
  'panels.letter.body':
    'Du er trekt ut frå folkeregisteret og invitert til eit innbyggjarpanel. {municipality} set saman ei gruppe på {size} innbyggjarar som speglar folkesetnaden, for å setje seg inn i saka, høyre fagfolk og dei det gjeld, og gje tilrådingane sine til dei som skal avgjere.',
  'panels.letter.sessions': 'Panelet møtest: {list}. Medlemmene får godtgjersle for tid og reise.',
  'panels.letter.chance':
    'Påmelding tyder ikkje at du er med i panelet: blant dei som melder seg på, blir medlemmene trekte ved ei rettferdig loddtrekning slik at panelet liknar folkesetnaden.',
  'panels.letter.codeLabel': 'Den personlege koden din',
  'panels.letter.register': 'Meld deg på på {url} med koden din, eller skann QR-koden med telefonen.',
  'panels.letter.replyBy': 'Svar innan {date}.',
  'panels.letter.contact': 'Spørsmål? Kontakt {who}.',
  'panels.letter.registerShort': 'Meld deg på på {url}, eller skann QR-koden med telefonen.',
  'panels.letter.privacy':
    'Du får dette brevet fordi adressa di vart trekt ut frå registeret. Vil du ikkje vere med, treng du ikkje gjere noko. {municipality} slettar registeret og svara etter at panelet er ferdig.',
  'panels.mail.selected.subject': 'Du er trekt ut til {title}',
  'panels.mail.selected.body':
    'Gratulerer: du er trekt ut til {title}. Stadfest plassen din ved å opne denne lenkja (du loggar inn eller lagar ein konto for å kome til medlemssidene):',
  'panels.notSelected.subject': 'Ikkje trekt ut denne gongen til {title}',
  'panels.notSelected.heading': 'Takk for at du melde deg på {title}',
  'panels.notSelected.body':
    'Takk for at du melde deg på {title}. Panelet er no trekt ved ei rettferdig loddtrekning blant alle som melde seg på, og du vart ikkje trekt ut denne gongen. Langt fleire melde seg på enn det er plassar, så dei fleste vart ikkje trekte: det seier ingenting om deg.',
  'panels.notSelected.reserve':
    'Du står på reservelista: om eit medlem trekkjer seg, vert ein erstattar trekt frå reservelista ved den same rettferdige loddtrekninga, slik at panelet framleis liknar folket. Vert det deg, tek {municipality} kontakt.',
  'panels.notSelected.noReserve':
    'Nokon i hushaldet ditt er med i panelet, og berre éin person per hushald kan vere med, så du står ikkje på reservelista.',
  'panels.notSelected.deleteOn': 'Svara og kontaktopplysingane dine vert sletta {date}.',
  'panels.notSelected.follow': 'Du kan følgje arbeidet i panelet og lese tilrådingane og svara på dei her:',
  'panels.mail.report.subject': '{title} har publisert tilrådingane sine',
  'panels.mail.report.body': '{title} har publisert sluttrapporten sin. Les han her:',
  'panels.mail.answer.subject': 'Avgjerdstakaren har svart {title}',
  'panels.mail.answer.body': 'Det har kome eit nytt svar på tilrådingane frå {title}. Les det her:',
  // Participatory budgeting: news about a project voters supported, and the published results.
  'notify.budget_project_update.subject': 'Nytt om prosjektet «{projectTitle}»',
  'notify.budget_project_update.body': 'Prosjektet «{projectTitle}», som du røysta på, har nytt.',
  'notify.budget_results.subject': 'Resultatet av «{processTitle}» er klart',
  'notify.budget_results.body': 'Resultatet av budsjettavrøystinga i «{processTitle}» er publisert: sjå kva prosjekt som blir gjennomførte.',
  'notify.idea_hidden.named': 'Ein moderator har gøymt forslaget ditt «{ideaTitle}».',
  'notify.comment_hidden.named': 'Ein moderator har gøymt kommentaren din til forslaget «{ideaTitle}».',
  'notify.recommendation_decided.accepted': 'Avgjerdstakaren har godteke tilrådinga «{title}».',
  'notify.recommendation_decided.rejected': 'Avgjerdstakaren har avvist tilrådinga «{title}».',
  'notify.proposal_invited.subject': 'Du er invitert som medforfattar av «{proposalTitle}»',
  'notify.proposal_invited.body': 'Du er invitert til å skrive innbyggjarforslaget «{proposalTitle}» saman med forslagsstillaren. Opne det for å godta.',
  'notify.proposal_submitted.subject': 'Eit innbyggjarforslag nådde terskelen: «{proposalTitle}»',
  'notify.proposal_submitted.body': 'Innbyggjarforslaget «{proposalTitle}» har nok signaturar og går no til kommunen. Gje det ein status og eit offisielt svar innan svarfristen.',
  'notify.proposal_reached.subject': '«{proposalTitle}» har nok signaturar',
  'notify.proposal_reached.body': 'Innbyggjarforslaget «{proposalTitle}» nådde terskelen og er sendt til kommunen, som skal svare på det.',
  'notify.proposal_answered.subject': 'Kommunen har svart på «{proposalTitle}»',
  'notify.proposal_answered.body': 'Innbyggjarforslaget «{proposalTitle}» har no statusen «{status}».',
  'notify.proposal_milestone.subject': 'Nytt om «{proposalTitle}»',
  'notify.proposal_milestone.body': 'Innbyggjarforslaget «{proposalTitle}»: {milestone} ({progress} ferdig).',
  'notify.proposal_hidden.subject': 'Innbyggjarforslaget ditt vart skjult',
  'notify.proposal_hidden.body': 'Ein moderator skjulte innbyggjarforslaget ditt «{proposalTitle}».',
  'notify.proposal_expired.subject': '«{proposalTitle}» fekk ikkje nok signaturar',
  'notify.proposal_expired.body': 'Signeringa av innbyggjarforslaget «{proposalTitle}» er avslutta med {signatures} av dei {threshold} signaturane som trongst, så forslaget går ikkje til kommunen.',
  'notify.recommendation_decided.partly': 'Avgjerdstakaren har delvis godteke tilrådinga «{title}».',
  'notify.recommendation_revised.subject': 'Tilrådinga «{title}» er endra',
  'notify.recommendation_revised.body': 'Tilrådinga «{title}» som du støtta, er endra (versjon {version}). Sjå gjennom endringane og gje støtta di på nytt om du framleis står bak ho.',
  'notify.quote.answer': 'Svaret',
  'notify.quote.reason': 'Grunngiving',
  'notify.quote.news': 'Nytt',
  // The columns of one's notifications as CSV.
  'notify.csv.date': 'Når',
  'notify.csv.text': 'Varsel',
  'notify.csv.quote': 'Sitert',
  'notify.csv.link': 'Lenkje',
  'notify.csv.read': 'Lesen',
  'notify.csv.yes': 'Ja',
  'notify.csv.no': 'Nei',
  // Panel members and decisions (issue 18, part 4)
  'panels.mail.linkSeat.subject': 'Plassen din i {title} er stadfesta',
  'panels.mail.linkSeat.body': 'Kommunen har stadfesta plassen din i {title}. Opne lenkja for å knyte kontoen din til plassen; då kan du vere med og røyste i arbeidsrommet.',
  // Events with sign-up (issue 19, part 2)
  'notify.event_seat.subject': 'Du har fått plass på «{title}»',
  'notify.event_seat.body': 'Ein plass vart ledig på «{title}», og han er din: du har rykt opp frå ventelista. Meld deg av om du ikkje kan kome, så får nestemann plassen.',
  'notify.phase_reminder.subject': 'Sei meininga di om «{processTitle}»',
  'notify.phase_reminder.body': '«{phaseTitle}» i «{processTitle}» er open til {endsOn}, og så langt har få som deg delteke. Meininga di tel: det tek nokre få minutt.',
  'mail.eventReminder.subject': 'Påminning: «{title}»',
  'mail.eventReminder.body': 'Du er påmeld «{title}», {time}. Stad: {place}',
  // Stakeholder panels: a recommendation sent to the decision-maker, a meeting scheduled (issue 20)
  'notify.recommendation_sent.subject': 'Ei tilråding ventar på svaret ditt: «{title}»',
  'notify.recommendation_sent.body': 'Interessentpanelet har sendt deg tilrådinga «{title}», støtta av {supporters} av {members} medlemmer. Svar med grunngjeving: godteke, delvis godteke eller avvist.',
  'notify.meeting_scheduled.subject': 'Panelmøte: «{title}»',
  'notify.meeting_scheduled.body': 'Panelet møtest til «{title}» {time}. Møtesida har sakslista og ei kalenderfil.',
  'notify.quote.place': 'Stad',
  'notify.process_update.subject': '{subject} – «{processTitle}»',
  'notify.process_update.body': 'Nytt om «{processTitle}»: {subject}',
  'notify.quote.message': 'Meldinga',
  'notify.quote.messageIn': 'Meldinga (på {language})',
  'update.mail.intro': 'Nytt om «{processTitle}», som du har delteke i eller følgjer:',
  'update.mail.original': 'Denne meldinga er skriven på {language}: ho finst ikkje omsett til språket ditt.',
  'update.mail.link': 'Les meir om prosessen: {url}',
  'update.mail.unsubscribe': 'Vil du ikkje ha fleire oppdateringar om «{processTitle}»? Meld deg av her (utan å logge inn): {url}',
};
