// Near-duplicate ideas: moderators see suggested pairs (also across bokmål and nynorsk), merge one idea into
// another (supports, follows and comments move; both authors are told; audited) or say a pair is not a
// duplicate, which is remembered.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let drop: () => Promise<void>;
let moderator: Actor;
let manager: Actor;
let admin: Actor;
let decider: Actor;
let kari: Actor;
let ola: Actor;
let processId = '';
const id: Record<string, string> = {};

const ideas: [key: string, author: 'kari' | 'ola', title: string, body: string][] = [
  ['bumpsNb', 'kari', 'Fartsdumper i Storgata', 'Bilene kjører altfor fort i Storgata. Kan kommunen legge inn fartsdumper?'],
  ['bumpsNn', 'ola', 'Fartshumpar i Storgata', 'Det blir køyrt for fort gjennom Storgata, vi treng fartshumpar der.'],
  ['bikesNb', 'kari', 'Sykkelstativ i Storgata', 'Flere sykkelstativ i Storgata, det er aldri plass til å parkere sykkelen.'],
  ['libraryNb', 'ola', 'Biblioteket i helgene', 'Hovedbiblioteket bør holde åpent lenger i helgene, også søndag.'],
  ['libraryEn', 'kari', 'Library at weekends', 'The main library should be open longer at weekends, including Sundays.'],
  ['toiletNb', 'ola', 'Toalett på Brygga', 'Det finnes ikke et eneste offentlig toalett på Brygga. Det må bygges et.'],
];

before(async () => {
  ({ platform, drop } = await testPlatform());
  const user = async (email: string, roles: Actor['roles'][number][]): Promise<Actor> => ({ id: await platform.accounts.ensureUser({ email, displayName: email.split('@')[0] ?? email, password: null, roles }), roles });
  moderator = await user('moderator@example.no', ['moderator']);
  manager = await user('manager@example.no', ['process_manager']);
  admin = await user('admin@example.no', ['administrator']);
  decider = await user('decider@example.no', ['decision_maker']);
  kari = await user('kari@example.no', ['resident']);
  ola = await user('ola@example.no', ['resident']);
  const created = await platform.processes.ensureProcess({
    slug: 'sentrum',
    status: 'published',
    title: { nb: 'Sentrum' },
    summary: { nb: 'Hva trenger sentrum?' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'ideas', title: { nb: 'Forslag' }, startsOn: '2020-01-01', endsOn: '2099-12-31' }],
  });
  processId = created.id;
  for (const [key, author, title, body] of ideas) id[key] = await platform.ideas.importIdea({ phaseId: created.phaseIds[0] ?? '', authorId: (author === 'kari' ? kari : ola).id, title, body });
});
after(async () => drop());

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
async function suggested(actor: Actor): Promise<string[]> {
  const result = await platform.ideas.duplicateSuggestions(actor, processId);
  assert.ok(result.ok, JSON.stringify(result));
  return result.value.pairs.map((p) => pairKey(p.a.id, p.b.id));
}

test('moderators, process managers and administrators see suggested pairs; others are refused', async () => {
  assert.equal((await platform.ideas.duplicateSuggestions(null, processId)).ok === false, true);
  for (const actor of [kari, decider]) {
    const refused = await platform.ideas.duplicateSuggestions(actor, processId);
    assert.equal(!refused.ok && refused.code, 'Forbidden');
  }
  const pairs = await suggested(moderator);
  // The same request in bokmål and nynorsk, and in bokmål and English; not the other request about Storgata.
  assert.ok(pairs.includes(pairKey(id.bumpsNb ?? '', id.bumpsNn ?? '')), pairs.join(' '));
  assert.ok(pairs.includes(pairKey(id.libraryNb ?? '', id.libraryEn ?? '')), pairs.join(' '));
  assert.ok(!pairs.includes(pairKey(id.bumpsNb ?? '', id.bikesNb ?? '')));
  assert.deepEqual(await suggested(manager), pairs);
  assert.deepEqual(await suggested(admin), pairs);
  const result = await platform.ideas.duplicateSuggestions(moderator, processId);
  assert.ok(result.ok);
  assert.equal(result.value.ideas, ideas.length);
  const first = result.value.pairs[0];
  assert.ok(first && first.similarity >= result.value.threshold && first.similarity <= 1);
  assert.equal(first.a.authorName === null, false);
  const bad = await platform.ideas.duplicateSuggestions(moderator, 'nope');
  assert.deepEqual(!bad.ok && bad.fields?.map((f) => f.field), ['id']);
});

test('merging moves supports, follows and comments to the kept idea, hides the other with a link, tells both authors and is audited', async () => {
  const kept = id.bumpsNb ?? '';
  const merged = id.bumpsNn ?? '';
  // Kari supports both; Ola supports and comments on the one that will be merged; a stranger follows it.
  assert.ok((await platform.ideas.supportIdea(kari, kept)).ok);
  assert.ok((await platform.ideas.supportIdea(kari, merged)).ok);
  assert.ok((await platform.ideas.supportIdea(ola, merged)).ok);
  const comment = await platform.ideas.postComment(ola, { ideaId: merged, body: 'Enig, det er farleg for borna.' });
  assert.ok(comment.ok);
  assert.ok((await platform.ideas.followIdea(decider, merged, true)).ok);

  assert.equal((await platform.ideas.mergeIdeas(kari, { keepId: kept, mergeId: merged })).ok === false, true);
  const same = await platform.ideas.mergeIdeas(moderator, { keepId: kept, mergeId: kept });
  assert.deepEqual(!same.ok && same.fields?.map((f) => [f.field, f.message]), [['mergeId', 'ideas.duplicates.same']]);

  const result = await platform.ideas.mergeIdeas(moderator, { keepId: kept, mergeId: merged });
  assert.ok(result.ok, JSON.stringify(result));
  // Ola's support moves, Kari's was already on the kept idea; Ola (author, supporter), Kari and the follower follow.
  assert.deepEqual(result.value.moved, { supports: 1, follows: 2, comments: 1 });

  const keptIdea = await platform.ideas.getIdea(null, kept);
  assert.ok(keptIdea.ok);
  assert.equal(keptIdea.value.idea.supportCount, 2);
  assert.equal(keptIdea.value.idea.commentCount, 1);
  assert.deepEqual(keptIdea.value.comments.map((c) => c.body), ['Enig, det er farleg for borna.']);
  const followingKept = await platform.ideas.getIdea(decider, kept);
  assert.equal(followingKept.ok && followingKept.value.following, true);

  // Anyone who opens the merged idea is led to the kept one; it is out of the lists and cannot be supported.
  const mergedIdea = await platform.ideas.getIdea(null, merged);
  assert.ok(mergedIdea.ok);
  assert.equal(mergedIdea.value.idea.mergedInto, kept);
  assert.equal(mergedIdea.value.idea.supportCount, 0);
  const listed = await platform.ideas.listIdeas(null, { processId });
  assert.ok(!listed.ideas.some((i) => i.id === merged));
  assert.equal((await platform.ideas.supportIdea(decider, merged)).ok, false);

  const audit = await platform.audit.forSubject('idea', merged);
  assert.equal(audit[0]?.action, 'ideas.merged');
  assert.equal(audit[0]?.actor_id, moderator.id);
  for (const author of [kari, ola]) {
    const notes = await platform.notifications.listFor(author, 'nb');
    const note = notes.find((n) => n.kind === 'idea_merged');
    assert.ok(note, `${author.id} was told`);
    assert.match(note.text, /Fartshumpar i Storgata/);
    assert.equal(note.link, `/processes/sentrum/ideas/${kept}`);
  }

  // Merged once: merging it again, or into it, is a conflict; the pair is no longer suggested.
  const again = await platform.ideas.mergeIdeas(moderator, { keepId: kept, mergeId: merged });
  assert.deepEqual(!again.ok && [again.code, again.fields?.[0]?.field], ['Conflict', 'mergeId']);
  assert.ok(!(await suggested(moderator)).includes(pairKey(kept, merged)));
});

test('"not a duplicate" is remembered: the pair is never suggested again', async () => {
  const a = id.libraryNb ?? '';
  const b = id.libraryEn ?? '';
  assert.equal((await platform.ideas.dismissDuplicate(ola, { ideaId: a, otherId: b })).ok, false);
  const done = await platform.ideas.dismissDuplicate(manager, { ideaId: b, otherId: a });
  assert.ok(done.ok);
  assert.ok(!(await suggested(moderator)).includes(pairKey(a, b)));
  // Saying it twice changes nothing and is audited once.
  assert.ok((await platform.ideas.dismissDuplicate(moderator, { ideaId: a, otherId: b })).ok);
  const audit = await platform.audit.forSubject('idea', b);
  assert.equal(audit.filter((e) => e.action === 'ideas.duplicate_dismissed').length, 1);
  const bad = await platform.ideas.dismissDuplicate(moderator, { ideaId: a, otherId: 'x' });
  assert.deepEqual(!bad.ok && bad.fields?.map((f) => f.field), ['otherId']);
});
