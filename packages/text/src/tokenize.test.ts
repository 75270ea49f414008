import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, stem, tokenize, isStopWord } from './tokenize.ts';

test('tokenises on letters and digits, lower-cases, keeps Nordic letters', () => {
  assert.deepEqual(tokenize('Øvre Årstad-vei: 12 nye BENKER!'), ['øvre', 'årstad', 'vei', '12', 'nye', 'benker']);
});

test('Snowball stems as PostgreSQL full-text search produces them', () => {
  // Expected lexemes as given by to_tsvector('<config>', word) in PostgreSQL (Snowball stemmers).
  assert.equal(stem('bilene', 'nb'), 'bil');
  assert.equal(stem('kommunene', 'nb'), 'kommun');
  assert.equal(stem('kommunerna', 'sv'), 'kommun');
  assert.equal(stem('running', 'en'), 'run');
  assert.equal(stem('cycling', 'en'), 'cycl');
  assert.equal(stem('kommunerne', 'da'), 'kommun');
  assert.equal(stem('fahrräder', 'de'), 'fahrrad');
  assert.equal(stem('umferdh', 'none'), 'umferdh');
});

test('removes stop words per language before stemming', () => {
  const a = analyze('Vi trenger ikke flere biler i sentrum', 'nb');
  assert.deepEqual(a.stems, ['treng', 'fler', 'bil', 'sentrum']);
  assert.deepEqual(a.surfaces, ['trenger', 'flere', 'biler', 'sentrum']);
  assert.equal(isStopWord('ikkje', 'nn'), true);
  assert.equal(isStopWord('ikkje', 'nb'), false);
  assert.equal(isStopWord('ikkje', 'no'), true);
});
