import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPabulib, writePabulib } from './pabulib.ts';
import { tally } from './tally.ts';

const SAMPLE = [
  'META',
  'key;value',
  'description;"Test; with a semicolon"',
  'num_projects;3',
  'num_votes;3',
  'budget;10.5',
  'vote_type;approval',
  'max_length;2',
  '',
  'PROJECTS',
  'project_id;cost;name;selected',
  'p1;4.25;"Park ""Green"" bench";1',
  'p2;6;"Two',
  'lines";0',
  'p3;3;Library;1',
  '',
  'VOTES',
  'voter_id;vote;age',
  'v1;p1,p3;30',
  'v2;p2;41',
  'v3;p1;',
].join('\r\n');

test('reads META / PROJECTS / VOTES with CRLF, blank lines, quoting and decimal money', () => {
  const r = readPabulib(SAMPLE);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.detail));
  const e = r.election;
  assert.equal(e.moneyScale, 100);
  assert.equal(e.budget, 1050);
  assert.deepEqual(e.projects.map((p) => p.cost), [425, 600, 300]);
  assert.equal(e.projects[0]!.name, 'Park "Green" bench');
  assert.equal(e.projects[1]!.name, 'Two\nlines');
  assert.equal(e.meta.description, 'Test; with a semicolon');
  assert.equal(e.rules.maxLength, 2);
  assert.deepEqual(e.ballots.map((b) => b.projects), [['p1', 'p3'], ['p2'], ['p1']]);
  assert.equal(e.ballots[0]!.fields?.age, '30');
  assert.deepEqual(r.warnings, []);
});

test('writing and reading back gives the same election', () => {
  const r = readPabulib(SAMPLE);
  assert.ok(r.ok);
  const text = writePabulib(r.election, { selected: ['p2'] });
  const back = readPabulib(text);
  assert.ok(back.ok);
  assert.deepEqual(back.election.projects.map((p) => [p.id, p.cost, p.name]), r.election.projects.map((p) => [p.id, p.cost, p.name]));
  assert.equal(back.election.budget, r.election.budget);
  assert.deepEqual(back.election.ballots, r.election.ballots);
  assert.deepEqual(back.election.projects.map((p) => p.fields?.selected), ['0', '1', '0']);
  assert.deepEqual(tally(back.election, { rule: 'mes' }).selected, tally(r.election, { rule: 'mes' }).selected);
});

test('malformed files are rejected with line numbers, never partly loaded', () => {
  const bad = SAMPLE.replace('p3;3;Library;1', 'p3;three;Library;1').replace('v2;p2;41', 'v2;p9;41').replace('v3;p1;', 'v3;p1');
  const r = readPabulib(bad);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(
    r.detail.map((d) => d.line),
    [15, 20, 21],
  );
  assert.match(r.detail[0]!.message, /cost "three"/);
  assert.match(r.detail[1]!.message, /unknown project "p9"/);
  assert.match(r.detail[2]!.message, /2 fields/);
  // Codes and parameters, for a message in the reader's language.
  assert.deepEqual(
    r.detail.map((d) => [d.code, d.params]),
    [
      ['cost-not-number', { value: 'three' }],
      ['unknown-project', { project: 'p9' }],
      ['field-count', { found: 2, expected: 3, headerLine: 18 }],
    ],
  );
  const noVotes = readPabulib(SAMPLE.split('\r\n').slice(0, 16).join('\n'));
  assert.equal(noVotes.ok, false);
  if (!noVotes.ok) assert.match(noVotes.detail[0]!.message, /VOTES is missing/);
  if (!noVotes.ok) assert.deepEqual([noVotes.detail[0]!.line, noVotes.detail[0]!.code, noVotes.detail[0]!.params], [0, 'section-missing', { section: 'VOTES' }]);
  const unterminated = readPabulib('META\nkey;value\nbudget;"10\n');
  assert.equal(unterminated.ok, false);
});

test('count mismatches with num_projects / num_votes are warnings', () => {
  const r = readPabulib(SAMPLE.replace('num_votes;3', 'num_votes;4'));
  assert.ok(r.ok);
  assert.equal(r.warnings.length, 1);
  assert.equal(r.warnings[0]!.line, 5);
  assert.deepEqual([r.warnings[0]!.code, r.warnings[0]!.params], ['num-votes', { said: '4', found: 3 }]);
});
