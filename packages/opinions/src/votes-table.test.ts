import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildConversation, readCommentsCsv, readVotesCsv } from './formats.ts';
import { createRandom } from './prng.ts';
import { dataDir } from './testdata.ts';
import { buildConversationFromTable, timestampOrder } from './table-conversation.ts';
import { createVotesCsvReader, type VotesTable } from './votes-table.ts';

function readInChunks(text: string, size: number, general = false) {
  const bytes = new TextEncoder().encode(text);
  const reader = createVotesCsvReader({ general });
  for (let at = 0; at < bytes.length; at += size) if (!reader.push(bytes.slice(at, at + size))) break;
  return reader.end();
}

test('timestampOrder is a stable sort by timestamp with missing timestamps first', () => {
  const rnd = createRandom('order');
  for (let t = 0; t < 50; t++) {
    const n = 1 + Math.floor(rnd() * 200);
    const ts = new Float64Array(n);
    for (let k = 0; k < n; k++) ts[k] = rnd() < 0.1 ? NaN : Math.floor(rnd() * 20) * 1e12;
    const expected = Array.from({ length: n }, (_, k) => k).sort((a, b) => {
      const x = Number.isNaN(ts[a]!) ? -Infinity : ts[a]!;
      const y = Number.isNaN(ts[b]!) ? -Infinity : ts[b]!;
      return x - y || a - b;
    });
    assert.deepEqual([...timestampOrder(ts)], expected);
  }
  assert.deepEqual([...timestampOrder(new Float64Array([1, 2, 2, 3]))], [0, 1, 2, 3]);
});

test('the conversation built from the columns equals the one built from vote records (every openData export)', (t) => {
  const root = join(dataDir(), 'polis', 'openData');
  if (!existsSync(root)) return t.skip(`no data at ${root}`);
  for (const name of ['vtaiwan.uberx', 'scoop-hivemind.biodiversity', 'scoop-hivemind.taxes', '15-per-hour-seattle', 'brexit-consensus']) {
    const dir = join(root, name);
    const text = readFileSync(join(dir, 'votes.csv'), 'utf8');
    const comments = readCommentsCsv(readFileSync(join(dir, 'comments.csv'), 'utf8'));
    assert.ok(comments.ok);
    const records = readVotesCsv(text);
    assert.ok(records.ok);
    const table = readInChunks(text, 65_536);
    assert.ok(table.ok);
    assert.equal(table.table.length, records.votes.length);
    const a = buildConversation(comments.comments, records.votes);
    const b = buildConversationFromTable(comments.comments, table.table);
    assert.deepEqual(b.participantIds, a.participantIds, name);
    assert.deepEqual(b.statementIds, a.statementIds, name);
    assert.deepEqual([b.agree, b.disagree, b.pass, b.voteLength, b.nVotes], [a.agree, a.disagree, a.pass, a.voteLength, a.nVotes], name);
    for (let p = 0; p < a.participantIds.length; p++) {
      assert.deepEqual(b.votes[p]!.subarray(0, b.voteLength[p]!), a.votes[p]!.subarray(0, a.voteLength[p]!), `${name} participant ${p}`);
    }
  }
});

test('ids: plain integers become numbers, anything else stays text, as parseId', () => {
  const r = readInChunks('comment-id,voter-id,vote\n7,007,1\n"8",-3,0\n-0,x y,-1\n 9 ,12,1\n', 5);
  assert.ok(r.ok);
  const t: VotesTable = r.table;
  assert.deepEqual(t.statementIds, [7, 8, '-0', 9]);
  assert.deepEqual(t.participantIds, ['007', -3, 'x y', 12]);
  assert.deepEqual([...t.vote], [1, 0, -1, 1]);
  assert.ok(t.timestamp.every((x) => Number.isNaN(x)));
});

test('a truncated or huge votes file gives an error naming the first bad line (and column)', () => {
  const head = 'timestamp,datetime,comment-id,voter-id,vote\n';
  const truncated = readInChunks(`${head}1,"Tue Jun 30",0,1,1\n2,"Tue Jun`, 7);
  assert.ok(!truncated.ok);
  assert.equal(truncated.detail, 'votes.csv line 3, column 3: quoted field is not closed');
  const cut = readInChunks(`${head}1,x,0,1,1\n2,x,0,2,`, 7);
  assert.ok(!cut.ok);
  assert.equal(cut.detail, 'votes.csv line 3: "vote" is not -1, 0 or 1');
  // No line end for 9 MiB: stops at the record limit instead of holding the whole file.
  const reader = createVotesCsvReader();
  reader.push(new TextEncoder().encode(head));
  const junk = new Uint8Array(1 << 20).fill(0x41);
  let pushes = 0;
  while (pushes < 64 && reader.push(junk)) pushes++;
  assert.ok(pushes < 10, `stopped after ${pushes} MiB`);
  const huge = reader.end();
  assert.ok(!huge.ok);
  assert.match(huge.detail, /^votes\.csv line 2, column 1: record longer than 8388608 bytes/);
  const bad = readInChunks(`${head}1,x,0,1,1\n2,x,0,2,yes\n3,x,,3,1\n`, 4);
  assert.ok(!bad.ok);
  assert.equal(bad.detail, 'votes.csv line 3: "vote" is not an integer: "yes"');
  assert.equal(bad.total, 2);
});

test('the fast path for plain lines reads every file as the general CSV reader does (random files, chunk sizes)', () => {
  const rnd = createRandom('fast-path');
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // Mostly plain values, with every kind of exception the fast path must hand over.
  const id = (): string => (rnd() < 0.9 ? String(Math.floor(rnd() * 40)) : pick(['007', '-0', '-3', ' 5', 'x', '"9"', '', '1234567890123456', '5-', '-']));
  const voteCell = (): string => (rnd() < 0.9 ? pick(['1', '-1', '0']) : pick(['2', '01', '-0', '1.0', 'yes', '', ' 1', '"1"', '--1']));
  const time = (): string => (rnd() < 0.9 ? String(1_500_000_000_000 + Math.floor(rnd() * 1e6)) : pick(['', '-', '12.0', 'x', '12345678901234567', '-5', '"7"']));
  const ends = ['\n', '\r\n', '\r'];
  for (let f = 0; f < 300; f++) {
    const withTime = rnd() < 0.8;
    const odd = rnd() < 0.5 ? 0 : 0.02 + rnd() * 0.1; // share of lines with an exception
    const eol = rnd() < 0.9 ? '\n' : pick(ends);
    let text = (rnd() < 0.1 ? '\ufeff' : '') + (withTime ? 'timestamp,datetime,comment-id,voter-id,vote' : 'comment-id,voter-id,vote') + eol;
    const rows = Math.floor(rnd() * 60);
    for (let r = 0; r < rows; r++) {
      const cells = withTime ? [time(), pick(['Mon Jul 10 12:00:00 WIB 2017', 'x y', '"a, ""b""\nc"', '']), id(), id(), voteCell()] : [id(), id(), voteCell()];
      if (rnd() >= odd) cells.splice(0, cells.length, ...(withTime ? [String(1_500_000_000_000 + r), 'Tue', String(r % 7), String(r % 11), pick(['1', '-1', '0'])] : [String(r % 7), String(r % 11), pick(['1', '-1', '0'])]));
      if (rnd() < odd / 4) cells.pop();
      text += cells.join(',') + (rnd() < odd / 4 ? '' : rnd() < odd ? pick(ends) : eol);
      if (rnd() < odd / 4) text += eol;
    }
    if (rnd() < 0.2) text = text.replace(/[\r\n]+$/, '');
    const size = pick([1, 2, 3, 7, 64, 1 << 16]);
    const general = readInChunks(text, size, true);
    const fast = readInChunks(text, size);
    assert.deepEqual(fast, general, JSON.stringify(text));
  }
});

test('the conversation built from the columns equals the one built by applying votes in time order (re-votes, ties, missing times)', () => {
  const rnd = createRandom('build');
  for (let f = 0; f < 200; f++) {
    const nVotes = Math.floor(rnd() * 300);
    const ids = [3, 1, 4, 'a', 15, 9, 2, 'b'];
    const comments = ids.filter(() => rnd() < 0.6).map((id) => ({ id, moderation: rnd() < 0.2 ? 'rejected' as const : 'accepted' as const, isMeta: rnd() < 0.1, text: '', authorId: null, timestamp: null }));
    let text = 'timestamp,comment-id,voter-id,vote\n';
    for (let k = 0; k < nVotes; k++) {
      // Few distinct times, so re-votes and ties are common; some votes have no time.
      const time = rnd() < 0.1 ? '' : String(1000 + Math.floor(rnd() * 20) * (rnd() < 0.5 ? 1 : 1e9));
      text += `${time},${String(ids[Math.floor(rnd() * ids.length)])},${String(Math.floor(rnd() * 12))},${Math.floor(rnd() * 3) - 1}\n`;
    }
    const records = readVotesCsv(text);
    const table = readInChunks(text, 1 << 16);
    assert.ok(records.ok && table.ok);
    const a = buildConversation(comments, records.votes);
    const b = buildConversationFromTable(comments, table.table);
    assert.deepEqual([b.participantIds, b.statementIds, b.moderation, b.isMeta], [a.participantIds, a.statementIds, a.moderation, a.isMeta]);
    assert.deepEqual([b.agree, b.disagree, b.pass, b.voteLength, b.nVotes], [a.agree, a.disagree, a.pass, a.voteLength, a.nVotes]);
    for (let p = 0; p < a.participantIds.length; p++) assert.deepEqual(b.votes[p]!.subarray(0, b.voteLength[p]!), a.votes[p]!.subarray(0, a.voteLength[p]!));
  }
});
