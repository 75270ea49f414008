import type { duplicatesEn } from './en.ts';

/** Norwegian nynorsk text of the suggested near-duplicate ideas page. */
export const duplicatesNn: Record<keyof typeof duplicatesEn, string> = {
  'duplicates.title': 'Moglege duplikat',
  'duplicates.intro': 'Forslag i éin prosess som ser ut til å seie det same, òg når dei er skrivne på ulike språk (bokmål, nynorsk, svensk, dansk, engelsk). Slå dei saman: støtter, følgjarar og kommentarar blir flytta til forslaget du held på, og begge forfattarane får melding. Eller sei at dei ikkje er duplikat: då blir paret ikkje føreslått igjen.',
  'duplicates.link': 'Moglege duplikat',
  'duplicates.back': 'Tilbake til modereringskøen',
  'duplicates.process': 'Prosess',
  'duplicates.show': 'Vis forslag',
  'duplicates.choose': 'Vel ein prosess for å sjå moglege duplikat i han.',
  'duplicates.counts': '{ideas, plural, one {# synleg forslag samanlikna} other {# synlege forslag samanlikna}}: {total, plural, =0 {ingen par føreslått} one {# par føreslått} other {# par føreslått}}.',
  'duplicates.limited': 'Dei {shown} mest like para blir viste. Slå dei saman eller sei at dei ikkje er duplikat for å sjå fleire.',
  'duplicates.none': 'Ingen moglege duplikat i denne prosessen.',
  'duplicates.pair': 'Par {number}: likskap {similarity}',
  'duplicates.first': 'Første forslag',
  'duplicates.second': 'Andre forslag',
  'duplicates.ideaCounts': '{supports, plural, one {# støtte} other {# støtter}}, {comments, plural, one {# kommentar} other {# kommentarar}}',
  'duplicates.keepFirst': 'Behald det første, slå det andre saman med det',
  'duplicates.keepSecond': 'Behald det andre, slå det første saman med det',
  'duplicates.dismiss': 'Ikkje eit duplikat',
  'duplicates.merged': 'Forslaga er slått saman. Støtter, følgjarar og kommentarar er flytta til forslaget du heldt på, og begge forfattarane har fått melding.',
  'duplicates.dismissed': 'Notert: dette paret blir ikkje føreslått igjen.',
  'duplicates.mergedHere': 'Forslaget du opna, er slått saman med dette, som seier det same.',
};
