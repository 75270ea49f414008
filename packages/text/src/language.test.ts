import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage } from './language.ts';
import { DATA_DIR, haveTextData, readSib } from './testdata.ts';

test('detects each supported language in plain sentences', () => {
  assert.equal(detectLanguage('Jeg synes ikke at kommunen bør bygge flere parkeringsplasser, vi trenger heller sykkelveier.').language, 'nb');
  assert.equal(detectLanguage('Eg meiner at kommunen ikkje bør byggje fleire parkeringsplassar, vi treng heller sykkelvegar.').language, 'nn');
  assert.equal(detectLanguage('Jag tycker inte att kommunen ska bygga fler parkeringsplatser, vi behöver cykelvägar.').language, 'sv');
  assert.equal(detectLanguage('Jeg synes ikke, at kommunen skal bygge flere parkeringspladser, vi har brug for nogle cykelstier.').language, 'da');
  assert.equal(detectLanguage('I do not think the council should build more parking, we need cycle lanes instead.').language, 'en');
});

test('says Norwegian when bokmål and nynorsk cannot be told apart, und when nothing is recognised', () => {
  assert.equal(detectLanguage('Sykkelvei på Torget').language === 'no' || detectLanguage('Sykkelvei på Torget').language === 'und', true);
  assert.equal(detectLanguage('').language, 'und');
  assert.equal(detectLanguage('東京都の公園').language, 'und');
  assert.equal(detectLanguage('12345 !!!').language, 'und');
});

test('SIB-200 dev: at least 85 % right per language, 75 % for Danish (nb/nn counted right when the answer is "no")', () => {
  if (!haveTextData()) assert.fail(`shared data not found at ${DATA_DIR}: set TINGSTED_DATA to the shared/data folder (these tests reproduce published results from it)`);
  const langs: [string, string][] = [['nob_Latn', 'nb'], ['nno_Latn', 'nn'], ['swe_Latn', 'sv'], ['dan_Latn', 'da'], ['eng_Latn', 'en']];
  for (const [folder, code] of langs) {
    const rows = readSib(folder, 'dev');
    const right = rows.filter((r) => {
      const g = detectLanguage(r.text).language;
      return g === code || ((code === 'nb' || code === 'nn') && g === 'no');
    }).length;
    assert.ok(right / rows.length >= (code === 'da' ? 0.75 : 0.85), `${code}: ${right}/${rows.length}`);
  }
});
