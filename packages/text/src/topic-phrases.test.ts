import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findTopics } from './topics.ts';
import { labelStopWords } from './label-words.ts';
import { labelGroups } from './topic-phrases.ts';
import { STOPWORDS } from './stopwords.ts';
import { haveTextData } from './testdata.ts';
import { loadCycling, loadReykjavik, loadSib, SIB_LANGS } from '../bench/data.ts';

/** Every word list a label is checked against in a language: its stop words and the filler words. */
function assertNoStopAtEdges(phrase: string, language: string, where: string): void {
  const words = phrase.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  assert.ok(words.length >= 1 && words.length <= 3, `${where}: "${phrase}" has 1–3 words`);
  const stop = labelStopWords(language);
  const own = (STOPWORDS as Record<string, ReadonlySet<string>>)[language];
  for (const w of [words[0] as string, words[words.length - 1] as string]) {
    assert.ok(!stop.has(w), `${where}: label "${phrase}" starts or ends with the stop/filler word "${w}"`);
    if (own) assert.ok(!own.has(w), `${where}: label "${phrase}" starts or ends with the ${language} stop word "${w}"`);
  }
}

test('phrases come from the texts, as written, and never start or end with a stop or filler word', () => {
  const texts = [
    'Vi trenger flere benker i Slottsparken, kanskje også ved dammen.',
    'Det er for få benker i Slottsparken og også søppelkasser mangler.',
    'Kanskje Slottsparken kunne fått flere benker?',
    'Sykkelveien langs Ring 3 er farlig om vinteren.',
    'Ring 3 trenger en trygg sykkelvei, veldig farlig nå.',
    'Brøyting av sykkelveien langs Ring 3 er for dårlig.',
  ].map((text, i) => ({ id: `i${i}`, text }));
  const [park, bike] = labelGroups(texts, [['i0', 'i1', 'i2'], ['i3', 'i4', 'i5']]);
  assert.ok(park?.includes('benker i Slottsparken') || park?.includes('Slottsparken'), `park phrases ${JSON.stringify(park)}`);
  assert.ok(bike?.some((p) => /sykkelvei/i.test(p)), `bike phrases ${JSON.stringify(bike)}`);
  for (const p of [...(park ?? []), ...(bike ?? [])]) {
    assertNoStopAtEdges(p, 'nb', 'synthetic');
    assert.ok(!/^(kanskje|også|veldig)$/i.test(p));
  }
});

const SETS: { name: string; language: string; k: number; load: () => { id: string; text: string }[] }[] = [
  { name: 'Better Reykjavík', language: 'is', k: 12, load: loadReykjavik },
  ...Object.entries(SIB_LANGS).map(([folder, code]) => ({ name: `SIB-200 ${code}`, language: code, k: 7, load: () => [...loadSib(folder as keyof typeof SIB_LANGS, 'train'), ...loadSib(folder as keyof typeof SIB_LANGS, 'dev')] })),
  { name: 'Cycling Dialogues', language: 'de', k: 8, load: loadCycling },
];

for (const set of SETS) {
  test(`${set.name}: no topic label is, starts or ends with a stop word of its language`, { skip: !haveTextData() && 'shared data not present' }, () => {
    const inputs = set.load();
    const r = findTopics(inputs, { k: set.k, seed: 1 });
    assert.ok(r.topics.length >= 2);
    const texts = inputs.map((x) => x.text.toLowerCase()).join('\n');
    for (const t of r.topics) {
      assert.ok(t.phrases.length > 0, `${set.name} ${t.id} has phrases`);
      assert.equal(t.label, t.phrases.slice(0, 2).join(', '));
      for (const p of t.phrases) {
        assertNoStopAtEdges(p, set.language, set.name);
        // Written by people: the phrase occurs in the texts (case aside).
        assert.ok(texts.includes(p.toLowerCase().split(' ')[0] as string), `${set.name}: "${p}" occurs in the texts`);
      }
    }
  });
}
