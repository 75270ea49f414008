import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let drop: () => Promise<void>;
let manager: Actor;
const voters: Actor[] = [];
const phases: Record<string, string> = {};
const budgets: Record<string, string> = {};
const projects: Record<string, string[]> = {};

function value<T>(result: { ok: true; value: T } | { ok: false }): T {
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

/** A published process with one open budgeting phase of the given design, a citywide budget and three eligible projects. */
async function phaseWith(slug: string, design: Omit<Parameters<Platform['budgeting']['designBallot']>[1], 'phaseId'>) {
  const created = await platform.processes.ensureProcess({
    slug,
    status: 'published',
    title: { nb: slug },
    summary: { nb: slug },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'budgeting', title: { nb: 'Avstemning' }, startsOn: '2026-11-01', endsOn: '2026-11-30' }],
  });
  const phaseId = created.phaseIds[0] ?? '';
  value(await platform.budgeting.designBallot(manager, { ...design, phaseId }));
  const budgetId = value(await platform.budgeting.addBudget(manager, { phaseId, name: 'Hele kommunen', amount: 100_000 })).id;
  const ids: string[] = [];
  for (const [title, cost] of [['Lekeplass', 60_000], ['Gatelys', 30_000], ['Benker', 10_000]] as const) {
    const id = value(await platform.budgeting.createProject(manager, { phaseId, budgetId, title, cost })).id;
    value(await platform.budgeting.reviewProject(manager, { projectId: id, state: 'eligible' }));
    ids.push(id);
  }
  phases[slug] = phaseId;
  budgets[slug] = budgetId;
  projects[slug] = ids;
}

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => new Date('2026-11-23T10:00:00Z') }));
  manager = { id: await platform.accounts.ensureUser({ email: 'm@example.no', displayName: 'Mona Manager', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
  for (let i = 0; i < 3; i++) {
    voters.push({ id: await platform.accounts.ensureUser({ email: `v${i}@example.no`, displayName: `V${i}`, password: null, roles: ['resident'] }), roles: ['resident'] });
  }
  await phaseWith('godkjenning', { ballotKind: 'approval', voters: 'everyone', maxProjects: 2 });
  await phaseWith('poeng', { ballotKind: 'points', pointsTotal: 10, voters: 'everyone' });
  await phaseWith('rangering', { ballotKind: 'ranking', rankLimit: 2, voters: 'everyone' });
});
after(async () => drop());

test('approval, points and ranking ballots: valid ones stored with their receipt, invalid ones refused naming the field', async () => {
  const [v0] = voters;
  const [playground, lights, benches] = projects.godkjenning ?? [];
  const approval = value(await platform.budgeting.castBallot(v0 ?? null, { phaseId: phases.godkjenning ?? '', projects: [playground ?? '', lights ?? ''] }));
  // No spending limit: 90,000 of a 100,000 budget or more is the voter's choice; the limit is the number.
  assert.equal(approval.total, 90_000);
  const tooMany = await platform.budgeting.castBallot(v0 ?? null, { phaseId: phases.godkjenning ?? '', projects: [playground ?? '', lights ?? '', benches ?? ''] });
  assert.deepEqual(!tooMany.ok && [tooMany.code, tooMany.fields], ['BallotInvalid', [{ field: 'projects', message: 'budgeting.ballot.tooMany', params: { max: 2 } }]]);

  const [p1, p2, p3] = projects.poeng ?? [];
  const points = value(await platform.budgeting.castBallot(v0 ?? null, { phaseId: phases.poeng ?? '', points: { [p3 ?? '']: 4, [p1 ?? '']: 6, [p2 ?? '']: 0 } }));
  assert.deepEqual(points.projects.map((p) => [p.number, p.points]), [[1, 6], [3, 4]]);
  const wrongTotal = await platform.budgeting.castBallot(v0 ?? null, { phaseId: phases.poeng ?? '', points: { [p1 ?? '']: 6 } });
  assert.deepEqual(!wrongTotal.ok && wrongTotal.fields, [{ field: 'points', message: 'budgeting.ballot.pointsTotal', params: { required: 10, total: 6 } }]);
  const asApproval = await platform.budgeting.castBallot(v0 ?? null, { phaseId: phases.poeng ?? '', projects: [p1 ?? ''] });
  assert.deepEqual(!asApproval.ok && asApproval.fields, [{ field: 'points', message: 'field.required' }]);

  const [r1, r2, r3] = projects.rangering ?? [];
  const ranking = value(await platform.budgeting.castBallot(v0 ?? null, { phaseId: phases.rangering ?? '', ranking: [r3 ?? '', r1 ?? ''] }));
  // Ranked best first and counted K, K−1 with K = 2.
  assert.deepEqual(ranking.projects.map((p) => [p.number, p.points]), [[3, 2], [1, 1]]);
  const longRanking = await platform.budgeting.castBallot(v0 ?? null, { phaseId: phases.rangering ?? '', ranking: [r1 ?? '', r2 ?? '', r3 ?? ''] });
  assert.deepEqual(!longRanking.ok && longRanking.fields, [{ field: 'ranking', message: 'budgeting.ballot.tooMany', params: { max: 2 } }]);

  const stored = await sql<{ projects: string[]; points: number[] | null }>`SELECT projects, points FROM budget_ballots WHERE voter_id = ${v0?.id} ORDER BY phase_id = ${phases.poeng} DESC, phase_id = ${phases.rangering} DESC`.execute(platform.db);
  assert.deepEqual(stored.rows.map((r) => [r.projects.length, r.points]), [[2, [6, 4]], [2, null], [2, null]]);
});

test('a delivery update moves the project and tells the people whose online ballot included it', async () => {
  const [v0, v1, v2] = voters;
  const [playground, lights] = projects.godkjenning ?? [];
  value(await platform.budgeting.castBallot(v1 ?? null, { phaseId: phases.godkjenning ?? '', projects: [lights ?? ''] }));
  value(await platform.budgeting.castBallot(v2 ?? null, { phaseId: phases.godkjenning ?? '', projects: [playground ?? ''] }));
  const forbidden = await platform.budgeting.addProjectUpdate(v0 ?? null, { projectId: lights ?? '', status: 'accepted' });
  assert.equal(!forbidden.ok && forbidden.code, 'Forbidden');
  const unknown = await platform.budgeting.addProjectUpdate(manager, { projectId: lights ?? '', status: 'no-such-status' });
  assert.deepEqual(!unknown.ok && unknown.fields, [{ field: 'status', message: 'field.unknownChoice' }]);
  const empty = await platform.budgeting.addProjectUpdate(manager, { projectId: lights ?? '' });
  assert.deepEqual(!empty.ok && empty.fields, [{ field: 'body', message: 'field.required' }]);
  const statuses = await platform.feedback.statuses();
  const withProgress = statuses.find((s) => s.allowsProgress && !s.requiresAnswer) ?? statuses.find((s) => s.allowsProgress);
  assert.ok(withProgress, 'a built-in status carries progress');
  value(await platform.budgeting.addProjectUpdate(manager, { projectId: lights ?? '', status: withProgress.key, body: 'Arbeidet er i gang.', title: 'Gravingen startet', happenedOn: '2026-11-20', progressPercent: 40 }));
  const got = value(await platform.budgeting.getProject(null, { projectId: lights ?? '' }));
  assert.deepEqual([got.project.status, got.project.progressPercent], [withProgress.key, 40]);
  assert.deepEqual(got.updates.map((u) => [u.status, u.title, u.happenedOn, u.progressPercent, u.authorName]), [[withProgress.key, 'Gravingen startet', '2026-11-20', 40, 'Mona Manager']]);
  // v0 and v1 voted for the lights; v2 did not.
  for (const [voter, told] of [[v0, true], [v1, true], [v2, false]] as const) {
    const list = await platform.notifications.listFor(voter ?? manager, 'en');
    const news = list.filter((n) => n.kind === 'budget_project_update');
    assert.equal(news.length, told ? 1 : 0);
    if (told) {
      assert.equal(news[0]?.text, 'The project "Gatelys", which you voted for, has news.');
      assert.equal(news[0]?.quote?.text, 'Accepted – Gravingen startet – 40%', 'in the reader language (English here)');
      assert.equal(news[0]?.link, `/processes/godkjenning/budgeting/${phases.godkjenning}/projects/${lights}`);
    }
  }
  assert.deepEqual((await platform.audit.forSubject('budget_project', lights ?? '')).map((e) => e.action).slice(0, 1), ['budgeting.project_update_added']);
});

test('once a result is published, the voter sees what their ballot helped fund and the project page its outcome', async () => {
  const [v0] = voters;
  const [playground, lights, benches] = projects.godkjenning ?? [];
  const phaseId = phases.godkjenning ?? '';
  const ballotId = (await sql<{ id: string }>`SELECT id FROM budget_ballots WHERE voter_id = ${v0?.id} AND phase_id = ${phaseId}`.execute(platform.db)).rows[0]?.id ?? '';
  const stored = {
    selected: [{ id: lights }, { id: benches }],
    projects: [
      { id: lights, votes: 2, selected: true, rank: 1, reason: 'funded', detail: 'Funded first: the most votes per krone.' },
      { id: benches, votes: 0, selected: true, rank: 2, reason: 'funded-in-completion', detail: 'Funded in the completion.' },
      { id: playground, votes: 2, selected: false, rank: null, reason: 'supporters-cannot-afford', detail: 'Its supporters could not afford it.' },
    ],
    payments: { [ballotId]: [{ project: lights, amount: 15_000 }] },
  };
  const mine = async () => value(await platform.budgeting.myBallot(v0 ?? null, { phaseId })).budgets[0]?.funded;
  assert.equal(await mine(), null);
  await sql`INSERT INTO budget_results (phase_id, budget_id, rule, params, ballots_hash, ballot_count, result, published_at)
            VALUES (${phaseId}, ${budgets.godkjenning}, 'mes-add1', '{}'::jsonb, 'hash', 3, ${JSON.stringify(stored)}::jsonb, now())`.execute(platform.db);
  assert.deepEqual(await mine(), [{ id: lights, title: { nb: 'Gatelys' }, paid: 15_000 }]);
  const outcome = value(await platform.budgeting.getProject(null, { projectId: playground ?? '' })).result;
  assert.deepEqual(outcome, { selected: false, rank: null, votes: 2, reason: 'supporters-cannot-afford', detail: 'Its supporters could not afford it.' });
});

test('a project staff put on the ballot can be voted for at once (the cached ballot paper is dropped)', async () => {
  const [, , v2] = voters;
  await phaseWith('hurtig', { ballotKind: 'approval', voters: 'everyone' });
  const phaseId = phases.hurtig ?? '';
  const late = value(await platform.budgeting.createProject(manager, { phaseId, budgetId: budgets.hurtig ?? '', title: 'Sent forslag', cost: 5_000 })).id;
  const early = await platform.budgeting.castBallot(v2 ?? null, { phaseId, projects: [late] });
  assert.deepEqual(!early.ok && early.fields?.map((f) => f.message), ['budgeting.ballot.unknownProject']);
  value(await platform.budgeting.reviewProject(manager, { projectId: late, state: 'eligible' }));
  assert.deepEqual(value(await platform.budgeting.castBallot(v2 ?? null, { phaseId, projects: [late] })).projects.map((p) => p.number), [4]);
});
