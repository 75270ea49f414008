// Reading Pabulib `.pb` files (Faliszewski et al., IJCAI 2023; https://pabulib.org/format) in one pass over
// the bytes as they arrive. A file has three sections, META, PROJECTS and VOTES, each a `;`-separated table with
// a header row, CSV quoting ("" escapes a quote; quoted fields may span lines). CRLF and blank lines are
// accepted. Rows are read by @tingsted/csv's byte stream with ';' and lenient quotes (a quote inside an
// unquoted field is kept). VOTES rows are merged into voter classes as they are read (identical ballots: one
// class with a weight; items and points in typed-array pools, found again through an open-addressing hash
// table), so no object is built per ballot unless the caller asks for the ballots. Memory grows with the
// distinct ballots and the voter ids (needed to find a repeated voter_id), never with the file's text.
import { createCsvStream, type CsvRecordView, type CsvSyntaxError } from '@tingsted/csv';
import type { ElectionHeader, PabulibReader, PbError, PbErrorCode, PbReadResult, PbReaderOptions, PbStreamResult } from './pabulib-types.ts';
import { ClassMerger, IdTrie, VoterIds, compile } from './pabulib-classes.ts';
import { ordinalPoints, type Ballot, type BallotRules, type Election, type Project, type VoteType } from './model.ts';

/** Most errors reported. */
export { pbErrorCodes, pbStreamErrorCodes, type ElectionHeader, type PabulibReader, type PbError, type PbErrorCode, type PbReadResult, type PbReaderOptions, type PbStreamResult } from './pabulib-types.ts';

const MAX_ERRORS = 100;

export const INT = /^-?\d+$/;
export const DEC = /^-?\d+(?:\.(\d+))?$/;

function decimals(s: string): number {
  const m = DEC.exec(s.trim());
  return m?.[1]?.replace(/0+$/, '').length ?? 0;
}

/** A decimal number as an integer count of 1/scale units. */
export function scaled(s: string, scale: number): number {
  const t = s.trim();
  const neg = t.startsWith('-');
  const [whole, frac = ''] = (neg ? t.slice(1) : t).split('.');
  const digits = Math.round(Math.log10(scale));
  const f = (frac + '0'.repeat(digits)).slice(0, digits);
  const v = Number(whole) * scale + (digits > 0 ? Number(f) : 0);
  return neg ? -v : v;
}

const VOTE_TYPES: readonly VoteType[] = ['approval', 'ordinal', 'cumulative', 'scoring', 'choose-1'];

/** Ballot rules: property, META key, whether it is money. */
export const RULE_KEYS: readonly [keyof BallotRules, string, boolean][] = [
  ['minLength', 'min_length', false],
  ['maxLength', 'max_length', false],
  ['minSumCost', 'min_sum_cost', true],
  ['maxSumCost', 'max_sum_cost', true],
  ['minPoints', 'min_points', false],
  ['maxPoints', 'max_points', false],
  ['minSumPoints', 'min_sum_points', false],
  ['maxSumPoints', 'max_sum_points', false],
];

type Section = 'meta' | 'projects' | 'votes';

interface Row {
  line: number;
  fields: string[];
}

/** A field's text, with a line break inside a quoted field read as LF whatever the file's line ends. */
function fieldText(r: CsvRecordView, i: number): string {
  const t = r.text(i);
  return t.includes('\r') ? t.replace(/\r\n?/g, '\n') : t;
}

function splitList(raw: string): string[] {
  if (raw === '') return [];
  const parts = raw.split(',');
  if (raw.includes(' ') || raw.includes('\t')) for (let k = 0; k < parts.length; k++) parts[k] = parts[k]!.trim();
  return parts;
}

const encoder = new TextEncoder();

/** First bytes of a possible section line: m, p, v (any case), space, tab, quote. */
const SECTION_START = new Set([0x6d, 0x4d, 0x70, 0x50, 0x76, 0x56, 0x20, 0x09, 0x22]);
const SECTION_WORDS = ['meta', 'projects', 'votes'].map((w) => encoder.encode(w));

/**
 * Whether a row's first field might name a section (META, PROJECTS, VOTES in any case, perhaps quoted or with
 * spaces): such rows take the text path, which tells a section line from a ballot. Voter ids that merely start
 * with one of those letters (v1, vote0100…) are not.
 */
function maybeSection(r: CsvRecordView): boolean {
  const s = r.starts[0]!;
  const b = r.buf[s]!;
  if (!SECTION_START.has(b)) return false;
  if (b === 0x20 || b === 0x09 || b === 0x22 || r.special[0] !== undefined) return true;
  const len = r.ends[0]! - s;
  for (const word of SECTION_WORDS) {
    if (word.length !== len) continue;
    let k = 0;
    while (k < len && (r.buf[s + k]! | 0x20) === word[k]) k++;
    if (k === len) return true;
  }
  return false;
}

export function createPabulibReader(options: PbReaderOptions = {}): PabulibReader {
  // Errors by phase, reported in this order (and by line): rows as read, the file's end, projects, votes, rules.
  const structural: PbError[] = [];
  const voteErrors: PbError[] = [];
  const warnings: PbError[] = [];
  const errorOf = (line: number, code: PbErrorCode, params: Record<string, string | number>, message: string): PbError => ({ line, code, params, message });
  const push = (list: PbError[], e: PbError): void => {
    if (list.length < MAX_ERRORS) list.push(e);
  };
  let section: Section | undefined;
  let header: string[] | undefined;
  let headerLine = 0;
  const meta = new Map<string, { value: string; line: number }>();
  const projRows: Row[] = [];
  const pendingVotes: Row[] = [];
  let projHeader: string[] = [];
  let voteHeader: string[] = [];
  const seenSections = new Set<Section>();
  let syntax: CsvSyntaxError | null = null;

  // VOTES: set up once META and PROJECTS are complete (the usual order); before that, rows wait in pendingVotes.
  let votesReady = false;
  let voteCol = -1;
  let pointsCol = -1;
  let extraVoteCols: number[] = [];
  let voteType: VoteType = 'approval';
  let projectIndex = new Map<string, number>();
  let projectIds: string[] = [];
  let scoring: Pick<Election, 'ordinalScoring' | 'rules'> = { rules: {} };
  const voters = new VoterIds();
  let trie = new IdTrie();
  // For each ballot merged into a class: its voter's number in `voters` and its class.
  let voterRef = new Int32Array(1 << 12);
  let voterClass = new Int32Array(1 << 12);
  let merged = 0;
  let ballotCount = 0;
  const merger = new ClassMerger();
  const ballots: Ballot[] = [];
  let scratchItems = new Int32Array(64);
  let scratchPoints = new Float64Array(64);

  const setUpVotes = (): void => {
    votesReady = true;
    voteCol = voteHeader.indexOf('vote');
    pointsCol = voteHeader.indexOf('points');
    extraVoteCols = [];
    for (let k = 1; k < voteHeader.length; k++) if (k !== voteCol && k !== pointsCol) extraVoteCols.push(k);
    const vt = meta.get('vote_type')?.value ?? 'approval';
    voteType = vt as VoteType;
    projectIndex = new Map();
    projectIds = [];
    trie = new IdTrie();
    projRows.forEach((r, i) => {
      const id = r.fields[0]!.trim();
      projectIds.push(id);
      if (!projectIndex.has(id)) projectIndex.set(id, i);
      trie.add(encoder.encode(id), i);
    });
    const ml = meta.get('max_length');
    const maxLength = ml !== undefined && ml.value !== '' && DEC.test(ml.value) ? Number(ml.value) : undefined;
    scoring = {
      rules: maxLength !== undefined ? { maxLength } : {},
      ...(options.ordinalScoring !== undefined ? { ordinalScoring: options.ordinalScoring } : {}),
    };
  };

  const vote = (line: number, fields: readonly string[]): void => {
    const voter = fields[0]!.trim();
    const idBytes = encoder.encode(voter);
    if (!voters.add(idBytes, 0, idBytes.length)) push(voteErrors, errorOf(line, 'voter-id-twice', { voter }, `voter_id "${voter}" appears twice`));
    const list = splitList((fields[voteCol] ?? '').trim());
    const k = list.length;
    const errorsBefore = voteErrors.length;
    if (k > scratchItems.length) {
      scratchItems = new Int32Array(k * 2);
      scratchPoints = new Float64Array(k * 2);
    }
    for (let t = 0; t < k; t++) {
      const pid = list[t]!;
      const j = projectIndex.get(pid);
      if (j === undefined) push(voteErrors, errorOf(line, 'unknown-project', { project: pid }, `vote names unknown project "${pid}"`));
      for (let l = 0; l < t; l++) if (list[l] === pid) push(voteErrors, errorOf(line, 'project-twice', { project: pid }, `vote lists project "${pid}" twice`));
      scratchItems[t] = j ?? -1;
    }
    let nums: number[] | undefined;
    if (pointsCol >= 0) {
      const pts = splitList((fields[pointsCol] ?? '').trim());
      if (pts.length !== k) push(voteErrors, errorOf(line, 'points-count', { points: pts.length, projects: k }, `${pts.length} points for ${k} projects`));
      nums = new Array<number>(pts.length);
      for (let t = 0; t < pts.length; t++) {
        const x = pts[t]!;
        if (!DEC.test(x)) push(voteErrors, errorOf(line, 'points-not-number', { value: x, position: t + 1 }, `points "${x}" at position ${t + 1} is not a number`));
        nums[t] = Number(x);
      }
    } else if (voteType === 'cumulative' || voteType === 'scoring') {
      if (k > 0) push(voteErrors, errorOf(line, 'points-column-missing', { voteType }, `a ${voteType} vote needs a points column`));
    }
    ballotCount++;
    if (options.ballots === true) {
      const extra: Record<string, string> = {};
      for (const c of extraVoteCols) extra[voteHeader[c]!] = fields[c] ?? '';
      const b: { voter: string; projects: string[]; points?: number[]; fields: Record<string, string> } = { voter, projects: list, fields: extra };
      if (nums !== undefined) b.points = nums;
      ballots.push(b);
    }
    // Once the file has an error no election is returned: only the checks go on.
    if (voteErrors.length > 0 || errorsBefore > 0 || structural.length > 0) return;
    for (let t = 0; t < k; t++) {
      scratchPoints[t] = nums !== undefined ? nums[t]! : voteType === 'ordinal' ? ordinalPoints(scoring, t, k) : 1;
    }
    merge(k, voters.count - 1);
  };

  /** Merges the ballot in the scratch arrays (k items with their points, in ballot order) of voter number `ref`. */
  const merge = (k: number, ref: number): void => {
    // Sort the pairs by project index (ballots are short: insertion sort).
    for (let t = 1; t < k; t++) {
      const j = scratchItems[t]!;
      const p = scratchPoints[t]!;
      let u = t - 1;
      while (u >= 0 && scratchItems[u]! > j) {
        scratchItems[u + 1] = scratchItems[u]!;
        scratchPoints[u + 1] = scratchPoints[u]!;
        u--;
      }
      scratchItems[u + 1] = j;
      scratchPoints[u + 1] = p;
    }
    const c = merger.add(scratchItems, scratchPoints, k);
    if (merged === voterClass.length) {
      const classes = new Int32Array(merged * 2);
      classes.set(voterClass);
      voterClass = classes;
      const refs = new Int32Array(merged * 2);
      refs.set(voterRef);
      voterRef = refs;
    }
    voterClass[merged] = c;
    voterRef[merged] = ref;
    merged++;
  };

  /**
   * A VOTES row read from the bytes, without strings: taken when the row is plain (ids without spaces or quotes,
   * known projects, each once, points written as plain integers); anything else returns false and the row is
   * read as text by `vote`, which reports what is wrong. Both give the same ballot.
   */
  const fastVote = (r: CsvRecordView): boolean => {
    if (structural.length > 0 || voteErrors.length > 0) return false;
    const buf = r.buf;
    if (r.special[0] !== undefined || r.special[voteCol] !== undefined) return false;
    const vs = r.starts[0]!;
    const ve = r.ends[0]!;
    for (let k = vs; k < ve; k++) if (buf[k]! <= 32 || buf[k]! >= 127) return false;
    let k = 0;
    const s = r.starts[voteCol]!;
    const e = r.ends[voteCol]!;
    if (s < e) {
      for (let a = s; a <= e; ) {
        let b = a;
        while (b < e && buf[b] !== 44) {
          if (buf[b]! <= 32) return false;
          b++;
        }
        const j = trie.get(buf, a, b);
        if (j < 0) return false;
        for (let t = 0; t < k; t++) if (scratchItems[t] === j) return false;
        if (k === scratchItems.length) {
          const items = new Int32Array(k * 2);
          items.set(scratchItems);
          scratchItems = items;
          scratchPoints = new Float64Array(k * 2);
        }
        scratchItems[k++] = j;
        a = b + 1;
      }
    }
    if (pointsCol >= 0) {
      if (r.special[pointsCol] !== undefined) return false;
      let t = 0;
      const ps = r.starts[pointsCol]!;
      const pe = r.ends[pointsCol]!;
      if (ps < pe) {
        for (let a = ps; a <= pe; ) {
          let b = a;
          let neg = false;
          let v = 0;
          if (b < pe && buf[b] === 45) {
            neg = true;
            b++;
          }
          const digits = b;
          while (b < pe && buf[b]! >= 48 && buf[b]! <= 57) v = v * 10 + (buf[b++]! - 48);
          if (b === digits || b - digits > 15 || (b < pe && buf[b] !== 44) || t >= k) return false;
          scratchPoints[t++] = neg ? -v : v;
          a = b + 1;
        }
      }
      if (t !== k) return false;
    } else if (voteType === 'ordinal') {
      for (let t = 0; t < k; t++) scratchPoints[t] = ordinalPoints(scoring, t, k);
    } else if (voteType === 'cumulative' || voteType === 'scoring') {
      if (k > 0) return false;
    } else scratchPoints.fill(1, 0, k);
    if (!voters.add(buf, vs, ve)) return false;
    ballotCount++;
    if (options.ballots === true) {
      // The same ballot as `vote` gives (a plain id's bytes are its text; a matched project is its id).
      const projects = new Array<string>(k);
      for (let t = 0; t < k; t++) projects[t] = projectIds[scratchItems[t]!]!;
      const extra: Record<string, string> = {};
      for (const c of extraVoteCols) extra[voteHeader[c]!] = fieldText(r, c);
      const b: { voter: string; projects: string[]; points?: number[]; fields: Record<string, string> } = { voter: r.text(0), projects, fields: extra };
      if (pointsCol >= 0) b.points = Array.from(scratchPoints.subarray(0, k));
      ballots.push(b);
    }
    merge(k, voters.count - 1);
    return true;
  };

  let stopped = false;
  const onRecord = (r: CsvRecordView): boolean => {
    const n = r.count;
    if (n === 1 && r.isBlank(0)) return true;
    const first = r.text(0).trim().toLowerCase();
    if (first === 'meta' || first === 'projects' || first === 'votes') {
      let rest = true;
      for (let i = 1; i < n && rest; i++) rest = r.isBlank(i);
      if (rest) {
        if (seenSections.has(first)) push(structural, errorOf(r.line, 'section-twice', { section: first.toUpperCase() }, `section ${first.toUpperCase()} appears twice`));
        seenSections.add(first);
        section = first;
        header = undefined;
        return structural.length < MAX_ERRORS;
      }
    }
    if (section === undefined) {
      push(structural, errorOf(r.line, 'before-section', {}, 'content before the first section (expected META, PROJECTS or VOTES)'));
      return structural.length < MAX_ERRORS;
    }
    // Plain VOTES rows take the byte path; one that could be a section line (maybeSection) goes the text way.
    if (section === 'votes' && votesReady && header !== undefined && n === header.length && !maybeSection(r) && fastVote(r)) return true;
    const fields: string[] = new Array<string>(n);
    for (let i = 0; i < n; i++) fields[i] = fieldText(r, i);
    if (header === undefined) {
      header = fields.map((x) => x.trim());
      headerLine = r.line;
      if (section === 'projects') projHeader = header;
      if (section === 'votes') {
        voteHeader = header;
        if (seenSections.has('meta') && seenSections.has('projects') && !votesReady) setUpVotes();
      }
      if (section === 'meta' && (header[0] !== 'key' || header[1] !== 'value')) {
        push(structural, errorOf(r.line, 'meta-header', {}, 'META header must be "key;value"'));
      }
      if (section === 'projects' && (header[0] !== 'project_id' || !header.includes('cost'))) {
        push(structural, errorOf(r.line, 'projects-header', {}, 'PROJECTS header must start with project_id and include cost'));
      }
      if (section === 'votes' && (header[0] !== 'voter_id' || !header.includes('vote'))) {
        push(structural, errorOf(r.line, 'votes-header', {}, 'VOTES header must start with voter_id and include vote'));
      }
      return structural.length < MAX_ERRORS;
    }
    if (n !== header.length) {
      // Tolerate a trailing empty field (a line ending in ';').
      if (!(n === header.length + 1 && fields[n - 1] === '')) {
        push(structural, errorOf(r.line, 'field-count', { found: n, expected: header.length, headerLine }, `${n} fields, but the header on line ${headerLine} has ${header.length}`));
        return structural.length < MAX_ERRORS;
      }
    }
    if (section === 'meta') {
      const key = fields[0]!.trim();
      if (meta.has(key)) push(structural, errorOf(r.line, 'meta-key-twice', { key }, `META key "${key}" appears twice`));
      meta.set(key, { value: (fields[1] ?? '').trim(), line: r.line });
    } else if (section === 'projects') projRows.push({ line: r.line, fields });
    else if (votesReady) vote(r.line, fields);
    else pendingVotes.push({ line: r.line, fields });
    return structural.length < MAX_ERRORS;
  };
  const stream = createCsvStream(onRecord, { delimiter: ';', quotes: 'lenient', ...(options.maxRecordBytes !== undefined ? { maxRecordBytes: options.maxRecordBytes } : {}) });

  const finish = (): PbStreamResult => {
    const fileErrors: PbError[] = [];
    const projectErrors: PbError[] = [];
    const ruleErrors: PbError[] = [];
    // A quote left open (with lenient quotes the only syntax error), or a record over the size limit.
    if (syntax) {
      const quote = syntax.message.startsWith('quoted field');
      if (quote) fileErrors.push(errorOf(syntax.line, 'unterminated-quote', { column: syntax.column }, `unterminated quoted field (the quote at column ${syntax.column})`));
      else fileErrors.push(errorOf(syntax.line, 'record-too-long', { column: syntax.column }, syntax.message));
    }
    for (const s of ['meta', 'projects', 'votes'] as const) {
      if (!seenSections.has(s)) fileErrors.push(errorOf(0, 'section-missing', { section: s.toUpperCase() }, `section ${s.toUpperCase()} is missing`));
    }
    const budgetEntry = meta.get('budget');
    if (budgetEntry === undefined) fileErrors.push(errorOf(0, 'no-budget', {}, 'META has no budget'));
    else if (!DEC.test(budgetEntry.value)) fileErrors.push(errorOf(budgetEntry.line, 'budget-not-number', { value: budgetEntry.value }, `budget "${budgetEntry.value}" is not a number`));
    const vt = meta.get('vote_type')?.value ?? 'approval';
    if (!VOTE_TYPES.includes(vt as VoteType)) fileErrors.push(errorOf(meta.get('vote_type')?.line ?? 0, 'unknown-vote-type', { value: vt }, `unknown vote_type "${vt}"`));

    // Money scale from the largest number of decimals among costs, budget and cost limits.
    const costCol = projHeader.indexOf('cost');
    let dec = budgetEntry !== undefined && DEC.test(budgetEntry.value) ? decimals(budgetEntry.value) : 0;
    for (const r of projRows) {
      const c = (r.fields[costCol] ?? '').trim();
      if (!DEC.test(c)) projectErrors.push(errorOf(r.line, 'cost-not-number', { value: c }, `cost "${c}" is not a number`));
      else dec = Math.max(dec, decimals(c));
    }
    if (dec > 6) projectErrors.push(errorOf(0, 'too-many-decimals', { decimals: dec, max: 6 }, `money with ${dec} decimals is not supported (at most 6)`));
    const scale = 10 ** Math.min(dec, 6);
    const projects: Project[] = [];
    const ids = new Set<string>();
    const nameCol = projHeader.indexOf('name');
    for (const r of projRows) {
      const id = r.fields[0]!.trim();
      if (id === '') projectErrors.push(errorOf(r.line, 'empty-project-id', {}, 'empty project_id'));
      if (ids.has(id)) projectErrors.push(errorOf(r.line, 'project-id-twice', { project: id }, `project_id "${id}" appears twice`));
      ids.add(id);
      const c = (r.fields[costCol] ?? '').trim();
      const cost = DEC.test(c) ? scaled(c, scale) : NaN;
      if (cost < 0) projectErrors.push(errorOf(r.line, 'cost-negative', { value: c }, `cost ${c} is negative`));
      const fields: Record<string, string> = {};
      projHeader.forEach((h, k) => {
        if (k === 0 || k === costCol || k === nameCol) return;
        fields[h] = r.fields[k] ?? '';
      });
      const p: { id: string; cost: number; name?: string; fields: Record<string, string> } = { id, cost, fields };
      if (nameCol >= 0) p.name = r.fields[nameCol] ?? '';
      projects.push(p);
    }
    // Votes read before their META or PROJECTS section (an unusual order) are read now.
    if (!votesReady) setUpVotes();
    for (const r of pendingVotes) vote(r.line, r.fields);
    pendingVotes.length = 0;

    const numProjects = meta.get('num_projects');
    if (numProjects !== undefined && Number(numProjects.value) !== projects.length) {
      warnings.push(errorOf(numProjects.line, 'num-projects', { said: numProjects.value, found: projects.length }, `num_projects says ${numProjects.value}, found ${projects.length}`));
    }
    const numVotes = meta.get('num_votes');
    if (numVotes !== undefined && Number(numVotes.value) !== ballotCount) {
      warnings.push(errorOf(numVotes.line, 'num-votes', { said: numVotes.value, found: ballotCount }, `num_votes says ${numVotes.value}, found ${ballotCount}`));
    }
    const rules: Record<string, number> = {};
    for (const [prop, key, money] of RULE_KEYS) {
      const e = meta.get(key);
      if (e === undefined || e.value === '') continue;
      if (!DEC.test(e.value)) {
        ruleErrors.push(errorOf(e.line, 'rule-not-number', { key, value: e.value }, `${key} "${e.value}" is not a number`));
        continue;
      }
      rules[prop] = money ? scaled(e.value, scale) : Number(e.value);
      if (!money && !INT.test(e.value) && (key === 'min_length' || key === 'max_length')) {
        ruleErrors.push(errorOf(e.line, 'rule-not-whole', { key, value: e.value }, `${key} "${e.value}" is not a whole number`));
      }
    }
    const errors = [...structural, ...fileErrors, ...projectErrors, ...voteErrors, ...ruleErrors].slice(0, MAX_ERRORS);
    if (errors.length > 0) {
      errors.sort((a, b) => a.line - b.line);
      return { ok: false, reason: 'malformed-pb', detail: errors };
    }
    const metaOut: Record<string, string> = {};
    for (const [k, v] of meta) metaOut[k] = v.value;
    const election: ElectionHeader = {
      budget: scaled(budgetEntry!.value, scale),
      voteType: vt as VoteType,
      projects,
      rules: rules as BallotRules,
      moneyScale: scale,
      meta: metaOut,
      ...(options.ordinalScoring !== undefined ? { ordinalScoring: options.ordinalScoring } : {}),
    };
    const profile = compile(election, merger, voterClass.subarray(0, merged), voterRef.subarray(0, merged), voters);
    return { ok: true, election, profile, ...(options.ballots === true ? { ballots } : {}), warnings };
  };

  return {
    push(chunk) {
      if (stopped) return false;
      syntax = stream.push(chunk);
      stopped = syntax !== null || structural.length >= MAX_ERRORS;
      return !stopped;
    },
    end() {
      if (!stopped) syntax = stream.end();
      stopped = true;
      return finish();
    },
  };
}


/**
 * Parses a `.pb` file held in memory (see createPabulibReader, which this uses): the election with its ballots,
 * or every error (up to 100) sorted by line.
 */
export function readPabulib(text: string): PbReadResult {
  const reader = createPabulibReader({ ballots: true, maxRecordBytes: Math.max(8 * 1024 * 1024, text.length * 3 + 16) });
  reader.push(new TextEncoder().encode(text));
  const r = reader.end();
  if (!r.ok) return r;
  return { ok: true, election: { ...r.election, ballots: r.ballots! }, warnings: r.warnings };
}
