import { parseCsv } from '@tingsted/csv';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { InputOf, OutputOf } from '../edge/contract.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { budgetingContracts } from './budgeting.contract.ts';
import type { StoredBallot } from './budgeting.results.repository.ts';
import { ballotContext, ballotLine, capErrors, lineErrors, type CountedProject } from './counting.ts';
import type { IoContext } from './io.context.ts';
import { pabulibPlan } from './pabulib-plan.ts';
import { storeBatch } from './paper.ts';

type C = typeof budgetingContracts;
const FIELD = 'csv';

/** A CSV batch read against a budget's projects: its ballots and canonical lines, or every problem by line. */
export interface ParsedBatch {
  readonly ballots: StoredBallot[];
  readonly lines: string[];
}

/**
 * Reads a CSV batch (RFC 4180 via @tingsted/csv: byte-order mark, CRLF, quoted fields; `,` or `;` as the header
 * shows): a header naming `voter_id` and `vote` (and `points` for a points ballot), then one ballot per record.
 * `vote` lists project numbers, or the projects' references when every entry of the file is one, separated by
 * commas (ranked best first for a ranking ballot); `points` is parallel to it. Every ballot is checked against
 * the design as an online ballot is; each problem names its line.
 */
export function parseBallotCsv(text: string, design: Parameters<typeof ballotContext>[0], amount: number, projects: readonly (CountedProject & { reference: string | null })[]): Result<ParsedBatch> {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const parsed = parseCsv(text, { delimiter });
  if (!parsed.ok) return fail('ValidationFailed', [{ field: FIELD, message: 'budgeting.import.csvSyntax', params: { line: parsed.error.line, column: parsed.error.column, problem: parsed.error.message } }]);
  const [head, ...rows] = parsed.rows;
  const columns = (head?.fields ?? []).map((f) => f.trim().toLowerCase());
  const at = { voter: columns.indexOf('voter_id'), vote: columns.indexOf('vote'), points: columns.indexOf('points') };
  const needsPoints = design.ballot_kind === 'points';
  if (at.voter < 0 || at.vote < 0 || (needsPoints && at.points < 0)) {
    return fail('ValidationFailed', [{ field: FIELD, message: needsPoints ? 'budgeting.import.csvColumnsPoints' : 'budgeting.import.csvColumns', params: { line: head?.line ?? 1 } }]);
  }
  const tokens = (s: string) => s.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const byNumber = new Map(projects.map((p) => [String(p.number), p] as const));
  const byReference = new Map(projects.flatMap((p) => (p.reference === null ? [] : [[p.reference, p] as const])));
  const useReferences = byReference.size > 0 && rows.every((r) => tokens(r.fields[at.vote] ?? '').every((t) => byReference.has(t)));
  const lookup = useReferences ? byReference : byNumber;
  const context = ballotContext(design, amount, projects);
  const numberOf = new Map(projects.map((p) => [p.id, p.number] as const));
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  const ballots: StoredBallot[] = [];
  const lines: string[] = [];
  for (const row of rows) {
    const line = row.line;
    const voter = (row.fields[at.voter] ?? '').trim();
    if (voter === '') errors.push({ field: FIELD, message: 'budgeting.import.voterMissing', params: { line } });
    else if (seen.has(voter)) errors.push({ field: FIELD, message: 'budgeting.import.voterTwice', params: { line, voter, first: seen.get(voter)! } });
    else seen.set(voter, line);
    const ids: string[] = [];
    let unreadable = false;
    for (const t of tokens(row.fields[at.vote] ?? '')) {
      const p = lookup.get(t);
      if (p) ids.push(p.id);
      else {
        errors.push({ field: FIELD, message: 'budgeting.line.unknownProject', params: { line, project: t } });
        unreadable = true;
      }
    }
    let points: number[] | null = null;
    if (needsPoints) {
      const given = tokens(row.fields[at.points] ?? '');
      points = given.map(Number);
      if (given.some((g) => !/^\d+$/.test(g))) {
        errors.push({ field: FIELD, message: 'budgeting.line.pointsInvalid', params: { line } });
        unreadable = true;
      } else if (given.length !== ids.length && !unreadable) {
        errors.push({ field: FIELD, message: 'budgeting.line.pointsMissing', params: { line } });
        unreadable = true;
      }
    }
    if (unreadable) continue;
    const ballot = points === null ? { voter, projects: ids } : { voter, projects: ids, points };
    const bad = lineErrors(FIELD, line, ballot, context, (id) => String(numberOf.get(id) ?? id));
    if (bad.length > 0) {
      errors.push(...bad);
      continue;
    }
    // Points ballots keep only projects given points, as online ones do.
    const keep = points === null ? ids.map((_, t) => t) : ids.map((_, t) => t).filter((t) => points[t]! > 0);
    const stored = { voterRef: voter, projects: keep.map((t) => ids[t]!), points: points === null ? null : keep.map((t) => points[t]!) };
    ballots.push(stored);
    lines.push(ballotLine(design.ballot_kind, stored.projects, stored.points, numberOf));
  }
  if (errors.length > 0) return fail('ValidationFailed', capErrors(FIELD, errors));
  if (ballots.length === 0) return fail('ValidationFailed', [{ field: FIELD, message: 'budgeting.batch.empty' }]);
  return ok({ ballots, lines });
}

/** Importing ballots from files: a Pabulib election, or a CSV batch of a budget. */
export function importUseCases(io: IoContext) {
  const { managedPhase, managedBudget, results, audit } = io;
  return {
    /**
     * Replaces a phase's budgets, projects and imported ballots with a Pabulib file's, in one transaction: one
     * budget, projects numbered 1..n in file order with the file's project_id as reference (eligible: they were
     * on the file's ballot), the design from META, and the ballots, which count at once. Refused (Conflict)
     * once the phase has online ballots; a malformed file is ValidationFailed with every problem by line, and
     * nothing is stored.
     */
    async importPabulib(actor: Actor | null, input: InputOf<C['importPabulib']>): Promise<Result<OutputOf<C['importPabulib']>>> {
      const found = await managedPhase(actor, input.phaseId);
      if (!found.ok) return found;
      const { phase } = found.value;
      if (await results.hasOnlineBallots(phase.id)) return fail('Conflict', [{ field: 'file', message: 'budgeting.import.onlineBallots' }]);
      const plan = pabulibPlan(input.file, 'nb');
      if (!plan.ok) return plan;
      const { ballotCount, ...replacement } = plan.value;
      const stored = await results.replaceWithPabulib({ ...replacement, phaseId: phase.id, enteredBy: found.value.actor.id });
      if (stored === null) return fail('Conflict', [{ field: 'file', message: 'budgeting.import.onlineBallots' }]);
      await audit(found.value.actor, 'pabulib_imported', 'phase', phase.id, { budgetId: stored.budgetId, projects: stored.projectIds.length, ballots: ballotCount, sha256: plan.value.contentHash });
      return ok({ budgetId: stored.budgetId, projects: stored.projectIds.length, ballots: ballotCount });
    },

    /**
     * Imports a CSV batch of ballots into a budget (see parseBallotCsv). Every bad line is listed and nothing
     * is stored; a label or the same ballots entered before are refused. The ballots count once a second
     * staff member confirms the batch.
     */
    async importBallots(actor: Actor | null, input: InputOf<C['importBallots']>): Promise<Result<OutputOf<C['importBallots']>>> {
      const found = await managedBudget(actor, input.budgetId);
      if (!found.ok) return found;
      const { budget, settings } = found.value;
      if (budget.phase_id !== input.phaseId) return fail('NotFound');
      const projects = await io.repo.ballotProjectsOf(budget.id);
      const parsed = parseBallotCsv(input.csv, settings, budget.amount, projects);
      if (!parsed.ok) return parsed;
      return storeBatch(io, found.value.actor, { phaseId: budget.phase_id, budgetId: budget.id, source: 'csv', label: input.label.trim(), ...parsed.value });
    },
  };
}
