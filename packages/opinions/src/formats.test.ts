import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv, writeCsv } from './csv.ts';
import {
  buildConversation, readCommentsCsv, readCommentsJson, readParticipantsVotesCsv, readVotesCsv, readVotesJson,
  writeCommentsCsv, writeParticipantsVotesCsv, writeVotesCsv,
} from './formats.ts';
import { analyze } from './analyze.ts';

test('CSV: quoted fields with commas, doubled quotes and line breaks; CRLF; line numbers', () => {
  const r = parseCsv('a,b\r\n1,"x, ""y""\nz"\r\n\r\n2,w\n');
  assert.ok(r.ok);
  assert.deepEqual(r.records.map((x) => x.fields), [['a', 'b'], ['1', 'x, "y"\nz'], ['2', 'w']]);
  assert.deepEqual(r.records.map((x) => x.line), [1, 2, 5]);
  const back = parseCsv(writeCsv([['1', 'x, "y"\nz']]));
  assert.ok(back.ok);
  assert.deepEqual(back.records[0]!.fields, ['1', 'x, "y"\nz']);
});

test('CSV: an unterminated quote and a stray quote are errors naming the line', () => {
  const a = parseCsv('a,b\n1,"open\n2,3\n');
  assert.equal(a.ok, false);
  if (!a.ok) assert.equal(a.line, 2);
  const b = parseCsv('a,b\n1,2\n3,x"y\n');
  assert.equal(b.ok, false);
  if (!b.ok) assert.equal(b.line, 3);
});

test('votes.csv is read by header name in any column order; bad rows name their line', () => {
  const ok = readVotesCsv('vote,voter-id,timestamp,comment-id\n1,7,100,3\n-1,8,99,3\n0,7,101,4\n');
  assert.ok(ok.ok);
  assert.deepEqual(ok.votes.map((v) => [v.participant, v.statement, v.vote, v.timestamp]), [[7, 3, 1, 100], [8, 3, -1, 99], [7, 4, 0, 101]]);
  const bad = readVotesCsv('timestamp,comment-id,voter-id,vote\n1,0,0,1\n2,0,1,2\n');
  assert.equal(bad.ok, false);
  if (!bad.ok) { assert.equal(bad.line, 3); assert.match(bad.detail, /line 3/); }
  const missing = readVotesCsv('timestamp,comment-id,vote\n1,0,1\n');
  assert.equal(missing.ok, false);
  if (!missing.ok) assert.match(missing.detail, /voter-id/);
  const nonInt = readVotesCsv('comment-id,voter-id,vote\n0,1,yes\n');
  assert.equal(nonInt.ok, false);
  if (!nonInt.ok) assert.equal(nonInt.line, 2);
});

test('every bad row of a Pol.is CSV is reported in one pass, the first as the error and the rest as others', () => {
  const votes = readVotesCsv('comment-id,voter-id,vote\n0,1,1\n0,,1\n1,2,5\n,3,1\n2,4,x\n');
  assert.equal(votes.ok, false);
  if (!votes.ok) {
    assert.deepEqual([votes, ...(votes.others ?? [])].map((e) => e.line), [3, 4, 5, 6]);
    assert.equal(votes.total, 4);
    assert.match(votes.others?.[1]?.detail ?? '', /"comment-id"/);
  }
  const comments = readCommentsCsv('comment-id,moderated\n0,1\n0,1\n1,7\n,0\n');
  assert.equal(comments.ok, false);
  if (!comments.ok) assert.deepEqual([comments, ...(comments.others ?? [])].map((e) => e.line), [3, 4, 5]);
  const pv = readParticipantsVotesCsv('participant,group-id,0,1\n1,0,1,9\n2,x,1,1\n3,1,2,-1\n');
  assert.equal(pv.ok, false);
  if (!pv.ok) assert.deepEqual([pv, ...(pv.others ?? [])].map((e) => e.line), [2, 3, 4]);
  const huge = readVotesCsv(['comment-id,voter-id,vote', ...Array.from({ length: 700 }, (_, i) => `0,${i},7`)].join('\n'));
  assert.equal(huge.ok, false);
  if (!huge.ok) assert.deepEqual([1 + (huge.others?.length ?? 0), huge.total], [500, 700]);
});

test('comments.csv: moderation mapped, duplicate ids and bad moderation rejected with line numbers', () => {
  const ok = readCommentsCsv('timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,x,0,5,1,0,1,"Hello, world"\n2,x,1,5,0,0,-1,No\n3,x,2,,0,0,0,Maybe\n');
  assert.ok(ok.ok);
  assert.deepEqual(ok.comments.map((c) => [c.id, c.moderation, c.text, c.authorId]), [[0, 'accepted', 'Hello, world', 5], [1, 'rejected', 'No', 5], [2, 'unmoderated', 'Maybe', null]]);
  const dup = readCommentsCsv('comment-id,moderated\n1,1\n1,0\n');
  assert.equal(dup.ok, false);
  if (!dup.ok) assert.equal(dup.line, 3);
  const mod = readCommentsCsv('comment-id,moderated\n1,5\n');
  assert.equal(mod.ok, false);
});

test('participants-votes.csv gives group ids and votes per statement column', () => {
  const r = readParticipantsVotesCsv('participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,5\n3,1,0,2,1,1,1,,-1\n4,,0,1,0,0,,0,\n');
  assert.ok(r.ok);
  assert.deepEqual(r.rows, [
    { participant: 3, groupId: 1, votes: [{ statement: 0, vote: 1 }, { statement: 5, vote: -1 }] },
    { participant: 4, groupId: null, votes: [{ statement: 1, vote: 0 }] },
  ]);
  const bad = readParticipantsVotesCsv('participant,group-id,0\n3,1,7\n');
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.equal(bad.line, 2);
});

test('pcod JSON readers: votes.json and comments.json, with the failing item named', () => {
  const v = readVotesJson('[{"participant_id":1,"statement_id":2,"vote":1,"modified":5.0}]');
  assert.ok(v.ok);
  assert.deepEqual(v.votes, [{ participant: 1, statement: 2, vote: 1, timestamp: 5 }]);
  const bad = readVotesJson('[{"participant_id":1,"statement_id":2,"vote":1},{"participant_id":1,"vote":1}]');
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.match(bad.detail, /item 1/);
  const c = readCommentsJson('[{"statement_id":0,"moderated":-1,"is_meta":true,"txt":"a"}]');
  assert.ok(c.ok);
  assert.deepEqual([c.comments[0]!.moderation, c.comments[0]!.isMeta], ['rejected', true]);
  assert.equal(readVotesJson('{').ok, false);
});

test('votes are applied in timestamp order, so the later re-vote wins', () => {
  const votes = readVotesCsv('timestamp,comment-id,voter-id,vote\n200,0,1,-1\n100,0,1,1\n');
  assert.ok(votes.ok);
  const state = buildConversation([], votes.votes);
  assert.equal(state.disagree[0], 1);
  assert.equal(state.agree[0], 0);
});

test('writers produce files the readers read back to the same conversation', () => {
  const votes = [
    { participant: 1, statement: 0, vote: 1 as const, timestamp: 1000 },
    { participant: 2, statement: 0, vote: -1 as const, timestamp: 2000 },
    { participant: 2, statement: 1, vote: 0 as const, timestamp: 3000 },
  ];
  const state = buildConversation([{ id: 0, moderation: 'accepted', isMeta: false, text: 'a, "b"', authorId: 1, timestamp: 1 }, { id: 1, moderation: 'rejected', isMeta: false, text: 'c', authorId: null, timestamp: 2 }], votes);
  const vr = readVotesCsv(writeVotesCsv(votes));
  assert.ok(vr.ok);
  assert.deepEqual(vr.votes, votes);
  const cr = readCommentsCsv(writeCommentsCsv(state, [{ id: 0, timestamp: 1, authorId: 1, text: 'a, "b"' }, { id: 1, timestamp: 2, authorId: null, text: 'c' }]));
  assert.ok(cr.ok);
  assert.deepEqual(cr.comments.map((c) => [c.id, c.moderation, c.text]), [[0, 'accepted', 'a, "b"'], [1, 'rejected', 'c']]);
  const result = analyze(state);
  const pr = readParticipantsVotesCsv(writeParticipantsVotesCsv(state, result));
  assert.ok(pr.ok);
  assert.deepEqual(pr.rows.map((r) => r.votes), [[{ statement: 0, vote: 1 }], [{ statement: 0, vote: -1 }, { statement: 1, vote: 0 }]]);
});
