// The conversation report's shape (report.ts makes it, report.pdf.ts draws it, the presenter shows it).
import type { LocalizedText } from '../shared/localized.ts';

/** The licence of a conversation's own data (as Pol.is's openData) when it was not imported from elsewhere. */
export const defaultDataLicence = 'CC BY 4.0';

/** A statement as the report cites it: the number people see, Pol.is's id, its text, and raw figures. */
export interface ReportStatement {
  /** The number people see (from 1). */
  readonly number: number;
  /** Pol.is's comment id (from 0), as in the export. */
  readonly polisId: number;
  readonly text: string;
  readonly side: 'agree' | 'disagree' | null;
  /** How many voted that way of how many voted on it at all, and that share in whole percent. */
  readonly count: number;
  readonly seen: number;
  readonly percent: number;
  /** Everyone's agree / disagree / pass counts. */
  readonly totals: readonly [number, number, number];
}

/** A conversation's report: everything a facilitator hands to a council, from one stored result revision. */
export interface ConversationReport {
  readonly conversation: { id: string; phaseId: string; processId: string; processSlug: string; processTitle: LocalizedText; question: string; description: string };
  /** The stored result revision the figures come from, when it was computed, and the newest revision. */
  readonly revision: number;
  readonly computedAt: Date;
  readonly latestRevision: number;
  readonly revisions: readonly { revision: number; computedAt: Date }[];
  readonly closed: boolean;
  readonly publishedAt: Date | null;
  readonly participation: { participants: number; votes: number; inGroups: number; days: readonly { day: string; votes: number; newParticipants: number }[] };
  readonly map: { size: number; ungrouped: string; groups: readonly { label: string; size: number; cx: number; cy: number; outline: string; dots: string }[] };
  readonly groups: readonly { label: string; size: number; statements: readonly ReportStatement[] }[];
  readonly consensus: readonly ReportStatement[];
  readonly divisive: readonly ReportStatement[];
  readonly bridging: readonly ReportStatement[];
  /** The statements written, and what moderators did with them (the moderation module's record). */
  readonly moderation: { statements: number; reported: number; reports: number; approved: number; hidden: number; restored: number };
  readonly method: { minVotes: number; minGroupSize: number };
  readonly licence: string;
  readonly source: { name: string; url: string | null; licence: string | null } | null;
  /** The Pol.is-compatible export, as API paths. */
  readonly exports: readonly { file: string; path: string }[];
  readonly can: { publish: boolean };
}
