import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCensusCsv, readQuotasCsv, readRegisterCsv } from './panels.csv.ts';
import { problemOf } from '../edge/errors.ts';

test('a register with several bad rows reports every one, with its line and column, in one pass; nothing is read', () => {
  const csv = [
    'id,name,address,postcode',
    'P1,Kari Nordmann,Storgata 1,0150',
    'P2,,Storgata 2,0150',
    'P3,Ola,,12',
    'P1,Per,Lillegata 4,0151',
    'P5,Siri,Bakken 5',
    'P6,Nils,Bakken 6,0152',
    'P7,Anne,Bakken 7,ABCD',
  ].join('\n');
  const read = readRegisterCsv(csv);
  assert.equal(read.ok, false);
  const errors = !read.ok ? read.errors : [];
  assert.deepEqual(
    errors.map((e) => [e.message, e.params?.line, e.params?.column]),
    [
      ['panels.register.missing', 3, 'name'],
      ['panels.register.missing', 4, 'address'],
      ['panels.register.postcode', 4, 'postcode'],
      ['panels.register.duplicate', 5, undefined],
      ['panels.register.fieldCount', 6, ''],
      ['panels.register.postcode', 8, 'postcode'],
    ],
  );
  const shown = problemOf('nb', { code: 'ValidationFailed', fields: errors }).fields.map((f) => f.message);
  assert.deepEqual(shown.slice(0, 2), ['Linje 3: name mangler.', 'Linje 4: address mangler.']);
  assert.equal(shown[3], 'Linje 5: samme id som linje 2.');
});

test('a register bad on every row lists 500 problems and counts the rest', () => {
  const rows = Array.from({ length: 1200 }, (_, i) => `P${i},Navn ${i},Gate ${i},x${i}`);
  const read = readRegisterCsv(['id,name,address,postcode', ...rows].join('\n'));
  const errors = !read.ok ? read.errors : [];
  assert.equal(errors.length, 501);
  assert.deepEqual(errors[0]?.params, { line: 2, column: 'postcode' });
  assert.deepEqual(errors[499]?.params, { line: 501, column: 'postcode' });
  assert.deepEqual([errors[500]?.message, errors[500]?.params?.count], ['panels.register.more', 700]);
});

test('quotas and census figures report every bad line at once', () => {
  const quotas = readQuotasCsv('category,value,min,max\nKjønn,Kvinne,4,x\nKjønn,,1,2\nKjønn,Mann,6,4\nKjønn,Kvinne,1,2\nAlder,Ung,2,3\nAlder,Ung,2,3', []);
  assert.deepEqual(!quotas.ok && quotas.errors.map((e) => [e.message, e.params?.line]), [
    ['panels.quotas.number', 2],
    ['panels.quotas.row', 3],
    ['panels.quotas.inverted', 4],
    ['panels.quotas.duplicate', 7],
  ]);
  const census = readCensusCsv('category,value,population\nKjønn,Kvinne,mange\nKjønn,Mann,4900\nAlder,Ung,-3', 20);
  assert.deepEqual(!census.ok && census.errors.map((e) => [e.message, e.params?.line]), [
    ['panels.census.number', 2],
    ['panels.census.number', 4],
  ]);
  const many = readQuotasCsv(['category,value,min,max', ...Array.from({ length: 600 }, (_, i) => `K,V${i},x,1`)].join('\n'), []);
  const errors = !many.ok ? many.errors : [];
  assert.equal(errors.length, 501);
  assert.deepEqual([errors[500]?.message, errors[500]?.params?.count], ['panels.register.more', 100]);
});
