import type { Actor } from '../accounts/accounts.policy.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Db } from '../db/database.ts';
import type { FeedbackService } from '../feedback/feedback.service.ts';
import type { FilesService, ImageSize } from '../files/files.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { ProcessesService } from '../processes/processes.service.ts';
import type { Clock } from '../shared/clock.ts';
import { instantIn, localDate } from '../shared/dates.ts';
import { blockedFailure, type ModerationGate } from '../shared/moderation-gate.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { proposalsPolicy } from './proposals.policy.ts';
import { proposalsRepository, type ProposalRow, type ProposalStage, type SettingsRow } from './proposals.repository.ts';

export const proposalLimits = { title: { min: 5, max: 150 }, body: { min: 20, max: 10000 }, decision: { min: 10, max: 2000 } };

/** The most images a proposal may have. */
export const maxProposalImages = 5;

/** A proposal as lists and its page show it. */
export interface ProposalView {
  readonly id: string;
  readonly processId: string;
  readonly phaseId: string;
  readonly title: string;
  readonly body: string;
  readonly decision: string;
  readonly area: string | null;
  readonly stage: ProposalStage;
  /** Collecting, and the deadline passed short of the threshold. */
  readonly expired: boolean;
  readonly status: string;
  readonly signatures: number;
  readonly threshold: number;
  readonly deadline: Date | null;
  readonly publishedAt: Date | null;
  readonly reachedAt: Date | null;
  readonly answerDue: Date | null;
  readonly progressPercent: number | null;
  readonly authorNames: string[];
  /** Its images, served from /files/{id}, with what each shows. */
  readonly images: readonly ({ readonly id: string; readonly alt: string } & ImageSize)[];
  readonly hidden: { readonly reason: string } | null;
  /** The viewer is its author or a co-author. */
  readonly mine: boolean;
  /** The viewer is its first author (who invites co-authors). */
  readonly leadAuthor: boolean;
  readonly signedByViewer: boolean;
  readonly signingOpen: boolean;
}

/** What the proposals module needs from the platform. */
export interface ProposalsDeps {
  readonly db: Db;
  readonly audit: AuditService;
  readonly clock: Clock;
  readonly timeZone: string;
  readonly accounts: Pick<AccountsService, 'requireConfirmed' | 'displayNamesOf' | 'accountByEmail' | 'getAccount' | 'residentProfilesOf' | 'userIdsWithRoles'>;
  readonly processes: Pick<ProcessesService, 'getPhase' | 'runningPhaseIds'>;
  readonly notifications: Pick<NotificationsService, 'notify'>;
  /** The statuses an answer can give (the same as for ideas). */
  readonly feedback: Pick<FeedbackService, 'statuses' | 'checkAnswer'>;
  readonly gate: ModerationGate;
  /** Where a proposal's images are kept (owner `proposal`). */
  readonly files: Pick<FilesService, 'checkImage' | 'attachChecked' | 'detach' | 'listFor'>;
  /** The municipality's areas, which a proposal and the signing rules name. */
  readonly areas: () => Promise<readonly string[]>;
}

/** A required text of `limits` length, trimmed; the field's error is added to `errors`. */
export function text(value: unknown, field: string, limits: { min: number; max: number }, errors: FieldError[]): string {
  const t = typeof value === 'string' ? value.trim() : '';
  if (t === '') errors.push({ field, message: 'field.required' });
  else if (t.length < limits.min) errors.push({ field, message: 'field.tooShort', params: { min: limits.min } });
  else if (t.length > limits.max) errors.push({ field, message: 'field.tooLong', params: { max: limits.max } });
  return t;
}

/** The instant a local day starts: midnight in `timeZone`, `days` after the local date of `from`. */
export function localMidnightAfter(from: Date, days: number, timeZone: string): Date {
  const date = new Date(`${localDate(from, timeZone)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return instantIn(`${date.toISOString().slice(0, 10)}T00:00`, timeZone) ?? date;
}

/**
 * What the use-case files share: the repository, the phase check, who wrote a proposal, and who may see it.
 */
export function proposalsContext(deps: ProposalsDeps) {
  const repo = proposalsRepository(deps.db);

  /** The phase must be a proposals phase of a published process; `open` tells whether it takes new proposals now. */
  async function proposalsPhase(phaseId: string): Promise<Result<{ processId: string; processSlug: string; open: boolean; settings: SettingsRow }>> {
    const found = await deps.processes.getPhase(phaseId);
    if (!found || found.phase.method !== 'proposals' || found.process.status === 'draft') return fail('NotFound');
    return ok({ processId: found.process.id, processSlug: found.process.slug, open: found.phase.state === 'open' && found.process.status === 'published', settings: await repo.settingsOf(phaseId) });
  }

  /** The author and the co-authors who accepted, by user id. */
  async function authorIdsOf(row: ProposalRow): Promise<string[]> {
    const coauthors = await repo.coauthorsOf([row.id]);
    return [...(row.author_id ? [row.author_id] : []), ...coauthors.flatMap((c) => (c.accepted_at && c.user_id ? [c.user_id] : []))];
  }

  /** Whether the actor's address has an invitation to co-author the proposal waiting. */
  async function invitedTo(actor: Actor | null, proposalId: string): Promise<boolean> {
    if (!actor) return false;
    const account = await deps.accounts.getAccount(actor);
    if (!account.ok) return false;
    const email = account.value.email.toLowerCase();
    return (await repo.coauthorsOf([proposalId])).some((c) => c.accepted_at === null && c.email.toLowerCase() === email);
  }

  /**
   * The proposal if the actor may see it: drafts only to their authors and those invited to co-author them,
   * hidden ones to their authors and moderators.
   */
  async function visibleProposal(actor: Actor | null, id: string): Promise<{ row: ProposalRow; authorIds: string[] } | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const row = await repo.findProposal(id);
    if (!row) return null;
    const authorIds = await authorIdsOf(row);
    const own = actor !== null && authorIds.includes(actor.id);
    if (row.stage === 'draft' && !own && !(await invitedTo(actor, id))) return null;
    if (row.hidden_at && !own && !proposalsPolicy.moderate(actor)) return null;
    return { row, authorIds };
  }

  /** A signed-in person with a confirmed account who is not blocked; or why not. */
  async function resident(actor: Actor | null): Promise<Result<Actor>> {
    if (!actor) return fail('NotSignedIn');
    const confirmed = await deps.accounts.requireConfirmed(actor);
    if (!confirmed.ok) return confirmed;
    const blocked = await deps.gate.blockOf(actor.id);
    if (blocked) return blockedFailure(blocked);
    return ok(actor);
  }

  /** A draft one of whose authors the actor is. */
  async function ownDraft(actor: Actor, id: string): Promise<Result<{ row: ProposalRow; authorIds: string[] }>> {
    const found = await visibleProposal(actor, id);
    if (!found || !found.authorIds.includes(actor.id)) return fail('NotFound');
    if (found.row.stage !== 'draft') return fail('Conflict', [{ field: 'proposal', message: 'proposals.alreadyPublished' }]);
    return ok(found);
  }

  return { deps, repo, proposalsPhase, authorIdsOf, visibleProposal, invitedTo, resident, ownDraft };
}

export type ProposalsContext = ReturnType<typeof proposalsContext>;
