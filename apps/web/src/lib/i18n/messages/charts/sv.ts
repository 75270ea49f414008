import type { chartsEn } from './en.ts';

/** Swedish text of the charts on report and results pages. */
export const chartsSv: Record<keyof typeof chartsEn, string> = {
  'charts.bars': 'Stapeldiagram: {title}. Siffrorna står i tabellen bredvid.',
  'charts.weeks': 'Stapeldiagram per vecka: {title}. Siffrorna står i tabellen bredvid.',
  'charts.participantsPerWeek': 'personer som deltog varje vecka',
  'charts.ideasByStatus': 'Förslag efter status',
  'charts.status': 'Status',
  'charts.ideas': 'Förslag',
};
