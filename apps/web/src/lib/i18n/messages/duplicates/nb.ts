import type { duplicatesEn } from './en.ts';

/** Norwegian bokmål text of the suggested near-duplicate ideas page. */
export const duplicatesNb: Record<keyof typeof duplicatesEn, string> = {
  'duplicates.title': 'Mulige duplikater',
  'duplicates.intro': 'Forslag i én prosess som ser ut til å si det samme, også når de er skrevet på ulike språk (bokmål, nynorsk, svensk, dansk, engelsk). Slå dem sammen: støtter, følgere og kommentarer flyttes til forslaget du beholder, og begge forfatterne får beskjed. Eller si at de ikke er duplikater: da blir paret ikke foreslått igjen.',
  'duplicates.link': 'Mulige duplikater',
  'duplicates.back': 'Tilbake til modereringskøen',
  'duplicates.process': 'Prosess',
  'duplicates.show': 'Vis forslag',
  'duplicates.choose': 'Velg en prosess for å se mulige duplikater i den.',
  'duplicates.counts': '{ideas, plural, one {# synlig forslag sammenlignet} other {# synlige forslag sammenlignet}}: {total, plural, =0 {ingen par foreslått} one {# par foreslått} other {# par foreslått}}.',
  'duplicates.limited': 'De {shown} mest like parene vises. Slå dem sammen eller si at de ikke er duplikater for å se flere.',
  'duplicates.none': 'Ingen mulige duplikater i denne prosessen.',
  'duplicates.pair': 'Par {number}: likhet {similarity}',
  'duplicates.first': 'Første forslag',
  'duplicates.second': 'Andre forslag',
  'duplicates.ideaCounts': '{supports, plural, one {# støtte} other {# støtter}}, {comments, plural, one {# kommentar} other {# kommentarer}}',
  'duplicates.keepFirst': 'Behold det første, slå det andre sammen med det',
  'duplicates.keepSecond': 'Behold det andre, slå det første sammen med det',
  'duplicates.dismiss': 'Ikke et duplikat',
  'duplicates.merged': 'Forslagene er slått sammen. Støtter, følgere og kommentarer er flyttet til forslaget du beholdt, og begge forfatterne har fått beskjed.',
  'duplicates.dismissed': 'Notert: dette paret blir ikke foreslått igjen.',
  'duplicates.mergedHere': 'Forslaget du åpnet, er slått sammen med dette, som sier det samme.',
};
