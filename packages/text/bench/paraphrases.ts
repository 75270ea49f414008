// Near-duplicate quality on the hand-written paraphrase set (testdata/paraphrases-*.json): precision and
// recall at the default threshold, the whole precision–recall trade-off, misses by language pair, and the
// same without the word block (char n-grams only). Usage: npm run bench:paraphrases -w packages/text

import { DEFAULT_DUPLICATE_THRESHOLD } from '../src/duplicates.ts';
import { loadParaphrases, pairCounts, scoreParaphrases, type ParaphrasePart } from '../src/paraphrase-set.ts';

const w = (s: string): void => void process.stdout.write(s);
const f3 = (x: number): string => x.toFixed(3);
const thresholds = Array.from({ length: 13 }, (_, i) => Math.round((0.2 + i * 0.025) * 1000) / 1000);
if (!thresholds.includes(DEFAULT_DUPLICATE_THRESHOLD)) thresholds.push(DEFAULT_DUPLICATE_THRESHOLD);
thresholds.sort((a, b) => a - b);

for (const part of ['tune', 'heldout'] as ParaphrasePart[]) {
  const texts = loadParaphrases(part);
  const counts = pairCounts(texts);
  w(`\n## ${part === 'tune' ? 'Tuning part (settings and threshold chosen here)' : 'Held-out part (only reported)'}: ${texts.length} texts, ${counts.duplicates} duplicate pairs, ${counts.hardNegatives} hard non-duplicate pairs\n`);
  for (const [name, options] of [['lexicon + char n-grams (default)', {}], ['char n-grams only (wordWeight 0)', { wordWeight: 0 }]] as const) {
    w(`  ${name}\n  threshold  reported  correct  same-topic false  precision  recall\n`);
    for (const s of scoreParaphrases(texts, thresholds, options)) {
      const mark = s.threshold === DEFAULT_DUPLICATE_THRESHOLD ? '  ← default' : '';
      w(`  ${s.threshold.toFixed(3).padEnd(9)}  ${String(s.reported).padStart(8)}  ${String(s.correct).padStart(7)}  ${String(s.hardFalse).padStart(16)}  ${f3(s.precision).padStart(9)}  ${f3(s.recall).padStart(6)}${mark}\n`);
      if (s.threshold === DEFAULT_DUPLICATE_THRESHOLD) w(`             missed at the default, by language pair: ${JSON.stringify(s.missedByLanguages)}\n`);
    }
  }
}
