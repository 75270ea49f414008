// The shapes every module uses to tell what it holds about one person (their export) and what deleting their
// account does to it (the deletion preview). Composed by reports/personal-data.ts.

/** One record of a person's data, JSON-ready: ids, texts, dates (as Date; the export writes ISO text). */
export type PersonalRecord = Readonly<Record<string, string | number | boolean | null | Date | readonly string[] | readonly number[] | Readonly<Record<string, unknown>>>>;

/** What one module holds about a person: named sections (`ideas`, `comments`, …) of records. */
export type PersonalSections = Readonly<Record<string, readonly PersonalRecord[]>>;

/** Why a kind of content is kept, without the person, when their account is deleted (a `privacy.kept.*` key's last part). */
export type KeptReason =
  | 'othersReacted'
  | 'repliedTo'
  | 'countedInClosedVote'
  | 'countedInResults'
  | 'votedOnByOthers'
  | 'moderationRecord'
  | 'panelComposition'
  | 'auditTrail';

/** One line of a deletion preview: how many of a kind go, or stay without anything that links them to the person. */
export type DeletionLine =
  | { readonly section: string; readonly count: number; readonly outcome: 'deleted' }
  | { readonly section: string; readonly count: number; readonly outcome: 'kept'; readonly reason: KeptReason };

/** Leaves out lines that count nothing. */
export function linesWithContent(lines: readonly DeletionLine[]): DeletionLine[] {
  return lines.filter((line) => line.count > 0);
}
