import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitVectorizer, transform, scoreDocuments, nonZeroRows } from './features.ts';
import { analyze, analyzeAuto } from './tokenize.ts';
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

test('batch scoring equals scoring each vector, bit for bit, including unseen words', () => {
  const r = trainTagger([], corpus.slice(0, 60).map((e) => ({ text: e.text, tags: [e.label] })), { seed: 3, calibrate: false });
  assert.ok(r.ok);
  if (!r.ok) return;
  const m = r.model;
  const docs = [...corpus.slice(60), { text: 'helt ukjente ord qwxz zzyq' }, { text: '' }].map((e) => analyzeAuto(e.text, 'auto'));
  const K = m.tags.length;
  const batch = scoreDocuments(m.vectorizer, docs, m.linear.weights, K, m.linear.bias, nonZeroRows(m.linear.weights, m.linear.dim, K));
  docs.forEach((d, i) => {
    const one = decision(m.linear, transform(m.vectorizer, d));
    assert.deepEqual(Array.from(batch.subarray(i * K, i * K + K)), Array.from(one), `document ${i}`);
  });
});
