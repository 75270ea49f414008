// One's own data over the API (issue 17): an unconfirmed account is refused with EmailNotConfirmed and nothing
// is stored, until it confirms with a resent link; one person's content of every kind is in their export; the
// deletion preview says what goes and what stays, and after deletion nothing links what stays to the person.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Value } from 'typebox/value';
import { reportContracts } from '@tingsted/platform/reports';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient } from './testing/api-client.ts';
import { linkIn } from './testing/smtp.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer({ web: false, sharedData: true });
});
after(async () => server.close());

/** The open ideas phase of the demo's centre plan and one of Ola's ideas in it. */
async function ideasPhase() {
  const detail = (await (await fetch(`${server.url}/api/v1/processes/ny-sentrumsplan/detail`)).json()) as { currentPhaseId: string };
  return detail.currentPhaseId;
}

/** The demo's bus conversation (open, statements allowed). */
async function busConversation(): Promise<string> {
  const process = await server.platform.processes.getProcess(null, 'bussene-i-sentrum');
  assert.ok(process.ok);
  const conversation = await server.platform.conversations.conversationForPhase(null, process.value.phases[0]?.id ?? '');
  assert.ok(conversation);
  return conversation.id;
}

async function codeOf(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

test('an unconfirmed account may not post, comment, support or submit a statement (403 EmailNotConfirmed, nothing stored) until it confirms with a resent link', async () => {
  const email = 'ubekreftet@example.no';
  const password = 'et-langt-passord-2026';
  const registered = await fetch(`${server.url}/api/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, displayName: 'Ulla Ubekreftet', password }) });
  assert.equal(registered.status, 201);
  const { userId } = (await registered.json()) as { userId: string };
  await server.mail.waitFor(email);
  const ulla = await apiClient(server.url, email, password);
  const phaseId = await ideasPhase();
  const olaIdea = (await server.platform.db.selectFrom('ideas').select('id').where('phase_id', '=', phaseId).orderBy('created_at').executeTakeFirstOrThrow()).id;
  const conversationId = await busConversation();

  const refused = [
    await ulla(`/api/v1/phases/${phaseId}/ideas`, { method: 'POST', json: { title: 'Sykkelveier rundt skolen', body: 'Trygge sykkelveier til skolen for alle barn.' } }),
    await ulla(`/api/v1/ideas/${olaIdea}/comments`, { method: 'POST', json: { body: 'Enig!' } }),
    await ulla(`/api/v1/ideas/${olaIdea}/support`, { method: 'POST' }),
    await ulla(`/api/v1/conversations/${conversationId}/statements`, { method: 'POST', json: { body: 'Bussene bør gå oftere om kvelden.' } }),
  ];
  for (const response of refused) {
    assert.equal(response.status, 403);
    assert.equal(await codeOf(response), 'EmailNotConfirmed');
  }
  const stored = await Promise.all([
    server.platform.db.selectFrom('ideas').select('id').where('author_id', '=', userId).execute(),
    server.platform.db.selectFrom('comments').select('id').where('author_id', '=', userId).execute(),
    server.platform.db.selectFrom('idea_supports').select('idea_id').where('user_id', '=', userId).execute(),
    server.platform.db.selectFrom('conversation_statements').select('id').where('author_user_id', '=', userId).execute(),
  ]);
  assert.deepEqual(stored.map((rows) => rows.length), [0, 0, 0, 0], 'nothing was stored');
  const message = (await (await ulla(`/api/v1/ideas/${olaIdea}/support`, { method: 'POST' })).json()) as { error: { message: string } };
  assert.match(message.error.message, /bekrefte e-postadressen/, 'the reason is told, in the page language');

  // One click sends a new link; following it confirms the address and the same post now succeeds.
  const before = server.mail.received.length;
  const resent = await ulla('/api/v1/me/confirmation', { method: 'POST' });
  assert.equal(resent.status, 200);
  assert.deepEqual(await resent.json(), { sent: true });
  const mail = await server.mail.waitFor(email, (m) => server.mail.received.indexOf(m) >= before);
  const token = linkIn(mail).searchParams.get('token') ?? '';
  assert.equal((await fetch(`${server.url}/api/v1/auth/verify-email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) })).status, 200);
  assert.equal((await ulla(`/api/v1/ideas/${olaIdea}/support`, { method: 'POST' })).status, 200);
  assert.deepEqual(await (await ulla('/api/v1/me/confirmation', { method: 'POST' })).json(), { sent: false }, 'nothing to resend once confirmed');
  // Three new links an hour at most.
  const other = await fetch(`${server.url}/api/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'treg@example.no', displayName: 'Trine Treg', password }) });
  assert.equal(other.status, 201);
  const trine = await apiClient(server.url, 'treg@example.no', password);
  for (let i = 0; i < 3; i++) assert.equal((await trine('/api/v1/me/confirmation', { method: 'POST' })).status, 200);
  const limited = await trine('/api/v1/me/confirmation', { method: 'POST' });
  assert.equal(limited.status, 429);
});

test("the export holds one of every kind of a person's content, with timestamps; deletion keeps only what others depend on, unlinked", async () => {
  const kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  const ola = await apiClient(server.url, 'ola@demo.tingsted.no');
  const phaseId = await ideasPhase();
  const post = async (title: string) => {
    const response = await kari(`/api/v1/phases/${phaseId}/ideas`, { method: 'POST', json: { title, body: `${title}: et forslag fra Kari.` } });
    assert.equal(response.status, 201);
    return ((await response.json()) as { id: string }).id;
  };
  const lonely = await post('Blomsterkasser på torget');
  const discussed = await post('Vannpost ved lekeplassen');
  const olaPosted = await ola(`/api/v1/phases/${phaseId}/ideas`, { method: 'POST', json: { title: 'Flere trær i Storgata', body: 'Trær gir skygge og renere luft.' } });
  assert.equal(olaPosted.status, 201);
  const olaIdea = ((await olaPosted.json()) as { id: string }).id;
  assert.equal((await ola(`/api/v1/ideas/${discussed}/comments`, { method: 'POST', json: { body: 'Gode idé, Kari!' } })).status, 201);
  const comment = await kari(`/api/v1/ideas/${olaIdea}/comments`, { method: 'POST', json: { body: 'Dette støtter jeg.' } });
  assert.equal(comment.status, 201);
  assert.equal((await kari(`/api/v1/ideas/${olaIdea}/support`, { method: 'POST' })).status, 200);
  assert.equal((await kari(`/api/v1/ideas/${olaIdea}/follow`, { method: 'PUT', json: { follow: true } })).status, 200);
  assert.equal((await kari(`/api/v1/ideas/${olaIdea}/flag`, { method: 'POST', json: { reason: 'Inneholder et telefonnummer' } })).status, 200);
  const conversationId = await busConversation();
  // The demo has Kari vote on every statement already: she votes on the next one, or changes her vote on the first.
  const next = (await (await kari(`/api/v1/conversations/${conversationId}/next`)).json()) as { statement: { number: number } | null };
  const statementNumber = next.statement?.number ?? 1;
  assert.equal((await kari(`/api/v1/conversations/${conversationId}/votes`, { method: 'POST', json: { statement: statementNumber, vote: 'disagree' } })).status, 201);
  assert.equal((await kari(`/api/v1/conversations/${conversationId}/statements`, { method: 'POST', json: { body: 'Nattbuss i helgene ville hjulpet mange.' } })).status, 201);

  const answer = await kari('/api/v1/me/export');
  assert.equal(answer.status, 200);
  const data = JSON.parse(await answer.text()) as { account: { email: string }; sections: Record<string, Record<string, unknown>[]> };
  assert.ok(Value.Check(reportContracts.exportMyData.output, data), JSON.stringify([...Value.Errors(reportContracts.exportMyData.output, data)].slice(0, 3)));
  const { sections } = data;
  const has = (section: string, match: (r: Record<string, unknown>) => boolean) => assert.ok((sections[section] ?? []).some(match), `${section} holds the entry`);
  has('ideas', (r) => r.id === lonely && typeof r.createdAt === 'string');
  has('comments', (r) => r.body === 'Dette støtter jeg.' && typeof r.createdAt === 'string');
  has('supports', (r) => r.ideaId === olaIdea && typeof r.createdAt === 'string');
  has('follows', (r) => r.ideaId === olaIdea);
  has('reports', (r) => r.targetId === olaIdea && r.reason === 'other' && r.text === 'Inneholder et telefonnummer');
  has('conversationVotes', (r) => r.statementNumber === statementNumber && r.vote === -1 && typeof r.votedAt === 'string');
  has('statements', (r) => r.body === 'Nattbuss i helgene ville hjulpet mange.');
  // From the demo: Kari answered the library survey, voted in the budget and sits on the bathing-spot panel.
  has('surveyAnswers', (r) => typeof r.answeredAt === 'string');
  has('ballots', (r) => typeof r.receipt === 'string' && typeof r.castAt === 'string');
  has('panelRegistrations', (r) => typeof r.number === 'number' && typeof r.registeredAt === 'string');
  assert.ok(sections.notifications, 'notifications are a section (Kari has none yet)');

  const preview = await kari('/api/v1/me/deletion-preview');
  assert.equal(preview.status, 200);
  const plan = (await preview.json()) as { deleted: { section: string; count: number }[]; kept: { section: string; count: number; reason: string }[] };
  assert.ok(Value.Check(reportContracts.deletionPreview.output, plan));
  const kept = Object.fromEntries(plan.kept.map((l) => [l.section, l.reason]));
  const deleted = Object.fromEntries(plan.deleted.map((l) => [l.section, l.count]));
  assert.equal(kept.ideas, 'othersReacted', 'the idea Ola commented on stays');
  const keptCount = Object.fromEntries(plan.kept.map((l) => [l.section, l.count]));
  assert.ok((deleted.ideas ?? 0) >= 1, 'the ideas nobody reacted to go');
  assert.equal((deleted.ideas ?? 0) + (keptCount.ideas ?? 0), sections.ideas?.length, 'every idea of hers is either deleted or kept');
  assert.equal(kept.statements, 'votedOnByOthers');
  assert.equal(kept.reports, 'moderationRecord');
  assert.equal(deleted.supports, sections.supports?.length, 'every support goes');
  assert.ok(deleted.account === 1 && deleted.sessions !== undefined);

  const kariId = (await server.platform.db.selectFrom('users').select('id').where('email', '=', 'kari@demo.tingsted.no').executeTakeFirstOrThrow()).id;
  const seat = await server.platform.db.selectFrom('panel_respondents').select(['id', 'number']).where('user_id', '=', kariId).executeTakeFirstOrThrow();
  const supportsBefore = (await server.platform.db.selectFrom('ideas').select('support_count').where('id', '=', olaIdea).executeTakeFirstOrThrow()).support_count;
  assert.equal((await kari('/api/v1/me', { method: 'DELETE', json: { confirm: 'DELETE' } })).status, 200);

  const db = server.platform.db;
  assert.equal(await db.selectFrom('ideas').select('id').where('id', '=', lonely).executeTakeFirst(), undefined, 'the lonely idea is gone');
  assert.equal((await db.selectFrom('ideas').select('author_id').where('id', '=', discussed).executeTakeFirstOrThrow()).author_id, null, 'the discussed idea stays without its author');
  assert.equal((await db.selectFrom('ideas').select('support_count').where('id', '=', olaIdea).executeTakeFirstOrThrow()).support_count, supportsBefore - 1, "Ola's idea counts one support less");
  const linked = await Promise.all([
    db.selectFrom('ideas').select('id').where('author_id', '=', kariId).execute(),
    db.selectFrom('comments').select('id').where('author_id', '=', kariId).execute(),
    db.selectFrom('budget_ballots').select('id').where('voter_id', '=', kariId).execute(),
    db.selectFrom('conversation_participants').select('id').where('user_id', '=', kariId).execute(),
    db.selectFrom('conversation_statements').select('id').where('author_user_id', '=', kariId).execute(),
    db.selectFrom('survey_responses').select('id').where('user_id', '=', kariId).execute(),
    db.selectFrom('panel_respondents').select('id').where('user_id', '=', kariId).execute(),
    db.selectFrom('moderation_reports').select('id').where('reporter_id', '=', kariId).execute(),
    db.selectFrom('audit_log').select('id').where((eb) => eb.or([eb('actor_id', '=', kariId), eb('subject_id', '=', kariId)])).execute(),
  ]);
  assert.deepEqual(linked.map((rows) => rows.length), [0, 0, 0, 0, 0, 0, 0, 0, 0], 'nothing links kept content to Kari');
  const kept2 = await db.selectFrom('panel_respondents').select(['answers', 'public_name']).where('id', '=', seat.id).executeTakeFirstOrThrow();
  assert.equal(kept2.public_name, null);
  assert.ok(Object.keys(kept2.answers).length > 0, 'her seat keeps its anonymous answers');
  assert.equal(await db.selectFrom('panel_contacts').select('respondent_id').where('respondent_id', '=', seat.id).executeTakeFirst(), undefined, 'her contact details are gone');
  const trail = await db.selectFrom('audit_log').select('details').execute();
  assert.ok(!JSON.stringify(trail).includes('kari@demo.tingsted.no') && !JSON.stringify(trail).includes('Kari Nordmann'), 'no copy of her name or address in the trail');
});
