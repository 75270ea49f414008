import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize, summarizeTopics, keywordsByGroup, splitSentences } from './summarize.ts';
import { findTopics } from './topics.ts';
import { syntheticCorpus } from './testdata.ts';

const inputs = [
  { id: 'i1', text: 'Vi trenger flere sykkelveier i sentrum. Det er farlig å sykle der i dag.', meta: { area: 'Sentrum' } },
  { id: 'i2', text: 'Det trengs flere sykkelveier i sentrum fordi det er farlig å sykle.', meta: { area: 'Sentrum' } },
  { id: 'i3', text: 'Parken ved skolen trenger nye benker og flere trær.', meta: { area: 'Vest' } },
  { id: 'i4', text: 'Bygg flere benker i parken og plant flere trær langs turveien.', meta: { area: 'Vest' } },
  { id: 'i5', text: 'Bussen går for sjelden om kvelden, vi trenger flere avganger.', meta: {} },
];

test('splits sentences at end punctuation and line breaks', () => {
  assert.deepEqual(splitSentences('Hei der. Hvordan går det? Bra!\nNy linje'), ['Hei der.', 'Hvordan går det?', 'Bra!', 'Ny linje']);
});

test('every summary sentence comes from an input and lists all inputs that say nearly the same', () => {
  const s = summarize(inputs, { sentences: 3 });
  assert.equal(s.provider, 'builtin');
  assert.equal(s.sentences.length, 3);
  for (const sent of s.sentences) {
    const src = inputs.find((i) => i.id === sent.from);
    assert.ok(src?.text.includes(sent.text), sent.text);
    assert.ok(sent.sources.includes(sent.from));
  }
  const cycling = s.sentences.find((x) => /sykkelveier/.test(x.text));
  assert.ok(cycling, 'the most repeated idea is in the summary');
  assert.deepEqual(cycling?.sources, ['i1', 'i2']);
  // No two chosen sentences say the same thing.
  assert.equal(new Set(s.sentences.map((x) => x.sources.join())).size, s.sentences.length);
});

test('keywords per group name distinctive words and the inputs that use them', () => {
  const r = keywordsByGroup(inputs, 'area', { minCount: 1 });
  assert.equal(r.missing, 1);
  assert.deepEqual(r.groups.map((g) => g.group), ['Sentrum', 'Vest']);
  const vest = r.groups[1];
  const top = vest?.keywords.slice(0, 4).map((k) => k.term) ?? [];
  assert.ok(top.some((t) => /benker|trær|parken/.test(t)), top.join(','));
  const benker = vest?.keywords.find((k) => k.term === 'benker');
  assert.deepEqual(benker?.inputs, ['i3', 'i4']);
});

test('empty input: no sentences and a warning, not a crash', () => {
  const s = summarize([{ id: 'e', text: ' ' }]);
  assert.deepEqual(s.sentences, []);
  assert.ok(s.warnings.length >= 1);
});

test('per-topic summaries cite only members of their topic', () => {
  const corpus = syntheticCorpus(10, 'sum');
  const topics = findTopics(corpus, { k: 3, seed: 1 });
  const r = summarizeTopics(corpus, topics, { sentences: 2 });
  assert.equal(r.topics.length, 3);
  assert.ok(r.process.sentences.length === 2);
  for (const t of r.topics) {
    const members = new Set(topics.topics.find((x) => x.id === t.topic)?.members);
    assert.ok(t.summary.sentences.length > 0);
    for (const s of t.summary.sentences) for (const id of s.sources) assert.ok(members.has(id), `${id} not in ${t.topic}`);
  }
});
