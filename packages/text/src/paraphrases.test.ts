import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_DUPLICATE_THRESHOLD } from './duplicates.ts';
import { loadParaphrases, pairCounts, scoreParaphrases } from './paraphrase-set.ts';

test('the paraphrase set: at least 100 duplicate pairs, more hard non-duplicates, all five languages in both parts', () => {
  const tune = loadParaphrases('tune');
  const heldout = loadParaphrases('heldout');
  const all = [...tune, ...heldout];
  const counts = pairCounts(tune);
  const counted = pairCounts(heldout);
  assert.ok(counts.duplicates + counted.duplicates >= 100, `${counts.duplicates + counted.duplicates} duplicate pairs`);
  assert.ok(counts.hardNegatives + counted.hardNegatives >= counts.duplicates + counted.duplicates);
  for (const part of [tune, heldout]) assert.deepEqual([...new Set(part.map((t) => t.lang))].sort((a, b) => a.localeCompare(b)), ['da', 'en', 'nb', 'nn', 'sv']);
  assert.equal(new Set(all.map((t) => t.id)).size, all.length);
  // Across languages: bokmål–nynorsk pairs and pairs with Swedish, Danish and English are all there.
  const languagePairs = new Set<string>();
  for (const a of all) for (const b of all) if (a.idea === b.idea && a.lang < b.lang) languagePairs.add(`${a.lang}-${b.lang}`);
  for (const pair of ['nb-nn', 'nb-sv', 'da-nb', 'en-nb', 'en-nn', 'nn-sv', 'da-nn']) assert.ok(languagePairs.has(pair), pair);
});

test('held-out paraphrases: recall ≥ 0.8 at precision ≥ 0.8 at the default threshold (chosen on the tuning part)', () => {
  const [score] = scoreParaphrases(loadParaphrases('heldout'), [DEFAULT_DUPLICATE_THRESHOLD]);
  assert.ok(score);
  assert.ok(score.precision >= 0.8, `precision ${score.precision.toFixed(3)} (${score.correct}/${score.reported})`);
  assert.ok(score.recall >= 0.8, `recall ${score.recall.toFixed(3)} (${score.correct}/${score.duplicates})`);
});

test('tuning paraphrases: the same holds, and the lexicon is what bridges English and Swedish', () => {
  const texts = loadParaphrases('tune');
  const [withLexicon] = scoreParaphrases(texts, [DEFAULT_DUPLICATE_THRESHOLD]);
  const [charsOnly] = scoreParaphrases(texts, [DEFAULT_DUPLICATE_THRESHOLD], { wordWeight: 0 });
  assert.ok(withLexicon && charsOnly);
  assert.ok(withLexicon.precision >= 0.8 && withLexicon.recall >= 0.8, `${withLexicon.precision} ${withLexicon.recall}`);
  // Char n-grams alone miss nearly every pair with English in it.
  assert.ok(charsOnly.recall < 0.6, `char n-grams alone: recall ${charsOnly.recall}`);
  assert.ok((charsOnly.missedByLanguages['en-nb'] ?? 0) > (withLexicon.missedByLanguages['en-nb'] ?? 0) + 5);
});
