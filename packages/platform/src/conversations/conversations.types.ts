import type { Actor } from '../accounts/index.ts';
import type { StatementModeration } from './conversations.tables.ts';

/** Statements are short, as in Pol.is: one thought each. */
export const statementLimits = { min: 5, max: 140 };
export const conversationLimits = { question: 300, description: 5000 };

/** The job that recomputes a conversation's opinion map; bursts of votes coalesce into one run. */
export const recomputeJob = 'conversations.recompute';

/** The cookie that lets an anonymous visitor keep their votes (where a conversation allows anonymity). */

/** Who is voting: a signed-in person, or (where allowed) an anonymous visitor known by a cookie token. */
export interface Voter {
  readonly actor: Actor | null;
  readonly visitorToken?: string | null | undefined;
}

/** A conversation as pages show it. */
export interface ConversationView {
  readonly id: string;
  readonly phaseId: string;
  readonly processId: string;
  readonly question: string;
  readonly description: string;
  readonly allowAnonymous: boolean;
  readonly allowStatements: boolean;
  readonly preModeration: boolean;
  /** Votes a participant needs to be placed on the map and in a group. */
  readonly minVotes: number;
  /** The smallest opinion group shown. */
  readonly minGroupSize: number;
  /** Open for votes and statements: its phase is open, the process published and it is not closed early. */
  readonly open: boolean;
  readonly closedEarly: boolean;
  readonly source: { name: string; url: string | null; licence: string | null } | null;
}

/** A statement as voting and results pages show it. */
export interface StatementView {
  readonly id: number;
  readonly number: number;
  readonly body: string;
  readonly moderation: StatementModeration;
  readonly isSeed: boolean;
  readonly createdAt: Date;
}

/** The files of a Pol.is openData export, as text. */
export interface PolisFiles {
  readonly comments?: string | undefined;
  readonly votes?: string | undefined;
  readonly participantsVotes?: string | undefined;
  readonly summary?: string | undefined;
}
