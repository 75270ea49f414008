/** English text of the charts on report and results pages (the source: nb, nn, sv and da have exactly these keys). */
export const chartsEn = {
  'charts.bars': 'Bar chart: {title}. The figures are in the table with it.',
  'charts.weeks': 'Column chart by week: {title}. The figures are in the table with it.',
  'charts.participantsPerWeek': 'people taking part each week',
  'charts.ideasByStatus': 'Ideas by status',
  'charts.status': 'Status',
  'charts.ideas': 'Ideas',
};
