import type { Actor } from '../accounts/accounts.policy.ts';
import type { InputOf, OutputOf } from '../edge/contract.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { budgetingContracts } from './budgeting.contract.ts';
import { budgetingPolicy } from './budgeting.policy.ts';
import type { StoredBallot } from './budgeting.results.repository.ts';
import { ballotContext, ballotLine, batchHash, capErrors, lineErrors, type CountedProject, type CountingDesign } from './counting.ts';
import type { IoContext } from './io.ts';

type C = typeof budgetingContracts;
const FIELD = 'ballots';

/**
 * Reads a paper batch: one ballot per line, project numbers separated by spaces, commas or semicolons (ranked
 * best first for a ranking ballot; `number:points` for a points ballot). Blank lines are skipped. Every ballot is
 * checked against the design as an online ballot is; each problem names its line.
 */
export function parsePaperBallots(text: string, design: CountingDesign, amount: number, projects: readonly CountedProject[]): Result<{ ballots: StoredBallot[]; lines: string[] }> {
  const byNumber = new Map(projects.map((p) => [p.number, p] as const));
  const numberOf = new Map(projects.map((p) => [p.id, p.number] as const));
  const context = ballotContext(design, amount, projects);
  const points = design.ballot_kind === 'points';
  const errors: FieldError[] = [];
  const ballots: StoredBallot[] = [];
  const lines: string[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const line = i + 1;
    const tokens = raw.split(/[\s,;]+/).filter((t) => t !== '');
    if (tokens.length === 0) return;
    const ids: string[] = [];
    const given: number[] = [];
    let unreadable = false;
    for (const token of tokens) {
      const m = points ? /^(\d+):(\d+)$/.exec(token) : /^(\d+)$/.exec(token);
      const project = m ? byNumber.get(Number(m[1])) : undefined;
      if (!m) errors.push({ field: FIELD, message: points ? 'budgeting.line.pointsMissing' : 'budgeting.line.notANumber', params: { line, value: token } });
      else if (!project) errors.push({ field: FIELD, message: 'budgeting.line.unknownProject', params: { line, project: m[1]! } });
      if (!m || !project) {
        unreadable = true;
        continue;
      }
      ids.push(project.id);
      if (points) given.push(Number(m[2]));
    }
    if (unreadable) return;
    const ballot = points ? { voter: String(line), projects: ids, points: given } : { voter: String(line), projects: ids };
    const bad = lineErrors(FIELD, line, ballot, context, (id) => String(numberOf.get(id) ?? id));
    if (bad.length > 0) {
      errors.push(...bad);
      return;
    }
    const keep = ids.map((_, t) => t).filter((t) => !points || given[t]! > 0);
    const stored: StoredBallot = { voterRef: String(ballots.length + 1), projects: keep.map((t) => ids[t]!), points: points ? keep.map((t) => given[t]!) : null };
    ballots.push(stored);
    lines.push(ballotLine(design.ballot_kind, stored.projects, stored.points, numberOf));
  });
  if (errors.length > 0) return fail('ValidationFailed', capErrors(FIELD, errors));
  if (ballots.length === 0) return fail('ValidationFailed', [{ field: FIELD, message: 'budgeting.batch.empty' }]);
  return ok({ ballots, lines });
}

/**
 * Stores a checked batch of paper or CSV ballots, waiting for a second person's confirmation. Refused (Conflict)
 * when its label, or the same ballots for the same budget, were entered before in the phase, and once the
 * budget's result is published.
 */
export async function storeBatch(
  io: IoContext,
  actor: Actor,
  batch: { phaseId: string; budgetId: string; source: 'paper' | 'csv'; label: string; ballots: StoredBallot[]; lines: string[] },
): Promise<Result<{ id: string; ballots: number }>> {
  if (batch.label === '') return fail('ValidationFailed', [{ field: 'label', message: 'field.required' }]);
  if (await io.results.latestPublished(batch.budgetId)) return fail('Conflict', [{ field: 'label', message: 'budgeting.batch.published' }]);
  const stored = await io.results.insertBatch({
    phaseId: batch.phaseId,
    budgetId: batch.budgetId,
    source: batch.source,
    label: batch.label,
    contentHash: batchHash(batch.budgetId, batch.lines),
    enteredBy: actor.id,
    ballots: batch.ballots,
  });
  if ('conflict' in stored) {
    return fail('Conflict', [stored.conflict === 'label' ? { field: 'label', message: 'budgeting.batch.labelTaken' } : { field: FIELD, message: 'budgeting.batch.duplicate' }]);
  }
  await io.audit(actor, `${batch.source}_batch_entered`, 'budget', batch.budgetId, { batchId: stored.id, label: batch.label, ballots: batch.ballots.length });
  return ok({ id: stored.id, ballots: batch.ballots.length });
}

/** Paper ballots: entering a batch, a second staff member confirming it, and the list of batches. */
export function paperUseCases(io: IoContext) {
  const { managedPhase, managedBudget, results, audit, deps } = io;
  return {
    /** Enters a batch of paper ballots (see parsePaperBallots); every bad line is listed and nothing is stored. */
    async enterPaperBatch(actor: Actor | null, input: InputOf<C['enterPaperBatch']>): Promise<Result<OutputOf<C['enterPaperBatch']>>> {
      const found = await managedBudget(actor, input.budgetId);
      if (!found.ok) return found;
      const { budget, settings } = found.value;
      if (budget.phase_id !== input.phaseId) return fail('NotFound');
      const projects = await io.repo.ballotProjectsOf(budget.id);
      const parsed = parsePaperBallots(input.ballots, settings, budget.amount, projects);
      if (!parsed.ok) return parsed;
      return storeBatch(io, found.value.actor, { phaseId: budget.phase_id, budgetId: budget.id, source: 'paper', label: input.label.trim(), ...parsed.value });
    },

    /**
     * Confirms a paper or CSV batch: its ballots count from now on. Only a staff member other than the one who
     * entered it may (Forbidden otherwise); a batch confirmed already, or a Pabulib import (it counts at once),
     * is a Conflict.
     */
    async confirmBatch(actor: Actor | null, input: InputOf<C['confirmBatch']>): Promise<Result<OutputOf<C['confirmBatch']>>> {
      if (!actor) return fail('NotSignedIn');
      if (!budgetingPolicy.manage(actor)) return fail('Forbidden');
      const batch = await results.findBatch(input.batchId);
      if (!batch) return fail('NotFound');
      const found = await managedPhase(actor, batch.phase_id);
      if (!found.ok) return found;
      if (batch.source === 'pabulib' || batch.confirmed_at !== null) return fail('Conflict', [{ field: 'batchId', message: 'budgeting.batch.confirmedAlready' }]);
      if (batch.entered_by === actor.id) return fail('Forbidden', [{ field: 'batchId', message: 'budgeting.batch.sameClerk' }]);
      if (!(await results.confirmBatch(batch.id, actor.id, deps.clock()))) return fail('Conflict', [{ field: 'batchId', message: 'budgeting.batch.confirmedAlready' }]);
      await audit(actor, 'batch_confirmed', 'budget', batch.budget_id, { batchId: batch.id, label: batch.label, ballots: batch.ballot_count });
      return ok({ ok: true as const });
    },

    /** A phase's paper and imported batches, oldest first, with whether the actor may confirm each. */
    async listBatches(actor: Actor | null, input: InputOf<C['listBatches']>): Promise<Result<OutputOf<C['listBatches']>>> {
      const found = await managedPhase(actor, input.phaseId);
      if (!found.ok) return found;
      const me = found.value.actor.id;
      const rows = await results.listBatches(input.phaseId);
      return ok({
        batches: rows.map((b) => ({
          id: b.id,
          budgetId: b.budget_id,
          source: b.source,
          label: b.label,
          ballots: b.ballot_count,
          enteredBy: b.entered_by,
          enteredAt: b.entered_at.toISOString(),
          confirmedBy: b.confirmed_by,
          confirmedAt: b.confirmed_at?.toISOString() ?? null,
          canConfirm: b.source !== 'pabulib' && b.confirmed_at === null && b.entered_by !== me,
        })),
      });
    },
  };
}
