import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createScorer, fitVectorizer, transform, scoreDocuments, nonZeroRows } from './features.ts';
import { analyze, analyzeAuto, tokenGeneration, tokenize } from './tokenize.ts';
import { trainTagger } from './tags.ts';
import { decision } from './classifier.ts';
import { syntheticCorpus } from './testdata.ts';

const corpus = syntheticCorpus(30, 'features');

test('vectors are unit length, strictly increasing, and the same for the same text', () => {
  const docs = corpus.map((e) => analyze(e.text, 'nb'));
  const v = fitVectorizer(docs.slice(0, 40));
  for (const d of docs) {
    const x = transform(v, d);
    let s = 0;
    for (let q = 0; q < x.idx.length; q++) {
      s += (x.val[q] as number) ** 2;
      if (q > 0) assert.ok((x.idx[q] as number) > (x.idx[q - 1] as number), 'indices strictly increasing');
    }
    assert.ok(Math.abs(s - 1) < 1e-5, `squared norm ${s}`);
    assert.deepEqual(transform(v, d), x);
  }
  // A repeated word raises its weight sublinearly; a bigram of two known stems is found.
  const a = transform(v, analyze('sykkel sykkel vei', 'nb'));
  const b = transform(v, analyze('sykkel vei', 'nb'));
  assert.notDeepEqual(a, b);
});

test('batch scoring equals scoring each vector (to rounding), with unseen and repeated words, cached or not', () => {
  const r = trainTagger([], corpus.slice(0, 60).map((e) => ({ text: e.text, tags: [e.label] })), { seed: 3, calibrate: false });
  assert.ok(r.ok);
  if (!r.ok) return;
  const m = r.model;
  const texts = [...corpus.slice(60).map((e) => e.text), 'helt ukjente ord qwxz zzyq', '', 'sykkel sykkel sykkelvei vei vei ananas', 'qwxz qwxz'];
  // The same words stemmed in other languages (or not at all) too: a token's cached word part
  // follows its stem.
  const docs = [
    ...texts.map((t) => analyzeAuto(t, 'auto')),
    ...texts.slice(0, 8).map((t) => analyze(t, 'none')),
    ...texts.slice(0, 8).map((t) => analyze(t, 'en')),
    ...texts.slice(0, 8).map((t) => analyze(t, 'nb')),
  ];
  const K = m.tags.length;
  const used = nonZeroRows(m.linear.weights, m.linear.dim, K);
  const batch = scoreDocuments(m.vectorizer, docs, m.linear.weights, K, m.linear.bias, used);
  // With room for one token only, the others are summed n-gram by n-gram each time: same scores.
  const uncached = scoreDocuments(m.vectorizer, docs, m.linear.weights, K, m.linear.bias, used, 1);
  uncached.forEach((x, i) => assert.ok(Math.abs(x - (batch[i] as number)) < 1e-12, `score ${i}: ${x} vs ${batch[i]}`));
  docs.forEach((d, i) => {
    const one = decision(m.linear, transform(m.vectorizer, d));
    for (let c = 0; c < K; c++) {
      const got = batch[i * K + c] as number;
      assert.ok(Math.abs(got - (one[c] as number)) < 1e-6, `document ${i}, tag ${c}: ${got} vs ${one[c]}`);
    }
  });
  // The empty text scores the bias.
  assert.deepEqual(Array.from(batch.subarray((texts.length - 3) * K, (texts.length - 2) * K)), Array.from(m.linear.bias));
  assert.ok(docs.some((d, i) => i >= texts.length + 8 && d.stems.join() !== docs[i - 8]?.stems.join()), 'some stems differ between languages');
});

test('scores stay the same when the token table is emptied between analysing and scoring', () => {
  const r = trainTagger([], corpus.slice(0, 60).map((e) => ({ text: e.text, tags: [e.label] })), { seed: 3, calibrate: false });
  assert.ok(r.ok);
  if (!r.ok) return;
  const m = r.model;
  const K = m.tags.length;
  const used = nonZeroRows(m.linear.weights, m.linear.dim, K);
  const docs = corpus.slice(60).map((e) => analyzeAuto(e.text, 'auto'));
  const scorer = createScorer(m.vectorizer, m.linear.weights, K, m.linear.bias, used);
  const before = new Float64Array(docs.length * K);
  docs.forEach((d, i) => scorer.score(d, before, i * K));
  // More distinct tokens than the table keeps (500,000): it is emptied and ids start again.
  const g0 = tokenGeneration();
  const filler: string[] = [];
  for (let i = 0; i < 500_001; i++) filler.push(`zq${i.toString(36)}`);
  assert.equal(tokenize(filler.join(' ')).length, 500_001);
  assert.deepEqual(tokenize('Neste tekst'), ['neste', 'tekst']);
  assert.notEqual(tokenGeneration(), g0, 'the table was emptied');
  const again = new Float64Array(docs.length * K);
  docs.forEach((d, i) => scorer.score(d, again, i * K));
  assert.deepEqual(again, before);
  assert.deepEqual(scoreDocuments(m.vectorizer, docs, m.linear.weights, K, m.linear.bias, used), before);
  assert.deepEqual(analyzeAuto(corpus[60]?.text ?? '', 'auto').stems, docs[0]?.stems);
});
