import { test } from 'node:test';
import assert from 'node:assert/strict';
import { threadId } from 'node:worker_threads';
import { keepWorker, runInWorker } from './worker.ts';
import { fixtureWorker, type FixtureTask } from './worker.fixture.ts';

const run = (task: FixtureTask, onProgress?: (n: number) => void) => runInWorker<FixtureTask, number, number>(fixtureWorker, task, onProgress ? { onProgress } : {});

test('runInWorker: the result comes from another thread, with progress in order before it', async () => {
  assert.equal(await run({ kind: 'double', n: 21 }), 42);
  assert.notEqual(await run({ kind: 'thread' }), threadId);
  const seen: number[] = [];
  assert.equal(await run({ kind: 'count', to: 5 }, (n) => seen.push(n)), 5);
  assert.deepEqual(seen, [1, 2, 3, 4, 5]);
});

test('runInWorker: the handler’s error and a thread that stops without a result reject', async () => {
  await assert.rejects(run({ kind: 'throw', message: 'quotas cannot be met' }), { message: 'quotas cannot be met' });
  await assert.rejects(run({ kind: 'exit', code: 3 }), { message: 'fixture worker stopped (exit code 3) without a result' });
});

test('keepWorker: one thread for many tasks; after it stops, waiting tasks are rejected and a new one starts', async () => {
  const errors: string[] = [];
  const worker = keepWorker<FixtureTask, number>(fixtureWorker, { onError: (error) => errors.push(error.message) });
  const [a, b, c] = await Promise.all([worker.run({ kind: 'thread' }), worker.run({ kind: 'double', n: 4 }), worker.run({ kind: 'thread' })]);
  assert.equal(a, c, 'the same thread answers');
  assert.notEqual(a, threadId);
  assert.equal(b, 8);
  await assert.rejects(worker.run({ kind: 'throw', message: 'bad state' }), { message: 'bad state' });
  assert.equal(await worker.run({ kind: 'thread' }), a, 'a task that throws does not end the thread');
  await assert.rejects(worker.run({ kind: 'exit', code: 1 }), { message: 'fixture worker stopped (exit code 1)' });
  assert.deepEqual(errors, ['fixture worker stopped (exit code 1)']);
  const next = await worker.run({ kind: 'thread' });
  assert.notEqual(next, a, 'a new thread after the old one stopped');
  const waiting = assert.rejects(worker.run({ kind: 'count', to: 3 }), { message: 'fixture worker stopped' });
  await worker.stop();
  await waiting;
  assert.equal(await worker.run({ kind: 'double', n: 1 }), 2, 'runs again after stop');
  await worker.stop();
});
