import { tally, type TallyResult } from '@tingsted/budgeting';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { InputOf, OutputOf } from '../edge/contract.ts';
import { resolveText, type LocalizedText } from '../shared/localized.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { budgetingContracts } from './budgeting.contract.ts';
import type { BudgetingPhase } from './budgeting.context.ts';
import { budgetingPolicy } from './budgeting.policy.ts';
import type { BudgetingRule } from './budgeting.tables.ts';
import { ballotsHash, electionOf, tallyOptions } from './counting.ts';
import type { IoContext } from './io.context.ts';

type C = typeof budgetingContracts;
/** A budget's result as the contracts give it. */
export type PresentedResult = OutputOf<C['budgetingResults']>;
/** What a voter's share paid toward each funded project (MES rules), by ballot id: online ballots only. */
type Payments = Record<string, { project: string; amount: number }[]>;
/** A result as stored: the presented result (publishedAt aside) and the online voters' payments (read by published.ts). */
type StoredResult = Omit<PresentedResult, 'publishedAt'> & { payments?: Payments };

interface Budget {
  readonly id: string;
  readonly amount: number;
}

interface Computed {
  readonly result: Omit<PresentedResult, 'publishedAt'>;
  readonly tally: TallyResult;
  readonly onlineBallots: ReadonlyMap<string, string>;
  readonly params: Record<string, unknown>;
}

const finite = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);

/** A counted ballot as results read it: one voter's, or (live) a group of identical ones with their number. */
interface ReadBallot {
  readonly id: string;
  readonly voterId: string | null;
  readonly projects: string[];
  readonly points: number[] | null;
  readonly weight?: number;
}

/** The counted ballots as their groups: each different ballot once with its weight (no voter ids: no per-voter explanation). */
async function countedFromGroups(io: IoContext, budgetId: string): Promise<ReadBallot[]> {
  const groups = await io.results.countedBallotGroups(budgetId);
  return groups.map((g, i) => ({ id: `group-${i}`, voterId: null, projects: g.projects, points: g.points, weight: g.count }));
}

/**
 * Tallies a budget now: its eligible projects in number order and the ballots that count (online, Pabulib,
 * and confirmed paper and CSV batches), by `rule` under the phase's design. `publishing` reads every ballot with
 * its id, to keep what each online voter's share paid under an MES rule; live results read them grouped.
 */
async function compute(io: IoContext, found: BudgetingPhase, budget: Budget, rule: BudgetingRule, publishing: boolean, now: Date): Promise<Computed> {
  const { settings } = found;
  const [projects, ballots] = await Promise.all([io.repo.ballotProjectsOf(budget.id), publishing ? io.results.countedBallots(budget.id) : countedFromGroups(io, budget.id)]);
  const ballotCount = ballots.reduce((n, b: ReadBallot) => n + (b.weight ?? 1), 0);
  const election = electionOf(settings, budget.amount, projects, ballots);
  const explainVoters = publishing && rule !== 'greedy' && ballots.some((b) => b.voterId !== null);
  const options = { ...tallyOptions(settings, rule), explainVoters };
  const result = tally(election, options);
  const byId = new Map(projects.map((p) => [p.id, p] as const));
  const explained = new Map(result.explanations.projects.map((x) => [x.project, x] as const));
  const numberOf = new Map(projects.map((p) => [p.id, p.number] as const));
  const presented: Omit<PresentedResult, 'publishedAt'> = {
    budgetId: budget.id,
    rule,
    budget: budget.amount,
    selected: result.selected.map((id) => {
      const p = byId.get(id)!;
      return { id, number: p.number, reference: p.reference, title: p.title as LocalizedText as Record<string, string>, cost: p.cost, votes: explained.get(id)?.votes ?? 0 };
    }),
    cost: result.cost,
    ballots: ballotCount,
    projects: result.explanations.projects.map((x) => ({
      id: x.project,
      votes: x.votes,
      score: x.score,
      selected: x.selected,
      rank: x.rank ?? null,
      reason: x.reason,
      detail: x.detail,
      effectiveVotes: finite(x.effectiveVotes),
    })),
    ties: result.ties.map((t) => ({ tied: [...t.tied], winner: t.winner, decidedBy: t.decidedBy })),
    tieBreak: String(result.details.tieBreak ?? '').split(',').filter((k) => k !== ''),
    seed: String(result.details.seed ?? settings.seed),
    ballotsHash: ballotsHash(settings.ballot_kind, ballots, numberOf),
    computedAt: now.toISOString(),
  };
  const params = { ...options, ballotKind: settings.ballot_kind, details: result.details };
  const onlineBallots = new Map(ballots.flatMap((b) => (b.voterId === null ? [] : [[b.id, b.voterId] as const])));
  return { result: presented, tally: result, onlineBallots, params };
}

/** The payments of online ballots under an MES rule (greedy has none: its "shares" are only an illustration). */
function paymentsOf(rule: BudgetingRule, result: TallyResult, online: ReadonlyMap<string, string>): Payments {
  if (rule === 'greedy') return {};
  const out: Payments = {};
  for (const v of result.explanations.voters) {
    if (online.has(v.voter) && v.payments.length > 0) out[v.voter] = v.payments.map((p) => ({ project: p.project, amount: p.amount }));
  }
  return out;
}

function fromStored(stored: StoredResult, publishedAt: Date | null): PresentedResult {
  const { payments: _payments, ...result } = stored;
  return { ...result, publishedAt: publishedAt?.toISOString() ?? null };
}

/** Results: live for staff, published for everyone, and publishing them once the phase is over. */
export function resultUseCases(io: IoContext) {
  const { repo, results, visiblePhase, managedPhase, audit, deps } = io;
  /** Other rules' results for published budgets, as the public compares them (by result id and rule). */
  const comparisons = new Map<string, Omit<PresentedResult, 'publishedAt'>>();
  return {
    /**
     * A budget's result (the phase's first budget unless one is named) by a rule (default: the design's).
     * Staff get it computed live at any time. Others get the published result, or NotFound before publication;
     * once published, another rule is computed live for comparison (publishedAt null: not the announced one).
     */
    async budgetingResults(actor: Actor | null, input: InputOf<C['budgetingResults']>): Promise<Result<PresentedResult>> {
      const found = await visiblePhase(actor, input.phaseId);
      if (!found.ok) return found;
      const budgets = await repo.budgetsOf(input.phaseId);
      const budget = input.budgetId === undefined ? budgets[0] : budgets.find((b) => b.id === input.budgetId);
      if (!budget) return fail('NotFound');
      const rule = input.rule ?? found.value.settings.rule;
      const published = await results.latestPublished(budget.id);
      const stored = published ? (published.result as unknown as StoredResult) : null;
      if (!budgetingPolicy.seeLiveResults(actor)) {
        if (!published || !stored) return fail('NotFound');
        if (rule === published.rule) return ok(fromStored(stored, published.published_at));
        // The ballots no longer change once a result is published: a comparison is computed once per result.
        const key = `${published.id}:${rule}`;
        let comparison = comparisons.get(key);
        if (comparison === undefined) {
          comparison = (await compute(io, found.value, budget, rule, false, deps.clock())).result;
          if (comparisons.size >= 50) comparisons.delete(comparisons.keys().next().value!);
          comparisons.set(key, comparison);
        }
        return ok({ ...comparison, publishedAt: null });
      }
      const live = await compute(io, found.value, budget, rule, false, deps.clock());
      const same = published !== undefined && stored !== null && published.rule === rule && published.ballots_hash === live.result.ballotsHash;
      return ok({ ...live.result, publishedAt: same ? (published.published_at?.toISOString() ?? null) : null });
    },

    /**
     * Once the phase is over: computes every budget by the announced rule, stores each result with its rule,
     * parameters, ballots' hash (SHA-256 of the counted ballots in canonical order) and time, publishes it, and
     * tells everyone who voted online. Before the phase's end: Conflict.
     */
    async publishResults(actor: Actor | null, input: InputOf<C['publishResults']>): Promise<Result<OutputOf<C['publishResults']>>> {
      const found = await managedPhase(actor, input.phaseId);
      if (!found.ok) return found;
      const { phase, process, settings } = found.value;
      if (phase.state !== 'closed') return fail('Conflict', [{ field: 'phaseId', message: 'budgeting.results.notOver' }]);
      const budgets = await repo.budgetsOf(phase.id);
      if (budgets.length === 0) return fail('Conflict', [{ field: 'phaseId', message: 'budgeting.results.noBudgets' }]);
      const now = deps.clock();
      const out: OutputOf<C['publishResults']>['results'] = [];
      for (const budget of budgets) {
        const computed = await compute(io, found.value, budget, settings.rule, true, now);
        const stored: StoredResult = { ...computed.result, payments: paymentsOf(settings.rule, computed.tally, computed.onlineBallots) };
        const resultId = await results.insertResult({
          phaseId: phase.id,
          budgetId: budget.id,
          rule: settings.rule,
          params: computed.params,
          ballotsHash: computed.result.ballotsHash,
          ballotCount: computed.result.ballots,
          result: stored as unknown as Record<string, unknown>,
          computedBy: found.value.actor.id,
          computedAt: now,
          publishedAt: now,
        });
        await audit(found.value.actor, 'results_published', 'budget', budget.id, { resultId, rule: settings.rule, ballots: computed.result.ballots, ballotsHash: computed.result.ballotsHash });
        out.push({ budgetId: budget.id, resultId, selected: computed.result.selected.length });
      }
      const voters = await results.onlineVoters(phase.id);
      await deps.notifications.notify({
        userIds: voters,
        kind: 'budget_results',
        subjectType: 'phase',
        subjectId: phase.id,
        payload: { processTitle: resolveText(process.title, 'nb', 'nb').text, processSlug: process.slug, link: `/processes/${process.slug}/budgeting/${phase.id}/results` },
      });
      return ok({ results: out });
    },
  };
}
