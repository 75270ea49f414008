import { writePabulib, type Election } from '@tingsted/budgeting';
import { writeCsv, type CsvValue } from '@tingsted/csv';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { InputOf } from '../edge/contract.ts';
import { resolveText, type LocalizedText } from '../shared/localized.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { budgetingContracts } from './budgeting.contract.ts';
import { budgetingPolicy } from './budgeting.policy.ts';
import type { BudgetingRule } from './budgeting.tables.ts';
import { ballotContext, electionOf, type CountingDesign } from './counting.ts';
import type { IoContext } from './io.context.ts';

type C = typeof budgetingContracts;

/** A file to send: its name, media type and text. */
export interface ExportedFile {
  readonly filename: string;
  readonly contentType: string;
  readonly body: string;
}

/** Pabulib's META `rule` for our rules (mes-add1 without the exhaustive stop has no Pabulib name). */
function pabulibRule(rule: BudgetingRule, threshold: number | null): Record<string, string> {
  switch (rule) {
    case 'greedy':
      return threshold === null ? { rule: 'greedy' } : { rule: 'greedy-threshold', min_project_score_threshold: String(threshold) };
    case 'mes':
      return { rule: 'equalshares' };
    case 'mes-add1-exhaustive':
      return { rule: 'equalshares/add1' };
    case 'mes-add1':
      return { tingsted_rule: 'mes-add1' };
  }
}

const pbDate = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** Exporting a budget's projects and anonymised ballots, with the selected projects once published. */
export function exportUseCases(io: IoContext) {
  const { repo, results, visiblePhase } = io;
  return {
    /**
     * A budget's projects and the ballots that count, anonymised (online ballots under their receipt code, so
     * a voter can find theirs; Pabulib ballots under the file's voter id; paper and CSV ones numbered), as a
     * Pabulib `.pb` file or a CSV table; with the selected projects once the result is published. Staff may
     * export at any time, everyone else once the result is published (NotFound before).
     */
    async exportBudgeting(actor: Actor | null, input: InputOf<C['exportBudgeting']>): Promise<Result<ExportedFile>> {
      const found = await visiblePhase(actor, input.phaseId);
      if (!found.ok) return found;
      const { phase, process, settings } = found.value;
      const budgets = await repo.budgetsOf(phase.id);
      const position = input.budgetId === undefined ? 0 : budgets.findIndex((b) => b.id === input.budgetId);
      const budget = budgets[position];
      if (!budget) return fail('NotFound');
      const published = await results.latestPublished(budget.id);
      if (!published && !budgetingPolicy.seeLiveResults(actor)) return fail('NotFound');
      const [projects, counted] = await Promise.all([repo.ballotProjectsOf(budget.id), results.countedBallots(budget.id)]);
      // A Pabulib row stands for several voters' identical ballots: each is exported under its own voter id.
      const ballots = counted.flatMap((b) => (b.voterRefs === null ? [b] : b.voterRefs.map((voterRef) => ({ ...b, voterRef, weight: 1 }))));
      const selected = new Set(published ? ((published.result as { selected?: { id: string }[] }).selected ?? []).map((s) => s.id) : []);
      const exportId = new Map(projects.map((p) => [p.id, p.reference ?? String(p.number)] as const));
      const numberOf = new Map(projects.map((p) => [p.id, p.number] as const));
      const title = (t: LocalizedText) => resolveText(t, 'nb', 'nb').text;
      let paperCount = 0;
      const voterIds = ballots.map((b) => (b.source === 'online' ? (b.receipt ?? b.id) : b.source === 'pabulib' && b.voterRef !== null ? b.voterRef : `${b.source}-${++paperCount}`));
      const election = electionOf(settings, budget.amount, projects, ballots);
      const base = `${process.slug}-${position + 1}`;
      if (input.format === 'pb') {
        const design: CountingDesign = settings;
        const rules = ballotContext(design, budget.amount, projects).rules;
        const pb: Election = {
          ...election,
          rules,
          projects: projects.map((p) => ({ id: exportId.get(p.id)!, cost: p.cost, name: title(p.title), fields: { number: String(p.number), ...(p.category !== null ? { category: p.category } : {}) } })),
          ballots: election.ballots.map((b, i) => ({
            voter: voterIds[i]!,
            projects: b.projects.map((id) => exportId.get(id)!),
            ...(b.points !== undefined ? { points: b.points } : {}),
            fields: { source: ballots[i]!.source },
          })),
          meta: {
            description: title(budget.name),
            currency: settings.currency,
            date_begin: pbDate(phase.startsOn),
            date_end: pbDate(phase.endsOn),
            ...(published ? pabulibRule(published.rule, settings.greedy_threshold) : pabulibRule(settings.rule, settings.greedy_threshold)),
          },
        };
        const body = writePabulib(pb, published ? { selected: projects.filter((p) => selected.has(p.id)).map((p) => exportId.get(p.id)!) } : {});
        return ok({ filename: `${base}.pb`, contentType: 'text/plain; charset=utf-8', body });
      }
      const rows: CsvValue[][] = [['record', 'id', 'number', 'title', 'cost', 'selected', 'source', 'vote', 'points']];
      for (const p of projects) rows.push(['project', exportId.get(p.id)!, p.number, title(p.title), p.cost, published ? (selected.has(p.id) ? 1 : 0) : '', '', '', '']);
      election.ballots.forEach((b, i) => {
        rows.push(['ballot', voterIds[i]!, '', '', '', '', ballots[i]!.source, b.projects.map((id) => numberOf.get(id)!).join(','), b.points?.join(',') ?? '']);
      });
      return ok({ filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: writeCsv(rows, { lineEnding: '\r\n', formulaGuard: true }) });
    },
  };
}
