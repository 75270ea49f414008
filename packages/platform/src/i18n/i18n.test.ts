import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogs } from './translate.ts';
import { en } from './messages/en.ts';
import { fromAcceptLanguage, locales, negotiateLocale } from './locales.ts';
import { resolveText } from '../shared/localized.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort((a, b) => String(a).localeCompare(String(b)));

test('every language has exactly the English keys, each translated, with the same placeholders', () => {
  const keys = Object.keys(en).sort((a, b) => a.localeCompare(b));
  for (const locale of locales) {
    const catalog = catalogs[locale] as Record<string, string>;
    const theirs = Object.keys(catalog).sort((a, b) => a.localeCompare(b));
    assert.deepEqual(
      keys.filter((k) => !(k in catalog)),
      [],
      `${locale} is missing keys`,
    );
    assert.deepEqual(
      theirs.filter((k) => !(k in en)),
      [],
      `${locale} has keys English does not`,
    );
    for (const key of keys) {
      const text = catalog[key] ?? '';
      assert.notEqual(text.trim(), '', `${locale}.${key} is empty`);
      assert.deepEqual(placeholders(text), placeholders((en as Record<string, string>)[key] ?? ''), `${locale}.${key} placeholders`);
    }
  }
});

test('Accept-Language maps Norwegian variants and respects q-values', () => {
  assert.deepEqual(fromAcceptLanguage('nn-NO,nn;q=0.9,en;q=0.5'), ['nn', 'en']);
  assert.deepEqual(fromAcceptLanguage('no, sv;q=0.8'), ['nb', 'sv']);
  assert.deepEqual(fromAcceptLanguage('de-DE,da;q=0.3,en;q=0.7'), ['en', 'da']);
  assert.deepEqual(fromAcceptLanguage('fr;q=0,da;q=0'), []);
});

test('locale: own choice, then browser, then municipality default; unknown choices are ignored', () => {
  assert.equal(negotiateLocale({ chosen: 'sv', acceptLanguage: 'en', municipalityDefault: 'nb' }), 'sv');
  assert.equal(negotiateLocale({ chosen: 'klingon', acceptLanguage: 'da-DK', municipalityDefault: 'nb' }), 'da');
  assert.equal(negotiateLocale({ chosen: null, acceptLanguage: 'de', municipalityDefault: 'nn' }), 'nn');
});

test('staff content falls back to the municipality language, then any, and says which it shows', () => {
  assert.deepEqual(resolveText({ nb: 'Hei', en: 'Hello' }, 'en', 'nb'), { text: 'Hello', locale: 'en', fallback: false });
  assert.deepEqual(resolveText({ nb: 'Hei', en: 'Hello' }, 'sv', 'nb'), { text: 'Hei', locale: 'nb', fallback: true });
  assert.deepEqual(resolveText({ da: 'Hej' }, 'sv', 'nb'), { text: 'Hej', locale: 'da', fallback: true });
});
