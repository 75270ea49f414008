import type { panelRecruitmentEn } from './en.ts';

export const panelRecruitmentSv: Record<keyof typeof panelRecruitmentEn, string> = {
  'panels.short.title': 'Din inbjudan till en medborgarpanel',
  'panels.short.intro': 'Skriv koden från ditt brev för att komma till anmälningsformuläret.',
  'panels.probabilities.title': 'Chansen att bli utvald',
  'panels.probabilities.intro': 'Alla som anmälde sig hade en chans till en plats. Tabellerna visar hur chanserna fördelade sig, utan att visa någon enskild person: som andelar från 0 till 1, den lägsta, kvartilerna, medianen och den högsta, och hur många som hade en chans i varje intervall.',
  'panels.probabilities.summary': 'Chansen att bli utvald, totalt och per grupp',
  'panels.probabilities.histogram': 'Antal personer efter chansen att bli utvald',
  'panels.probabilities.group': 'Grupp',
  'panels.probabilities.everyone': 'Alla anmälda',
  'panels.probabilities.people': 'Personer',
  'panels.probabilities.min': 'Lägst',
  'panels.probabilities.q1': 'Nedre kvartil',
  'panels.probabilities.median': 'Median',
  'panels.probabilities.q3': 'Övre kvartil',
  'panels.probabilities.max': 'Högst',
  'panels.probabilities.bin': '{from} till {to}',
  'panels.probabilities.download': 'Sannolikhet att bli utvald per person (CSV)',
};
