import type { panelRecruitmentEn } from './en.ts';

export const panelRecruitmentNn: Record<keyof typeof panelRecruitmentEn, string> = {
  'panels.short.title': 'Invitasjonen din til eit innbyggjarpanel',
  'panels.short.intro': 'Skriv inn koden frå brevet ditt for å kome til påmeldingsskjemaet.',
  'panels.probabilities.title': 'Sjansen for å bli trekt ut',
  'panels.probabilities.intro': 'Alle som melde seg, hadde ein sjanse til ein plass. Tabellane viser korleis sjansane fordelte seg, utan å vise nokon enkeltperson: som delar frå 0 til 1, den lågaste, kvartilane, medianen og den høgaste, og kor mange som hadde ein sjanse i kvart intervall.',
  'panels.probabilities.summary': 'Sjansen for å bli trekt ut, samla og per gruppe',
  'panels.probabilities.histogram': 'Tal på personar etter sjansen for å bli trekt ut',
  'panels.probabilities.group': 'Gruppe',
  'panels.probabilities.everyone': 'Alle påmelde',
  'panels.probabilities.people': 'Personar',
  'panels.probabilities.min': 'Lågast',
  'panels.probabilities.q1': 'Nedre kvartil',
  'panels.probabilities.median': 'Median',
  'panels.probabilities.q3': 'Øvre kvartil',
  'panels.probabilities.max': 'Høgast',
  'panels.probabilities.bin': '{from} til {to}',
  'panels.probabilities.download': 'Sannsyn for uttrekk per person (CSV)',
};
