import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCsvStream, parseCsv, type CsvReadOptions, type CsvStreamOptions, type CsvSyntaxError } from './index.ts';

type Read = { ok: true; rows: { line: number; fields: string[] }[] } | { ok: false; error: CsvSyntaxError };

/** Reads `text` through the stream in chunks of the given sizes (cycled). */
function streamed(text: string, sizes: readonly number[], options: CsvStreamOptions = {}): Read {
  const bytes = new TextEncoder().encode(text);
  const rows: { line: number; fields: string[] }[] = [];
  const s = createCsvStream((r) => {
    const fields: string[] = [];
    for (let i = 0; i < r.count; i++) fields.push(r.text(i));
    rows.push({ line: r.line, fields });
  }, options);
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length]!;
    // The caller may reuse its buffer: hand over a copy that is overwritten afterwards.
    const chunk = bytes.slice(at, at + size);
    const e = s.push(chunk);
    chunk.fill(0x21);
    if (e) return { ok: false, error: e };
    at += size;
  }
  const e = s.end();
  return e ? { ok: false, error: e } : { ok: true, rows };
}

const CASES = [
  '\ufeffa,b\r\n1,2\n\n3,4\r5,6',
  'id,text\r\n1,"a, ""b""\r\nc\nd"\r\n2,plain\n"",\n',
  ',,\n a , b \n   \n',
  'a,b\n1,"open\n2,3\n',
  'a,b\n1,2\n3,x"y\n',
  'a\n"multi\nline"x\n',
  'x"y,"ab"c\n',
  'ø,"æ""å"\r\n"ü",x\r',
  '"",""\n\r\n\r\r"a"',
  'last,line,no,end',
];

test('the stream reads exactly what parseCsv reads, whatever the chunk sizes (strict and lenient)', () => {
  for (const options of [{}, { quotes: 'lenient' }, { delimiter: ';' }] as CsvReadOptions[]) {
    for (const text of CASES) {
      const whole = parseCsv(text, options);
      for (const sizes of [[1], [2, 3], [5], [7, 1, 64], [1 << 20]]) {
        assert.deepEqual(streamed(text, sizes, options), whole, `${JSON.stringify(text)} in chunks ${sizes.join(',')}`);
      }
    }
  }
});

test('random CSV texts: the stream agrees with parseCsv record by record and on errors', () => {
  let seed = 12345;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const alphabet = ['a', 'b', ',', '"', '\n', '\r', '\r\n', ' ', 'é', '1', '""'];
  for (let t = 0; t < 400; t++) {
    let text = '';
    const len = rnd(40);
    for (let k = 0; k < len; k++) text += alphabet[rnd(alphabet.length)];
    for (const options of [{}, { quotes: 'lenient' }] as CsvReadOptions[]) {
      const whole = parseCsv(text, options);
      assert.deepEqual(streamed(text, [1 + rnd(6)], options), whole, JSON.stringify(text));
    }
  }
});

test('integer() reads numbers from the bytes; isBlank() sees empty and space-only fields', () => {
  const got: unknown[] = [];
  const s = createCsvStream((r) => {
    got.push([r.integer(0), r.integer(1), r.integer(2), r.integer(3), r.isBlank(4), r.integer(9)]);
  });
  s.push(new TextEncoder().encode(' 12 ,-7,3.0,"4",  \n1e3,--1,3.5,x,a\n'));
  assert.equal(s.end(), null);
  assert.deepEqual(got, [
    [12, -7, 3, 4, true, NaN],
    [NaN, NaN, NaN, NaN, false, NaN],
  ]);
});

test('memory is bounded: a record longer than maxRecordBytes is an error naming where it starts', () => {
  const open = streamed(`a,b\n1,2\n3,"${'x'.repeat(5000)}`, [100], { maxRecordBytes: 1000 });
  assert.deepEqual(open, { ok: false, error: { line: 3, column: 3, message: 'quoted field is not closed within 1000 bytes' } });
  const noLineEnd = streamed(`a,b\n${'y'.repeat(5000)}`, [100], { maxRecordBytes: 1000 });
  assert.ok(!noLineEnd.ok);
  assert.equal(noLineEnd.error.line, 2);
  assert.match(noLineEnd.error.message, /record longer than 1000 bytes/);
  // A truncated file: the quote that never closes is named where it opened.
  const truncated = streamed('a,b\n1,"two\nlines', [3]);
  assert.deepEqual(truncated, { ok: false, error: { line: 2, column: 3, message: 'quoted field is not closed' } });
});

test('the callback can stop the stream', () => {
  const lines: number[] = [];
  const s = createCsvStream((r) => {
    lines.push(r.line);
    return r.line < 2;
  });
  assert.equal(s.push(new TextEncoder().encode('a\nb\nc\n"open')), null);
  assert.equal(s.end(), null);
  assert.deepEqual(lines, [1, 2]);
});
