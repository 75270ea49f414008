// A server for the benchmark to load, in its own process: `bare` (node:http, the machine's ceiling) or
// `tingsted` (the whole platform on the embedded PostgreSQL with the demo data and the built web app).
import { createServer } from 'node:http';
import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openPlatform, seedDemo } from '@tingsted/platform';
import { readConfig } from '../src/config.ts';
import { buildServer } from '../src/app.ts';
import { loadWebHandler } from '../src/main.ts';

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
  // Request logs at info level halve throughput (STACK.md); production keeps them, so the bench does too,
  // but writes them to a file descriptor nobody reads.
  const logger = pino({ level: 'warn' });
  const config = { ...readConfig({ PORT: '0', LOG_LEVEL: 'info' }), host: '127.0.0.1', dataDir };
  const platform = await openPlatform({ dataDir, publicUrl: 'http://127.0.0.1', mailFrom: 'bench@localhost', logger, maxConnections: 20 });
  await seedDemo(platform);
  const web = await loadWebHandler();
  if (!web) throw new Error('build the web app first (npm run build)');
  const { createWriteStream } = await import('node:fs');
  const app = await buildServer({ platform, config, web, logStream: createWriteStream('/dev/null') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
  process.on('SIGTERM', () => {
    void app.close().then(() => platform.close()).then(() => process.exit(0));
  });
} else {
  process.stderr.write('usage: target.ts bare|tingsted\n');
  process.exit(2);
}
