// Runs the equal-shares reference tool (equalshares.net's compute tool, JavaScript, MIT; a browser app whose
// computation is a Web Worker script) as a whole Node process, the way bench.ts runs tingsted-budget: read the
// file, parse it with the tool's own parser, compute, print one JSON line. The tool is not part of this
// repository: bench.ts passes the folder of a local copy (EQUALSHARES_TOOL, holding js/pabulibParser.js and
// js/methodOfEqualSharesWorker.js). The worker script runs in a vm context that supplies what a worker has
// (importScripts, postMessage, onmessage).
//
//   node equalshares-peer.mjs TOOL_DIR FILE.pb greedy|mes|mes-add1
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

const [dir, file, rule] = process.argv.slice(2);
const t0 = performance.now();
const { parsePabulibFromString } = await import(pathToFileURL(join(dir, 'js', 'pabulibParser.js')).href);
const instance = parsePabulibFromString(readFileSync(file, 'utf8'));
const messages = [];
const context = vm.createContext({ console, performance, postMessage: (m) => messages.push(m) });
context.importScripts = (...paths) => {
  for (const p of paths) vm.runInContext(readFileSync(join(dir, 'js', p), 'utf8'), context);
};
vm.runInContext(readFileSync(join(dir, 'js', 'methodOfEqualSharesWorker.js'), 'utf8'), context);
let selected;
if (rule === 'greedy') {
  // The tool's greedy (its comparison baseline): by votes, skipping projects that no longer fit.
  const { projects, votes, approvers, meta } = instance;
  const C = Object.keys(projects);
  const cost = Object.fromEntries(C.map((c) => [c, parseFloat(projects[c].cost)]));
  selected = context.utilitarianCompletion(Object.keys(votes), C, cost, approvers, parseFloat(meta.budget), []).winners;
} else {
  const params = {
    tieBreaking: ['minCost', 'maxVotes'],
    completion: rule === 'mes-add1' ? 'add1' : 'none',
    add1options: ['exhaustive', 'integral'],
    comparison: 'none',
    accuracy: 'floats',
    increment: 1,
  };
  context.onmessage({ data: { instance, params } });
  selected = messages.find((m) => m.type === 'result').winners;
}
const cost = selected.reduce((s, c) => s + parseFloat(instance.projects[c].cost), 0);
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ selected, cost, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 }) + '\n');
