import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyChoices, type TopicChoice } from './topic-choices.ts';

const weeks = { 'i:1': '2026-01-05', 'i:2': '2026-01-05', 'i:3': '2026-01-19', 'i:4': '2026-01-19', 'i:5': '2026-01-19', 'i:6': '2026-01-05', 'i:7': '2026-01-12', 'i:8': '2026-01-19' };
const run = {
  weeks,
  topics: [
    { label: 'benker, elva', keywords: [], size: 4, representatives: ['i:2', 'i:1'], phrases: ['benker', 'elva'], members: ['i:1', 'i:2', 'i:3', 'i:4'] },
    { label: 'sykkelfelt', keywords: [], size: 3, representatives: ['i:5'], phrases: ['sykkelfelt'], members: ['i:5', 'i:6', 'i:7'] },
    { label: 'buss', keywords: [], size: 1, representatives: ['i:8'], phrases: ['buss'], members: ['i:8'] },
  ],
};

test('without choices the run topics are shown with their size, examples and every week from the first to the last', () => {
  const views = applyChoices(run, []);
  assert.deepEqual(views.map((v) => [v.id, v.label, v.size, v.kept]), [['run-1', 'benker, elva', 4, false], ['run-2', 'sykkelfelt', 3, false], ['run-3', 'buss', 1, false]]);
  assert.deepEqual(views[0]?.examples, ['i:2', 'i:1', 'i:3', 'i:4'], 'representatives first');
  assert.deepEqual(views[0]?.trend, [{ week: '2026-01-05', count: 2 }, { week: '2026-01-12', count: 0 }, { week: '2026-01-19', count: 2 }]);
  assert.deepEqual(views[1]?.trend.map((w) => w.count), [1, 1, 1]);
});

test('a kept topic keeps its inputs, takes the new inputs of a run topic that is mostly its own, and drops inputs that are gone', () => {
  // Staff renamed a topic of i:1, i:2, i:3 and i:99 (no longer visible); the new run's first topic also holds i:4.
  const renamed: TopicChoice = { id: 'k1', label: 'benker', name: 'Benker langs elva', members: ['i:1', 'i:2', 'i:3', 'i:99'], pinned: false };
  const views = applyChoices(run, [renamed]);
  const kept = views.find((v) => v.id === 'k1');
  assert.deepEqual(kept && [kept.label, kept.name, kept.members, kept.kept], ['Benker langs elva', 'Benker langs elva', ['i:1', 'i:2', 'i:3', 'i:4'], true]);
  assert.ok(!views.some((v) => v.id === 'run-1'), 'the run topic it absorbed is not shown');
});

test('a pinned topic takes no new inputs and comes first; a run topic mostly outside kept topics stays with what is left', () => {
  const pinned: TopicChoice = { id: 'p1', label: 'buss', name: null, members: ['i:8'], pinned: true };
  const split: TopicChoice = { id: 's1', label: 'sykkelfelt', name: null, members: ['i:1'], pinned: false };
  const views = applyChoices(run, [pinned, split]);
  assert.equal(views[0]?.id, 'p1');
  assert.deepEqual(views[0]?.members, ['i:8']);
  // Run topic 1 has one of four inputs in s1 (less than half): the other three stay a run topic.
  assert.deepEqual(views.find((v) => v.id === 'run-1')?.members, ['i:2', 'i:3', 'i:4']);
  assert.deepEqual(views.find((v) => v.id === 's1')?.members, ['i:1']);
  const total = views.reduce((s, v) => s + v.size, 0);
  assert.equal(total, 8, 'every input is in one topic');
});

test('an input is counted in the first kept topic that names it, and a kept topic with no visible input is not shown', () => {
  const a: TopicChoice = { id: 'a', label: 'a', name: null, members: ['i:5', 'i:6'], pinned: true };
  const b: TopicChoice = { id: 'b', label: 'b', name: null, members: ['i:6', 'i:7'], pinned: true };
  const gone: TopicChoice = { id: 'g', label: 'g', name: 'Gone', members: ['i:404'], pinned: false };
  const views = applyChoices(run, [a, b, gone]);
  assert.deepEqual(views.find((v) => v.id === 'a')?.members, ['i:5', 'i:6']);
  assert.deepEqual(views.find((v) => v.id === 'b')?.members, ['i:7']);
  assert.ok(!views.some((v) => v.id === 'g'));
});
