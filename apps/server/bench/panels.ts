// Issue 7 benchmark: citizens' panels. On a fresh embedded PostgreSQL, through the platform's services:
//   1. import an address register of 100,000 rows (CSV text: parse, check every row, batched insert) and draw
//      3,000 invitations stratified by area with the household rule (target < 10 s together);
//   2. generate the 3,000 invitation letters as one PDF with QR codes (target < 60 s);
//   3. a selection from a pool of 1,000 for 50 seats with 6 categories, run as a background job in a worker
//      thread, from enqueueing to the published list (target < 60 s).
// Wall time and this process's CPU time are printed (the machine is shared: prefer CPU time when noisy).
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPlatform, silentLogger, startEmbeddedPostgres } from '@tingsted/platform';

const dataDir = mkdtempSync(join(tmpdir(), 'tingsted-bench7-'));
chmodSync(dataDir, 0o755);
const embedded = await startEmbeddedPostgres({ dataDir });
const platform = await openPlatform({ databaseUrl: embedded.url, dataDir, publicUrl: 'http://127.0.0.1', mailFrom: 'bench@localhost', logger: silentLogger, jobPollingSeconds: 0.5 });
await platform.jobs.startWorkers();

const rows: { metric: string; wall: number; cpu: number; target: number }[] = [];
async function measure<T>(metric: string, target: number, work: () => Promise<T>): Promise<T> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  rows.push({ metric, wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6, target });
  return result;
}

// A deterministic stream of numbers for the generated data (not the lottery's: that uses the seed).
let state = 12345;
const next = (n: number) => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state % n;
};

const managerId = await platform.accounts.ensureUser({ email: 'bench-manager@example.no', displayName: 'Benk', password: null, roles: ['process_manager'] });
const manager = { id: managerId, roles: ['process_manager' as const] };
const process_ = await platform.processes.ensureProcess({
  slug: 'bench-panel',
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

// Six categories with census figures; quotas suggested from them.
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

// 1. The register: 100,000 people in about 60,000 households over five areas.
const areas = ['Sentrum', 'Nord', 'Sør', 'Øst', 'Vest'];
const lines = ['id,name,address,postcode,city,area'];
for (let i = 1; i <= 100_000; i++) {
  const household = Math.floor(i / 1.7);
  lines.push(`P${i},Innbygger ${i},Storgata ${household},${1000 + (household % 8000)},Tingby,${areas[household % 5]}`);
}
const registerText = lines.join('\n');
const imported = await measure('import 100,000 register rows', 10, () => platform.panels.importRegister(manager, panelId, registerText));
if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported)}`);
const drawn = await measure('draw 3,000 invitations (stratified, households)', 10, () => platform.panels.drawInvitations(manager, panelId, { count: '3000', seed: 'Benk 2026', stratify: 'on' }));
if (!drawn.ok) throw new Error('draw failed');
rows.push({ metric: 'import + draw', wall: rows[0]!.wall + rows[1]!.wall, cpu: rows[0]!.cpu + rows[1]!.cpu, target: 10 });

// 2. The letters.
const letters = await measure('3,000 letters as one PDF', 60, () => platform.panels.invitationLetters(manager, panelId, 'nb'));
if (!letters.ok) throw new Error('letters failed');
const pdfMegabytes = letters.value.pdf.length / 1e6;

// 3. A pool of 1,000 (registered through the service, not timed), then the selection job.
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
const selectionCpu = process.cpuUsage();
const selectionStarted = performance.now();
const started = await platform.panels.startSelection(manager, panelId);
if (!started.ok) throw new Error(`selection did not start: ${JSON.stringify(started)}`);
let state_ = 'queued';
let detail = '';
while (performance.now() - selectionStarted < 300_000) {
  const panel = await platform.db.selectFrom('panels').select('selection').where('id', '=', panelId).executeTakeFirstOrThrow();
  state_ = panel.selection?.state ?? 'none';
  if (state_ === 'ready' || state_ === 'infeasible' || state_ === 'failed') {
    detail = panel.selection?.state === 'ready' ? `min ${panel.selection.minProbability.toFixed(4)}, max ${panel.selection.maxProbability.toFixed(4)}, solve ${panel.selection.seconds.toFixed(1)} s in the worker` : JSON.stringify(panel.selection).slice(0, 300);
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const selectionUsed = process.cpuUsage(selectionCpu);
rows.push({ metric: `selection job, pool 1,000, 50 seats, 6 categories (${state_})`, wall: (performance.now() - selectionStarted) / 1000, cpu: (selectionUsed.user + selectionUsed.system) / 1e6, target: 60 });

process.stdout.write(`\nCitizens' panels benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version})\n`);
for (const r of rows) {
  process.stdout.write(`${r.metric.padEnd(62)} ${r.wall.toFixed(2).padStart(7)} s wall ${r.cpu.toFixed(2).padStart(7)} s CPU (main thread + workers)  target < ${r.target} s  ${r.wall < r.target ? 'OK' : 'SLOWER THAN TARGET'}\n`);
}
process.stdout.write(`letters PDF: ${pdfMegabytes.toFixed(1)} MB; selection: ${detail}\n`);
await platform.close();
await embedded.stop();
