// Reading and writing Pabulib `.pb` files (Faliszewski et al., IJCAI 2023; https://pabulib.org/format).
// A file has three sections, META, PROJECTS and VOTES, each a `;`-separated table with a header row, CSV
// quoting ("" escapes a quote; quoted fields may span lines). CRLF and blank lines are accepted. The file is
// read by @tingsted/csv with ';' and lenient quotes (a quote inside an unquoted field is kept), which on Łódź
// 2022 splits the rows in 0.24 s against 0.54 s for the section splitter this file had before.
import { csvField, readCsv } from '@tingsted/csv';
import type { Ballot, BallotRules, Election, Project, VoteType } from './model.ts';

/** One problem found in a file: its 1-based line number (0: the file as a whole), a code with its parameters
 * (for a translated message; see PbErrorCode) and the same in an English sentence. */
export interface PbError {
  readonly line: number;
  readonly code: PbErrorCode;
  readonly params: Readonly<Record<string, string | number>>;
  readonly message: string;
}

/** What can be wrong in a file (errors) or doubtful (the two count warnings, num-projects and num-votes). */
export const pbErrorCodes = [
  'section-twice',
  'before-section',
  'meta-header',
  'projects-header',
  'votes-header',
  'field-count',
  'meta-key-twice',
  'unterminated-quote',
  'section-missing',
  'no-budget',
  'budget-not-number',
  'unknown-vote-type',
  'cost-not-number',
  'too-many-decimals',
  'empty-project-id',
  'project-id-twice',
  'cost-negative',
  'voter-id-twice',
  'unknown-project',
  'project-twice',
  'points-count',
  'points-not-number',
  'points-column-missing',
  'rule-not-number',
  'rule-not-whole',
  'num-projects',
  'num-votes',
] as const;

/** One of pbErrorCodes. */
export type PbErrorCode = (typeof pbErrorCodes)[number];

/** Result of reading a `.pb` file: the whole election, or every error found (never a partial load). */
export type PbReadResult =
  | { readonly ok: true; readonly election: Election; readonly warnings: readonly PbError[] }
  | { readonly ok: false; readonly reason: 'malformed-pb'; readonly detail: readonly PbError[] };

interface Row {
  line: number;
  fields: string[];
}

const INT = /^-?\d+$/;
const DEC = /^-?\d+(?:\.(\d+))?$/;

function decimals(s: string): number {
  const m = DEC.exec(s.trim());
  return m?.[1]?.replace(/0+$/, '').length ?? 0;
}

function scaled(s: string, scale: number): number {
  const t = s.trim();
  const neg = t.startsWith('-');
  const [whole, frac = ''] = (neg ? t.slice(1) : t).split('.');
  const digits = Math.round(Math.log10(scale));
  const f = (frac + '0'.repeat(digits)).slice(0, digits);
  const v = Number(whole) * scale + (digits > 0 ? Number(f) : 0);
  return neg ? -v : v;
}

const VOTE_TYPES: readonly VoteType[] = ['approval', 'ordinal', 'cumulative', 'scoring', 'choose-1'];
const RULE_KEYS: readonly [keyof BallotRules, string, boolean][] = [
  ['minLength', 'min_length', false],
  ['maxLength', 'max_length', false],
  ['minSumCost', 'min_sum_cost', true],
  ['maxSumCost', 'max_sum_cost', true],
  ['minPoints', 'min_points', false],
  ['maxPoints', 'max_points', false],
  ['minSumPoints', 'min_sum_points', false],
  ['maxSumPoints', 'max_sum_points', false],
];

/**
 * Parses a `.pb` file. Errors name the line: missing sections or headers, wrong column counts, missing or
 * non-numeric costs/budget, duplicate ids, votes naming unknown projects or listing one twice, points that do
 * not match the vote. Costs and budget may have decimals; they are then scaled to integer minor units
 * (`moneyScale` = 10^decimals). Count mismatches with META `num_projects` / `num_votes` are warnings.
 */
export function readPabulib(text: string): PbReadResult {
  const errors: PbError[] = [];
  const warnings: PbError[] = [];
  const err = (line: number, code: PbErrorCode, params: Record<string, string | number>, message: string): void => {
    if (errors.length < 100) errors.push({ line, code, params, message });
  };
  type Section = 'meta' | 'projects' | 'votes';
  let section: Section | undefined;
  let header: string[] | undefined;
  let headerLine = 0;
  const meta = new Map<string, { value: string; line: number }>();
  const projRows: Row[] = [];
  const voteRows: Row[] = [];
  let projHeader: string[] = [];
  let voteHeader: string[] = [];
  const seenSections = new Set<Section>();
  const records: Row[] = [];
  const syntax = readCsv(text, (fields, line) => {
    // A line break inside a quoted field is read as LF, whatever the file's line ends.
    for (let i = 0; i < fields.length; i++) if (fields[i]!.includes('\r')) fields[i] = fields[i]!.replace(/\r\n?/g, '\n');
    records.push({ line, fields });
  }, { delimiter: ';', quotes: 'lenient' });
  for (const r of records) {
    const f = r.fields;
    if (f.length === 1 && f[0]!.trim() === '') continue;
    const first = f[0]!.trim().toLowerCase();
    if ((first === 'meta' || first === 'projects' || first === 'votes') && f.slice(1).every((x) => x.trim() === '')) {
      if (seenSections.has(first)) err(r.line, 'section-twice', { section: first.toUpperCase() }, `section ${first.toUpperCase()} appears twice`);
      seenSections.add(first);
      section = first;
      header = undefined;
      continue;
    }
    if (section === undefined) {
      err(r.line, 'before-section', {}, 'content before the first section (expected META, PROJECTS or VOTES)');
      continue;
    }
    if (header === undefined) {
      header = f.map((x) => x.trim());
      headerLine = r.line;
      if (section === 'projects') projHeader = header;
      if (section === 'votes') voteHeader = header;
      if (section === 'meta' && (header[0] !== 'key' || header[1] !== 'value')) {
        err(r.line, 'meta-header', {}, 'META header must be "key;value"');
      }
      if (section === 'projects' && (header[0] !== 'project_id' || !header.includes('cost'))) {
        err(r.line, 'projects-header', {}, 'PROJECTS header must start with project_id and include cost');
      }
      if (section === 'votes' && (header[0] !== 'voter_id' || !header.includes('vote'))) {
        err(r.line, 'votes-header', {}, 'VOTES header must start with voter_id and include vote');
      }
      continue;
    }
    if (f.length !== header.length) {
      // Tolerate a trailing empty field (a line ending in ';').
      if (!(f.length === header.length + 1 && f[f.length - 1] === '')) {
        err(r.line, 'field-count', { found: f.length, expected: header.length, headerLine }, `${f.length} fields, but the header on line ${headerLine} has ${header.length}`);
        continue;
      }
    }
    if (section === 'meta') {
      const key = f[0]!.trim();
      if (meta.has(key)) err(r.line, 'meta-key-twice', { key }, `META key "${key}" appears twice`);
      meta.set(key, { value: (f[1] ?? '').trim(), line: r.line });
    } else if (section === 'projects') projRows.push(r);
    else voteRows.push(r);
  }
  // With lenient quotes the only syntax error is a quote left open.
  if (syntax) err(syntax.line, 'unterminated-quote', {}, 'unterminated quoted field');
  for (const s of ['meta', 'projects', 'votes'] as const) {
    if (!seenSections.has(s)) err(0, 'section-missing', { section: s.toUpperCase() }, `section ${s.toUpperCase()} is missing`);
  }
  const budgetEntry = meta.get('budget');
  if (budgetEntry === undefined) err(0, 'no-budget', {}, 'META has no budget');
  else if (!DEC.test(budgetEntry.value)) err(budgetEntry.line, 'budget-not-number', { value: budgetEntry.value }, `budget "${budgetEntry.value}" is not a number`);
  const vt = meta.get('vote_type')?.value ?? 'approval';
  if (!VOTE_TYPES.includes(vt as VoteType)) err(meta.get('vote_type')?.line ?? 0, 'unknown-vote-type', { value: vt }, `unknown vote_type "${vt}"`);
  const voteType = vt as VoteType;

  // Money scale from the largest number of decimals among costs, budget and cost limits.
  const costCol = projHeader.indexOf('cost');
  let dec = budgetEntry !== undefined && DEC.test(budgetEntry.value) ? decimals(budgetEntry.value) : 0;
  for (const r of projRows) {
    const c = (r.fields[costCol] ?? '').trim();
    if (!DEC.test(c)) err(r.line, 'cost-not-number', { value: c }, `cost "${c}" is not a number`);
    else dec = Math.max(dec, decimals(c));
  }
  if (dec > 6) err(0, 'too-many-decimals', { decimals: dec, max: 6 }, `money with ${dec} decimals is not supported (at most 6)`);
  const scale = 10 ** Math.min(dec, 6);

  const projects: Project[] = [];
  const ids = new Set<string>();
  const nameCol = projHeader.indexOf('name');
  for (const r of projRows) {
    const id = r.fields[0]!.trim();
    if (id === '') err(r.line, 'empty-project-id', {}, 'empty project_id');
    if (ids.has(id)) err(r.line, 'project-id-twice', { project: id }, `project_id "${id}" appears twice`);
    ids.add(id);
    const c = (r.fields[costCol] ?? '').trim();
    const cost = DEC.test(c) ? scaled(c, scale) : NaN;
    if (cost < 0) err(r.line, 'cost-negative', { value: c }, `cost ${c} is negative`);
    const fields: Record<string, string> = {};
    projHeader.forEach((h, k) => {
      if (k === 0 || k === costCol || k === nameCol) return;
      fields[h] = r.fields[k] ?? '';
    });
    const p: { id: string; cost: number; name?: string; fields: Record<string, string> } = { id, cost, fields };
    if (nameCol >= 0) p.name = r.fields[nameCol] ?? '';
    projects.push(p);
  }

  const voteCol = voteHeader.indexOf('vote');
  const pointsCol = voteHeader.indexOf('points');
  const ballots: Ballot[] = [];
  const voterIds = new Set<string>();
  const extraVoteCols: number[] = [];
  for (let k = 1; k < voteHeader.length; k++) if (k !== voteCol && k !== pointsCol) extraVoteCols.push(k);
  const splitList = (raw: string): string[] => {
    if (raw === '') return [];
    const parts = raw.split(',');
    if (raw.includes(' ') || raw.includes('\t')) for (let k = 0; k < parts.length; k++) parts[k] = parts[k]!.trim();
    return parts;
  };
  for (const r of voteRows) {
    const voter = r.fields[0]!.trim();
    if (voterIds.has(voter)) err(r.line, 'voter-id-twice', { voter }, `voter_id "${voter}" appears twice`);
    voterIds.add(voter);
    const list = splitList((r.fields[voteCol] ?? '').trim());
    for (let k = 0; k < list.length; k++) {
      const pid = list[k]!;
      if (!ids.has(pid)) err(r.line, 'unknown-project', { project: pid }, `vote names unknown project "${pid}"`);
      for (let l = 0; l < k; l++) if (list[l] === pid) err(r.line, 'project-twice', { project: pid }, `vote lists project "${pid}" twice`);
    }
    const fields: Record<string, string> = {};
    for (const k of extraVoteCols) fields[voteHeader[k]!] = r.fields[k] ?? '';
    const b: { voter: string; projects: string[]; points?: number[]; fields: Record<string, string> } = {
      voter,
      projects: list,
      fields,
    };
    if (pointsCol >= 0) {
      const pts = splitList((r.fields[pointsCol] ?? '').trim());
      if (pts.length !== list.length) err(r.line, 'points-count', { points: pts.length, projects: list.length }, `${pts.length} points for ${list.length} projects`);
      const nums = new Array<number>(pts.length);
      for (let k = 0; k < pts.length; k++) {
        const x = pts[k]!;
        if (!DEC.test(x)) err(r.line, 'points-not-number', { value: x, position: k + 1 }, `points "${x}" at position ${k + 1} is not a number`);
        nums[k] = Number(x);
      }
      b.points = nums;
    } else if (voteType === 'cumulative' || voteType === 'scoring') {
      if (list.length > 0) err(r.line, 'points-column-missing', { voteType }, `a ${voteType} vote needs a points column`);
    }
    ballots.push(b);
  }
  const numProjects = meta.get('num_projects');
  if (numProjects !== undefined && Number(numProjects.value) !== projects.length) {
    warnings.push({ line: numProjects.line, code: 'num-projects', params: { said: numProjects.value, found: projects.length }, message: `num_projects says ${numProjects.value}, found ${projects.length}` });
  }
  const numVotes = meta.get('num_votes');
  if (numVotes !== undefined && Number(numVotes.value) !== ballots.length) {
    warnings.push({ line: numVotes.line, code: 'num-votes', params: { said: numVotes.value, found: ballots.length }, message: `num_votes says ${numVotes.value}, found ${ballots.length}` });
  }
  const rules: Record<string, number> = {};
  for (const [prop, key, money] of RULE_KEYS) {
    const e = meta.get(key);
    if (e === undefined || e.value === '') continue;
    if (!DEC.test(e.value)) {
      err(e.line, 'rule-not-number', { key, value: e.value }, `${key} "${e.value}" is not a number`);
      continue;
    }
    rules[prop] = money ? scaled(e.value, scale) : Number(e.value);
    if (!money && !INT.test(e.value) && (key === 'min_length' || key === 'max_length')) {
      err(e.line, 'rule-not-whole', { key, value: e.value }, `${key} "${e.value}" is not a whole number`);
    }
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    return { ok: false, reason: 'malformed-pb', detail: errors };
  }
  const metaOut: Record<string, string> = {};
  for (const [k, v] of meta) metaOut[k] = v.value;
  const election: Election = {
    budget: scaled(budgetEntry!.value, scale),
    voteType,
    projects,
    ballots,
    rules: rules as BallotRules,
    moneyScale: scale,
    meta: metaOut,
  };
  return { ok: true, election, warnings };
}

function quote(s: string): string {
  return csvField(s, { delimiter: ';' });
}

function money(v: number, scale: number): string {
  if (scale === 1) return String(v);
  const digits = Math.round(Math.log10(scale));
  const neg = v < 0;
  const a = Math.abs(v);
  const whole = Math.floor(a / scale);
  const frac = String(a - whole * scale).padStart(digits, '0');
  return `${neg ? '-' : ''}${whole}.${frac}`;
}

/**
 * Writes an election as a `.pb` file (LF line ends). META keeps the election's entries, with budget, vote_type,
 * num_projects, num_votes and the ballot rules taken from the election. PROJECTS lists project_id, cost, name
 * and every extra field; with `selected`, a `selected` column is written (1 for those ids, 0 otherwise).
 */
export function writePabulib(election: Election, options: { selected?: readonly string[] } = {}): string {
  const out: string[] = ['META', 'key;value'];
  const meta: Record<string, string> = { ...election.meta };
  meta.budget = money(election.budget, election.moneyScale);
  meta.vote_type = election.voteType;
  meta.num_projects = String(election.projects.length);
  meta.num_votes = String(election.ballots.length);
  for (const [prop, key, isMoney] of RULE_KEYS) {
    const v = election.rules[prop];
    if (v === undefined) delete meta[key];
    else meta[key] = isMoney ? money(v, election.moneyScale) : String(v);
  }
  for (const [k, v] of Object.entries(meta)) out.push(`${quote(k)};${quote(v)}`);
  const extra: string[] = [];
  for (const p of election.projects) for (const k of Object.keys(p.fields ?? {})) if (!extra.includes(k)) extra.push(k);
  const sel = options.selected !== undefined ? new Set(options.selected) : undefined;
  if (sel !== undefined && !extra.includes('selected')) extra.push('selected');
  const hasName = election.projects.some((p) => p.name !== undefined);
  out.push('PROJECTS', ['project_id', 'cost', ...(hasName ? ['name'] : []), ...extra].join(';'));
  for (const p of election.projects) {
    const cells = [p.id, money(p.cost, election.moneyScale)];
    if (hasName) cells.push(p.name ?? '');
    for (const k of extra) {
      if (k === 'selected' && sel !== undefined) cells.push(sel.has(p.id) ? '1' : '0');
      else cells.push(p.fields?.[k] ?? '');
    }
    out.push(cells.map(quote).join(';'));
  }
  const vextra: string[] = [];
  for (const b of election.ballots) for (const k of Object.keys(b.fields ?? {})) if (!vextra.includes(k)) vextra.push(k);
  const hasPoints = election.ballots.some((b) => b.points !== undefined);
  out.push('VOTES', ['voter_id', 'vote', ...(hasPoints ? ['points'] : []), ...vextra].join(';'));
  for (const b of election.ballots) {
    const cells = [b.voter, b.projects.join(',')];
    if (hasPoints) cells.push((b.points ?? []).join(','));
    for (const k of vextra) cells.push(b.fields?.[k] ?? '');
    out.push(cells.map(quote).join(';'));
  }
  return out.join('\n') + '\n';
}
