import type { panelRecruitmentEn } from './en.ts';

export const panelRecruitmentNb: Record<keyof typeof panelRecruitmentEn, string> = {
  'panels.short.title': 'Din invitasjon til et innbyggerpanel',
  'panels.short.intro': 'Skriv inn koden fra brevet ditt for å komme til påmeldingsskjemaet.',
  'panels.probabilities.title': 'Sjansen for å bli trukket ut',
  'panels.probabilities.intro': 'Alle som meldte seg, hadde en sjanse til en plass. Tabellene viser hvordan sjansene fordelte seg, uten å vise noen enkeltperson: som andeler fra 0 til 1, den laveste, kvartilene, medianen og den høyeste, og hvor mange som hadde en sjanse i hvert intervall.',
  'panels.probabilities.summary': 'Sjansen for å bli trukket ut, samlet og per gruppe',
  'panels.probabilities.histogram': 'Antall personer etter sjansen for å bli trukket ut',
  'panels.probabilities.group': 'Gruppe',
  'panels.probabilities.everyone': 'Alle påmeldte',
  'panels.probabilities.people': 'Personer',
  'panels.probabilities.min': 'Lavest',
  'panels.probabilities.q1': 'Nedre kvartil',
  'panels.probabilities.median': 'Median',
  'panels.probabilities.q3': 'Øvre kvartil',
  'panels.probabilities.max': 'Høyest',
  'panels.probabilities.bin': '{from} til {to}',
  'panels.probabilities.download': 'Sannsynlighet for uttrekk per person (CSV)',
};
