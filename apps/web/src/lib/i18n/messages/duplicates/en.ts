/**
 * English text of the suggested near-duplicate ideas page (the source: nb, nn, sv and da have exactly these keys).
 */
export const duplicatesEn = {
  'duplicates.title': 'Suggested duplicates',
  'duplicates.intro': 'Ideas in one process that seem to say the same thing, also when they are written in different languages (bokmål, nynorsk, Swedish, Danish, English). Merge one into the other: its supports, followers and comments move to the idea you keep, and both authors are told. Or say they are not duplicates: that pair is not suggested again.',
  'duplicates.link': 'Suggested duplicates',
  'duplicates.back': 'Back to the moderation queue',
  'duplicates.process': 'Process',
  'duplicates.show': 'Show suggestions',
  'duplicates.choose': 'Choose a process to see its suggested duplicates.',
  'duplicates.counts': '{ideas, plural, one {# visible idea compared} other {# visible ideas compared}}: {total, plural, =0 {no pairs suggested} one {# pair suggested} other {# pairs suggested}}.',
  'duplicates.limited': 'The {shown} most alike pairs are shown. Merge them or say they are not duplicates to see more.',
  'duplicates.none': 'No duplicates are suggested in this process.',
  'duplicates.pair': 'Pair {number}: similarity {similarity}',
  'duplicates.first': 'First idea',
  'duplicates.second': 'Second idea',
  'duplicates.ideaCounts': '{supports, plural, one {# support} other {# supports}}, {comments, plural, one {# comment} other {# comments}}',
  'duplicates.keepFirst': 'Keep the first, merge the second into it',
  'duplicates.keepSecond': 'Keep the second, merge the first into it',
  'duplicates.dismiss': 'Not a duplicate',
  'duplicates.merged': 'The ideas were merged. Supports, followers and comments moved to the idea you kept, and both authors were told.',
  'duplicates.dismissed': 'Noted: this pair will not be suggested again.',
  'duplicates.mergedHere': 'The idea you opened was merged into this one, which says the same.',
} as const;
