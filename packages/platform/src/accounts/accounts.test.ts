import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform, tokenFromMail } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from './accounts.policy.ts';

let platform: Platform;
let mailer: Awaited<ReturnType<typeof testPlatform>>['mailer'];
let drop: () => Promise<void>;
let now = new Date('2026-11-23T10:00:00Z');

before(async () => {
  ({ platform, mailer, drop } = await testPlatform({ clock: () => now }));
  await platform.municipality.ensure({
    name: 'Testvik kommune',
    logoUrl: null,
    primaryColour: '#1f5f8b',
    defaultLocale: 'nb',
    areas: ['Sentrum', 'Nordbyen'],
  });
});
after(async () => drop());

const good = 'lang-og-trygg-setning';

describe('registration', () => {
  test('creates a resident, sends a confirmation e-mail in the chosen language, and the link confirms once', async () => {
    const result = await platform.accounts.register({
      email: ' Kari@Example.no ',
      displayName: 'Kari',
      password: good,
      locale: 'en',
    });
    assert.equal(result.ok, true);
    const mail = mailer.lastTo('Kari@Example.no');
    assert.ok(mail, 'a confirmation e-mail was sent');
    assert.equal(mail.subject, 'Confirm your e-mail address for Testvik kommune');
    const token = tokenFromMail(mail);
    const verified = await platform.accounts.verifyEmail(token);
    assert.equal(verified.ok, true);
    const again = await platform.accounts.verifyEmail(token);
    assert.deepEqual(again.ok ? null : again.code, 'TokenUsed');
  });

  test('refuses a second account for the same address in any letter case, and saves nothing', async () => {
    const before = await platform.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const result = await platform.accounts.register({
      email: 'kari@example.NO',
      displayName: 'Kari 2',
      password: good,
    });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.code, 'EmailTaken');
    assert.deepEqual(!result.ok && result.fields?.map((f) => f.field), ['email']);
    const afterCount = await platform.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(afterCount.n, before.n);
  });

  test('names every bad field: invalid e-mail, empty name, weak password, unknown locale', async () => {
    const result = await platform.accounts.register({
      email: 'not-an-address',
      displayName: '  ',
      password: 'password123',
      locale: 'xx',
    });
    assert.equal(result.ok, false);
    const fields = !result.ok
      ? Object.fromEntries((result.fields ?? []).map((f) => [f.field, f.message]))
      : {};
    assert.deepEqual(fields, {
      email: 'field.emailInvalid',
      displayName: 'field.required',
      password: 'field.passwordWeak',
      locale: 'field.localeUnknown',
    });
  });

  test('refuses a short password and one built on the e-mail name', async () => {
    const short = await platform.accounts.register({
      email: 'a@example.no',
      displayName: 'A',
      password: 'kort',
    });
    assert.equal(!short.ok && short.fields?.[0]?.message, 'field.passwordTooShort');
    const own = await platform.accounts.register({
      email: 'bjornar@example.no',
      displayName: 'B',
      password: 'bjornar2026!',
    });
    assert.equal(!own.ok && own.fields?.[0]?.message, 'field.passwordWeak');
  });
});

describe('sign-in and sessions', () => {
  test('signs in with the right password only, and the session knows the person and their roles', async () => {
    const wrong = await platform.accounts.signIn({ email: 'kari@example.no', password: 'feil-passord-her' });
    assert.equal(!wrong.ok && wrong.code, 'InvalidCredentials');
    const unknown = await platform.accounts.signIn({ email: 'nobody@example.no', password: good });
    assert.equal(!unknown.ok && unknown.code, 'InvalidCredentials');
    const signedIn = await platform.accounts.signIn({ email: 'KARI@example.no', password: good });
    assert.ok(signedIn.ok);
    const user = await platform.accounts.sessionUser(signedIn.value.token);
    assert.equal(user?.displayName, 'Kari');
    assert.deepEqual(user?.roles, ['resident']);
    assert.equal(user?.emailVerified, true);
    await platform.accounts.signOut(signedIn.value.token);
    assert.equal(await platform.accounts.sessionUser(signedIn.value.token), null);
  });

  test('a remembered session follows changes at once here, and another server’s within two seconds', async () => {
    const signedIn = await platform.accounts.signIn({ email: 'kari@example.no', password: good });
    assert.ok(signedIn.ok);
    const token = signedIn.value.token;
    assert.equal((await platform.accounts.sessionUser(token))?.displayName, 'Kari');
    const kari: Actor = { id: signedIn.value.userId, roles: ['resident'] };
    assert.ok((await platform.accounts.updateProfile(kari, { displayName: 'Kari N.', locale: '' })).ok);
    assert.equal((await platform.accounts.sessionUser(token))?.displayName, 'Kari N.', 'this server forgets at once');
    // Another server signs the session out: this one stops accepting it within two seconds.
    await platform.db.deleteFrom('sessions').where('user_id', '=', kari.id).execute();
    await new Promise((resolve) => setTimeout(resolve, 2100));
    assert.equal(await platform.accounts.sessionUser(token), null);
    assert.ok((await platform.accounts.updateProfile(kari, { displayName: 'Kari', locale: '' })).ok);
  });

  test('a session stops working when it expires', async () => {
    const signedIn = await platform.accounts.signIn({ email: 'kari@example.no', password: good });
    assert.ok(signedIn.ok);
    const saved = now;
    now = new Date(saved.getTime() + 31 * 86_400_000);
    assert.equal(await platform.accounts.sessionUser(signedIn.value.token), null);
    now = saved;
  });

  test('rate limit: the eleventh sign-in attempt from one key within 15 minutes is refused with a wait time', async () => {
    for (let i = 0; i < 10; i++)
      assert.equal((await platform.accounts.checkRateLimit('signIn', '203.0.113.9')).ok, true);
    const limited = await platform.accounts.checkRateLimit('signIn', '203.0.113.9');
    assert.equal(limited.ok, false);
    assert.equal(!limited.ok && limited.code, 'RateLimited');
    assert.ok(!limited.ok && (limited.retryAfterSeconds ?? 0) > 0);
    assert.equal(
      (await platform.accounts.checkRateLimit('signIn', '203.0.113.10')).ok,
      true,
      'other keys are not affected',
    );
  });
});

describe('links by e-mail', () => {
  test('password reset: a weak password keeps the link usable; a good one works once and ends every session', async () => {
    const session = await platform.accounts.signIn({ email: 'kari@example.no', password: good });
    assert.ok(session.ok);
    assert.equal((await platform.accounts.requestPasswordReset('kari@example.no')).ok, true);
    const token = tokenFromMail(mailer.lastTo('Kari@Example.no'));
    const weak = await platform.accounts.resetPassword({ token, password: 'short' });
    assert.equal(!weak.ok && weak.code, 'ValidationFailed');
    const done = await platform.accounts.resetPassword({ token, password: 'et-nytt-og-langt-passord' });
    assert.equal(done.ok, true);
    assert.equal(await platform.accounts.sessionUser(session.value.token), null, 'old sessions end');
    const reused = await platform.accounts.resetPassword({ token, password: 'enda-et-nytt-passord' });
    assert.equal(!reused.ok && reused.code, 'TokenUsed');
    assert.equal(
      (await platform.accounts.signIn({ email: 'kari@example.no', password: 'et-nytt-og-langt-passord' })).ok,
      true,
    );
  });

  test('an unknown address gets the same answer and no e-mail', async () => {
    const count = mailer.sent.length;
    assert.equal((await platform.accounts.requestPasswordReset('ghost@example.no')).ok, true);
    assert.equal((await platform.accounts.requestMagicLink('ghost@example.no')).ok, true);
    assert.equal(mailer.sent.length, count);
  });

  test('magic link signs in once and expires after 15 minutes', async () => {
    await platform.accounts.requestMagicLink('kari@example.no');
    const first = tokenFromMail(mailer.lastTo('Kari@Example.no'));
    const signedIn = await platform.accounts.signInWithMagicLink(first);
    assert.equal(signedIn.ok, true);
    assert.equal((await platform.accounts.signInWithMagicLink(first)).ok, false);

    await platform.accounts.requestMagicLink('kari@example.no');
    const second = tokenFromMail(mailer.lastTo('Kari@Example.no'));
    const saved = now;
    now = new Date(saved.getTime() + 16 * 60_000);
    const late = await platform.accounts.signInWithMagicLink(second);
    now = saved;
    assert.equal(!late.ok && late.code, 'TokenExpired');
    assert.equal(!(await platform.accounts.signInWithMagicLink('made-up')).ok, true);
  });
});

describe('roles, own data and deletion', () => {
  test('only administrators assign roles; unknown roles are refused; the change is audited', async () => {
    const adminId = await platform.accounts.ensureUser({
      email: 'admin@example.no',
      displayName: 'Admin',
      password: good,
      roles: ['administrator'],
    });
    const kari = await platform.accounts.signIn({
      email: 'kari@example.no',
      password: 'et-nytt-og-langt-passord',
    });
    assert.ok(kari.ok);
    const admin: Actor = { id: adminId, roles: ['administrator'] };
    const resident: Actor = { id: kari.value.userId, roles: ['resident'] };
    assert.equal(
      !(await platform.accounts.assignRoles(resident, kari.value.userId, ['administrator'])).ok,
      true,
    );
    const bad = await platform.accounts.assignRoles(admin, kari.value.userId, ['emperor']);
    assert.equal(!bad.ok && bad.code, 'ValidationFailed');
    const set = await platform.accounts.assignRoles(admin, kari.value.userId, ['moderator', 'resident']);
    assert.deepEqual(set.ok && set.value.roles, ['moderator', 'resident']);
    const trail = await platform.audit.forSubject('user', kari.value.userId);
    assert.equal(trail[0]?.action, 'account.roles_set');
    const selfDemote = await platform.accounts.assignRoles(admin, adminId, ['resident']);
    assert.equal(selfDemote.ok, false, 'an administrator cannot lock themselves out');
  });

  test('export holds the account, roles and actions; deletion removes the person everywhere', async () => {
    const id = await platform.accounts.ensureUser({
      email: 'slett@example.no',
      displayName: 'Slett Meg',
      password: good,
      roles: ['resident'],
    });
    const session = await platform.accounts.signIn({ email: 'slett@example.no', password: good });
    assert.ok(session.ok);
    const actor: Actor = { id, roles: ['resident'] };
    const exported = await platform.accounts.exportMyData(actor);
    assert.ok(exported.ok);
    assert.equal(exported.value.account.email, 'slett@example.no');
    assert.deepEqual(exported.value.roles, ['resident']);
    assert.equal(exported.value.sessions.length, 1);
    assert.equal(
      !(await platform.accounts.deleteMyAccount(actor, 'delete')).ok,
      true,
      'needs the exact word',
    );
    assert.equal((await platform.accounts.deleteMyAccount(actor, 'DELETE')).ok, true);
    assert.equal(await platform.accounts.sessionUser(session.value.token), null);
    const rows = await platform.db.selectFrom('users').select('id').where('id', '=', id).execute();
    assert.equal(rows.length, 0);
  });
});
