// Reading a published result as stored (the results use case stores the contract's result, ResultSchema, and
// the MES payments of online ballots by ballot id): which projects won, each project's outcome, what each
// voter's share paid. Read defensively: the stored JSON is not typed by the database.

/** One project's outcome in a published result. */
export interface ProjectOutcome {
  readonly selected: boolean;
  readonly rank: number | null;
  readonly votes: number;
  readonly detail: string;
}

/** A published result, as the project page and the voter's page read it. */
export interface PublishedOutcome {
  /** The funded projects in the order the rule chose them. */
  readonly selected: readonly string[];
  readonly projects: ReadonlyMap<string, ProjectOutcome>;
  /** Online ballot id → project id → what the ballot's share paid (MES rules). */
  readonly payments: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Reads a stored result; what it cannot read is left out. */
export function readPublished(stored: unknown): PublishedOutcome {
  const result = isRecord(stored) ? stored : {};
  const selected = list(result.selected).flatMap((s) => (isRecord(s) && text(s.id) !== '' ? [text(s.id)] : []));
  const projects = new Map<string, ProjectOutcome>();
  for (const p of list(result.projects)) {
    if (!isRecord(p) || text(p.id) === '') continue;
    projects.set(text(p.id), { selected: p.selected === true, rank: number(p.rank), votes: number(p.votes) ?? 0, detail: text(p.detail) });
  }
  const payments = new Map<string, Map<string, number>>();
  const paidBy = isRecord(result.payments) ? result.payments : {};
  for (const [ballotId, paid] of Object.entries(paidBy)) {
    const byProject = new Map<string, number>();
    for (const entry of list(paid)) {
      const amount = isRecord(entry) ? number(entry.amount) : null;
      if (isRecord(entry) && amount !== null && text(entry.project) !== '') byProject.set(text(entry.project), amount);
    }
    payments.set(ballotId, byProject);
  }
  return { selected, projects, payments };
}
