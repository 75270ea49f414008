/**
 * Helpers shared by the tests (not exported from the package): locating the shared reference data and
 * generating small random pools.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRandom, randomInt, type Category, type Person, type SelectionProblem, type Lottery } from './index.ts';

/** The shared data folder: $TINGSTED_DATA, else <repo root>/../shared/data. */
export const DATA_DIR = process.env['TINGSTED_DATA'] ?? fileURLToPath(new URL('../../../../shared/data', import.meta.url));

/** Reads a file under the data folder, or undefined when the folder is absent. */
export function dataFile(relative: string): string | undefined {
  const path = `${DATA_DIR}/${relative}`;
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/**
 * A random small pool: n people, 2–3 categories with 2–3 values, quotas in a band around the
 * proportional share, optionally households of up to 3 people.
 */
export function randomProblem(seed: number, n: number, k: number, households: boolean): SelectionProblem {
  const random = createRandom(`pool-${seed}`);
  const C = 2 + randomInt(random, 2);
  const valueCounts = Array.from({ length: C }, () => 2 + randomInt(random, 2));
  const people: Person[] = [];
  for (let i = 0; i < n; i++) {
    const values: Record<string, string> = {};
    valueCounts.forEach((V, c) => {
      // Skewed: value 0 is the most common.
      const v = Math.min(V - 1, Math.floor(randomInt(random, 100) / (100 / (V + 1))));
      values[`c${c}`] = `v${v}`;
    });
    const household = households ? `h${Math.floor(i / (1 + randomInt(random, 3)))}` : undefined;
    people.push(household === undefined ? { id: `p${i}`, values } : { id: `p${i}`, values, household });
  }
  const categories: Category[] = valueCounts.map((V, c) => ({
    name: `c${c}`,
    values: Array.from({ length: V }, (_, v) => {
      const count = people.filter((p) => p.values[`c${c}`] === `v${v}`).length;
      const share = (count / n) * k;
      return { value: `v${v}`, min: Math.max(0, Math.floor(share) - 1), max: Math.min(k, Math.ceil(share) + 1) };
    }),
  }));
  return { people, categories, k, householdRule: households };
}

/** Every panel of a lottery, expanded with the first members of each group (groups are interchangeable). */
export function supportPanels(lottery: Lottery): string[][] {
  return lottery.panels.map((p) => [...lottery.alreadySelected, ...p.counts.flatMap(([g, c]) => lottery.groups[g]!.slice(0, c))]);
}
