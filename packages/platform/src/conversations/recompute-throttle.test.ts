import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { silentLogger } from '../shared/logger.ts';
import { recomputeJob } from './conversations.types.ts';
import { createRecomputeThrottle } from './recompute-throttle.ts';

function recordingQueue() {
  const sent: { name: string; conversationId: string; singletonKey: string | undefined }[] = [];
  return {
    sent,
    jobs: {
      send<T extends object>(name: string, data: T, options?: { singletonKey?: string }): Promise<string | null> {
        sent.push({ name, conversationId: (data as { conversationId: string }).conversationId, singletonKey: options?.singletonKey });
        return Promise.resolve('job');
      },
    },
  };
}

test('a burst asks once at once and once at the end of the window, per conversation', async () => {
  const { sent, jobs } = recordingQueue();
  const throttle = createRecomputeThrottle({ jobs, logger: silentLogger, windowMs: 40 });
  for (let i = 0; i < 5; i++) throttle.request('a');
  throttle.request('b');
  assert.deepEqual(sent.map((s) => s.conversationId), ['a', 'b']);
  assert.deepEqual(sent[0], { name: recomputeJob, conversationId: 'a', singletonKey: 'a' });
  await sleep(80);
  assert.deepEqual(sent.map((s) => s.conversationId), ['a', 'b', 'a'], 'the trailing request counts the last votes of the burst');
  throttle.stop();
});

test('stop cancels the waiting trailing requests and ignores later ones', async () => {
  const { sent, jobs } = recordingQueue();
  const throttle = createRecomputeThrottle({ jobs, logger: silentLogger, windowMs: 40 });
  throttle.request('a');
  throttle.request('a');
  throttle.stop();
  throttle.request('c');
  await sleep(80);
  assert.deepEqual(sent.map((s) => s.conversationId), ['a']);
});
