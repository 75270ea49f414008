import type { duplicatesEn } from './en.ts';

/** Swedish text of the suggested near-duplicate ideas page. */
export const duplicatesSv: Record<keyof typeof duplicatesEn, string> = {
  'duplicates.title': 'Möjliga dubbletter',
  'duplicates.intro': 'Förslag i en process som verkar säga samma sak, även när de är skrivna på olika språk (bokmål, nynorska, svenska, danska, engelska). Slå ihop dem: stöd, följare och kommentarer flyttas till förslaget du behåller, och båda författarna meddelas. Eller säg att de inte är dubbletter: då föreslås paret inte igen.',
  'duplicates.link': 'Möjliga dubbletter',
  'duplicates.back': 'Tillbaka till modereringskön',
  'duplicates.process': 'Process',
  'duplicates.show': 'Visa förslag',
  'duplicates.choose': 'Välj en process för att se möjliga dubbletter i den.',
  'duplicates.counts': '{ideas, plural, one {# synligt förslag jämfört} other {# synliga förslag jämförda}}: {total, plural, =0 {inga par föreslagna} one {# par föreslaget} other {# par föreslagna}}.',
  'duplicates.limited': 'De {shown} mest lika paren visas. Slå ihop dem eller säg att de inte är dubbletter för att se fler.',
  'duplicates.none': 'Inga möjliga dubbletter i den här processen.',
  'duplicates.pair': 'Par {number}: likhet {similarity}',
  'duplicates.first': 'Första förslaget',
  'duplicates.second': 'Andra förslaget',
  'duplicates.ideaCounts': '{supports, plural, one {# stöd} other {# stöd}}, {comments, plural, one {# kommentar} other {# kommentarer}}',
  'duplicates.keepFirst': 'Behåll det första, slå ihop det andra med det',
  'duplicates.keepSecond': 'Behåll det andra, slå ihop det första med det',
  'duplicates.dismiss': 'Inte en dubblett',
  'duplicates.merged': 'Förslagen är sammanslagna. Stöd, följare och kommentarer har flyttats till förslaget du behöll, och båda författarna har meddelats.',
  'duplicates.dismissed': 'Noterat: det här paret föreslås inte igen.',
  'duplicates.mergedHere': 'Förslaget du öppnade har slagits ihop med det här, som säger samma sak.',
};
