import type { chartsEn } from './en.ts';

/** Norwegian nynorsk text of the charts on report and results pages. */
export const chartsNn: Record<keyof typeof chartsEn, string> = {
  'charts.bars': 'Stolpediagram: {title}. Tala står i tabellen ved sida av.',
  'charts.weeks': 'Søylediagram per veke: {title}. Tala står i tabellen ved sida av.',
  'charts.participantsPerWeek': 'personar som deltok kvar veke',
  'charts.ideasByStatus': 'Forslag etter status',
  'charts.status': 'Status',
  'charts.ideas': 'Forslag',
};
