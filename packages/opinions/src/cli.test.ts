import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from './prng.ts';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'tingsted-opinions.js');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes a small two-camp conversation in the openData layout. */
function writeConversation(dir: string): void {
  const rnd = createRandom('cli');
  let votes = 'timestamp,datetime,comment-id,voter-id,vote\n';
  let t = 1000;
  for (let p = 0; p < 40; p++) {
    for (let s = 0; s < 10; s++) {
      if (s === p % 9) continue; // 9 votes each: everyone passes the 7-vote threshold
      const camp = p < 24 ? 1 : -1;
      const lean = s === 9 ? 1 : s % 2 === 0 ? camp : -camp;
      votes += `${t++},x,${s},${p},${rnd() < 0.85 ? lean : -lean}\n`;
    }
  }
  writeFileSync(join(dir, 'votes.csv'), votes);
  let comments = 'timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n';
  for (let s = 0; s < 10; s++) comments += `${s},x,${s},0,0,0,1,"Statement ${s}, with a comma"\n`;
  writeFileSync(join(dir, 'comments.csv'), comments);
  writeFileSync(join(dir, 'votes.json'), JSON.stringify([{ participant_id: 1, statement_id: 0, vote: 1, modified: 1 }, { participant_id: 2, statement_id: 0, vote: -1, modified: 2 }]));
}

test('CLI analyze --json prints groups, consensus, repness, group-aware consensus and seconds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opinions-cli-'));
  try {
    writeConversation(dir);
    const r = run(['analyze', '--votes', join(dir, 'votes.csv'), '--comments', join(dir, 'comments.csv'), '--json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    const groups = out.groups as { id: number; members: number[] }[];
    assert.equal(groups.length, 2);
    assert.equal(groups.reduce((n, g) => n + g.members.length, 0), 40);
    const consensus = out.consensus as { agree: number[]; disagree: number[] };
    assert.ok(consensus.agree.includes(9), 'the statement both camps agree with is a consensus statement');
    const gac = out.groupAwareConsensus as { statement: number; value: number }[];
    assert.equal(gac[0]!.statement, 9);
    for (let i = 1; i < gac.length; i++) assert.ok(gac[i - 1]!.value >= gac[i]!.value);
    assert.equal(Object.keys(out.repness as object).length, 2);
    assert.equal(typeof out.seconds, 'number');
    // the JSON vote format is accepted too
    const j = run(['analyze', '--votes', join(dir, 'votes.json'), '--json']);
    assert.equal(j.status, 0, j.stderr);
    assert.equal((JSON.parse(j.stdout) as { nVotes: number }).nVotes, 2);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('CLI reports a malformed row with its line number and exits non-zero', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opinions-cli-'));
  try {
    writeFileSync(join(dir, 'votes.csv'), 'timestamp,comment-id,voter-id,vote\n1,0,0,1\n2,0,1,maybe\n');
    const r = run(['analyze', '--votes', join(dir, 'votes.csv')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /line 3/);
    const u = run(['analyze']);
    assert.equal(u.status, 2);
    assert.match(u.stderr, /--votes is required/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
