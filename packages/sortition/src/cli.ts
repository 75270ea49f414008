/**
 * tingsted-sortition: command-line front end. The only module (with bench/) that touches files and the
 * process; everything else is pure.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  analyze,
  select,
  drawReplacements,
  readCategoriesCsv,
  readPeopleCsv,
  writeSelectedCsv,
  roundToUniform,
  verifyDraw,
  verifyRecord,
  drawIndex,
  type Analysis,
  type Progress,
  type SelectOptions,
  type SelectionFailure,
  type SelectionProblem,
  type Algorithm,
} from './index.ts';

const USAGE = `Usage:
  tingsted-sortition select  --people P.csv --categories C.csv --k N [options]
  tingsted-sortition analyze --people P.csv --categories C.csv --k N [options]
  tingsted-sortition replace --people P.csv --categories C.csv --k N --panel ID,ID,… --dropouts ID,… --seed S [options]
  tingsted-sortition verify  --lottery L.txt --seed PUBLIC_SEED [--hash H] [--panel ID,…] [--index I] [--json]
  tingsted-sortition verify  RECORD.json [--json]
                                       recompute an announced draw from its public record (exit 0: the same
                                       panel; 1: prints the first difference)

Options:
  --algorithm leximin|maximin|legacy   (default leximin)
  --id-column COL                      id column (default: 0-based row index)
  --household-columns a,b              at most one person per household (address columns)
  --seed S                             seed for the draw (select requires it)
  --exclude ID,…  --already-selected ID,…
  --time-limit SECONDS                 (default 600)
  --legacy-runs N                      runs used to estimate LEGACY probabilities (default 1000)
  --no-aggregate                       one column per person (slower; for checking)
  --selected-out F  --remaining-out F  write the selected / remaining people (all original columns)
  --transparent [--m 1000] --lottery-out L.txt
                                       round to m equally likely panels, write the list, print its hash;
                                       the panel is list[index] with index drawn from --seed (see README)
  --json                               one JSON object on stdout
  --quiet                              no progress on stderr
`;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function list(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    return fail(`cannot read ${what} "${path}": ${(error as Error).message}`);
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (command === 'verify' && rest[0] !== undefined && !rest[0].startsWith('--')) {
    const [file, ...flags] = rest;
    if (flags.some((f) => f !== '--json')) fail(`verify RECORD.json takes only --json\n\n${USAGE}`);
    let record: unknown;
    try {
      record = JSON.parse(readText(file!, 'record'));
    } catch (error) {
      fail(`the record "${file}" is not JSON: ${(error as Error).message}`);
    }
    const result = verifyRecord(record);
    if (flags.includes('--json')) process.stdout.write(JSON.stringify(result) + '\n');
    else process.stdout.write([...result.checks.map((c) => `ok: ${c}`), ...(result.ok ? ['the record checks out: the same panel'] : [`DIFFERENT: ${result.difference}`])].join('\n') + '\n');
    process.exit(result.ok ? 0 : 1);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        people: { type: 'string' },
        categories: { type: 'string' },
        k: { type: 'string' },
        algorithm: { type: 'string' },
        'id-column': { type: 'string' },
        'household-columns': { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean' },
        'time-limit': { type: 'string' },
        exclude: { type: 'string' },
        'already-selected': { type: 'string' },
        'legacy-runs': { type: 'string' },
        'no-aggregate': { type: 'boolean' },
        'selected-out': { type: 'string' },
        'remaining-out': { type: 'string' },
        transparent: { type: 'boolean' },
        m: { type: 'string' },
        'lottery-out': { type: 'string' },
        lottery: { type: 'string' },
        hash: { type: 'string' },
        panel: { type: 'string' },
        index: { type: 'string' },
        dropouts: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`);
  }
  const json = parsed.json === true;

  if (command === 'verify') {
    if (!parsed.lottery || parsed.seed === undefined) fail('verify needs --lottery and --seed');
    const text = readText(parsed.lottery, 'lottery');
    const result = verifyDraw({
      lotteryText: text,
      publicSeed: parsed.seed,
      ...(parsed.hash !== undefined ? { publishedHash: parsed.hash } : {}),
      ...(parsed.panel !== undefined ? { claimedPanel: list(parsed.panel) } : {}),
      ...(parsed.index !== undefined ? { claimedIndex: Number(parsed.index) } : {}),
    });
    process.stdout.write(json ? JSON.stringify(result) + '\n' : result.detail + '\n');
    process.exit(result.ok ? 0 : 1);
  }

  if (command !== 'select' && command !== 'analyze' && command !== 'replace') fail(`unknown command "${command}"\n\n${USAGE}`);
  if (!parsed.people || !parsed.categories || parsed.k === undefined) fail(`${command} needs --people, --categories and --k`);
  const k = Number(parsed.k);
  if (!Number.isInteger(k) || k < 1) fail(`--k must be a positive integer (got "${parsed.k}")`);
  const algorithm = (parsed.algorithm ?? 'leximin') as Algorithm;
  if (!['leximin', 'maximin', 'legacy'].includes(algorithm)) fail(`--algorithm must be leximin, maximin or legacy (got "${parsed.algorithm}")`);
  const categories = readCategoriesCsv(readText(parsed.categories, 'categories file'));
  if (!categories.ok) fail(categories.detail, 1);
  const householdColumns = list(parsed['household-columns']);
  const people = readPeopleCsv(readText(parsed.people, 'people file'), categories.categories, {
    ...(parsed['id-column'] !== undefined ? { idColumn: parsed['id-column'] } : {}),
    ...(householdColumns.length > 0 ? { householdColumns } : {}),
  });
  if (!people.ok) fail(people.detail, 1);
  const problem: SelectionProblem = {
    people: people.people,
    categories: categories.categories,
    k,
    householdRule: householdColumns.length > 0,
    alreadySelected: list(parsed['already-selected']),
    excluded: list(parsed.exclude),
  };
  const timeLimit = parsed['time-limit'] !== undefined ? Number(parsed['time-limit']) : 600;
  if (!(timeLimit > 0)) fail('--time-limit must be a positive number of seconds');
  let lastProgress = 0;
  let lastFixed = 0;
  const onProgress = (p: Progress): void => {
    // Every finished LEXIMIN level (more groups fixed), else about once a second.
    const levelDone = p.fixedGroups > lastFixed;
    lastFixed = p.fixedGroups;
    if (parsed.quiet || (!levelDone && p.seconds - lastProgress < 1)) return;
    lastProgress = p.seconds;
    process.stderr.write(progressLine(p, levelDone) + '\n');
  };
  const options: SelectOptions = {
    algorithm,
    timeLimitSeconds: timeLimit,
    onProgress,
    ...(parsed.seed !== undefined ? { seed: parsed.seed } : {}),
    ...(parsed['legacy-runs'] !== undefined ? { legacyRuns: Number(parsed['legacy-runs']) } : {}),
    ...(parsed['no-aggregate'] ? { aggregate: false } : {}),
  };
  const started = performance.now();
  const report = (failure: SelectionFailure): never => {
    if (json) process.stdout.write(JSON.stringify({ ok: false, reason: failure.reason, detail: failure.detail, diagnosis: failure.diagnosis }) + '\n');
    else process.stderr.write(`${failure.reason}: ${failure.detail}\n`);
    process.exit(1);
  };

  if (command === 'analyze') {
    const result = await analyze(problem, options);
    if (!result.ok) return report(result);
    output(result, undefined, (performance.now() - started) / 1000, json, {});
    return;
  }
  if (parsed.seed === undefined) fail(`${command} needs --seed`);

  if (command === 'replace') {
    const result = await drawReplacements(problem, list(parsed.panel), list(parsed.dropouts), options);
    if (!result.ok) return report(result);
    output(result.selection, result.panel, (performance.now() - started) / 1000, json, { replacements: result.replacements });
    writeOutputs(parsed['selected-out'], parsed['remaining-out'], people, result.panel);
    return;
  }

  const result = await select(problem, options);
  if (!result.ok) return report(result);
  let panel = result.panel;
  const extra: Record<string, unknown> = {};
  if (parsed.transparent) {
    if (!parsed['lottery-out']) fail('--transparent needs --lottery-out');
    const m = parsed.m !== undefined ? Number(parsed.m) : 1000;
    const uniform = await roundToUniform(result, people.people.map((p) => p.id), { m });
    writeFileSync(parsed['lottery-out'], uniform.text);
    const index = drawIndex(parsed.seed, uniform.m);
    panel = uniform.panels[index]!;
    extra['transparent'] = { m: uniform.m, hash: uniform.hash, maxDeviation: uniform.maxDeviation, maxDeviationId: uniform.maxDeviationId, index, lotteryFile: parsed['lottery-out'] };
  }
  output(result, panel, (performance.now() - started) / 1000, json, extra);
  writeOutputs(parsed['selected-out'], parsed['remaining-out'], people, panel);
}

/** One progress line for stderr: phase, level, panels, groups fixed, the minimum probability so far and the current level's value. */
function progressLine(p: Progress, levelDone: boolean): string {
  const min = p.minProbability !== undefined ? `, minimum probability ${levelDone || p.level > 1 ? '' : '≥ '}${p.minProbability.toFixed(6)}` : '';
  const level = p.levelValue !== undefined && p.level > 1 ? `, level ${levelDone ? 'fixed at' : 'value ≥'} ${p.levelValue.toFixed(6)}` : '';
  return `[${p.seconds.toFixed(1)} s] ${p.phase}: level ${p.level}${levelDone ? ' done' : ''}, ${p.panels} panels, ${p.fixedGroups}/${p.groups} groups fixed${min}${level}`;
}

function writeOutputs(selectedOut: string | undefined, remainingOut: string | undefined, people: Extract<ReturnType<typeof readPeopleCsv>, { ok: true }>, panel: readonly string[]): void {
  if (selectedOut === undefined && remainingOut === undefined) return;
  const files = writeSelectedCsv(people.table, people.people, panel);
  if (selectedOut !== undefined) writeFileSync(selectedOut, files.selected);
  if (remainingOut !== undefined) writeFileSync(remainingOut, files.remaining);
}

function output(result: Analysis, panel: readonly string[] | undefined, seconds: number, json: boolean, extra: Record<string, unknown>): void {
  if (json) {
    process.stdout.write(
      JSON.stringify({
        algorithm: result.algorithm,
        k: result.k,
        ...(panel !== undefined ? { panel } : {}),
        probabilities: result.probabilities,
        minProbability: result.minProbability,
        zeroProbability: result.zeroProbability,
        seconds,
        aggregated: result.aggregated,
        stats: result.stats,
        warnings: result.warnings,
        ...extra,
      }) + '\n',
    );
    return;
  }
  const lines = [
    `algorithm: ${result.algorithm}, k = ${result.k}, ${result.stats.groups} ${result.aggregated ? 'groups of interchangeable candidates' : 'candidates'}`,
    `minimum selection probability: ${result.minProbability.toFixed(6)}`,
  ];
  if (result.zeroProbability.length > 0) lines.push(`in no feasible panel (probability 0): ${result.zeroProbability.join(', ')}`);
  const probs = Object.values(result.probabilities);
  lines.push(`maximum selection probability: ${Math.max(...probs).toFixed(6)}`);
  lines.push(`panels in the lottery: ${result.lottery.panels.length}; solver calls: ${result.stats.lpCalls} LP + ${result.stats.mipCalls} integer programs`);
  for (const w of result.warnings) lines.push(`note: ${w}`);
  const t = extra['transparent'] as { m: number; hash: string; maxDeviation: number; index: number; lotteryFile: string } | undefined;
  if (t) {
    lines.push(`transparent lottery: ${t.m} panels written to ${t.lotteryFile}; SHA-256 ${t.hash}`);
    lines.push(`largest change in any probability from rounding: ${t.maxDeviation.toFixed(6)}; drawn index ${t.index}`);
  }
  if (extra['replacements']) lines.push(`replacements: ${(extra['replacements'] as string[]).join(', ')}`);
  if (panel !== undefined) lines.push(`panel (${panel.length}): ${panel.join(', ')}`);
  lines.push(`seconds: ${seconds.toFixed(2)}`);
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
