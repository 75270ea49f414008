import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildProfile, type Profile } from './model.ts';
import { createPabulibReader, readPabulib, type PbReaderOptions, type PbStreamResult } from './pabulib.ts';

const DATA = process.env.TINGSTED_DATA ?? fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const DIR = `${DATA.replace(/\/$/, '')}/pabulib`;

function streamed(bytes: Uint8Array, chunk: number, options: PbReaderOptions = {}): PbStreamResult {
  const reader = createPabulibReader(options);
  for (let at = 0; at < bytes.length; at += chunk) if (!reader.push(bytes.slice(at, at + chunk))) break;
  return reader.end();
}

function plain(p: Profile): unknown {
  return { ...p, classes: p.classes.map((c) => ({ weight: c.weight, items: [...c.items], points: c.points, voters: c.voters })), approvers: p.approvers.map((a) => [...a]) };
}

test('the streamed profile equals buildProfile of the ballots, on every reference file and in any chunk size', (t) => {
  if (!existsSync(DIR)) return t.skip(`no data at ${DIR}`);
  for (const name of readdirSync(DIR).filter((f) => f.endsWith('.pb'))) {
    const bytes = readFileSync(`${DIR}/${name}`);
    const whole = readPabulib(bytes.toString('utf8'));
    assert.ok(whole.ok, name);
    for (const options of [{}, { ordinalScoring: [3, 2, 1] }]) {
      const r = streamed(bytes, 65_521, options);
      assert.ok(r.ok, name);
      assert.deepEqual(plain(r.profile), plain(buildProfile({ ...whole.election, ...options })), `${name} ${JSON.stringify(options)}`);
      const { ballots: _ballots, ...header } = whole.election;
      assert.deepEqual(r.election, { ...header, ...options }, name);
      assert.deepEqual(r.warnings, whole.warnings, name);
    }
  }
});

const SMALL = ['META', 'key;value', 'budget;10', 'vote_type;ordinal', 'max_length;3', 'PROJECTS', 'project_id;cost', 'a;4', 'b;5', 'c;3', 'VOTES', 'voter_id;vote;age'];

test('rows the byte path leaves to the text path (spaces, quotes, ids starting like a section) give the same profile', () => {
  const rows = ['1;a,b;30', 'v2; a , b ;31', '"3";"b,a";', 'p4;c,a;40', '5;b;', ' 6;a,b;22', '7;;', 'meta8;a,b;1'];
  const text = [...SMALL, ...rows, ''].join('\n');
  const r = streamed(new TextEncoder().encode(text), 7);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.detail));
  const whole = readPabulib(text);
  assert.ok(whole.ok);
  assert.deepEqual(plain(r.profile), plain(buildProfile(whole.election)));
  // Ordinal points by rank (max_length 3): a,b and b,a are different ballots.
  assert.deepEqual(r.profile.classes.map((c) => [c.weight, [...c.items], c.points]), [
    [4, [0, 1], [3, 2]],
    [1, [0, 1], [2, 3]],
    [1, [0, 2], [2, 3]],
    [1, [1], [3]],
    [1, [], []],
  ]);
  assert.deepEqual(r.profile.classes[0]!.voters, ['1', 'v2', '6', 'meta8']);
  // The ballots as written, whichever path read each row (trimmed ids, ballot order, other columns verbatim).
  assert.deepEqual(whole.election.ballots, [
    { voter: '1', projects: ['a', 'b'], fields: { age: '30' } },
    { voter: 'v2', projects: ['a', 'b'], fields: { age: '31' } },
    { voter: '3', projects: ['b', 'a'], fields: { age: '' } },
    { voter: 'p4', projects: ['c', 'a'], fields: { age: '40' } },
    { voter: '5', projects: ['b'], fields: { age: '' } },
    { voter: '6', projects: ['a', 'b'], fields: { age: '22' } },
    { voter: '7', projects: [], fields: { age: '' } },
    { voter: 'meta8', projects: ['a', 'b'], fields: { age: '1' } },
  ]);
});

test('readPabulib gives the ballots of every reference file as its VOTES rows say, in file order', (t) => {
  if (!existsSync(DIR)) return t.skip(`no data at ${DIR}`);
  for (const name of readdirSync(DIR).filter((f) => f.endsWith('.pb'))) {
    const text = readFileSync(`${DIR}/${name}`, 'utf8');
    // These files quote nothing in VOTES: a row is its fields split at ';'.
    const lines = text.split(/\r?\n/);
    const at = lines.findIndex((l) => l.trim() === 'VOTES');
    const header = lines[at + 1]!.split(';');
    const expected = lines.slice(at + 2).filter((l) => l !== '').map((l) => {
      const f = l.split(';');
      const pick = (col: string) => f[header.indexOf(col)] ?? '';
      const fields = Object.fromEntries(header.flatMap((h, k) => (k === 0 || h === 'vote' || h === 'points' ? [] : [[h, f[k] ?? '']])));
      const projects = pick('vote') === '' ? [] : pick('vote').split(',');
      return header.includes('points') ? { voter: f[0], projects, points: pick('points') === '' ? [] : pick('points').split(',').map(Number), fields } : { voter: f[0], projects, fields };
    });
    const r = readPabulib(text);
    assert.ok(r.ok, name);
    assert.equal(r.election.ballots.length, expected.length, name);
    assert.deepEqual(r.election.ballots, expected, name);
  }
});

test('a truncated file names the line and column where the open quote is', () => {
  const text = [...SMALL, '1;a,b;30', '2;"a,b;31', '3;c;1', ''].join('\n');
  const r = streamed(new TextEncoder().encode(text).subarray(0, text.length - 3), 5);
  assert.ok(!r.ok);
  assert.deepEqual(r.detail.map((d) => [d.line, d.code, d.params, d.message]), [
    [14, 'unterminated-quote', { column: 3 }, 'unterminated quoted field (the quote at column 3)'],
  ]);
});

test('a huge line without line ends stops the reading at the record limit, with the line where it starts', () => {
  const reader = createPabulibReader({ maxRecordBytes: 1 << 20 });
  reader.push(new TextEncoder().encode([...SMALL, '1;a;2', ''].join('\n')));
  const junk = new Uint8Array(1 << 18).fill(0x61);
  let pushes = 0;
  while (pushes < 100 && reader.push(junk)) pushes++;
  assert.ok(pushes <= 5, `read ${pushes} chunks of 256 KiB after the limit`);
  const r = reader.end();
  assert.ok(!r.ok);
  assert.equal(r.detail[0]!.line, 14);
  assert.equal(r.detail[0]!.code, 'record-too-long');
  assert.match(r.detail[0]!.message, /record longer than 1048576 bytes/);
});

test('a file of bad rows stops being read once 100 errors are certain', () => {
  const reader = createPabulibReader();
  reader.push(new TextEncoder().encode([...SMALL, ''].join('\n')));
  const bad = new TextEncoder().encode('x;y;z;w\n'.repeat(1000));
  let pushes = 0;
  while (pushes < 50 && reader.push(bad)) pushes++;
  assert.equal(pushes, 0, 'the first chunk already held 100 bad rows');
  const r = reader.end();
  assert.ok(!r.ok);
  assert.equal(r.detail.length, 100);
  assert.deepEqual([r.detail[0]!.line, r.detail[0]!.code], [13, 'field-count']);
});
