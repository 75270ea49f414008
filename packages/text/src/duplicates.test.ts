import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDuplicates, foldScandinavian } from './duplicates.ts';
import { syntheticCorpus } from './testdata.ts';

test('finds the same idea said twice, with a similarity, and leaves different ideas apart', () => {
  const inputs = [
    { id: 'a', text: 'Kommunen bør bygge en ny sykkelvei langs Storgata for å gjøre skoleveien tryggere.' },
    { id: 'b', text: 'Park med benker og trær ved biblioteket.' },
    { id: 'c', text: 'Kommunen bør bygge ny sykkelvei langs Storgata så skoleveien blir tryggere!' },
    { id: 'd', text: 'Flere søppelkasser i havna.' },
  ];
  const r = findDuplicates(inputs);
  assert.equal(r.pairs.length, 1);
  assert.equal(r.pairs[0]?.a, 'a');
  assert.equal(r.pairs[0]?.b, 'c');
  assert.ok((r.pairs[0]?.similarity ?? 0) > 0.6 && (r.pairs[0]?.similarity ?? 2) <= 1);
  assert.deepEqual(r.groups, [['a', 'c']]);
  assert.equal(r.provider, 'builtin');
});

test('matches across bokmål, nynorsk, Danish and Swedish where the words are shared', () => {
  const inputs = [
    { id: 'nb', text: 'Vi trenger flere sykkelparkeringer ved jernbanestasjonen i sentrum.' },
    { id: 'nn', text: 'Vi treng fleire sykkelparkeringar ved jernbanestasjonen i sentrum.' },
    { id: 'da', text: 'Vi har brug for flere cykelparkeringer ved jernbanestationen i centrum.' },
    { id: 'x', text: 'Biblioteket bør ha lengre åpningstider i helgene.' },
  ];
  const r = findDuplicates(inputs, { threshold: 0.3 });
  const pairs = r.pairs.map((p) => `${p.a}-${p.b}`);
  assert.ok(pairs.includes('nb-nn'), pairs.join(' '));
  assert.ok(pairs.includes('nb-da'), pairs.join(' '));
  assert.ok(!pairs.some((p) => p.includes('x')));
  assert.equal(foldScandinavian('Hvordan går det på stasjonen?'), 'vordan gar det pa stationen?');
});

test('pairs are ordered by similarity, then input order; the threshold is respected', () => {
  const corpus = syntheticCorpus(10, 'dups');
  const copies = corpus.slice(0, 5).map((e) => ({ id: `copy-${e.id}`, text: `${e.text} takk` }));
  const r = findDuplicates([...corpus, ...copies], { threshold: 0.8 });
  for (const c of copies) assert.ok(r.pairs.some((p) => p.b === c.id && p.a === c.id.slice(5)), c.id);
  for (let i = 1; i < r.pairs.length; i++) assert.ok((r.pairs[i - 1]?.similarity ?? 0) >= (r.pairs[i]?.similarity ?? 0));
  assert.ok(r.pairs.every((p) => p.similarity >= 0.8));
});

test('empty inputs are skipped with a warning naming them', () => {
  const r = findDuplicates([{ id: 'e', text: '' }, { id: 'f', text: 'hei' }]);
  assert.deepEqual(r.pairs, []);
  assert.deepEqual(r.warnings, ['input "e" has no text and is skipped']);
});
