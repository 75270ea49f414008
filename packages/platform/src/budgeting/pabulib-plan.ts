// A Pabulib file as what a budgeting phase stores: one budget, its projects in file order (keeping the file's
// project_id as reference), the ballot design from META, and the ballots. Pure: every problem is a field error
// naming its line, and a file with any problem gives no plan at all.
import { createHash } from 'node:crypto';
import { readCsv } from '@tingsted/csv';
import { readPabulib, type Ballot, type Election } from '@tingsted/budgeting';
import { isLocale, type Locale } from '../i18n/locales.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { ImportedDesign, PabulibReplacement } from './budgeting.results.repository.ts';
import { rankPoints } from './ballot-rules.ts';
import { ballotContext, capErrors, lineErrors, type CountingDesign, type LineContext } from './counting.ts';

/** What a file becomes, before the phase and the clerk are known (with the number of ballots, its voters). */
export type PabulibPlan = Omit<PabulibReplacement, 'phaseId' | 'enteredBy'> & { readonly ballotCount: number };

const FIELD = 'file';
/** Money columns hold at most this (whole units; the contracts' limit, below the integer column's). */
const MAX_MONEY = 2_000_000_000;
const MAX_RANK = 50;

/** Where things are in a file: META keys, project ids and voter ids by line (read only when a problem needs a line). */
interface Lines {
  readonly meta: Map<string, number>;
  readonly projects: Map<string, number>;
  readonly votes: Map<string, number>;
}

function linesOf(text: string): Lines {
  const lines: Lines = { meta: new Map(), projects: new Map(), votes: new Map() };
  let section: keyof Lines | null = null;
  let header = true;
  readCsv(
    text,
    (fields, line) => {
      const first = (fields[0] ?? '').trim();
      if (fields.length === 1 && (first === 'META' || first === 'PROJECTS' || first === 'VOTES')) {
        section = first === 'META' ? 'meta' : first === 'PROJECTS' ? 'projects' : 'votes';
        header = true;
        return;
      }
      if (section === null) return;
      if (header) header = false;
      else if (!lines[section].has(first)) lines[section].set(first, line);
    },
    { delimiter: ';', quotes: 'lenient' },
  );
  return lines;
}

const problem = (line: number, message: string, params: Record<string, string | number> = {}): FieldError => ({ field: FIELD, message, params: { line, ...params } });

/** The design a file's META describes, or the problems that keep it from being one Tingsted can run. */
function designOf(e: Election, where: () => Lines, errors: FieldError[]): ImportedDesign {
  const r = e.rules;
  const metaLine = (key: string) => where().meta.get(key) ?? 1;
  const unsupported = (key: string) => errors.push(problem(metaLine(key), 'budgeting.import.unsupported', { key, value: e.meta[key] ?? '' }));
  let ballotKind: ImportedDesign['ballotKind'] = 'approval';
  let minProjects = r.minLength ?? null;
  let maxProjects = r.maxLength ?? null;
  let pointsTotal: number | null = null;
  let rankLimit: number | null = null;
  if (r.minSumCost !== undefined) unsupported('min_sum_cost');
  if (r.maxSumCost !== undefined) {
    // The basket's limit is the budget itself; another limit is not a ballot Tingsted offers.
    if (e.voteType === 'approval' && r.maxSumCost === e.budget) ballotKind = 'basket';
    else unsupported('max_sum_cost');
  }
  switch (e.voteType) {
    case 'approval':
      break;
    case 'choose-1':
      minProjects = 1;
      maxProjects = 1;
      break;
    case 'ordinal': {
      ballotKind = 'ranking';
      rankLimit = r.maxLength ?? Math.max(1, ...e.ballots.map((b) => b.projects.length));
      if (rankLimit > MAX_RANK) errors.push(problem(metaLine('max_length'), 'budgeting.import.rankLimit', { max: MAX_RANK }));
      break;
    }
    case 'cumulative':
    case 'scoring':
      ballotKind = 'points';
      if (r.maxSumPoints === undefined) errors.push(problem(metaLine('vote_type'), 'budgeting.import.pointsTotal'));
      else pointsTotal = r.maxSumPoints;
      if (r.minPoints !== undefined && r.minPoints !== 0) unsupported('min_points');
      if (r.maxPoints !== undefined) unsupported('max_points');
      break;
  }
  if (minProjects !== null && maxProjects !== null && minProjects > maxProjects) unsupported('min_length');
  const rule = e.meta.rule ?? '';
  const threshold = Number(e.meta.min_project_score_threshold);
  let out: Pick<ImportedDesign, 'rule' | 'greedyThreshold'> = { rule: 'mes-add1', greedyThreshold: null };
  if (rule === 'greedy') out = { rule: 'greedy', greedyThreshold: null };
  else if (rule === 'greedy-threshold' && Number.isInteger(threshold) && threshold >= 0) out = { rule: 'greedy', greedyThreshold: threshold };
  else if (rule === 'equalshares') out = { rule: 'mes', greedyThreshold: null };
  // equalshares.net's tool stops once the outcome is exhaustive (see @tingsted/budgeting's README).
  else if (rule === 'equalshares/add1') out = { rule: 'mes-add1-exhaustive', greedyThreshold: null };
  else if (rule === 'greedy-threshold') unsupported('min_project_score_threshold');
  else if (rule !== '') unsupported('rule');
  const currency = /^[A-Z]{3}$/.test(e.meta.currency ?? '') ? e.meta.currency! : null;
  return { ballotKind, minProjects, maxProjects, pointsTotal, rankLimit, ...out, currency };
}

/** The budget's name from META: its description, else unit, district and instance. */
function nameOf(e: Election): string {
  const parts = [e.meta.unit, e.meta.district ?? e.meta.subunit, e.meta.instance].filter((s): s is string => s !== undefined && s.trim() !== '');
  return (e.meta.description ?? '').trim() || parts.join(' ') || 'Pabulib';
}

/**
 * Reads a Pabulib file into what an import stores, or ValidationFailed listing every problem by line: the
 * file's own syntax errors (from readPabulib), costs and budget that are not whole units or not positive, META
 * settings Tingsted cannot run, and every ballot that breaks the resulting design (checked as an online
 * ballot would be; ranking ballots' points must be the Borda points K, K−1, … the design counts).
 */
export function pabulibPlan(text: string, fallbackLocale: Locale): Result<PabulibPlan> {
  const read = readPabulib(text);
  // Each syntax problem as a message of its own (budgeting.import.pb.*, in the catalogs), with its line and parameters.
  if (!read.ok) return fail('ValidationFailed', capErrors(FIELD, read.detail.map((d) => problem(d.line, `budgeting.import.pb.${d.code}`, d.params))));
  const e = read.election;
  let cached: Lines | undefined;
  const where = () => (cached ??= linesOf(text));
  const errors: FieldError[] = [];
  if (e.moneyScale !== 1) {
    // Money is whole currency units in Tingsted; rounding a cost would change who can afford what.
    if (e.budget % e.moneyScale !== 0) errors.push(problem(where().meta.get('budget') ?? 1, 'budgeting.import.decimals'));
    for (const p of e.projects) if (p.cost % e.moneyScale !== 0) errors.push(problem(where().projects.get(p.id) ?? 1, 'budgeting.import.decimals'));
    for (const key of ['max_sum_cost', 'min_sum_cost']) if (where().meta.has(key) && /\.\d*[1-9]/.test(e.meta[key] ?? '')) errors.push(problem(where().meta.get(key)!, 'budgeting.import.decimals'));
  }
  if (e.budget <= 0 || e.budget > MAX_MONEY * e.moneyScale) errors.push(problem(where().meta.get('budget') ?? 1, 'budgeting.import.amount', { max: MAX_MONEY }));
  for (const p of e.projects) {
    if (p.cost <= 0 || p.cost > MAX_MONEY * e.moneyScale) errors.push(problem(where().projects.get(p.id) ?? 1, 'budgeting.import.cost', { project: p.id, max: MAX_MONEY }));
  }
  if (e.projects.length === 0) errors.push(problem(1, 'budgeting.import.noProjects'));
  const design = designOf(e, where, errors);
  if (errors.length > 0) return fail('ValidationFailed', capErrors(FIELD, errors));

  const counting: CountingDesign = { ballot_kind: design.ballotKind, min_projects: design.minProjects, max_projects: design.maxProjects, points_total: design.pointsTotal, rank_limit: design.rankLimit, rule: design.rule, greedy_threshold: design.greedyThreshold, tie_break: [], seed: '', voters: 'residents', min_age: null };
  const context = ballotContext(counting, e.budget, e.projects.map((p, i) => ({ id: p.id, number: i + 1, cost: p.cost })));
  const index = new Map(e.projects.map((p, i) => [p.id, i] as const));
  // Identical ballots (the same projects in the same order, the same points) are stored once with their voters.
  const byKey = new Map<string, { voterRefs: string[]; projects: number[]; points: number[] | null }>();
  for (const b of e.ballots) {
    const bad = ballotProblems(b, design, counting, context, () => where().votes.get(b.voter) ?? 1);
    if (bad.length > 0) {
      errors.push(...bad);
      continue;
    }
    let projects: number[];
    let points: number[] | null = null;
    if (design.ballotKind === 'points') {
      // Points ballots keep only the projects given points, as online ones do.
      const given = b.projects.map((_, t) => t).filter((t) => (b.points?.[t] ?? 0) > 0);
      projects = given.map((t) => index.get(b.projects[t]!)!);
      points = given.map((t) => b.points![t]!);
    } else projects = b.projects.map((id) => index.get(id)!);
    const key = points === null ? projects.join(',') : `${projects.join(',')}|${points.join(',')}`;
    const group = byKey.get(key);
    if (group === undefined) byKey.set(key, { voterRefs: [b.voter], projects, points });
    else group.voterRefs.push(b.voter);
  }
  if (errors.length > 0) return fail('ValidationFailed', capErrors(FIELD, errors));
  const locale: Locale = isLocale(e.meta.language) ? e.meta.language : fallbackLocale;
  const contentHash = createHash('sha256').update(text).digest('hex');
  return ok({
    label: `Pabulib ${contentHash.slice(0, 12)}`,
    contentHash,
    budget: { name: { [locale]: nameOf(e) }, amount: e.budget },
    projects: e.projects.map((p) => ({
      reference: p.id,
      title: { [locale]: (p.name ?? '').trim() || p.id },
      description: (p.fields?.description ?? '').trim() === '' ? {} : { [locale]: p.fields!.description!.trim() },
      cost: p.cost,
      category: (p.fields?.category ?? '').trim() || null,
    })),
    design,
    ballots: [...byKey.values()],
    ballotCount: e.ballots.length,
  });
}

/**
 * The problems of one ballot under the design, each naming the ballot's line (looked up only for a bad ballot):
 * online voting's rules (lineErrors), and for ranking ballots with points, the Borda points K, K−1, … the
 * design counts.
 */
function ballotProblems(b: Ballot, design: ImportedDesign, counting: CountingDesign, context: LineContext, line: () => number): FieldError[] {
  const out = lineErrors(FIELD, 0, design.ballotKind === 'points' ? b : { voter: b.voter, projects: b.projects }, context, (id) => id);
  if (design.ballotKind === 'ranking' && b.points !== undefined) {
    const expected = rankPoints(counting, b.projects.length);
    if (b.points.some((p, t) => p !== expected[t])) out.push({ field: FIELD, message: 'budgeting.import.rankingPoints', params: { line: 0, expected: expected.join(',') } });
  }
  if (out.length === 0) return out;
  const at = line();
  return out.map((f) => ({ ...f, params: { ...f.params, line: at } }));
}
