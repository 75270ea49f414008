import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent, formatsFor, languageName, shareParts } from './format.ts';
import { interpolate, pluralCategory } from './interpolate.ts';
import { catalogProblems } from './check.ts';

// Intl writes a no-break space (U+00A0) or a narrow one (U+202F) between groups and before units; the tests
// compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

test('numbers are written as each language writes them', () => {
  assert.equal(plain(formatNumber('nb', 1234.5)), '1 234,5');
  assert.equal(plain(formatNumber('nn', 1234.5)), '1 234,5');
  assert.equal(plain(formatNumber('sv', 1234.5)), '1 234,5');
  assert.equal(plain(formatNumber('da', 1234.5)), '1.234,5');
  assert.equal(plain(formatNumber('en', 1234.5)), '1,234.5');
  assert.equal(plain(formatNumber('nb', 2 / 3)), '0,67');
  assert.equal(plain(formatNumber('en', 2 / 3, { maximumFractionDigits: 0 })), '1');
});

test('money in whole units and percentages follow the language', () => {
  assert.equal(plain(formatMoney('nb', 1234567)), '1 234 567 kr');
  assert.equal(plain(formatMoney('da', 1234567)), '1.234.567 NOK');
  assert.equal(plain(formatMoney('en', 1234567)), 'NOK 1,234,567');
  assert.equal(plain(formatMoney('sv', 2500, 'SEK')), '2 500 kr');
  assert.equal(plain(formatPercent('nb', 0.3)), '30 %');
  assert.equal(plain(formatPercent('en', 0.3)), '30%');
  assert.equal(plain(formatPercent('da', 0.125, 1)), '12,5 %');
  assert.deepEqual(
    Object.fromEntries(Object.entries(shareParts('sv', 12, 40)).map(([k, v]) => [k, plain(v)])),
    { part: '12', whole: '40', percent: '30 %' },
  );
  assert.equal(plain(shareParts('en', 0, 0).percent), '0%', 'a share of nothing is 0 %, not NaN');
  assert.equal(plain(interpolate('{part} of {whole} ({percent})', shareParts('en', 1200, 4000), 'en')), '1,200 of 4,000 (30%)');
});

test('calendar dates are the date they name; instants are dated in the municipality time zone', () => {
  assert.equal(formatDate('nb', '2026-03-29', 'Europe/Oslo'), '29. mars 2026');
  assert.equal(formatDate('sv', '2026-03-29', 'Europe/Oslo'), '29 mars 2026');
  assert.equal(formatDate('da', '2026-10-25', 'Europe/Oslo'), '25. oktober 2026');
  assert.equal(formatDate('en', '2026-10-25', 'Pacific/Auckland'), '25 October 2026', 'a calendar date does not move with the zone');
  // 23:30 UTC on 31 December is already New Year's Day in Oslo.
  assert.equal(formatDate('en', new Date('2026-12-31T23:30:00Z'), 'Europe/Oslo'), '1 January 2027');
  assert.equal(formatDate('nb', '', 'Europe/Oslo'), '');
  assert.equal(formatDate('nb', null, 'Europe/Oslo'), '');
});

test('times around the daylight-saving changes in Europe/Oslo are shown in local time', () => {
  // Summer time starts on the last Sunday of March (29 March 2026) at 01:00 UTC: 02:00 becomes 03:00.
  assert.equal(plain(formatDateTime('nb', '2026-03-29T00:30:00Z', 'Europe/Oslo')), '29. mars 2026 kl. 01:30');
  assert.equal(plain(formatDateTime('nb', '2026-03-29T01:30:00Z', 'Europe/Oslo')), '29. mars 2026 kl. 03:30');
  // It ends on the last Sunday of October (25 October 2026) at 01:00 UTC: 03:00 becomes 02:00 again.
  assert.equal(plain(formatDateTime('en', '2026-10-25T00:30:00Z', 'Europe/Oslo')), '25 October 2026 at 02:30');
  assert.equal(plain(formatDateTime('en', '2026-10-25T01:30:00Z', 'Europe/Oslo')), '25 October 2026 at 02:30');
  assert.equal(plain(formatDateTime('sv', new Date('2026-10-25T02:30:00Z'), 'Europe/Oslo')), '25 oktober 2026 kl. 03:30');
  assert.equal(plain(formatDateTime('da', '2026-07-01T10:05:00Z', 'Europe/Oslo')), '1. juli 2026 kl. 12.05');
});

test('the bound formatters use the reader language and the municipality zone', () => {
  const f = formatsFor('da', 'Europe/Oslo');
  assert.equal(plain(f.number(1234.5)), '1.234,5');
  assert.equal(f.date(new Date('2026-06-30T22:30:00Z')), '1. juli 2026');
  assert.equal(f.languageName('nb'), 'bokmål');
  assert.equal(languageName('sv', 'nb'), 'norskt bokmål');
  assert.equal(languageName('en', 'nn'), 'Norwegian Nynorsk');
});

test('plural blocks pick the form by the language plural rules and write the number as the language does', () => {
  const comments = '{count, plural, one {# kommentar} other {# kommentarer}}';
  assert.equal(interpolate(comments, { count: 1 }, 'nb'), '1 kommentar');
  assert.equal(interpolate(comments, { count: 0 }, 'nb'), '0 kommentarer');
  assert.equal(interpolate(comments, { count: 2 }, 'nb'), '2 kommentarer');
  assert.equal(plain(interpolate(comments, { count: 1234 }, 'nb')), '1 234 kommentarer');
  const votes = '{votes, plural, =0 {No votes yet} one {# vote on “{title}”} other {# votes on “{title}”}}';
  assert.equal(interpolate(votes, { votes: 0, title: 'A' }, 'en'), 'No votes yet');
  assert.equal(interpolate(votes, { votes: 1, title: 'A' }, 'en'), '1 vote on “A”');
  assert.equal(interpolate(votes, { votes: 1234, title: 'B' }, 'en'), '1,234 votes on “B”');
  assert.equal(interpolate('Left: {n}, {count, plural, one {# item} other {# items}}.', { n: 3, count: 1 }, 'en'), 'Left: 3, 1 item.');
  // CLDR: Danish counts 1.5 as "one" (t ≠ 0 and i = 0 or 1), English as "other".
  assert.equal(pluralCategory('da', 1.5), 'one');
  assert.equal(pluralCategory('en', 1.5), 'other');
  // A missing count stays visible, as an unknown placeholder does; one already written as text takes "other".
  assert.equal(interpolate(comments, { other: 1 }, 'nb'), '{count}');
  assert.equal(interpolate(comments, { count: '1\u00a0234' }, 'nb'), '1\u00a0234 kommentarer');
  assert.equal(interpolate(comments, { count: '1' }, 'nb'), '1 kommentar');
  assert.equal(interpolate('Hello {name}, {x}', { name: 'Kari' }, 'en'), 'Hello Kari, {x}');
});

test('the catalog check finds a plural without the forms its language needs and a count written without plural forms', () => {
  const en = { 'a.count': '{count, plural, one {# idea} other {# ideas}}', 'a.plain': 'Hi {name}' };
  const fixture = {
    nb: { 'a.count': '{count, plural, one {# idé} other {# idéer}}', 'a.plain': 'Hei {name}' },
    nn: { 'a.count': '{count, plural, other {# idear}}', 'a.plain': 'Hei {name}' },
    sv: { 'a.count': '{count} idéer', 'a.plain': 'Hej {name}' },
    da: { 'a.count': '{count, plural, one {# idé} other {# idéer}', 'a.plain': 'Hej {name}' },
    en,
  };
  assert.deepEqual(catalogProblems(fixture), [
    'nn.a.count lacks the plural forms [one] of {count}',
    'sv.a.count writes {count} without plural forms, where en has them',
    'da.a.count has placeholders [] where en has [count]',
    'da.a.count has a plural block that is not well formed (each form in braces, "other" required)',
    'da.a.count writes {count} without plural forms, where en has them',
  ]);
});
