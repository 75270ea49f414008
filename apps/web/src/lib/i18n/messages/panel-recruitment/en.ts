/**
 * English text of recruitment pages (the source: nb, nn, sv and da have exactly these keys): the short
 * invitation address /p/<code> and the public distribution of the selection probabilities.
 */
export const panelRecruitmentEn = {
  'panels.short.title': 'Your invitation to a citizens’ panel',
  'panels.short.intro': 'Type the code from your letter to go to the registration form.',
  'panels.probabilities.title': 'Chances of being selected',
  'panels.probabilities.intro': 'Everyone who registered had a chance of a seat. The tables show how the chances were spread, without showing anyone: as shares from 0 to 1, the lowest, the quartiles, the median and the highest, and how many people had a chance in each range.',
  'panels.probabilities.summary': 'Chances of selection, overall and per group',
  'panels.probabilities.histogram': 'Number of people by chance of selection',
  'panels.probabilities.group': 'Group',
  'panels.probabilities.everyone': 'Everyone registered',
  'panels.probabilities.people': 'People',
  'panels.probabilities.min': 'Lowest',
  'panels.probabilities.q1': 'Lower quartile',
  'panels.probabilities.median': 'Median',
  'panels.probabilities.q3': 'Upper quartile',
  'panels.probabilities.max': 'Highest',
  'panels.probabilities.bin': '{from} to {to}',
  'panels.probabilities.download': 'Selection probabilities per person (CSV)',
};
