import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshDatabase } from '../testing/database.ts';
import { silentLogger } from '../shared/logger.ts';
import { createJobQueue, type JobQueue, type JobState } from './jobs.ts';

async function until<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('job queue (pg-boss in our database)', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let producer: JobQueue;
  let worker: JobQueue;
  const ran: { id: string; data: unknown }[] = [];

  before(async () => {
    database = await freshDatabase();
    const define = (queue: JobQueue) => {
      queue.define<{ n: number }>('test.record', async (data, job) => {
        ran.push({ id: job.id, data });
      });
      queue.define<{ n: number }>(
        'test.fail',
        async () => {
          throw new Error('boom');
        },
        { retryLimit: 0 },
      );
      queue.define('test.coalesced', async () => undefined, { policy: 'coalesce' });
      queue.define<{ n: number }>('test.woken', async (data, job) => {
        ran.push({ id: job.id, data });
      }, { policy: 'coalesce', wakeOnSend: true, pollingIntervalSeconds: 30 });
      queue.schedule('test.record', '0 7 * * *', { n: 0 });
    };
    // Two queues on one database, as two app servers would be: one only sends, the other works.
    producer = createJobQueue({ db: database.db, logger: silentLogger, timeZone: 'Europe/Oslo' });
    worker = createJobQueue({
      db: database.db,
      logger: silentLogger,
      timeZone: 'Europe/Oslo',
      pollingIntervalSeconds: 0.5,
    });
    define(producer);
    define(worker);
  });

  after(async () => {
    await producer.stop();
    await worker.stop();
    await database.drop();
  });

  it('a job sent by one server is run by another, and its state is readable', async () => {
    const id = await producer.send('test.record', { n: 42 });
    assert.ok(id);
    assert.equal(await producer.state('test.record', id), 'created');
    await worker.startWorkers();
    await until<JobState | null>(
      'the job to complete',
      () => producer.state('test.record', id),
      (s) => s === 'completed',
    );
    assert.deepEqual(ran.find((r) => r.id === id)?.data, { n: 42 });
  });

  it('a failing job ends as failed, not silently done', async () => {
    const id = await producer.send('test.fail', { n: 1 });
    assert.ok(id);
    await until<JobState | null>(
      'the job to fail',
      () => producer.state('test.fail', id),
      (s) => s === 'failed',
    );
  });

  it('a job sent where workers run starts at once when its kind asks to be woken (not at the next poll)', async () => {
    const first = await worker.send('test.woken', { n: 1 }, { singletonKey: 'map' });
    assert.ok(first);
    // The kind polls every 30 s: finishing within 5 s means the send woke the worker.
    await until<JobState | null>('the woken job to complete', () => worker.state('test.woken', first), (s) => s === 'completed', 5_000);
    // Another server's send is found by polling, not by waking: it is still waiting.
    const other = await producer.send('test.woken', { n: 2 }, { singletonKey: 'other' });
    assert.ok(other);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(await producer.state('test.woken', other), 'created');
  });

  it('coalescing: a burst of sends with one key while a job waits adds no second job', async () => {
    await worker.stop();
    const first = await producer.send(
      'test.coalesced',
      {},
      { singletonKey: 'conversation-1', startAfterSeconds: 60 },
    );
    const second = await producer.send(
      'test.coalesced',
      {},
      { singletonKey: 'conversation-1', startAfterSeconds: 60 },
    );
    const other = await producer.send(
      'test.coalesced',
      {},
      { singletonKey: 'conversation-2', startAfterSeconds: 60 },
    );
    assert.ok(first);
    assert.equal(second, null);
    assert.ok(other);
  });

  it('the schedules are stored where workers run', async () => {
    const rows = await database.db
      .selectFrom('pgboss.schedule' as never)
      .select(['name' as never, 'cron' as never, 'timezone' as never])
      .execute();
    assert.deepEqual(rows, [{ name: 'test.record', cron: '0 7 * * *', timezone: 'Europe/Oslo' }]);
  });

  it('unknown job names are refused', async () => {
    await assert.rejects(producer.send('test.nothing', {}), /unknown job "test.nothing"/);
  });
});
