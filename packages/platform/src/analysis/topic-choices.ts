// Staff's choices applied to a run's topics (pure). A topic staff renamed, merged, split or pinned is stored
// with its inputs (a "kept" topic); every run, including the next, keeps it:
// - its inputs that the run still has stay in it (inputs no longer visible drop out; a kept topic left with
//   none is not shown);
// - a topic the run found whose inputs mostly (half or more) belong to one unpinned kept topic gives it its
//   other, new inputs (so new ideas on a renamed or merged topic join it); a pinned topic takes no new inputs;
// - what is left of the run's topics is shown as the run found it (with fewer inputs).
// Pinned topics come first, then the largest; each topic has its size, examples and inputs per week.

import type { AnalysisResult } from './analyse.ts';

/** A kept topic as stored. Its members are input keys, the most representative first. */
export interface TopicChoice {
  readonly id: string;
  readonly label: string;
  readonly name: string | null;
  readonly members: readonly string[];
  readonly pinned: boolean;
}

/** A topic as staff see it. `id` is the kept topic's id, or `run-<n>` for the n-th topic the run found. */
export interface TopicView {
  readonly id: string;
  /** Staff's name, else the phrases found for it. */
  readonly label: string;
  readonly name: string | null;
  readonly phrases: readonly string[];
  readonly size: number;
  readonly members: readonly string[];
  /** Up to five inputs, the most representative first. */
  readonly examples: readonly string[];
  /** Inputs written per week (Monday, yyyy-mm-dd), every week of the run from the first to the last. */
  readonly trend: readonly { week: string; count: number }[];
  readonly pinned: boolean;
  /** True for a topic staff renamed, merged, split or pinned. */
  readonly kept: boolean;
}

const examplesShown = 5;

/** The run's topics with the choices applied (see the file comment). */
export function applyChoices(result: Pick<AnalysisResult, 'topics' | 'weeks'>, choices: readonly TopicChoice[]): TopicView[] {
  const present = new Set<string>(Object.keys(result.weeks ?? {}));
  for (const t of result.topics) for (const m of t.members ?? []) present.add(m);
  const owner = new Map<string, number>();
  const kept = choices.map((c, i) => {
    const members = c.members.filter((m) => present.has(m) && !owner.has(m));
    for (const m of members) owner.set(m, i);
    return { choice: c, members, joined: [] as string[] };
  });
  const found: { id: string; label: string; phrases: string[]; members: string[]; examples: string[] }[] = [];
  result.topics.forEach((t, n) => {
    const members = t.members ?? [];
    if (members.length === 0) return;
    const counts = new Map<number, number>();
    for (const m of members) {
      const o = owner.get(m);
      if (o !== undefined) counts.set(o, (counts.get(o) ?? 0) + 1);
    }
    const rest = members.filter((m) => !owner.has(m));
    if (rest.length === 0) return;
    let best = -1;
    let bestCount = 0;
    for (const [o, c] of counts) if (!(kept[o] as (typeof kept)[number]).choice.pinned && (c > bestCount || (c === bestCount && o < best))) [best, bestCount] = [o, c];
    if (best >= 0 && bestCount * 2 >= members.length) {
      (kept[best] as (typeof kept)[number]).joined.push(...rest);
      return;
    }
    const restSet = new Set(rest);
    const examples = [...t.representatives.filter((r) => restSet.has(r)), ...rest.filter((m) => !t.representatives.includes(m))];
    found.push({ id: `run-${n + 1}`, label: t.label, phrases: t.phrases ?? [], members: rest, examples });
  });
  const weeks = allWeeks(result.weeks ?? {});
  const trend = (members: readonly string[]) => {
    const counts = new Map(weeks.map((w) => [w, 0]));
    for (const m of members) {
      const w = result.weeks?.[m];
      if (w !== undefined) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    return weeks.map((week) => ({ week, count: counts.get(week) ?? 0 }));
  };
  const views: TopicView[] = [
    ...kept
      .filter((k) => k.members.length + k.joined.length > 0)
      .map((k) => {
        const members = [...k.members, ...k.joined];
        return {
          id: k.choice.id,
          label: k.choice.name ?? k.choice.label,
          name: k.choice.name,
          phrases: k.choice.label.split(', ').filter((p) => p !== ''),
          size: members.length,
          members,
          examples: members.slice(0, examplesShown),
          trend: trend(members),
          pinned: k.choice.pinned,
          kept: true,
        };
      }),
    ...found.map((f) => ({
      id: f.id,
      label: f.label,
      name: null,
      phrases: f.phrases,
      size: f.members.length,
      members: f.members,
      examples: f.examples.slice(0, examplesShown),
      trend: trend(f.members),
      pinned: false,
      kept: false,
    })),
  ];
  return views.sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.size - a.size || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** Every Monday from the first week an input was written in to the last (none when no input is dated). */
function allWeeks(weeks: Readonly<Record<string, string>>): string[] {
  const dated = [...new Set(Object.values(weeks))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const first = dated[0];
  const last = dated[dated.length - 1];
  if (first === undefined || last === undefined) return [];
  const out: string[] = [];
  for (let d = new Date(`${first}T00:00:00Z`); d.toISOString().slice(0, 10) <= last; d.setUTCDate(d.getUTCDate() + 7)) out.push(d.toISOString().slice(0, 10));
  return out;
}
