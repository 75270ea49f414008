import type { chartsEn } from './en.ts';

/** Danish text of the charts on report and results pages. */
export const chartsDa: Record<keyof typeof chartsEn, string> = {
  'charts.bars': 'Søjlediagram: {title}. Tallene står i tabellen ved siden af.',
  'charts.weeks': 'Søjlediagram pr. uge: {title}. Tallene står i tabellen ved siden af.',
  'charts.participantsPerWeek': 'personer, der deltog hver uge',
  'charts.ideasByStatus': 'Forslag efter status',
  'charts.status': 'Status',
  'charts.ideas': 'Forslag',
};
