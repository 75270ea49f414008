import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDuplicates, foldScandinavian } from './duplicates.ts';
import { syntheticCorpus } from './testdata.ts';
import { createRandom, randomInt } from '@tingsted/random';
import { TEXT_NAMESPACE } from './seed.ts';

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

test('an input made only of common words still finds its near-copy (word pairs stand in for rare words)', () => {
  // 400 inputs drawn from 40 words: every word and every char n-gram is shared by far more inputs than a
  // feature may reach, so only the order of the words tells inputs apart.
  const rng = createRandom('common-words', TEXT_NAMESPACE);
  const vocabulary = Array.from({ length: 40 }, (_, w) => `ord${String.fromCharCode(97 + (w % 26))}${String.fromCharCode(97 + Math.floor(w / 26))}x`);
  const inputs = Array.from({ length: 400 }, (_, i) => ({ id: `i${i}`, text: Array.from({ length: 20 }, () => vocabulary[randomInt(rng, 40)]).join(' ') }));
  const words = (inputs[7] as { text: string }).text.split(' ');
  words[19] = 'ordzzx';
  inputs.push({ id: 'copy', text: words.join(' ') });
  const r = findDuplicates(inputs, { threshold: 0.8 });
  assert.deepEqual(r.pairs.map((p) => `${p.a}-${p.b}`), ['i7-copy']);
  assert.ok(r.candidates < 400 * 40, `${r.candidates} candidates`);
});

test('the search reaches a bounded number of inputs: candidates grow no faster than the inputs', () => {
  // Ten words each from 400: at 4,000 inputs every word is in ~100 of them, which a growing cap
  // (16·log2 n) still used, so candidates grew with the square of the inputs.
  const corpus = (n: number): { id: string; text: string }[] => {
    const rng = createRandom('linear', TEXT_NAMESPACE);
    const vocabulary = Array.from({ length: 400 }, (_, w) => `w${w.toString(36)}q${(w * 7919).toString(36)}`);
    return Array.from({ length: n }, (_, i) => ({ id: `i${i}`, text: Array.from({ length: 10 }, () => vocabulary[randomInt(rng, 400)]).join(' ') }));
  };
  const small = findDuplicates(corpus(1000));
  const large = findDuplicates(corpus(4000));
  assert.ok(large.candidates <= 4 * 1.3 * small.candidates, `${small.candidates} → ${large.candidates}`);
});
