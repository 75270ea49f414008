import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/index.ts';
import { parseInput } from '../edge/contract.ts';
import { conversationContracts, conversationsPolicy, presentConversation } from './index.ts';

let platform: Platform;
let drop: () => Promise<void>;
let manager: Actor;
let moderator: Actor;
let resident: Actor;
let conversationId = '';

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => new Date('2026-11-23T10:00:00Z') }));
  const user = async (email: string, role: 'process_manager' | 'moderator' | 'resident'): Promise<Actor> => ({ id: await platform.accounts.ensureUser({ email, displayName: email, password: null, roles: [role] }), roles: [role] });
  manager = await user('m@example.no', 'process_manager');
  moderator = await user('mod@example.no', 'moderator');
  resident = await user('r@example.no', 'resident');
  const created = await platform.processes.ensureProcess({
    slug: 'frø',
    status: 'published',
    title: { nb: 'Frø' },
    summary: { nb: 'Hva mener du?' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'conversation', title: { nb: 'Samtale' }, startsOn: '2026-11-01', endsOn: '2026-12-31' }],
  });
  const set = await platform.conversations.setUpConversation(manager, created.phaseIds[0] ?? '', { question: 'Hva med parken?', preModeration: true });
  assert.ok(set.ok);
  conversationId = set.value.id;
});
after(async () => drop());

test('seed statements in bulk are all or none, and a statement is moderated by its number', async () => {
  assert.equal((await platform.conversations.addSeedStatements(resident, conversationId, ['Parken trenger benker'])).ok, false);
  const bad = await platform.conversations.addSeedStatements(manager, conversationId, ['Parken trenger benker', 'Kort', 'Parken trenger BENKER.']);
  assert.deepEqual(!bad.ok && bad.fields?.map((f) => [f.field, f.message]), [['bodies.1', 'field.tooShort']]);
  const repeated = await platform.conversations.addSeedStatements(manager, conversationId, ['Parken trenger benker', 'Parken trenger BENKER.']);
  assert.deepEqual(!repeated.ok && repeated.fields?.map((f) => [f.field, f.message]), [['bodies.1', 'conversations.statement.duplicate']]);
  const none = await platform.conversations.listStatements(manager, conversationId);
  assert.deepEqual(none.ok && none.value, [], 'nothing written');
  const added = await platform.conversations.addSeedStatements(manager, conversationId, ['Parken trenger benker', 'Det trengs lys om kvelden']);
  assert.deepEqual(added.ok && added.value, { numbers: [0, 1] });

  const own = await platform.conversations.submitStatement({ actor: resident }, conversationId, 'Hundene bør gå i bånd');
  assert.ok(own.ok && own.value.awaitingModeration);
  assert.equal((await platform.conversations.moderateStatementNumber(resident, conversationId, own.value.number, 'accepted')).ok, false);
  const unknown = await platform.conversations.moderateStatementNumber(moderator, conversationId, 99, 'accepted');
  assert.equal(!unknown.ok && unknown.code, 'NotFound');
  assert.ok((await platform.conversations.moderateStatementNumber(moderator, conversationId, own.value.number, 'accepted')).ok);
  const shown = await platform.conversations.listStatements(null, conversationId);
  assert.deepEqual(shown.ok && shown.value.map((s) => [s.number, s.moderation]), [[0, 'accepted'], [1, 'accepted'], [2, 'accepted']]);
});

test('the can flags follow the policy, and the contracts refuse bad input naming the field', async () => {
  const view = await platform.conversations.getConversation(manager, conversationId);
  assert.ok(view.ok);
  assert.deepEqual(presentConversation(view.value, manager).can, { manage: true, moderate: true, takePart: true, addStatement: true });
  assert.deepEqual(presentConversation(view.value, moderator).can, { manage: false, moderate: true, takePart: true, addStatement: true });
  assert.deepEqual(presentConversation(view.value, null).can, { manage: false, moderate: false, takePart: false, addStatement: false });
  assert.deepEqual(conversationsPolicy.can(resident, { ...view.value, open: false }), { manage: false, moderate: false, takePart: true, addStatement: false });

  const vote = parseInput(conversationContracts.castVote, { id: conversationId, statement: 0, vote: 'maybe' });
  assert.deepEqual(!vote.ok && vote.fields?.map((f) => f.field), ['vote']);
  const decision = parseInput(conversationContracts.moderateStatement, { id: conversationId, number: 1, decision: 'hidden' });
  assert.deepEqual(!decision.ok && decision.fields?.map((f) => f.field), ['decision']);
  assert.ok(parseInput(conversationContracts.importPolis, { id: conversationId, comments: 'a', votes: 'b' }).ok);
});
