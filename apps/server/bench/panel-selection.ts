// Issue 18 benchmark: the selection job alone. On a fresh embedded PostgreSQL, through the platform's services:
// a pool of 1,000 (registered through the service, not timed) for a panel of 50 with 6 categories, then the
// selection job from enqueueing to the published list. Prints the job's wall time, its target, and the time
// the algorithm itself (LEXIMIN, in the worker thread) took, side by side, so what the job adds is visible.
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPlatform, silentLogger, startEmbeddedPostgres } from '@tingsted/platform';

const target = 10;
const dataDir = mkdtempSync(join(tmpdir(), 'tingsted-bench-selection-'));
chmodSync(dataDir, 0o755);
const embedded = await startEmbeddedPostgres({ dataDir });
const platform = await openPlatform({ databaseUrl: embedded.url, dataDir, publicUrl: 'http://127.0.0.1', mailFrom: 'bench@localhost', logger: silentLogger, jobPollingSeconds: 0.5 });
await platform.jobs.startWorkers();

// A deterministic stream of numbers for the generated data (not the lottery's: that uses the seed).
let state = 12345;
const next = (n: number) => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state % n;
};

const managerId = await platform.accounts.ensureUser({ email: 'bench-manager@example.no', displayName: 'Benk', password: null, roles: ['process_manager'] });
const manager = { id: managerId, roles: ['process_manager' as const] };
const process_ = await platform.processes.ensureProcess({
  slug: 'bench-selection',
  status: 'published',
  title: { nb: 'Benkpanel' },
  summary: { nb: 'Benk' },
  startsOn: null,
  endsOn: null,
  createdBy: managerId,
  phases: [{ method: 'panel', title: { nb: 'Panel' }, startsOn: '2026-01-01', endsOn: '2099-12-31' }],
});
const created = await platform.panels.createPanel(manager, process_.id, { title: 'Benkpanelet', locale: 'nb' });
if (!created.ok) throw new Error('could not create the panel');
const panelId = created.value.id;
const setup = await platform.panels.updateSetup(manager, panelId, { title: 'Benkpanelet', size: '50', householdRule: 'on', approvalPercent: '80', endsOn: '2099-06-30', deletePoolOn: '2099-12-31', consentText: 'Samtykke.' });
if (!setup.ok) throw new Error('setup failed');
const categories: [string, [string, number][]][] = [
  ['Kjønn', [['Kvinne', 50], ['Mann', 50]]],
  ['Alder', [['16–29', 22], ['30–44', 25], ['45–66', 33], ['67+', 20]]],
  ['Bydel', [['Sentrum', 25], ['Nord', 20], ['Sør', 20], ['Øst', 20], ['Vest', 15]]],
  ['Utdanning', [['Grunnskole', 25], ['Videregående', 40], ['Høyere', 35]]],
  ['Bolig', [['Eier', 65], ['Leier', 35]]],
  ['Arbeid', [['I arbeid', 60], ['Student', 12], ['Pensjonist', 18], ['Annet', 10]]],
];
const census = ['category,value,population', ...categories.flatMap(([c, values]) => values.map(([v, p]) => `${c},${v},${p * 1000}`))].join('\n');
if (!(await platform.panels.importCensus(manager, panelId, census)).ok) throw new Error('census failed');
const areas = ['Sentrum', 'Nord', 'Sør', 'Øst', 'Vest'];
const lines = ['id,name,address,postcode,city,area'];
for (let i = 1; i <= 3000; i++) {
  const household = Math.floor(i / 1.7);
  lines.push(`P${i},Innbygger ${i},Storgata ${household},${1000 + (household % 8000)},Tingby,${areas[household % 5]}`);
}
if (!(await platform.panels.importRegister(manager, panelId, lines.join('\n'))).ok) throw new Error('import failed');
if (!(await platform.panels.drawInvitations(manager, panelId, { count: '1000', seed: 'Benk 2026', stratify: 'on' })).ok) throw new Error('draw failed');
const codes = (await platform.db.selectFrom('panel_invitations').select('code').where('panel_id', '=', panelId).orderBy('position').limit(1000).execute()).map((r) => r.code);
const pick = (values: [string, number][]) => {
  let x = next(100);
  for (const [v, p] of values) {
    if (x < p) return v;
    x -= p;
  }
  return values[0]![0];
};
for (const code of codes) {
  const answers = Object.fromEntries(categories.map(([c, values]) => [c, pick(values)]));
  const result = await platform.panels.registerRespondent(panelId, { code, consent: 'on', answers, name: 'Deltaker', email: 'deltaker@example.no', phone: '' });
  if (!result.ok) throw new Error(`registration failed: ${JSON.stringify(result)}`);
}

const cpu = process.cpuUsage();
const started = performance.now();
const start = await platform.panels.startSelection(manager, panelId);
if (!start.ok) throw new Error(`selection did not start: ${JSON.stringify(start)}`);
let outcome = 'timed out';
let algorithmSeconds = Number.NaN;
let workerSeconds = Number.NaN;
while (performance.now() - started < 900_000) {
  const panel = await platform.db.selectFrom('panels').select('selection').where('id', '=', panelId).executeTakeFirstOrThrow();
  const selection = panel.selection;
  if (selection && (selection.state === 'ready' || selection.state === 'infeasible' || selection.state === 'failed')) {
    outcome = selection.state;
    if (selection.state === 'ready') {
      workerSeconds = selection.seconds;
      algorithmSeconds = selection.algorithmSeconds ?? Number.NaN;
    }
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const wall = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
process.stdout.write(`\nSelection job benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version}): pool 1,000, 50 seats, 6 categories — ${outcome}\n`);
process.stdout.write(`${'job (enqueue → list published)'.padEnd(34)} ${'target'.padStart(8)} ${'LEXIMIN'.padStart(9)} ${'worker'.padStart(8)} ${'CPU'.padStart(8)}\n`);
process.stdout.write(`${`${wall.toFixed(2)} s`.padEnd(34)} ${`< ${target} s`.padStart(8)} ${`${algorithmSeconds.toFixed(2)} s`.padStart(9)} ${`${workerSeconds.toFixed(2)} s`.padStart(8)} ${`${((used.user + used.system) / 1e6).toFixed(2)} s`.padStart(8)}  ${wall < target ? 'OK' : 'SLOWER THAN TARGET'}\n`);
await platform.close();
await embedded.stop();
if (outcome !== 'ready') process.exitCode = 1;
