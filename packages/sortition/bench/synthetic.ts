/**
 * Synthetic pools for the benchmark: correlated categorical values (people are drawn from a few latent
 * profiles, so the pool is skewed like real respondent pools) and quotas proportional to the pool.
 */
import { createRandom, randomFloat, randomInt, type Category, type Person, type SelectionProblem } from '../src/index.ts';

/** Quota style: `exact` (min = max = proportional share) or a band of ±`slack` around it. */
export type QuotaStyle = { kind: 'exact' } | { kind: 'band'; slack: number };

/** Builds a synthetic problem; deterministic in `seed`. */
export function syntheticProblem(n: number, k: number, valuesPerCategory: readonly number[], style: QuotaStyle, seed: string): SelectionProblem {
  const random = createRandom(seed);
  const C = valuesPerCategory.length;
  const latent = 6;
  // Each latent profile prefers one value per category.
  const prefer = Array.from({ length: latent }, () => valuesPerCategory.map((v) => randomInt(random, v)));
  const people: Person[] = [];
  for (let i = 0; i < n; i++) {
    const profile = prefer[Math.min(latent - 1, Math.floor(randomFloat(random) ** 1.5 * latent))]!;
    const values: Record<string, string> = {};
    for (let c = 0; c < C; c++) {
      const v = randomFloat(random) < 0.55 ? profile[c]! : randomInt(random, valuesPerCategory[c]!);
      values[`cat${c}`] = `v${v}`;
    }
    people.push({ id: `p${i}`, values });
  }
  const categories: Category[] = valuesPerCategory.map((V, c) => {
    const counts = new Array<number>(V).fill(0);
    for (const p of people) counts[Number(p.values[`cat${c}`]!.slice(1))]!++;
    const exact = counts.map((x) => (x / n) * k);
    const base = exact.map(Math.floor);
    let missing = k - base.reduce((s, x) => s + x, 0);
    const order = exact.map((x, v) => [x - Math.floor(x), v] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (let t = 0; missing > 0; t++, missing--) base[order[t]![1]]!++;
    return {
      name: `cat${c}`,
      values: base.map((q, v) => {
        if (style.kind === 'exact') return { value: `v${v}`, min: q, max: q };
        const slack = Math.max(1, Math.round(q * style.slack));
        return { value: `v${v}`, min: Math.max(0, q - slack), max: Math.min(counts[v]!, q + slack) };
      }),
    };
  });
  return { people, categories, k };
}
