import type { Actor } from '../accounts/accounts.policy.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { PanelsContext } from './panels.context.ts';
import { panelsPolicy } from './panels.policy.ts';

/** Five-number summary of a set of probabilities (raw shares between 0 and 1). */
export interface ProbabilitySummary {
  readonly people: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
}

/** Bins of the public histogram: [0, 0.1), [0.1, 0.2), …, [0.9, 1]. */
export const histogramBins = 10;

/** The anonymised distribution of the selection probabilities: no respondent number, only counts and shares. */
export interface ProbabilityDistribution {
  readonly overall: ProbabilitySummary;
  /** People per bin of width 1/`histogramBins` (the last bin includes 1). */
  readonly histogram: number[];
  readonly categories: {
    readonly name: string;
    readonly values: { readonly value: string; readonly summary: ProbabilitySummary; readonly histogram: number[] }[];
  }[];
}

/**
 * The value at quantile `q` of sorted numbers, interpolating linearly between neighbours (the method numpy and
 * R call type 7). `sorted` must be ascending and non-empty.
 */
export function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (position - below);
}

/** The five-number summary of `values` (zeros for none). */
export function summarise(values: readonly number[]): ProbabilitySummary {
  if (values.length === 0) return { people: 0, min: 0, q1: 0, median: 0, q3: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  return { people: sorted.length, min: sorted[0]!, q1: quantile(sorted, 0.25), median: quantile(sorted, 0.5), q3: quantile(sorted, 0.75), max: sorted[sorted.length - 1]! };
}

/** People per probability bin of width 1/`histogramBins`; a probability of exactly 1 counts in the last bin. */
export function histogram(values: readonly number[]): number[] {
  const bins = new Array<number>(histogramBins).fill(0);
  for (const p of values) bins[Math.min(histogramBins - 1, Math.max(0, Math.floor(p * histogramBins)))]!++;
  return bins;
}

/** A CSV field, quoted when needed and with formula starters defused (spreadsheets run `=…`). */
const quote = (s: string) => (/[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s);

/**
 * Selection probabilities: per person for the panel's administrators (CSV), and their anonymised distribution
 * for everyone once the draw is announced (the pseudonymous pool is public from then on in the lottery record).
 * Both read the probabilities the selection job stored (`panel.selection.probabilities`, by respondent
 * number: the share of the published list's panels each person is on).
 */
export function probabilityUseCases(ctx: PanelsContext) {
  const { repo, allowed, audit } = ctx;
  return {
    /** `number,<category…>,probability` per respondent, in pool order. Administrators; audited. */
    async selectionProbabilitiesCsv(actor: Actor | null, panelId: string): Promise<Result<string>> {
      const found = await allowed(actor, panelId, panelsPolicy.seePersonalData);
      if (!found.ok) return found;
      const selection = found.value.selection;
      if (selection?.state !== 'ready') return fail('NotFound');
      const categories = found.value.categories.map((c) => c.name);
      const lines = [['number', ...categories, 'probability'].map(quote).join(',')];
      for (const r of await repo.respondents(panelId)) {
        const p = selection.probabilities[String(r.number)];
        if (p === undefined) continue;
        lines.push([String(r.number), ...categories.map((c) => r.answers[c] ?? ''), String(p)].map(quote).join(','));
      }
      await audit(actor, 'panel.probabilities_exported', panelId, { rows: lines.length - 1 });
      return ok(lines.join('\n') + '\n');
    },

    /**
     * The distribution of the selection probabilities, overall and per category value: five-number summaries
     * and a histogram, never a person. Public once the draw is announced; NotFound before.
     */
    async probabilityDistribution(panelId: string): Promise<Result<ProbabilityDistribution>> {
      const panel = await repo.findPanel(panelId);
      const selection = panel?.selection;
      if (!panel?.hash_published_at || !panel.announcement || selection?.state !== 'ready') return fail('NotFound');
      // The announced pseudonymous pool, which outlives the deletion of the pool's personal data.
      const people = panel.announcement.pool.flatMap((r) => {
        const p = selection.probabilities[r.id];
        return p === undefined ? [] : [{ answers: r.values, p }];
      });
      const all = people.map((x) => x.p);
      return ok({
        overall: summarise(all),
        histogram: histogram(all),
        categories: panel.categories.map((c) => ({
          name: c.name,
          values: c.values.map((v) => {
            const ps = people.filter((x) => x.answers[c.name] === v.value).map((x) => x.p);
            return { value: v.value, summary: summarise(ps), histogram: histogram(ps) };
          }),
        })),
      });
    },
  };
}
