import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { catalogs, isMessageKey, translate } from './translate.ts';
import { catalogProblems, keysDefinedTwice } from './check.ts';
import { translation, type Catalogs } from './translation.ts';
import { sentEn } from './messages/sent/en.ts';
import { shownEn } from './messages/shown/en.ts';
import { fromAcceptLanguage, negotiateLocale } from './locales.ts';
import { resolveText } from '../shared/localized.ts';

test('every language has exactly the English keys, each translated, with the same placeholders', () => {
  assert.deepEqual(catalogProblems(catalogs), []);
  assert.deepEqual(keysDefinedTwice({ shown: shownEn, sent: sentEn }), []);
});

test('the catalog check fails on a missing key, an extra key, an empty text and a changed placeholder', () => {
  const en = { 'a.one': 'One {count}', 'a.two': 'Two' };
  const fixture = {
    nb: { 'a.one': 'En {count}', 'a.two': 'To', 'a.extra': 'Ekstra' },
    nn: { 'a.one': 'Ein {count}' },
    sv: { 'a.one': 'En {antal}', 'a.two': 'Två' },
    da: { 'a.one': 'En {count}', 'a.two': ' ' },
    en,
  };
  assert.deepEqual(catalogProblems(fixture), [
    'nb has a.extra, which en does not',
    'nn lacks a.two',
    'sv.a.one has placeholders [antal] where en has [count]',
    'da.a.two is empty',
  ]);
  assert.deepEqual(keysDefinedTwice({ shown: en, sent: { 'a.two': 'Again' } }), [
    'a.two is in shown and sent',
  ]);
});

test('a translation fills placeholders and falls back to English for a key a language lacks', () => {
  const { translate: fixture } = translation({
    nb: { 'a.one': 'En {n}' },
    nn: {},
    sv: {},
    da: {},
    en: { 'a.one': 'One {n}' },
  } as Catalogs<'a.one'>);
  assert.equal(fixture('nb', 'a.one', { n: 2 }), 'En 2');
  assert.equal(fixture('sv', 'a.one', { n: 3 }), 'One 3');
  assert.equal(
    translate('nn', 'field.tooLong', { max: 80 }),
    catalogs.nn['field.tooLong'].replace('{max}', '80'),
  );
  assert.equal(isMessageKey('field.tooLong'), true);
  assert.equal(isMessageKey('constructor'), false);
  assert.equal(isMessageKey('nav.home'), false, 'page text lives in apps/web');
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory())
      return name === 'i18n' || name === 'migrations' ? [] : sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

// How the platform names a message: a field error's `message`, a document check's `typeMessage`, the second
// argument of the services' `invalid` and `problem` helpers, or a call to `translate`/`t`.
const fieldMessage =
  /\b(?:message|typeMessage):\s*'([^'\s]+\.[^'\s]+)'|\b(?:invalid|problem)\([^,()]+,\s*'([^'\s]+)'/g;
const translated = /\btranslate\([^,()]+,\s*'([^'\s]+)'|\bt\(\s*'([^'\s]+)'/g;

/** The keys `pattern` finds in `source`. */
function keysIn(source: string, pattern: RegExp): string[] {
  return [...source.matchAll(pattern)].map((m) => m.slice(1).find((k) => k !== undefined) ?? '');
}

test('every message key the platform names is in its catalog; field messages are in the shown part', () => {
  const missing: string[] = [];
  for (const file of sourceFiles(new URL('..', import.meta.url).pathname)) {
    const source = readFileSync(file, 'utf8');
    for (const key of keysIn(source, fieldMessage))
      if (!Object.hasOwn(shownEn, key)) missing.push(`${file}: ${key}`);
    for (const key of keysIn(source, translated)) if (!isMessageKey(key)) missing.push(`${file}: ${key}`);
  }
  assert.deepEqual(missing, []);
  // The scan itself finds a key that is not in the catalog, and a sent key used as a field message.
  const fixture =
    "errors.push({ field: 'x', message: 'field.gone' }); invalid('n', 'mail.greeting'); t('nav.home')";
  assert.deepEqual(
    keysIn(fixture, fieldMessage).filter((k) => !Object.hasOwn(shownEn, k)),
    ['field.gone', 'mail.greeting'],
  );
  assert.deepEqual(
    keysIn(fixture, translated).filter((k) => !isMessageKey(k)),
    ['nav.home'],
  );
});

test('Accept-Language maps Norwegian variants and respects q-values', () => {
  assert.deepEqual(fromAcceptLanguage('nn-NO,nn;q=0.9,en;q=0.5'), ['nn', 'en']);
  assert.deepEqual(fromAcceptLanguage('no, sv;q=0.8'), ['nb', 'sv']);
  assert.deepEqual(fromAcceptLanguage('de-DE,da;q=0.3,en;q=0.7'), ['en', 'da']);
  assert.deepEqual(fromAcceptLanguage('fr;q=0,da;q=0'), []);
});

test('locale: own choice, then browser, then municipality default; unknown choices are ignored', () => {
  assert.equal(negotiateLocale({ chosen: 'sv', acceptLanguage: 'en', municipalityDefault: 'nb' }), 'sv');
  assert.equal(
    negotiateLocale({ chosen: 'klingon', acceptLanguage: 'da-DK', municipalityDefault: 'nb' }),
    'da',
  );
  assert.equal(negotiateLocale({ chosen: null, acceptLanguage: 'de', municipalityDefault: 'nn' }), 'nn');
});

test('staff content falls back to the municipality language, then any, and says which it shows', () => {
  assert.deepEqual(resolveText({ nb: 'Hei', en: 'Hello' }, 'en', 'nb'), {
    text: 'Hello',
    locale: 'en',
    fallback: false,
  });
  assert.deepEqual(resolveText({ nb: 'Hei', en: 'Hello' }, 'sv', 'nb'), {
    text: 'Hei',
    locale: 'nb',
    fallback: true,
  });
  assert.deepEqual(resolveText({ da: 'Hej' }, 'sv', 'nb'), { text: 'Hej', locale: 'da', fallback: true });
});
