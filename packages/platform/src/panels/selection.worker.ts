import { analyze, roundToUniform, type Category, type Person, type QuotaChange } from '@tingsted/sortition';
import { runInWorker, serveWorker, type WorkerEntry } from '../jobs/worker.ts';

/**
 * Seconds for the integer program that improves the list's rounding (the package's default is 5). It runs
 * to its limit, since its bound never meets the incumbent; on the 1,000-person benchmark pool it found
 * nothing better than the largest-remainder rounding in 5 s (largest deviation 0.0037 either way), so the
 * job gives it one second.
 */
const roundingSeconds = 1;

/** What the selection needs: the pool (ids are respondent numbers), the categories with quotas, the size. */
export interface SelectionInput {
  readonly people: readonly Person[];
  readonly categories: readonly Category[];
  readonly k: number;
  readonly householdRule: boolean;
  /** Panels in the published list (the transparent draw picks one of them). */
  readonly m: number;
  readonly timeLimitSeconds: number;
}

/** The lottery, ready to publish, or why there is none. */
export type SelectionOutput =
  | {
      readonly ok: true;
      readonly algorithm: string;
      readonly minProbability: number;
      readonly maxProbability: number;
      readonly probabilities: Readonly<Record<string, number>>;
      readonly lotteryText: string;
      readonly hash: string;
      readonly m: number;
      readonly maxDeviation: number;
      readonly seconds: number;
      /** Seconds LEXIMIN itself took, without the rounding to the list. */
      readonly algorithmSeconds: number;
    }
  | { readonly ok: false; readonly reason: string; readonly detail: string; readonly relaxation: readonly QuotaChange[] };

/**
 * Computes the LEXIMIN lottery and rounds it to m equally likely panels. Pure CPU work (HiGHS in
 * WebAssembly); call it through `selectInWorker` so the server's event loop stays free.
 */
export async function computeSelection(input: SelectionInput, onProgress: (text: string) => void = () => undefined): Promise<SelectionOutput> {
  const started = performance.now();
  let lastReport = 0;
  const analysis = await analyze(
    { people: input.people, categories: input.categories, k: input.k, householdRule: input.householdRule },
    {
      algorithm: 'leximin',
      timeLimitSeconds: input.timeLimitSeconds,
      onProgress: (p) => {
        const now = performance.now();
        if (now - lastReport < 500) return;
        lastReport = now;
        onProgress(JSON.stringify(p));
      },
    },
  );
  const algorithmSeconds = (performance.now() - started) / 1000;
  if (!analysis.ok) return { ok: false, reason: analysis.reason, detail: analysis.detail, relaxation: analysis.diagnosis?.relaxation ?? [] };
  onProgress('rounding');
  const uniform = await roundToUniform(
    analysis,
    input.people.map((p) => p.id),
    { m: input.m, timeLimitSeconds: roundingSeconds },
  );
  // The published probabilities are the ones the list gives (count / m), which the draw really uses.
  const counts = new Map<string, number>();
  for (const panel of uniform.panels) for (const id of panel) counts.set(id, (counts.get(id) ?? 0) + 1);
  const probabilities: Record<string, number> = {};
  let min = 1;
  let max = 0;
  for (const person of input.people) {
    const p = (counts.get(person.id) ?? 0) / uniform.m;
    probabilities[person.id] = p;
    min = Math.min(min, p);
    max = Math.max(max, p);
  }
  return {
    ok: true,
    algorithm: analysis.algorithm,
    minProbability: min,
    maxProbability: max,
    probabilities,
    lotteryText: uniform.text,
    hash: uniform.hash,
    m: uniform.m,
    maxDeviation: uniform.maxDeviation,
    seconds: (performance.now() - started) / 1000,
    algorithmSeconds,
  };
}

const entry: WorkerEntry = { name: 'panels.selection', url: new URL(import.meta.url) };

/**
 * Runs `computeSelection` in a worker thread (the platform's one worker bootstrap, `jobs/worker.ts`): the
 * thread's entry is this module itself (from source its .ts file, in the bundled server the bundle).
 */
export function selectInWorker(input: SelectionInput, onProgress: (text: string) => void): Promise<SelectionOutput> {
  return runInWorker<SelectionInput, SelectionOutput, string>(entry, input, { onProgress });
}

serveWorker<SelectionInput, SelectionOutput, string>(entry.name, computeSelection);
