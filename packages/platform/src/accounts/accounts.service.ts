import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Clock } from '../shared/clock.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { checkEmail, checkText } from '../shared/validate.ts';
import { isLocale, type Locale } from '../i18n/locales.ts';
import { translate, type MessageKey } from '../i18n/translate.ts';
import { accountsRepository } from './accounts.repository.ts';
import { accountsPolicy, type Actor } from './accounts.policy.ts';
import { roles as allRoles, type Role, type TokenPurpose } from './accounts.tables.ts';
import { checkPassword, hashPassword, verifyPassword } from './password.ts';

/** The signed-in person and their session, as pages and endpoints see it. */
export interface SessionUser extends Actor {
  readonly email: string;
  readonly displayName: string;
  readonly locale: Locale | null;
  readonly emailVerified: boolean;
}

export interface AccountsDeps {
  readonly db: Db;
  readonly audit: AuditService;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly publicUrl: string;
  /** The municipality's name and default language (for e-mails) and its areas (for profiles). */
  readonly municipality: () => Promise<{ name: string; defaultLocale: Locale; areas: readonly string[] }>;
  readonly sessionDays?: number;
}

const tokenLifetimes: Record<TokenPurpose, number> = {
  verify_email: 48 * 3600,
  reset_password: 3600,
  magic_link: 15 * 60,
};

const mailKeys: Record<TokenPurpose, { subject: MessageKey; body: MessageKey; path: string }> = {
  verify_email: { subject: 'mail.verify.subject', body: 'mail.verify.body', path: '/verify-email' },
  reset_password: { subject: 'mail.reset.subject', body: 'mail.reset.body', path: '/reset-password' },
  magic_link: { subject: 'mail.magic.subject', body: 'mail.magic.body', path: '/magic-link' },
};

/** Rate limits: attempts allowed per window, per bucket. */
export const rateLimits = {
  signIn: { limit: 10, windowSeconds: 15 * 60 },
  register: { limit: 5, windowSeconds: 60 * 60 },
  reset: { limit: 5, windowSeconds: 60 * 60 },
} as const;

/** A secret for a cookie or link: 32 random bytes. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Only hashes of secrets are stored, so a database leak does not hand out sessions or links. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Accounts: registration, sign-in (password, link, OpenID Connect), sessions, roles, own data. */
export function accountsService(deps: AccountsDeps) {
  const repo = accountsRepository(deps.db);
  // Recently resolved sessions (see sessionUser).
  const sessionCache = new Map<string, { user: SessionUser; until: number; expiresAt: Date }>();
  function forgetSessionsOf(userId: string) {
    for (const [key, entry] of sessionCache) if (entry.user.id === userId) sessionCache.delete(key);
  }
  const sessionMs = (deps.sessionDays ?? 30) * 86_400_000;

  async function sendTokenMail(
    user: { id: string; email: string; display_name: string; locale: string | null },
    purpose: TokenPurpose,
  ) {
    const token = newSecret();
    await repo.insertToken({
      tokenHash: hashSecret(token),
      userId: user.id,
      purpose,
      expiresAt: new Date(deps.clock().getTime() + tokenLifetimes[purpose] * 1000),
    });
    const municipality = await deps.municipality();
    const locale: Locale = isLocale(user.locale) ? user.locale : municipality.defaultLocale;
    const keys = mailKeys[purpose];
    const link = `${deps.publicUrl}${keys.path}?token=${token}`;
    await deps.mailer.send({
      to: user.email,
      subject: translate(locale, keys.subject, { municipality: municipality.name }),
      text: [
        translate(locale, 'mail.greeting', { name: user.display_name }),
        '',
        translate(locale, keys.body),
        link,
        '',
        translate(locale, 'mail.ignore'),
        '',
        translate(locale, 'mail.signature', { municipality: municipality.name }),
      ].join('\n'),
    });
  }

  async function startSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = newSecret();
    const expiresAt = new Date(deps.clock().getTime() + sessionMs);
    await repo.insertSession({ tokenHash: hashSecret(token), userId, expiresAt });
    return { token, expiresAt };
  }

  function tokenFailure(status: 'invalid' | 'used' | 'expired') {
    return fail(status === 'used' ? 'TokenUsed' : status === 'expired' ? 'TokenExpired' : 'TokenInvalid', [
      {
        field: 'token',
        message: `error.${status === 'used' ? 'TokenUsed' : status === 'expired' ? 'TokenExpired' : 'TokenInvalid'}`,
      },
    ]);
  }

  return {
    /**
     * Counts an attempt against a limit. The key (an address or e-mail) is stored only as a hash.
     * Returns a failure with the seconds to wait once the limit is passed.
     */
    async checkRateLimit(bucket: keyof typeof rateLimits, key: string): Promise<Result<null>> {
      const { limit, windowSeconds } = rateLimits[bucket];
      const row = await repo.hitRateLimit(bucket, hashSecret(key), windowSeconds);
      if (row.hits <= limit) return ok(null);
      const retry = Math.max(
        1,
        Math.ceil((row.window_start.getTime() + windowSeconds * 1000 - deps.clock().getTime()) / 1000),
      );
      return { ok: false, code: 'RateLimited', retryAfterSeconds: retry };
    },

    /** Registers a person with e-mail and password and e-mails a confirmation link. */
    async register(input: {
      email: unknown;
      displayName: unknown;
      password: unknown;
      locale?: unknown;
    }): Promise<Result<{ userId: string }>> {
      const errors: FieldError[] = [];
      const email = checkEmail(input.email);
      const name = checkText(input.displayName, 'displayName', { max: 100 });
      const password = typeof input.password === 'string' ? input.password : '';
      if ('error' in email) errors.push(email.error);
      if ('error' in name) errors.push(name.error);
      if (password === '') errors.push({ field: 'password', message: 'field.required' });
      else errors.push(...checkPassword(password, 'value' in email ? email.value : ''));
      if (input.locale !== undefined && input.locale !== '' && !isLocale(input.locale)) {
        errors.push({ field: 'locale', message: 'field.localeUnknown' });
      }
      if (errors.length > 0 || 'error' in email || 'error' in name) return fail('ValidationFailed', errors);
      const user = await repo.insertUser({
        email: email.value,
        displayName: name.value,
        passwordHash: await hashPassword(password),
        locale: isLocale(input.locale) ? input.locale : null,
        verified: false,
      });
      if (!user) return fail('EmailTaken', [{ field: 'email', message: 'field.emailTaken' }]);
      await repo.addRole(user.id, 'resident');
      await deps.audit.record({
        actorId: user.id,
        action: 'account.registered',
        subjectType: 'user',
        subjectId: user.id,
      });
      await sendTokenMail(user, 'verify_email');
      return ok({ userId: user.id });
    },

    /** Confirms an e-mail address from the link in the confirmation e-mail. */
    async verifyEmail(token: unknown): Promise<Result<{ userId: string }>> {
      if (typeof token !== 'string' || token === '') return tokenFailure('invalid');
      const used = await repo.consumeToken(hashSecret(token), 'verify_email', deps.clock());
      if (used.status !== 'ok') return tokenFailure(used.status);
      await repo.updateUser(used.userId, { emailVerified: true });
      forgetSessionsOf(used.userId);
      await deps.audit.record({
        actorId: used.userId,
        action: 'account.email_verified',
        subjectType: 'user',
        subjectId: used.userId,
      });
      return ok({ userId: used.userId });
    },

    /** Signs in with e-mail and password; returns a new session token for the cookie. */
    async signIn(input: {
      email: unknown;
      password: unknown;
    }): Promise<Result<{ token: string; expiresAt: Date; userId: string }>> {
      const errors: FieldError[] = [];
      if (typeof input.email !== 'string' || input.email.trim() === '')
        errors.push({ field: 'email', message: 'field.required' });
      if (typeof input.password !== 'string' || input.password === '')
        errors.push({ field: 'password', message: 'field.required' });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const user = await repo.findUserByEmail(String(input.email).trim());
      // Hash even when the user is unknown so timing does not reveal which addresses have accounts.
      const hash =
        user?.password_hash ??
        'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
      const valid = await verifyPassword(String(input.password), hash);
      if (!user || !user.password_hash || !valid) return fail('InvalidCredentials');
      const session = await startSession(user.id);
      return ok({ ...session, userId: user.id });
    },

    /** E-mails a sign-in link; says nothing about whether the address has an account. */
    async requestMagicLink(emailInput: unknown): Promise<Result<null>> {
      const email = checkEmail(emailInput);
      if ('error' in email) return fail('ValidationFailed', [email.error]);
      const user = await repo.findUserByEmail(email.value);
      if (user) await sendTokenMail(user, 'magic_link');
      return ok(null);
    },

    /** Signs in from a magic link, which also confirms the address. */
    async signInWithMagicLink(
      token: unknown,
    ): Promise<Result<{ token: string; expiresAt: Date; userId: string }>> {
      if (typeof token !== 'string' || token === '') return tokenFailure('invalid');
      const used = await repo.consumeToken(hashSecret(token), 'magic_link', deps.clock());
      if (used.status !== 'ok') return tokenFailure(used.status);
      await repo.updateUser(used.userId, { emailVerified: true });
      forgetSessionsOf(used.userId);
      const session = await startSession(used.userId);
      return ok({ ...session, userId: used.userId });
    },

    /** E-mails a password reset link; says nothing about whether the address has an account. */
    async requestPasswordReset(emailInput: unknown): Promise<Result<null>> {
      const email = checkEmail(emailInput);
      if ('error' in email) return fail('ValidationFailed', [email.error]);
      const user = await repo.findUserByEmail(email.value);
      if (user) await sendTokenMail(user, 'reset_password');
      return ok(null);
    },

    /** Sets a new password from a reset link and signs the person out everywhere. */
    async resetPassword(input: { token: unknown; password: unknown }): Promise<Result<{ userId: string }>> {
      if (typeof input.token !== 'string' || input.token === '') return tokenFailure('invalid');
      const password = typeof input.password === 'string' ? input.password : '';
      // Check the password before using up the link, so a weak password does not cost the person their link.
      const tokenHash = hashSecret(input.token);
      const pending = await deps.db
        .selectFrom('auth_tokens')
        .innerJoin('users', 'users.id', 'auth_tokens.user_id')
        .select(['users.email'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      const problems =
        password === ''
          ? [{ field: 'password', message: 'field.required' }]
          : checkPassword(password, pending?.email ?? '');
      if (problems.length > 0) return fail('ValidationFailed', problems);
      const used = await repo.consumeToken(tokenHash, 'reset_password', deps.clock());
      if (used.status !== 'ok') return tokenFailure(used.status);
      await repo.updateUser(used.userId, { passwordHash: await hashPassword(password), emailVerified: true });
      await repo.deleteSessionsOf(used.userId);
      forgetSessionsOf(used.userId);
      await deps.audit.record({
        actorId: used.userId,
        action: 'account.password_reset',
        subjectType: 'user',
        subjectId: used.userId,
      });
      return ok({ userId: used.userId });
    },

    /**
     * The person behind a session cookie, or null when it is unknown or expired. Every request asks, so
     * an answer is remembered for two seconds in this process; changes made here (sign-out, roles, name,
     * deletion) forget it at once, and another server sees them within those two seconds.
     */
    async sessionUser(token: string | undefined): Promise<SessionUser | null> {
      if (!token) return null;
      const tokenHash = hashSecret(token);
      const now = deps.clock();
      const cached = sessionCache.get(tokenHash);
      if (cached && cached.until > Date.now() && cached.expiresAt > now) return cached.user;
      const row = await repo.findSession(tokenHash, now);
      if (!row) {
        sessionCache.delete(tokenHash);
        return null;
      }
      const user: SessionUser = {
        id: row.id,
        email: row.email,
        displayName: row.display_name,
        locale: isLocale(row.locale) ? row.locale : null,
        emailVerified: row.email_verified_at !== null,
        roles: row.roles,
      };
      if (sessionCache.size >= 10_000) sessionCache.clear();
      sessionCache.set(tokenHash, { user, until: Date.now() + 2000, expiresAt: row.expires_at });
      return user;
    },

    /** Ends one session. */
    async signOut(token: string | undefined): Promise<void> {
      if (!token) return;
      sessionCache.delete(hashSecret(token));
      await repo.deleteSession(hashSecret(token));
    },

    /**
     * Signs in a person an OpenID provider vouched for: by a known identity, else by linking a verified
     * e-mail address to an existing account, else by creating an account.
     */
    async signInWithOidc(claims: {
      issuer: string;
      subject: string;
      email?: string | undefined;
      emailVerified?: boolean | undefined;
      name?: string | undefined;
    }): Promise<Result<{ token: string; expiresAt: Date; userId: string }>> {
      let userId = (await repo.findIdentity(claims.issuer, claims.subject))?.user_id;
      if (!userId) {
        if (!claims.email || !claims.emailVerified) return fail('OidcFailed');
        const existing = await repo.findUserByEmail(claims.email);
        if (existing) userId = existing.id;
        else {
          const created = await repo.insertUser({
            email: claims.email,
            displayName: claims.name?.trim() || claims.email.split('@')[0] || claims.email,
            passwordHash: null,
            locale: null,
            verified: true,
          });
          if (!created) return fail('Conflict');
          userId = created.id;
          await repo.addRole(userId, 'resident');
        }
        await repo.insertIdentity(claims.issuer, claims.subject, userId);
        await deps.audit.record({
          actorId: userId,
          action: 'account.oidc_linked',
          subjectType: 'user',
          subjectId: userId,
          details: { issuer: claims.issuer },
        });
      }
      const session = await startSession(userId);
      return ok({ ...session, userId });
    },

    /** How to reach people (for notifications): address, name, language and how often they want e-mail. */
    async contactsOf(userIds: readonly string[]) {
      if (userIds.length === 0) return [];
      const rows = await deps.db
        .selectFrom('users')
        .select(['id', 'email', 'display_name', 'locale', 'notify_mode'])
        .where('id', 'in', userIds)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        email: r.email,
        displayName: r.display_name,
        locale: isLocale(r.locale) ? r.locale : null,
        notifyMode: r.notify_mode,
      }));
    },

    /** Sets how often one hears by e-mail: immediately, in a daily digest, or never. */
    async setNotifyMode(actor: Actor, mode: unknown): Promise<Result<null>> {
      if (mode !== 'immediate' && mode !== 'daily' && mode !== 'none')
        return fail('ValidationFailed', [{ field: 'notifyMode', message: 'field.invalid' }]);
      await deps.db
        .updateTable('users')
        .set({ notify_mode: mode, updated_at: new Date() })
        .where('id', '=', actor.id)
        .execute();
      return ok(null);
    },

    /** One's own account as it is now (pages read it after a change in the same request). */
    async getAccount(actor: Actor) {
      const user = await repo.findUserById(actor.id);
      if (!user) return fail('NotFound');
      return ok({
        displayName: user.display_name,
        email: user.email,
        emailVerified: user.email_verified_at !== null,
        locale: isLocale(user.locale) ? user.locale : null,
        notifyMode: user.notify_mode,
        roles: await repo.rolesOf(user.id),
      });
    },

    /** Changes one's own name and language. */
    async updateProfile(
      actor: Actor,
      input: { displayName: unknown; locale: unknown },
    ): Promise<Result<null>> {
      const name = checkText(input.displayName, 'displayName', { max: 100 });
      const errors: FieldError[] = [];
      if ('error' in name) errors.push(name.error);
      if (
        input.locale !== '' &&
        input.locale !== undefined &&
        input.locale !== null &&
        !isLocale(input.locale)
      ) {
        errors.push({ field: 'locale', message: 'field.localeUnknown' });
      }
      if (errors.length > 0 || 'error' in name) return fail('ValidationFailed', errors);
      forgetSessionsOf(actor.id);
      await repo.updateUser(actor.id, {
        displayName: name.value,
        locale: isLocale(input.locale) ? input.locale : null,
      });
      return ok(null);
    },

    /** What the person told about themselves (area, year of birth), for the account page. */
    async getResidentProfile(actor: Actor): Promise<{ area: string | null; birthYear: number | null }> {
      const row = await repo.findResidentProfile(actor.id);
      return { area: row?.area ?? null, birthYear: row?.birth_year ?? null };
    },

    /** Display names by id, for other modules' lists (one query for a whole page). */
    async displayNamesOf(userIds: readonly string[]): Promise<Map<string, string>> {
      if (userIds.length === 0) return new Map();
      return new Map((await repo.displayNamesOf([...new Set(userIds)])).map((r) => [r.id, r.display_name]));
    },

    /** Area and year of birth of many people, for participation reports (people who told nothing are left out). */
    async residentProfilesOf(userIds: readonly string[]): Promise<{ userId: string; area: string | null; birthYear: number | null }[]> {
      if (userIds.length === 0) return [];
      return (await repo.residentProfilesOf(userIds)).map((r) => ({ userId: r.user_id, area: r.area, birthYear: r.birth_year }));
    },

    /**
     * Saves (or, when both are empty, deletes) the optional area and year of birth. The area must be one
     * of the municipality's; the year a four-digit year that makes the person 0–120 years old.
     */
    async updateResidentProfile(
      actor: Actor,
      input: { area: unknown; birthYear: unknown },
    ): Promise<Result<null>> {
      const errors: FieldError[] = [];
      const areaText = typeof input.area === 'string' ? input.area.trim() : '';
      const { areas } = await deps.municipality();
      if (areaText !== '' && !areas.includes(areaText))
        errors.push({ field: 'area', message: 'field.invalid' });
      const yearText =
        typeof input.birthYear === 'string'
          ? input.birthYear.trim()
          : typeof input.birthYear === 'number'
            ? String(input.birthYear)
            : '';
      const thisYear = deps.clock().getUTCFullYear();
      const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
      if (yearText !== '' && !(year >= thisYear - 120 && year <= thisYear)) {
        errors.push({
          field: 'birthYear',
          message: 'field.birthYear',
          params: { from: thisYear - 120, to: thisYear },
        });
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      await repo.saveResidentProfile(actor.id, {
        area: areaText || null,
        birthYear: yearText === '' ? null : year,
      });
      await deps.audit.record({
        actorId: actor.id,
        action: 'account.profile_updated',
        subjectType: 'user',
        subjectId: actor.id,
      });
      return ok(null);
    },

    /** Everything the platform holds about the person, as one JSON-ready object (GDPR art. 15 and 20). */
    async exportMyData(actor: Actor) {
      const user = await repo.findUserById(actor.id);
      if (!user) return fail('NotFound');
      return ok({
        exportedAt: deps.clock().toISOString(),
        account: {
          id: user.id,
          email: user.email,
          displayName: user.display_name,
          locale: user.locale,
          emailVerifiedAt: user.email_verified_at,
          createdAt: user.created_at,
        },
        roles: await repo.rolesOf(user.id),
        aboutYou: (await repo.findResidentProfile(user.id)) ?? null,
        sessions: await repo.sessionsOf(user.id),
        identityProviders: await repo.identitiesOf(user.id),
        actions: await deps.audit.byActor(user.id),
      });
    },

    /** Deletes one's own account and everything tied to it (GDPR art. 17). */
    async deleteMyAccount(actor: Actor, confirmation: unknown): Promise<Result<null>> {
      if (confirmation !== 'DELETE')
        return fail('ValidationFailed', [{ field: 'confirm', message: 'field.confirmDelete' }]);
      forgetSessionsOf(actor.id);
      await repo.deleteUser(actor.id);
      // The trail keeps that an account was deleted, not whose: no personal data survives.
      await deps.audit.record({
        actorId: null,
        action: 'account.deleted',
        subjectType: 'user',
        subjectId: null,
      });
      return ok(null);
    },

    /** Lists people with their roles, for administrators. */
    async listUsers(actor: Actor, query: { search?: string; page?: number }) {
      if (!accountsPolicy.manageUsers(actor)) return fail('Forbidden');
      const pageSize = 50;
      const page = Math.max(1, Math.floor(query.page ?? 1));
      const search = query.search?.trim();
      return ok(
        await repo.listUsers({
          ...(search ? { search } : {}),
          limit: pageSize,
          offset: (page - 1) * pageSize,
        }),
      );
    },

    /** Sets a person's roles; only administrators may, and they cannot remove their own administrator role. */
    async assignRoles(actor: Actor, userId: string, rolesInput: unknown): Promise<Result<{ roles: Role[] }>> {
      if (!accountsPolicy.manageUsers(actor)) return fail('Forbidden');
      const list = Array.isArray(rolesInput) ? rolesInput : rolesInput === undefined ? [] : [rolesInput];
      const wanted = [...new Set(list)];
      if (!wanted.every((r): r is Role => (allRoles as readonly unknown[]).includes(r))) {
        return fail('ValidationFailed', [{ field: 'roles', message: 'field.roleUnknown' }]);
      }
      if (userId === actor.id && !wanted.includes('administrator')) {
        return fail('ValidationFailed', [{ field: 'roles', message: 'field.invalid' }]);
      }
      const user = await repo.findUserById(userId);
      if (!user) return fail('NotFound');
      const sorted = [...wanted].sort((a, b) => allRoles.indexOf(a) - allRoles.indexOf(b));
      await repo.setRoles(userId, sorted, actor.id);
      forgetSessionsOf(userId);
      await deps.audit.record({
        actorId: actor.id,
        action: 'account.roles_set',
        subjectType: 'user',
        subjectId: userId,
        details: { roles: sorted },
      });
      return ok({ roles: sorted });
    },

    /** Creates an account directly (seeding and administrators' imports); idempotent by e-mail. */
    async ensureUser(input: {
      email: string;
      displayName: string;
      password: string | null;
      roles: readonly Role[];
      locale?: Locale;
    }) {
      let user = await repo.findUserByEmail(input.email);
      if (!user) {
        user = await repo.insertUser({
          email: input.email,
          displayName: input.displayName,
          passwordHash: input.password ? await hashPassword(input.password) : null,
          locale: input.locale ?? null,
          verified: true,
        });
        user ??= await repo.findUserByEmail(input.email);
        if (!user) throw new Error(`could not create ${input.email}`);
      }
      for (const role of input.roles) await repo.addRole(user.id, role);
      return user.id;
    },
  };
}

export type AccountsService = ReturnType<typeof accountsService>;
