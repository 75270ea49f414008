import type { duplicatesEn } from './en.ts';

/** Danish text of the suggested near-duplicate ideas page. */
export const duplicatesDa: Record<keyof typeof duplicatesEn, string> = {
  'duplicates.title': 'Mulige dubletter',
  'duplicates.intro': 'Forslag i én proces, der ser ud til at sige det samme, også når de er skrevet på forskellige sprog (bokmål, nynorsk, svensk, dansk, engelsk). Læg dem sammen: støtte, følgere og kommentarer flyttes til det forslag, du beholder, og begge forfattere får besked. Eller sig, at de ikke er dubletter: så foreslås parret ikke igen.',
  'duplicates.link': 'Mulige dubletter',
  'duplicates.back': 'Tilbage til modereringskøen',
  'duplicates.process': 'Proces',
  'duplicates.show': 'Vis forslag',
  'duplicates.choose': 'Vælg en proces for at se mulige dubletter i den.',
  'duplicates.counts': '{ideas, plural, one {# synligt forslag sammenlignet} other {# synlige forslag sammenlignet}}: {total, plural, =0 {ingen par foreslået} one {# par foreslået} other {# par foreslået}}.',
  'duplicates.limited': 'De {shown} mest ens par vises. Læg dem sammen eller sig, at de ikke er dubletter, for at se flere.',
  'duplicates.none': 'Ingen mulige dubletter i denne proces.',
  'duplicates.pair': 'Par {number}: lighed {similarity}',
  'duplicates.first': 'Første forslag',
  'duplicates.second': 'Andet forslag',
  'duplicates.ideaCounts': '{supports, plural, one {# støtte} other {# støtter}}, {comments, plural, one {# kommentar} other {# kommentarer}}',
  'duplicates.keepFirst': 'Behold det første, læg det andet sammen med det',
  'duplicates.keepSecond': 'Behold det andet, læg det første sammen med det',
  'duplicates.dismiss': 'Ikke en dublet',
  'duplicates.merged': 'Forslagene er lagt sammen. Støtte, følgere og kommentarer er flyttet til det forslag, du beholdt, og begge forfattere har fået besked.',
  'duplicates.dismissed': 'Noteret: dette par foreslås ikke igen.',
  'duplicates.mergedHere': 'Det forslag, du åbnede, er lagt sammen med dette, som siger det samme.',
};
