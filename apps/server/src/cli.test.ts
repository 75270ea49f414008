// The `tingsted` command on the embedded PostgreSQL: migrate, seed, start, reuse, and refusal of a
// second server on the same data folder.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = new URL('../bin/tingsted.js', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'tingsted-cli-'));
// mkdtemp makes the folder private; as root, PostgreSQL runs as `postgres` and must be able to enter it.
chmodSync(dataDir, 0o755);
after(() => rmSync(dataDir, { recursive: true, force: true }));

const env = { ...process.env, TINGSTED_DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'info' };

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `tingsted start` and resolves with its URL once it logs that it is running. */
function startServer(): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'start'], { env });
    const exited = new Promise<number | null>((r) => child.on('close', r));
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const running = out.split('\n').find((l) => l.includes('Tingsted is running'));
      const listening = out.split('\n').find((l) => l.includes('Server listening at http://127.0.0.1'));
      if (running && listening) resolve({ child, url: (JSON.parse(listening) as { msg: string }).msg.replace('Server listening at ', ''), exited });
    });
    void exited.then((code) => reject(new Error(`server exited (${code}) before it was running:\n${out}`)));
  });
}

test('migrate, seed twice (idempotent), start, refuse a second server, stop cleanly, start again with the data kept', async () => {
  const migrated = await run(['migrate']);
  assert.equal(migrated.code, 0, migrated.stderr);
  assert.match(migrated.stdout, /applied: 2026_11_23_0001_foundation/);
  assert.equal((await run(['migrate'])).stdout.trim(), 'schema is up to date');

  const seeded = await run(['seed']);
  assert.equal(seeded.code, 0, seeded.stderr);
  assert.match(seeded.stdout, /Demo kommune: 7 accounts/);
  assert.equal((await run(['seed'])).code, 0, 'seeding again is harmless');

  const first = await startServer();
  const processes = (await (await fetch(`${first.url}/api/v1/processes`)).json()) as { processes: unknown[] };
  assert.equal(processes.processes.length, 10, 'the seeded public processes, once each');

  const second = await run(['start']);
  assert.equal(second.code, 1);
  assert.match(second.stderr, /is in use by another Tingsted server \(process \d+\)/);

  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 0);
  assert.equal(existsSync(join(dataDir, 'postgres/postmaster.pid')), false, 'PostgreSQL was stopped');
  assert.equal(existsSync(join(dataDir, 'tingsted.lock')), false, 'the lock was released');

  const again = await startServer();
  const users = await fetch(`${again.url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.tingsted.no', password: 'demo-passord-2026' }),
  });
  assert.equal(users.status, 200, 'the data from the first start is still there');
  again.child.kill('SIGINT');
  assert.equal(await again.exited, 0);
});

test('a bad setting is named and the command exits 2', async () => {
  const child = spawn(process.execPath, [bin, 'start'], { env: { ...env, PORT: 'eighty' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise((r) => child.on('close', r));
  assert.equal(code, 2);
  assert.match(stderr, /PORT must be a whole number/);
});
