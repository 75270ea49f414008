import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readInputsCsv } from './inputs.ts';

test('reads quoted fields with commas, quotes and line breaks, CRLF or LF, and keeps a quote inside a field', () => {
  const r = readInputsCsv('id,text\r\n1,"a, ""b""\nc"\n2,plain\n3,say "hi"\n');
  assert.ok(r.ok);
  if (r.ok) assert.deepEqual(r.records.map((x) => x.text), ['a, "b"\nc', 'plain', 'say "hi"']);
});

test('keeps other columns as metadata and the label when present', () => {
  const r = readInputsCsv('id,text,label,area\na1,Hei,park,Vest\n');
  assert.ok(r.ok);
  if (r.ok) assert.deepEqual(r.records, [{ id: 'a1', text: 'Hei', label: 'park', meta: { area: 'Vest' } }]);
});

test('a file without id or text columns is an error naming the columns', () => {
  const r = readInputsCsv('key,body\n1,x\n');
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.reason, 'missing-column');
    assert.match(r.detail, /"id", "text"/);
  }
  const l = readInputsCsv('id,text\n1,x\n', { requireLabel: true });
  assert.equal(l.ok, false);
  if (!l.ok) assert.match(l.detail, /"label"/);
});

test('duplicate ids are an error naming both lines; empty texts are warnings naming the row', () => {
  const d = readInputsCsv('id,text\n1,x\n2,y\n1,z\n');
  assert.equal(d.ok, false);
  if (!d.ok) assert.match(d.detail, /id "1" appears on line 2 and line 4/);
  const e = readInputsCsv('id,text\n1,x\n2,\n');
  assert.ok(e.ok);
  if (e.ok) {
    assert.equal(e.records.length, 2);
    assert.deepEqual(e.warnings, ['line 3: id "2" has an empty text']);
  }
});

test('malformed rows and unclosed quotes are errors, never partial loads', () => {
  const a = readInputsCsv('id,text\n1,x,extra\n');
  assert.equal(a.ok, false);
  if (!a.ok) assert.match(a.detail, /line 2: expected 2 fields, found 3/);
  const b = readInputsCsv('id,text\n1,"open\n');
  assert.equal(b.ok, false);
  if (!b.ok) assert.equal(b.detail, 'line 2, column 3: quoted field is not closed');
});
