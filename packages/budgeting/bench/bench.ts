// Benchmark: parse, greedy, plain MES and full Add1 on Łódź 2022 (90,494 voters, 160 projects), plus the
// Warsaw districts. Prints figures and compares them with the targets; always exits 0.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readPabulib } from '../src/pabulib.ts';
import { buildProfile, type Election } from '../src/model.ts';
import { tallyProfile, type TallyOptions } from '../src/tally.ts';

const DATA = process.env.TINGSTED_DATA ?? fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const DIR = `${DATA.replace(/\/$/, '')}/pabulib`;
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

function best(fn: () => void, n = REPEAT): number {
  let b = Infinity;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    b = Math.min(b, (performance.now() - t) / 1000);
  }
  return b;
}

function line(label: string, seconds: number, target?: number, extra = ''): void {
  const verdict = target === undefined ? '' : seconds <= target ? `  (target < ${target} s: met)` : `  (target < ${target} s: MISSED)`;
  process.stdout.write(`${label.padEnd(44)} ${seconds.toFixed(3).padStart(8)} s${verdict}${extra}\n`);
}

function load(name: string): { election: Election; parse: number } | undefined {
  const path = `${DIR}/${name}`;
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  let election: Election | undefined;
  const parse = best(() => {
    const r = readPabulib(text);
    if (!r.ok) throw new Error(`${name}: ${r.detail[0]?.message}`);
    election = r.election;
  });
  return { election: election!, parse };
}

process.stdout.write(`@tingsted/budgeting benchmark — node ${process.version}, best of ${REPEAT}\n`);
const lodz = load('Poland_Lodz_2022.pb');
if (lodz === undefined) {
  process.stdout.write(`shared data not found at ${DIR}; nothing to measure\n`);
  process.exit(0);
}
line('Łódź 2022: parse .pb (3.7 MB)', lodz.parse);
let profile = buildProfile(lodz.election);
line('Łódź 2022: merge ballots into voter classes', best(() => (profile = buildProfile(lodz.election))), undefined, `  ${profile.classes.length} classes`);
const run = (options: TallyOptions): { s: number; n: number; cost: number } => {
  let n = 0;
  let cost = 0;
  const s = best(() => {
    const r = tallyProfile(profile, { explainVoters: false, ...options });
    n = r.selected.length;
    cost = r.cost;
  });
  return { s, n, cost };
};
const show = (label: string, options: TallyOptions, target?: number): void => {
  const r = run(options);
  line(label, r.s, target, `  ${r.n} projects, ${r.cost}`);
};
show('Łódź 2022: greedy, votes ≥ 100', { rule: 'greedy', threshold: 100 });
show('Łódź 2022: plain MES (cost utilities)', { rule: 'mes' }, 0.3);
show('Łódź 2022: MES + Add1 (full, no exhaustive stop)', { rule: 'mes-add1' }, 3);
show('Łódź 2022: MES + Add1 with per-voter explanations', { rule: 'mes-add1', explainVoters: true });
show('Łódź 2022: sequential Phragmén', { rule: 'phragmen' });

for (const name of ['Poland_Warszawa_2021_Mokotow.pb', 'Poland_Warszawa_2020_Praga-Poludnie.pb']) {
  const f = load(name);
  if (f === undefined) continue;
  const short = name.replace('Poland_', '').replace('.pb', '');
  line(`${short}: parse`, f.parse);
  profile = buildProfile(f.election);
  show(`${short}: plain MES`, { rule: 'mes' });
  show(`${short}: MES + Add1`, { rule: 'mes-add1' });
}

const krakow = load('Poland_Krakow_2021.pb');
if (krakow !== undefined) {
  line('Kraków 2021 (ordinal, 51,229 voters): parse', krakow.parse);
  profile = buildProfile(krakow.election);
  show('Kraków 2021: greedy by score', { rule: 'greedy', by: 'score' });
  show('Kraków 2021: MES with points utilities', { rule: 'mes', utility: 'points' });
}
