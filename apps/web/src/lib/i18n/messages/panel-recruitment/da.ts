import type { panelRecruitmentEn } from './en.ts';

export const panelRecruitmentDa: Record<keyof typeof panelRecruitmentEn, string> = {
  'panels.short.title': 'Din invitation til et borgerpanel',
  'panels.short.intro': 'Skriv koden fra dit brev for at komme til tilmeldingsformularen.',
  'panels.probabilities.title': 'Chancen for at blive udtrukket',
  'panels.probabilities.intro': 'Alle, der tilmeldte sig, havde en chance for en plads. Tabellerne viser, hvordan chancerne fordelte sig, uden at vise nogen enkeltperson: som andele fra 0 til 1, den laveste, kvartilerne, medianen og den højeste, og hvor mange der havde en chance i hvert interval.',
  'panels.probabilities.summary': 'Chancen for at blive udtrukket, samlet og pr. gruppe',
  'panels.probabilities.histogram': 'Antal personer efter chancen for at blive udtrukket',
  'panels.probabilities.group': 'Gruppe',
  'panels.probabilities.everyone': 'Alle tilmeldte',
  'panels.probabilities.people': 'Personer',
  'panels.probabilities.min': 'Lavest',
  'panels.probabilities.q1': 'Nedre kvartil',
  'panels.probabilities.median': 'Median',
  'panels.probabilities.q3': 'Øvre kvartil',
  'panels.probabilities.max': 'Højest',
  'panels.probabilities.bin': '{from} til {to}',
  'panels.probabilities.download': 'Sandsynlighed for udtrækning pr. person (CSV)',
};
