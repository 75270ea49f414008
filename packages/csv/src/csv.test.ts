import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, describeCsvError, parseCsv, readCsv, writeCsv, type CsvRow } from './index.ts';

function rows(text: string, options = {}): CsvRow[] {
  const r = parseCsv(text, options);
  assert.ok(r.ok, r.ok ? '' : describeCsvError(r.error));
  return r.rows;
}

test('BOM, CRLF, LF and a lone CR all end records; empty lines are skipped; lines are counted', () => {
  assert.deepEqual(rows('\ufeffa,b\r\n1,2\n\n3,4\r5,6'), [
    { line: 1, fields: ['a', 'b'] },
    { line: 2, fields: ['1', '2'] },
    { line: 4, fields: ['3', '4'] },
    { line: 5, fields: ['5', '6'] },
  ]);
  assert.deepEqual(rows(''), []);
  assert.deepEqual(rows('\r\n\n'), []);
  assert.deepEqual(rows('x'), [{ line: 1, fields: ['x'] }]);
});

test('quoted fields hold commas, doubled quotes, CRLF and LF; the next record starts on the right line', () => {
  const text = 'id,text\r\n1,"a, ""b""\r\nc\nd"\r\n2,plain\n"",\n';
  assert.deepEqual(rows(text), [
    { line: 1, fields: ['id', 'text'] },
    { line: 2, fields: ['1', 'a, "b"\r\nc\nd'] },
    { line: 5, fields: ['2', 'plain'] },
    { line: 6, fields: ['', ''] },
  ]);
});

test('empty fields, a trailing separator and spaces are kept as they are', () => {
  assert.deepEqual(rows(',,\n a , b \n   \n'), [
    { line: 1, fields: ['', '', ''] },
    { line: 2, fields: [' a ', ' b '] },
    { line: 3, fields: ['   '] },
  ]);
});

test('errors name the line and column: an unclosed quote where it opened, stray quotes and text after a closing quote', () => {
  const open = parseCsv('a,b\n1,"open\n2,3\n');
  assert.ok(!open.ok);
  assert.deepEqual(open.error, { line: 2, column: 3, message: 'quoted field is not closed' });
  const stray = parseCsv('a,b\n1,2\n3,x"y\n');
  assert.ok(!stray.ok);
  assert.deepEqual(stray.error, { line: 3, column: 4, message: 'quote inside an unquoted field' });
  const after = parseCsv('a\n"multi\nline"x\n');
  assert.ok(!after.ok);
  assert.deepEqual(after.error, { line: 3, column: 6, message: 'unexpected character after a closing quote' });
  assert.equal(describeCsvError(after.error), 'line 3, column 6: unexpected character after a closing quote');
});

test('lenient quotes keep a quote inside a field and text after a closing quote', () => {
  assert.deepEqual(rows('x"y,"ab"c\n', { quotes: 'lenient' }), [{ line: 1, fields: ['x"y', 'abc'] }]);
  assert.ok(!parseCsv('"open', { quotes: 'lenient' }).ok, 'an unclosed quote is an error in both modes');
});

test('the delimiter option reads semicolon files (Pabulib) and refuses impossible delimiters', () => {
  assert.deepEqual(rows('project_id;cost;name\n1;100;"Park; benches"\n', { delimiter: ';' }), [
    { line: 1, fields: ['project_id', 'cost', 'name'] },
    { line: 2, fields: ['1', '100', 'Park; benches'] },
  ]);
  assert.throws(() => parseCsv('a', { delimiter: '"' }), RangeError);
  assert.throws(() => parseCsv('a', { delimiter: ';;' }), RangeError);
});

test('the row callback sees records in order and can stop early', () => {
  const seen: number[] = [];
  const error = readCsv('a\n1\n2\n3\n"never closed', (fields, line) => {
    seen.push(line);
    return fields[0] !== '2';
  });
  assert.equal(error, null, 'stopping skips the rest of the file');
  assert.deepEqual(seen, [1, 2, 3]);
});

test('the writer quotes only what needs quoting, and reading its output gives the values back', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(' padded'), '" padded"');
  assert.equal(csvField(null), '');
  assert.equal(csvField(3), '3');
  assert.equal(csvField('a;b'), 'a;b');
  assert.equal(csvField('a;b', { delimiter: ';' }), '"a;b"');
  const values = [['id', 'text'], ['1', 'a, "b"\r\nc'], ['2', ' x '], ['3', '']];
  const text = writeCsv(values);
  assert.equal(text, 'id,text\n1,"a, ""b""\r\nc"\n2," x "\n3,\n');
  assert.deepEqual(rows(text).map((r) => r.fields), values);
});

test('writer options: CRLF, quote always, formula guard, BOM, no final line end', () => {
  const text = writeCsv([['h1', 'h2'], ['=SUM(A1)', '-3'], ['@x', 'ok']], { lineEnding: '\r\n', quote: 'always', formulaGuard: true, bom: true });
  assert.equal(text, '\ufeff"h1","h2"\r\n"\'=SUM(A1)","\'-3"\r\n"\'@x","ok"\r\n');
  assert.equal(writeCsv([['=1', 'a-b', '-'], ['x', '+']], { formulaGuard: true }), '"\'=1",a-b,"\'-"\nx,"\'+"\n', 'a guarded field is quoted');
  assert.equal(writeCsv([['a'], ['b']], { finalNewline: false }), 'a\nb');
  assert.equal(writeCsv([]), '');
});

test('a large quote-free file is read by the fast path with the same result as the state machine', () => {
  const lines = Array.from({ length: 20_000 }, (_, i) => `${i},${i % 7},${i % 3 - 1},1700000000${i}`);
  const plain = rows(`voter-id,comment-id,vote,timestamp\n${lines.join('\n')}\n`);
  // The same records with one quoted field per line take the state machine on every line.
  const quoted = rows(`voter-id,comment-id,vote,timestamp\n${lines.map((l) => l.replace(/^(\d+)/, '"$1"')).join('\n')}\n`);
  assert.equal(plain.length, 20_001);
  assert.deepEqual(quoted, plain);
});
