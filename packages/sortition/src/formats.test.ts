import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCsvTable, readCategoriesCsv, readPeopleCsv, writeCategoriesCsv, writeSelectedCsv } from './index.ts';

const CATEGORIES = 'category,feature,min,max\ngender,female,1,2\ngender,male,1,2\nage,young,0,3\nage,old,1,3\n';

test('parses quoted fields with commas, quotes, line breaks and CRLF, and tracks line numbers', () => {
  const r = readCsvTable('a,b\r\n"x, y","say ""hi"""\r\n"multi\nline",z\r\n\r\nlast,1');
  assert.ok(r.ok);
  assert.deepEqual(r.table.header, ['a', 'b']);
  assert.deepEqual(r.table.records.map((x) => x.fields), [['x, y', 'say "hi"'], ['multi\nline', 'z'], ['last', '1']]);
  assert.deepEqual(r.table.records.map((x) => x.line), [2, 3, 6]);
});

test('reads both Sortition Foundation category layouts, with flex columns', () => {
  const a = readCategoriesCsv(CATEGORIES);
  assert.ok(a.ok);
  assert.equal(a.format, 'category-feature');
  assert.deepEqual(a.categories.map((c) => [c.name, c.values.map((v) => `${v.value}:${v.min}-${v.max}`)]), [
    ['gender', ['female:1-2', 'male:1-2']],
    ['age', ['young:0-3', 'old:1-3']],
  ]);
  const b = readCategoriesCsv('feature,value,min,max,min_flex,max_flex\nGender,Female,11,12,0,12\nGender,Male,10,11,0,12\n');
  assert.ok(b.ok);
  assert.equal(b.format, 'feature-value');
  assert.deepEqual(b.categories[0]!.values[0], { value: 'Female', min: 11, max: 12, minFlex: 0, maxFlex: 12 });
  // Round trip through the writer.
  const again = readCategoriesCsv(writeCategoriesCsv(b.categories, 'feature-value'));
  assert.ok(again.ok);
  assert.deepEqual(again.categories, b.categories);
});

test('category errors name the line, and nothing is loaded', () => {
  const r = readCategoriesCsv('category,feature,min,max\ngender,female,1,2\ngender,male,one,2\nage,old,5,3\ngender,female,0,1\n');
  assert.equal(r.ok, false);
  assert.ok(!r.ok);
  assert.deepEqual(r.issues.map((i) => i.line), [3, 4, 5]);
  assert.match(r.detail, /line 3: min "one" is not a whole number/);
  assert.match(r.detail, /line 4: min 5 is greater than max 3/);
  assert.match(r.detail, /line 5: gender=female already defined on line 2/);
  const missing = readCategoriesCsv('category,feature,min\ngender,female,1\n');
  assert.ok(!missing.ok);
  assert.match(missing.detail, /line 1: missing column\(s\): max/);
});

test('people: ids from a column or the row index; values matched trimmed and case-insensitively', () => {
  const cats = readCategoriesCsv(CATEGORIES);
  assert.ok(cats.ok);
  const byRow = readPeopleCsv('gender,age\nfemale,young\n MALE ,Old\n', cats.categories);
  assert.ok(byRow.ok);
  assert.deepEqual(byRow.people.map((p) => [p.id, p.values['gender'], p.values['age']]), [['0', 'female', 'young'], ['1', 'male', 'old']]);
  const byId = readPeopleCsv('pid,Gender,AGE,street,zip\na1,female,young,Main St 1 ,1000\na2,male,old,main st 1,1000\n', cats.categories, {
    idColumn: 'pid',
    householdColumns: ['street', 'zip'],
  });
  assert.ok(byId.ok);
  assert.equal(byId.people[0]!.household, byId.people[1]!.household);
  const files = writeSelectedCsv(byId.table, byId.people, ['a2']);
  assert.equal(files.selected, 'pid,Gender,AGE,street,zip\na2,male,old,main st 1,1000\n');
  assert.equal(files.remaining, 'pid,Gender,AGE,street,zip\na1,female,young,"Main St 1 ",1000\n');
});

test('people errors: unknown values, missing columns and duplicate ids carry line numbers; nothing loaded', () => {
  const cats = readCategoriesCsv(CATEGORIES);
  assert.ok(cats.ok);
  const r = readPeopleCsv('id,gender,age\nx,female,young\ny,femal,old\nx,male,old\nz,male\n', cats.categories, { idColumn: 'id' });
  assert.ok(!r.ok);
  assert.deepEqual(r.issues.map((i) => i.line), [3, 4, 5]);
  assert.match(r.detail, /line 3: unknown value "femal" for category "gender"/);
  assert.match(r.detail, /line 4: duplicate id "x" \(first on line 2\)/);
  assert.match(r.detail, /line 5: expected 3 fields, found 2/);
  const cols = readPeopleCsv('id,gender\nx,female\n', cats.categories, { idColumn: 'pid' });
  assert.ok(!cols.ok);
  assert.match(cols.detail, /missing column for category "age"/);
  assert.match(cols.detail, /missing id column "pid"/);
});
