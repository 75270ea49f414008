// The README's example script (examples/run-a-process.mjs) runs a whole process through the API: it must keep working.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestServer } from './testing/server.ts';

const script = fileURLToPath(new URL('../../../examples/run-a-process.mjs', import.meta.url));

let server: TestServer;
before(async () => {
  server = await startTestServer({ web: false });
});
after(async () => server.close());

function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('the example script builds, publishes, answers and closes a process through the API', async () => {
  const { code, stdout, stderr } = await run([server.url]);
  assert.equal(code, 0, stderr);
  const slug = /published .*\/processes\/(\S+)/.exec(stdout)?.[1];
  assert.ok(slug, stdout);
  assert.match(stdout, /"you said, we did": Benk ved fossen: accepted, "Vi setter opp to benker ved fossen i vår\." .* 25 % done/);
  const process = (await (await fetch(`${server.url}/api/v1/processes/${slug}`)).json()) as { status: string };
  assert.equal(process.status, 'closed');
});

test('the example script stops with the API error when it cannot sign in', async () => {
  const { code, stderr } = await run([server.url], { ...process.env, MANAGER_PASSWORD: 'wrong-password' });
  assert.notEqual(code, 0);
  assert.match(stderr, /POST \/auth\/sign-in answered 401 InvalidCredentials/);
});
