import type { chartsEn } from './en.ts';

/** Norwegian bokmål text of the charts on report and results pages. */
export const chartsNb: Record<keyof typeof chartsEn, string> = {
  'charts.bars': 'Stolpediagram: {title}. Tallene står i tabellen ved siden av.',
  'charts.weeks': 'Søylediagram per uke: {title}. Tallene står i tabellen ved siden av.',
  'charts.participantsPerWeek': 'personer som deltok hver uke',
  'charts.ideasByStatus': 'Forslag etter status',
  'charts.status': 'Status',
  'charts.ideas': 'Forslag',
};
