// The Pabulib reader's public types: errors and their codes, results and options (see pabulib-reader.ts).
import type { Ballot, Election, Profile } from './model.ts';

/** One problem found in a file: its 1-based line number (0: the file as a whole), a code with its parameters
 * (for a translated message; see PbErrorCode) and the same in an English sentence. */
export interface PbError {
  readonly line: number;
  readonly code: PbErrorCode;
  readonly params: Readonly<Record<string, string | number>>;
  readonly message: string;
}

/** What can be wrong in a file (errors) or doubtful (the two count warnings, num-projects and num-votes). */
export const pbErrorCodes = [
  'section-twice',
  'before-section',
  'meta-header',
  'projects-header',
  'votes-header',
  'field-count',
  'meta-key-twice',
  'unterminated-quote',
  'section-missing',
  'no-budget',
  'budget-not-number',
  'unknown-vote-type',
  'cost-not-number',
  'too-many-decimals',
  'empty-project-id',
  'project-id-twice',
  'cost-negative',
  'voter-id-twice',
  'unknown-project',
  'project-twice',
  'points-count',
  'points-not-number',
  'points-column-missing',
  'rule-not-number',
  'rule-not-whole',
  'num-projects',
  'num-votes',
] as const;

/**
 * Errors only a reader with a size limit gives (createPabulibReader on a stream): a record longer than the limit
 * with no quote open (a file without line ends). readPabulib, which holds the whole text already, never does.
 */
export const pbStreamErrorCodes = ['record-too-long'] as const;

/** One of pbErrorCodes or pbStreamErrorCodes. */
export type PbErrorCode = (typeof pbErrorCodes)[number] | (typeof pbStreamErrorCodes)[number];

/** Result of reading a `.pb` file: the whole election, or every error found (never a partial load). */
export type PbReadResult =
  | { readonly ok: true; readonly election: Election; readonly warnings: readonly PbError[] }
  | { readonly ok: false; readonly reason: 'malformed-pb'; readonly detail: readonly PbError[] };

/** An election as read by the streaming reader: everything but the ballots, which come merged in `profile`. */
export type ElectionHeader = Omit<Election, 'ballots'>;

/** Result of the streaming reader: the election, its compiled profile and (when asked for) the ballots. */
export type PbStreamResult =
  | { readonly ok: true; readonly election: ElectionHeader; readonly profile: Profile; readonly ballots?: readonly Ballot[]; readonly warnings: readonly PbError[] }
  | { readonly ok: false; readonly reason: 'malformed-pb'; readonly detail: readonly PbError[] };

/** Options of createPabulibReader. */
export interface PbReaderOptions {
  /** Also return every ballot as read (voter, projects, points, other columns), e.g. to validate them. */
  readonly ballots?: boolean;
  /** Points by rank for ordinal ballots without a points column (as Election.ordinalScoring). */
  readonly ordinalScoring?: readonly number[];
  /** Longest record accepted, in bytes (default 8 MiB; see @tingsted/csv). */
  readonly maxRecordBytes?: number;
}

/** A `.pb` reader fed with chunks of UTF-8 bytes. */
export interface PabulibReader {
  /** Reads the complete rows in `chunk` (the caller may reuse the buffer). False when reading has stopped. */
  push(chunk: Uint8Array): boolean;
  /** The file is complete: the election and its profile, or every error (up to 100) sorted by line. */
  end(): PbStreamResult;
}
