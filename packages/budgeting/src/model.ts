// Domain types for a participatory-budgeting election and the compiled, index-based profile the rules use.

/** Ballot formats, named as in Pabulib's `vote_type`. */
export type VoteType = 'approval' | 'ordinal' | 'cumulative' | 'scoring' | 'choose-1';

/** A project on the ballot. `cost` is an integer in the election's money unit (see `Election.moneyScale`). */
export interface Project {
  readonly id: string;
  readonly cost: number;
  readonly name?: string;
  /** Other columns (Pabulib PROJECTS fields such as `category`, `selected`), kept for round trips. */
  readonly fields?: Readonly<Record<string, string>>;
}

/**
 * One voter's ballot. `projects` lists project ids (for ordinal ballots most preferred first); `points`, when
 * present, is parallel to `projects` (cumulative/scoring ballots, or ordinal ballots with explicit points).
 */
export interface Ballot {
  readonly voter: string;
  readonly projects: readonly string[];
  readonly points?: readonly number[];
  readonly fields?: Readonly<Record<string, string>>;
  /**
   * How many voters cast this very ballot (a whole number ≥ 1; default 1). Identical ballots may come once with
   * their count: the tally is the same as with each given separately (a per-voter explanation then has one
   * entry for the ballot, under its `voter`).
   */
  readonly weight?: number;
}

/** Ballot constraints, named after Pabulib META keys (min_length, max_length, max_sum_cost, …). */
export interface BallotRules {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minSumCost?: number;
  readonly maxSumCost?: number;
  readonly minPoints?: number;
  readonly maxPoints?: number;
  readonly minSumPoints?: number;
  readonly maxSumPoints?: number;
}

/** A participatory-budgeting election: budget, projects and ballots. */
export interface Election {
  /** Total budget, an integer in the money unit. */
  readonly budget: number;
  readonly voteType: VoteType;
  readonly projects: readonly Project[];
  readonly ballots: readonly Ballot[];
  readonly rules: BallotRules;
  /**
   * Points an ordinal ballot gives by rank (first entry for the top choice) when the ballot carries no
   * explicit points, e.g. [3, 2, 1]. Default: Borda-style, maxLength − rank (or length − rank).
   */
  readonly ordinalScoring?: readonly number[];
  /** Minor units per major currency unit as written in the file (1 when the file used whole units). */
  readonly moneyScale: number;
  /** Remaining META entries, verbatim. */
  readonly meta: Readonly<Record<string, string>>;
}

/** Identical ballots merged into one weighted voter class (identical ballots always fare identically). */
export interface VoterClass {
  readonly weight: number;
  /** Project indices on the ballot, ascending. */
  readonly items: Int32Array;
  /** Points given to each item (1 for approval ballots), parallel to `items`. */
  readonly points: readonly number[];
  /** Voter ids in this class, in ballot order. */
  readonly voters: readonly string[];
}

/** The compiled, index-based view of an election the rules work on. */
export interface Profile {
  readonly ids: readonly string[];
  readonly cost: readonly number[];
  readonly budget: number;
  readonly classes: readonly VoterClass[];
  /** For each project, indices of the classes whose ballot contains it. */
  readonly approvers: readonly Int32Array[];
  /** For each project, the number of voters listing it. */
  readonly votes: readonly number[];
  /** For each project, the total points it received. */
  readonly score: readonly number[];
  /** Total number of voters (ballots). */
  readonly voterCount: number;
  /** Index of each project id. */
  readonly index: ReadonlyMap<string, number>;
}

/** Points an ordinal ballot's rank (0-based) is worth under the election's scoring. */
export function ordinalPoints(election: Pick<Election, 'ordinalScoring' | 'rules'>, rank: number, length: number): number {
  const table = election.ordinalScoring;
  if (table !== undefined) return table[rank] ?? 0;
  const top = election.rules.maxLength ?? length;
  return Math.max(0, top - rank);
}

/**
 * Compiles an election into a profile: projects indexed in input order, identical ballots merged into weighted
 * classes (in order of first appearance). Throws an Error naming the voter if a ballot names an unknown project
 * or lists one twice, or if points do not match the projects.
 */
export function buildProfile(election: Election): Profile {
  const ids = election.projects.map((p) => p.id);
  const cost = election.projects.map((p) => p.cost);
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    if (index.has(id)) throw new Error(`project id "${id}" appears twice`);
    index.set(id, i);
  });
  const m = ids.length;
  const byKey = new Map<string, { weight: number; items: Int32Array; points: number[]; voters: string[] }>();
  const order: string[] = [];
  let voterCount = 0;
  for (const ballot of election.ballots) {
    const w = ballot.weight ?? 1;
    if (!Number.isInteger(w) || w < 1) throw new Error(`voter "${ballot.voter}": weight ${w} is not a whole number ≥ 1`);
    voterCount += w;
    const pairs: [number, number][] = [];
    if (ballot.points !== undefined && ballot.points.length !== ballot.projects.length) {
      throw new Error(`voter "${ballot.voter}": ${ballot.points.length} points for ${ballot.projects.length} projects`);
    }
    const seen = new Set<number>();
    ballot.projects.forEach((pid, rank) => {
      const j = index.get(pid);
      if (j === undefined) throw new Error(`voter "${ballot.voter}": unknown project "${pid}"`);
      if (seen.has(j)) throw new Error(`voter "${ballot.voter}": project "${pid}" listed twice`);
      seen.add(j);
      let pts: number;
      if (ballot.points !== undefined) pts = ballot.points[rank] ?? 0;
      else if (election.voteType === 'ordinal') pts = ordinalPoints(election, rank, ballot.projects.length);
      else pts = 1;
      pairs.push([j, pts]);
    });
    pairs.sort((a, b) => a[0] - b[0]);
    const key = pairs.map(([j, p]) => `${j}:${p}`).join(',');
    let cls = byKey.get(key);
    if (cls === undefined) {
      cls = { weight: 0, items: Int32Array.from(pairs.map((p) => p[0])), points: pairs.map((p) => p[1]), voters: [] };
      byKey.set(key, cls);
      order.push(key);
    }
    cls.weight += w;
    cls.voters.push(ballot.voter);
  }
  const classes: VoterClass[] = order.map((k) => byKey.get(k)!);
  const lists: number[][] = Array.from({ length: m }, () => []);
  const votes = new Array<number>(m).fill(0);
  const score = new Array<number>(m).fill(0);
  classes.forEach((c, ci) => {
    c.items.forEach((j, t) => {
      lists[j]!.push(ci);
      votes[j]! += c.weight;
      score[j]! += c.weight * (c.points[t] ?? 0);
    });
  });
  return {
    ids,
    cost,
    budget: election.budget,
    classes,
    approvers: lists.map((l) => Int32Array.from(l)),
    votes,
    score,
    voterCount,
    index,
  };
}
