import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, stem, tokenize, isStopWord } from './tokenize.ts';

test('tokenises on letters and digits, lower-cases, keeps Nordic letters', () => {
  assert.deepEqual(tokenize('Øvre Årstad-vei: 12 nye BENKER!'), ['øvre', 'årstad', 'vei', '12', 'nye', 'benker']);
});

test('tokens equal those of the word pattern, on awkward text too', () => {
  const pattern = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
  const texts = [
    "Don't stop: it's l'été's end'' '' x'1 a'b'c d'’e 3d'x 12'ab ab12cd",
    'Straße ÆØÅ æøå ÄÖÜ naïve café coöperate e\u0301 ı İ ǅ ǆ',
    '日本語テキスト مرحبا Ελληνικά русский ١٢٣ ½ ² x²',
    '𝐀𝐁 emoji 😀 ok 𝟏𝟐 ab𝐀cd', // outside the Basic Multilingual Plane
    "'''a ’’ a' 'b a’ ’b a'’b rock’n’roll o'neil's",
    '',
  ];
  for (const t of texts) {
    const lower = t.normalize('NFC').toLowerCase();
    assert.deepEqual(tokenize(t), lower.match(pattern) ?? [], t);
    assert.deepEqual(tokenize(t), lower.match(pattern) ?? [], `${t} (again, from the table)`);
  }
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
