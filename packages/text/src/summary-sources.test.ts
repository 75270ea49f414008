import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inputsSharing, writeWithModel } from './summary-sources.ts';
import type { TextProvider } from './provider.ts';

const inputs = [
  { id: 'a', text: 'Vi trenger flere benker langs elva.' },
  { id: 'b', text: 'Sett opp benker ved elva for eldre.' },
  { id: 'c', text: 'Parken trenger en benk og flere trær.' },
  { id: 'd', text: 'Bussen går for sjelden om kvelden.' },
  { id: 'e', text: 'Elva bør få belysning langs turveien.' },
];

test('a phrase names exactly the inputs that use all its words (by stem), most used first', () => {
  const found = inputsSharing(inputs, ['elva', 'benker', 'buss', 'benker elva']);
  assert.deepEqual(found, [
    { phrase: 'elva', sources: ['a', 'b', 'e'] },
    { phrase: 'benker', sources: ['a', 'b', 'c'] },
    { phrase: 'benker elva', sources: ['a', 'b'] },
  ]);
  // "buss" is used once: below the default minimum of two, so left out; with a minimum of one it is counted.
  assert.deepEqual(inputsSharing(inputs, ['buss'], { minCount: 1 }), [{ phrase: 'buss', sources: ['d'] }]);
  assert.deepEqual(inputsSharing(inputs, ['og']), [], 'a phrase of stop words only names nothing');
});

const candidates = [
  { text: 'Vi trenger flere benker langs elva.', sources: ['a', 'b'] },
  { text: 'Parken trenger en benk og flere trær.', sources: ['c'] },
  { text: 'Bussen går for sjelden om kvelden.', sources: ['d'] },
];
const answering = (answer: string): TextProvider => ({ name: 'fake', complete: async () => answer });

test("a model's sentence keeps the union of the cited candidates' sources; one without a valid citation is rejected", async () => {
  const r = await writeWithModel(
    answering('1. Mange vil ha benker ved elva og i parken [1][2].\nEn setning uten kilde.\n- Bussen bør gå oftere [3] [7].\nKveldsbussen går for sjelden [3].'),
    candidates,
    3,
  );
  assert.deepEqual(r.sentences, [
    { text: 'Mange vil ha benker ved elva og i parken.', sources: ['a', 'b', 'c'], cited: [0, 1] },
    { text: 'Kveldsbussen går for sjelden.', sources: ['d'], cited: [2] },
  ]);
  assert.deepEqual(r.rejected, ['En setning uten kilde.', 'Bussen bør gå oftere [3] [7].']);
});

test('at most `want` sentences are kept, and a provider without a chat model or one that fails throws', async () => {
  const r = await writeWithModel(answering('A [1].\nB [2].\nC [3].'), candidates, 2);
  assert.deepEqual(r.sentences.map((s) => s.text), ['A.', 'B.']);
  await assert.rejects(() => writeWithModel({ name: 'embed-only' }, candidates, 2), /has no chat model/);
  await assert.rejects(() => writeWithModel({ name: 'down', complete: () => Promise.reject(new Error('HTTP 500')) }, candidates, 2), /HTTP 500/);
});
