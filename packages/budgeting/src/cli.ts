// tingsted-budget: tally a Pabulib file from the command line.
import { closeSync, openSync, readSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createPabulibReader, type PbStreamResult } from './pabulib.ts';
import { validateBallots } from './ballots.ts';
import { officialRule, tallyOptionsFor, tallyProfile, RULES, type RuleName, type TallyOptions } from './tally.ts';
import type { TieBreakKey } from './tiebreak.ts';

const USAGE = `Usage:
  tingsted-budget tally FILE.pb --rule ${RULES.join('|')}|official
      [--by votes|score] [--threshold N] [--scoring 3,2,1] [--utility cost|approval|points]
      [--utilitarian] [--comparison cardinality|cost|exclusion] [--add1-step N]
      [--tie-break key,key,...] [--seed S] [--explain] [--json]
  tingsted-budget validate FILE.pb [--json]

--json prints one JSON object: selected (ids in selection order), cost, budget, seconds, ties, details
(and explanations with --explain). --rule official uses the file's META rule (greedy, greedy-threshold,
greedy-no-skip, equalshares, equalshares/add1). --scoring gives points by rank to ordinal ballots without a points
column. Tie-break keys: lowest-cost, highest-cost, most-votes, fewest-votes,
most-score, input-order, lot (default lowest-cost,most-votes,lot).
`;

function fail(message: string): never {
  process.stderr.write(`tingsted-budget: ${message}\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      rule: { type: 'string' },
      by: { type: 'string' },
      threshold: { type: 'string' },
      scoring: { type: 'string' },
      utility: { type: 'string' },
      utilitarian: { type: 'boolean' },
      comparison: { type: 'string' },
      'add1-step': { type: 'string' },
      'tie-break': { type: 'string' },
      seed: { type: 'string' },
      explain: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, file] = positionals;
  if (values.help === true || command === undefined) {
    process.stdout.write(USAGE);
    return;
  }
  if (command !== 'tally' && command !== 'validate') fail(`unknown command "${command}"\n${USAGE}`);
  if (file === undefined) fail('missing FILE.pb');
  let ordinalScoring: number[] | undefined;
  if (values.scoring !== undefined) {
    ordinalScoring = values.scoring.split(',').map((x) => Number(x.trim()));
    if (ordinalScoring.some((x) => !Number.isFinite(x))) fail('--scoring must be numbers separated by commas, e.g. 3,2,1');
  }
  const t0 = performance.now();
  const read = readFile(file, { ballots: command === 'validate', ...(ordinalScoring !== undefined ? { ordinalScoring } : {}) });
  if (!read.ok) {
    for (const e of read.detail) process.stderr.write(`${file}:${e.line}: ${e.message}\n`);
    process.exit(1);
  }
  for (const w of read.warnings) process.stderr.write(`${file}:${w.line}: warning: ${w.message}\n`);
  const election = read.election;
  if (command === 'validate') {
    const ballots = read.ballots ?? [];
    const bad = validateBallots({ ...election, ballots });
    if (values.json === true) process.stdout.write(JSON.stringify({ ballots: ballots.length, invalid: bad }) + '\n');
    else {
      for (const b of bad) for (const v of b.violations) process.stdout.write(`${b.voter}\t${v.code}\t${v.reason}\n`);
      process.stdout.write(`${ballots.length} ballots, ${bad.length} with violations\n`);
    }
    return;
  }
  let base: TallyOptions;
  if (values.rule === 'official') {
    const o = officialRule(election);
    if (!o.ok) fail(o.detail);
    base = o.options;
  } else {
    const rule = values.rule as RuleName | undefined;
    if (rule === undefined || !RULES.includes(rule)) fail(`--rule must be one of ${RULES.join(', ')}, official`);
    base = { rule };
  }
  const options: { -readonly [K in keyof TallyOptions]: TallyOptions[K] } = { ...base, explainVoters: values.explain === true };
  if (values.by !== undefined) {
    if (values.by !== 'votes' && values.by !== 'score') fail('--by must be votes or score');
    options.by = values.by;
  }
  if (values.threshold !== undefined) {
    const n = Number(values.threshold);
    if (!Number.isFinite(n)) fail('--threshold must be a number');
    options.threshold = n;
  }
  if (values.utility !== undefined) {
    if (!['cost', 'approval', 'points'].includes(values.utility)) fail('--utility must be cost, approval or points');
    options.utility = values.utility as 'cost' | 'approval' | 'points';
  }
  if (values.utilitarian === true) options.utilitarianCompletion = true;
  if (values.comparison !== undefined) {
    if (!['cardinality', 'cost', 'exclusion'].includes(values.comparison)) fail('--comparison must be cardinality, cost or exclusion');
    options.comparison = values.comparison as 'cardinality' | 'cost' | 'exclusion';
  }
  if (values['add1-step'] !== undefined) {
    const n = Number(values['add1-step']);
    if (!Number.isInteger(n) || n <= 0) fail('--add1-step must be a positive integer');
    options.add1Step = n;
  }
  if (values['tie-break'] !== undefined) {
    const keys = values['tie-break'].split(',').map((s) => s.trim());
    const known = ['lowest-cost', 'highest-cost', 'most-votes', 'fewest-votes', 'most-score', 'input-order', 'lot'];
    for (const k of keys) if (!known.includes(k)) fail(`unknown tie-break key "${k}"`);
    options.tieBreak = keys as TieBreakKey[];
  }
  if (values.seed !== undefined) options.seed = values.seed;
  const result = tallyProfile(read.profile, tallyOptionsFor(election, options));
  const seconds = (performance.now() - t0) / 1000;
  if (values.json === true) {
    const out: Record<string, unknown> = {
      file,
      rule: result.rule,
      selected: result.selected,
      cost: result.cost,
      budget: result.budget,
      seconds: Math.round(seconds * 1000) / 1000,
      // CPU time of the whole process so far (start included): a figure the load of a shared machine hardly changes.
      cpuSeconds: cpuSeconds(),
      ties: result.ties,
      details: result.details,
    };
    if (values.explain === true) out.explanations = result.explanations;
    process.stdout.write(JSON.stringify(out) + '\n');
    return;
  }
  const byId = new Map(result.explanations.projects.map((p) => [p.project, p] as const));
  process.stdout.write(`${result.rule}: ${result.selected.length} projects, cost ${result.cost} of ${result.budget}\n`);
  for (const id of result.selected) {
    const p = byId.get(id)!;
    process.stdout.write(`  ${id}\tcost ${p.cost}\tvotes ${p.votes}\t${p.detail}\n`);
  }
  for (const t of result.ties) process.stdout.write(`tie in round ${t.round}: ${t.tied.join(', ')} -> ${t.winner} (${t.decidedBy})\n`);
  if (values.explain === true) {
    process.stdout.write('not funded:\n');
    for (const p of result.explanations.projects) if (!p.selected) process.stdout.write(`  ${p.project}\t${p.reason}\t${p.detail}\n`);
  }
  process.stdout.write(`${seconds.toFixed(3)} s\n`);
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return Math.round((u.user + u.system) / 1000) / 1000;
}

/** Reads a .pb file in 1 MiB chunks through the streaming reader (it stops at a bad place; memory stays bounded). */
function readFile(file: string, options: { ballots: boolean; ordinalScoring?: number[] }): PbStreamResult {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    fail(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    const reader = createPabulibReader(options);
    const buf = new Uint8Array(1 << 20);
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0 && reader.push(buf.subarray(0, n)); n = readSync(fd, buf, 0, buf.length, null));
    return reader.end();
  } catch (e) {
    fail(`cannot read ${file}: ${(e as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

main(process.argv.slice(2));
