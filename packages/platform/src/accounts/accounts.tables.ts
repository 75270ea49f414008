import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export const roles = ['administrator', 'process_manager', 'moderator', 'decision_maker', 'resident'] as const;
/** What a person may do on the platform; assigned by administrators. */
export type Role = (typeof roles)[number];

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  email_verified_at: Date | null;
  locale: string | null;
  notify_mode: ColumnType<
    'immediate' | 'daily' | 'none',
    'immediate' | 'daily' | 'none' | undefined,
    'immediate' | 'daily' | 'none'
  >;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserRolesTable {
  user_id: string;
  role: Role;
  granted_by: string | null;
  granted_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Date;
}

export type TokenPurpose = 'verify_email' | 'reset_password' | 'magic_link';

export interface AuthTokensTable {
  token_hash: string;
  user_id: string;
  purpose: TokenPurpose;
  created_at: Timestamp;
  expires_at: Date;
  used_at: Date | null;
}

export interface OidcIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Timestamp;
}

export interface RateLimitsTable {
  bucket: string;
  key_hash: string;
  window_start: Date;
  hits: number;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;

/** What a resident chose to tell about themselves, for participation reports (optional personal data). */
export interface ResidentProfilesTable {
  user_id: string;
  area: string | null;
  birth_year: number | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AccountsTables {
  resident_profiles: ResidentProfilesTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  auth_tokens: AuthTokensTable;
  oidc_identities: OidcIdentitiesTable;
  rate_limits: RateLimitsTable;
}
