import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Role, TokenPurpose, UserRow } from './accounts.tables.ts';

/** The only place with SQL for accounts. */
export function accountsRepository(db: Db) {
  return {
    findUserByEmail(email: string): Promise<UserRow | undefined> {
      return db
        .selectFrom('users')
        .selectAll()
        .where(sql<string>`lower(email)`, '=', email.toLowerCase())
        .executeTakeFirst();
    },

    findUserById(id: string): Promise<UserRow | undefined> {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async insertUser(input: {
      email: string;
      displayName: string;
      passwordHash: string | null;
      locale: string | null;
      verified: boolean;
    }): Promise<UserRow | undefined> {
      // ON CONFLICT DO NOTHING makes a race between two registrations of one address a clean "taken".
      return db
        .insertInto('users')
        .values({
          email: input.email,
          display_name: input.displayName,
          password_hash: input.passwordHash,
          locale: input.locale,
          email_verified_at: input.verified ? new Date() : null,
        })
        .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
        .returningAll()
        .executeTakeFirst();
    },

    async updateUser(
      id: string,
      patch: { displayName?: string; locale?: string | null; passwordHash?: string; emailVerified?: boolean },
    ): Promise<void> {
      await db
        .updateTable('users')
        .set({
          ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
          ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
          ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
          ...(patch.emailVerified
            ? { email_verified_at: sql<Date>`coalesce(email_verified_at, now())` }
            : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
    },

    async deleteUser(id: string): Promise<void> {
      await db.deleteFrom('users').where('id', '=', id).execute();
    },

    async rolesOf(userId: string): Promise<Role[]> {
      const rows = await db
        .selectFrom('user_roles')
        .select('role')
        .where('user_id', '=', userId)
        .orderBy('role')
        .execute();
      return rows.map((r) => r.role);
    },

    /** Everyone holding one of the roles, each once. */
    async userIdsWithRoles(roles: readonly Role[]): Promise<string[]> {
      if (roles.length === 0) return [];
      const rows = await db.selectFrom('user_roles').select('user_id').distinct().where('role', 'in', [...roles]).orderBy('user_id').execute();
      return rows.map((r) => r.user_id);
    },

    async setRoles(userId: string, roles: readonly Role[], grantedBy: string | null): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
        if (roles.length > 0) {
          await trx
            .insertInto('user_roles')
            .values(roles.map((role) => ({ user_id: userId, role, granted_by: grantedBy })))
            .execute();
        }
      });
    },

    async addRole(userId: string, role: Role): Promise<void> {
      await db
        .insertInto('user_roles')
        .values({ user_id: userId, role, granted_by: null })
        .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
        .execute();
    },

    async listUsers(query: { search?: string; limit: number; offset: number }) {
      let q = db
        .selectFrom('users')
        .select(['id', 'email', 'display_name', 'email_verified_at', 'created_at']);
      if (query.search) {
        const like = `%${query.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
        q = q.where((eb) => eb.or([eb('email', 'ilike', like), eb('display_name', 'ilike', like)]));
      }
      const users = await q
        .orderBy('created_at')
        .orderBy('id')
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      const ids = users.map((u) => u.id);
      const roleRows =
        ids.length === 0
          ? []
          : await db
              .selectFrom('user_roles')
              .select(['user_id', 'role'])
              .where('user_id', 'in', ids)
              .orderBy('role')
              .execute();
      return users.map((u) => ({
        ...u,
        roles: roleRows.filter((r) => r.user_id === u.id).map((r) => r.role),
      }));
    },

    async insertSession(input: { tokenHash: string; userId: string; expiresAt: Date }) {
      await db
        .insertInto('sessions')
        .values({ token_hash: input.tokenHash, user_id: input.userId, expires_at: input.expiresAt })
        .execute();
    },

    findSession(tokenHash: string, now: Date) {
      return db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'sessions.expires_at',
          'users.id',
          'users.email',
          'users.display_name',
          'users.locale',
          'users.email_verified_at',
          sql<
            Role[]
          >`coalesce((SELECT array_agg(role ORDER BY role) FROM user_roles WHERE user_roles.user_id = users.id), '{}')`.as(
            'roles',
          ),
        ])
        .where('sessions.token_hash', '=', tokenHash)
        .where('sessions.expires_at', '>', now)
        .executeTakeFirst();
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },

    async deleteSessionsOf(userId: string): Promise<void> {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },

    async sessionsOf(userId: string) {
      return db
        .selectFrom('sessions')
        .select(['created_at', 'expires_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute();
    },

    async insertToken(input: { tokenHash: string; userId: string; purpose: TokenPurpose; expiresAt: Date }) {
      await db
        .insertInto('auth_tokens')
        .values({
          token_hash: input.tokenHash,
          user_id: input.userId,
          purpose: input.purpose,
          expires_at: input.expiresAt,
        })
        .execute();
    },

    /** Marks a token used in the same statement that reads it, so a link works exactly once. */
    async consumeToken(tokenHash: string, purpose: TokenPurpose, now: Date) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('auth_tokens')
          .selectAll()
          .where('token_hash', '=', tokenHash)
          .where('purpose', '=', purpose)
          .forUpdate()
          .executeTakeFirst();
        if (!row) return { status: 'invalid' as const };
        if (row.used_at) return { status: 'used' as const };
        if (row.expires_at <= now) return { status: 'expired' as const };
        await trx
          .updateTable('auth_tokens')
          .set({ used_at: now })
          .where('token_hash', '=', tokenHash)
          .execute();
        return { status: 'ok' as const, userId: row.user_id };
      });
    },

    findIdentity(issuer: string, subject: string) {
      return db
        .selectFrom('oidc_identities')
        .select('user_id')
        .where('issuer', '=', issuer)
        .where('subject', '=', subject)
        .executeTakeFirst();
    },

    async insertIdentity(issuer: string, subject: string, userId: string): Promise<void> {
      await db
        .insertInto('oidc_identities')
        .values({ issuer, subject, user_id: userId })
        .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
        .execute();
    },

    identitiesOf(userId: string) {
      return db
        .selectFrom('oidc_identities')
        .select(['issuer', 'created_at'])
        .where('user_id', '=', userId)
        .execute();
    },

    /** Counts one hit in a fixed window and returns the count and when the window started. */
    async hitRateLimit(bucket: string, keyHash: string, windowSeconds: number) {
      const row = await sql<{ hits: number; window_start: Date }>`
        INSERT INTO rate_limits (bucket, key_hash, window_start, hits) VALUES (${bucket}, ${keyHash}, now(), 1)
        ON CONFLICT (bucket, key_hash) DO UPDATE SET
          hits = CASE WHEN rate_limits.window_start < now() - make_interval(secs => ${windowSeconds})
                      THEN 1 ELSE rate_limits.hits + 1 END,
          window_start = CASE WHEN rate_limits.window_start < now() - make_interval(secs => ${windowSeconds})
                              THEN now() ELSE rate_limits.window_start END
        RETURNING hits, window_start`.execute(db);
      const first = row.rows[0];
      if (!first) throw new Error('rate limit upsert returned no row');
      return first;
    },

    async findResidentProfile(userId: string) {
      return db
        .selectFrom('resident_profiles')
        .select(['area', 'birth_year'])
        .where('user_id', '=', userId)
        .executeTakeFirst();
    },

    async saveResidentProfile(userId: string, profile: { area: string | null; birthYear: number | null }) {
      if (profile.area === null && profile.birthYear === null) {
        await db.deleteFrom('resident_profiles').where('user_id', '=', userId).execute();
        return;
      }
      await db
        .insertInto('resident_profiles')
        .values({ user_id: userId, area: profile.area, birth_year: profile.birthYear })
        .onConflict((oc) =>
          oc
            .column('user_id')
            .doUpdateSet({ area: profile.area, birth_year: profile.birthYear, updated_at: new Date() }),
        )
        .execute();
    },

    /** The e-mail address of the person a token was made for, whether or not it is still usable. */
    async tokenOwnerEmail(tokenHash: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('auth_tokens')
        .innerJoin('users', 'users.id', 'auth_tokens.user_id')
        .select(['users.email'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row?.email;
    },

    /** Address, name, language and e-mail frequency of people, by id. */
    contactsOf(userIds: readonly string[]) {
      return db
        .selectFrom('users')
        .select(['id', 'email', 'display_name', 'locale', 'notify_mode'])
        .where('id', 'in', userIds)
        .orderBy('id')
        .execute();
    },

    /** How often the person hears by e-mail. */
    async setNotifyMode(userId: string, mode: 'immediate' | 'daily' | 'none'): Promise<void> {
      await db
        .updateTable('users')
        .set({ notify_mode: mode, updated_at: new Date() })
        .where('id', '=', userId)
        .execute();
    },

    /** Display names of many people at once (unknown ids are left out). */
    displayNamesOf(userIds: readonly string[]) {
      return db.selectFrom('users').select(['id', 'display_name']).where('id', '=', sql<string>`any(${[...userIds]}::uuid[])`).execute();
    },

    /** People whose profile has this area (when given) and a year of birth in the range (when given). */
    residentsMatching(filter: { area: string | null; birthYears: { from: number; to: number } | null }) {
      let query = db.selectFrom('resident_profiles').select('user_id');
      if (filter.area !== null) query = query.where('area', '=', filter.area);
      if (filter.birthYears) query = query.where('birth_year', '>=', filter.birthYears.from).where('birth_year', '<=', filter.birthYears.to);
      return query.orderBy('user_id').execute();
    },

    /** The profiles (area, year of birth) of many people at once; people without one are left out. */
    residentProfilesOf(userIds: readonly string[]) {
      return db.selectFrom('resident_profiles').select(['user_id', 'area', 'birth_year']).where('user_id', '=', sql<string>`any(${[...userIds]}::uuid[])`).execute();
    },
  };
}

export type AccountsRepository = ReturnType<typeof accountsRepository>;
