// A server for the benchmark to load, in its own process: `bare` (node:http, the machine's ceiling) or
// `tingsted` (the real `tingsted start --demo`, bundled as in production, on a fresh embedded PostgreSQL).
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const kind = process.argv[2];
if (kind === 'bare') {
  const body = JSON.stringify({ processes: [{ id: '1', slug: 'ny-sentrumsplan', status: 'published', title: { nb: 'Ny sentrumsplan' } }] });
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
  });
} else if (kind === 'tingsted') {
  const dataDir = mkdtempSync(join(tmpdir(), 'tingsted-bench-'));
  chmodSync(dataDir, 0o755);
  const bin = new URL('../bin/tingsted.js', import.meta.url).pathname;
  // Production logging (info, one line per request) is kept; the lines go to a pipe that is drained.
  const child = spawn(process.execPath, [bin, 'start', '--demo'], {
    env: { ...process.env, TINGSTED_USE_BUNDLE: '1', PORT: '0', HOST: '127.0.0.1', TINGSTED_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const match = line.match(/Server listening at http:\/\/127\.0\.0\.1:(\d+)/);
    if (!match) return;
    process.stdout.write(`${match[1]}\n`);
    // From here the log is drained without being parsed, as a log collector would take it.
    lines.close();
    child.stdout.resume();
  });
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('close', (code) => process.exit(code ?? 0));
} else {
  process.stderr.write('usage: target.ts bare|tingsted\n');
  process.exit(2);
}
