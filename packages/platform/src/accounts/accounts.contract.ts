// The contracts of the accounts module's use cases: registration, sign-in and its links, one's own account,
// and administrators' people and roles. Shared by the /api/v1 routes (apps/server/src/api/auth.ts, me.ts,
// admin.ts) and the form actions of the account, sign-in and administration pages.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Done, Id, oneOf } from '../edge/schemas.ts';
import { locales } from '../i18n/locales.ts';
import { roles } from './accounts.tables.ts';

const Email = Type.String({ maxLength: 254, description: 'E-mail address' });
const Password = Type.String({ maxLength: 200 });
const Token = Type.String({ maxLength: 200, description: 'The token from the link in the e-mail' });
const SignedIn = Type.Object({ userId: Type.String() });
const RoleSchema = Type.Enum(roles);

/** What the actor may do on the administration pages. */
export const AdminCanSchema = Type.Object({ manageUsers: Type.Boolean(), manageMunicipality: Type.Boolean() });

const DateTime = Type.String({ format: 'date-time' });

/** The session as `GET /session` shows it: who is signed in (null: nobody), the language, the CSRF token. */
const SessionSchema = Type.Object({
  user: Type.Union([
    Type.Object({ id: Type.String(), email: Type.String(), displayName: Type.String(), emailVerified: Type.Boolean(), roles: Type.Array(Type.String()) }),
    Type.Null(),
  ]),
  locale: Type.String(),
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token on state-changing requests made with the session cookie' }),
});

/** Everything the platform holds about a person, as the export file has it (stored names, dates as ISO text). */
const MyDataSchema = Type.Object({
  exportedAt: DateTime,
  account: Type.Object({
    id: Type.String(),
    email: Type.String(),
    displayName: Type.String(),
    locale: Type.Union([Type.String(), Type.Null()]),
    emailVerifiedAt: Type.Union([DateTime, Type.Null()]),
    createdAt: DateTime,
  }),
  roles: Type.Array(RoleSchema),
  aboutYou: Type.Union([Type.Object({ area: Type.Union([Type.String(), Type.Null()]), birth_year: Type.Union([Type.Integer(), Type.Null()]) }), Type.Null()]),
  sessions: Type.Array(Type.Object({ created_at: DateTime, expires_at: DateTime })),
  identityProviders: Type.Array(Type.Object({ issuer: Type.String(), created_at: DateTime })),
  actions: Type.Array(Type.Object({ at: DateTime, action: Type.String(), subject_type: Type.String(), subject_id: Type.Union([Type.String(), Type.Null()]) }), { description: 'What I did, from the audit trail' }),
});

/** Account contracts by use case. */
export const accountContracts = {
  getSession: contract({ name: 'getSession', summary: 'The current session and CSRF token', input: Type.Object({}), output: SessionSchema }),
  register: contract({
    name: 'register',
    summary: 'Register with e-mail and password; a confirmation link is e-mailed',
    input: Type.Object({ email: Email, displayName: Type.String({ maxLength: 100 }), password: Password, locale: Type.Optional(Type.Enum(locales)) }),
    output: SignedIn,
  }),
  verifyEmail: contract({ name: 'verifyEmail', summary: 'Confirm an e-mail address', input: Type.Object({ token: Token }), output: Done }),
  signIn: contract({
    name: 'signIn',
    summary: 'Sign in with e-mail and password; sets the session cookie',
    input: Type.Object({ email: Email, password: Password }),
    output: SignedIn,
  }),
  signOut: contract({ name: 'signOut', summary: 'End the session', input: Type.Object({}), output: Done }),
  requestPasswordReset: contract({
    name: 'requestPasswordReset',
    summary: 'E-mail a password reset link (the answer is the same whether or not the address has an account)',
    input: Type.Object({ email: Email }),
    output: Done,
  }),
  resetPassword: contract({
    name: 'resetPassword',
    summary: 'Set a new password with the token from the e-mail',
    input: Type.Object({ token: Token, password: Password }),
    output: Done,
  }),
  requestMagicLink: contract({ name: 'requestMagicLink', summary: 'E-mail a sign-in link', input: Type.Object({ email: Email }), output: Done }),
  signInWithMagicLink: contract({
    name: 'signInWithMagicLink',
    summary: 'Sign in with the token from the e-mailed link; sets the session cookie',
    input: Type.Object({ token: Token }),
    output: SignedIn,
  }),
  getAccount: contract({
    name: 'getAccount',
    summary: 'My account: name, address, language, e-mail frequency, roles, and the area and year of birth I told',
    input: Type.Object({}),
    output: Type.Object({
      displayName: Type.String(),
      email: Type.String(),
      emailVerified: Type.Boolean(),
      locale: Type.Union([Type.Enum(locales), Type.Null()]),
      notifyMode: oneOf(['immediate', 'daily', 'none'] as const),
      roles: Type.Array(RoleSchema),
      area: Type.Union([Type.String(), Type.Null()]),
      birthYear: Type.Union([Type.Integer(), Type.Null()]),
    }),
  }),
  updateProfile: contract({
    name: 'updateProfile',
    summary: 'Change my name and preferred language',
    input: Type.Object({ displayName: Type.String({ maxLength: 100 }), locale: Type.Union([Type.String(), Type.Null()]) }),
    output: Done,
  }),
  updateResidentProfile: contract({
    name: 'updateResidentProfile',
    summary: "Tell (or, with both empty, forget) my area and year of birth; the area is one of the municipality's",
    input: Type.Object({
      area: Type.Optional(Type.String({ maxLength: 200, description: "One of the municipality's areas; empty for none" })),
      // Text too, as a form sends it, so the use case names a wrong year with the years it accepts. Null first:
      // the API's validator coerces, and would read null as the integer 0.
      birthYear: Type.Optional(Type.Union([Type.Null(), Type.Integer(), Type.String({ maxLength: 10 })], { description: 'A four-digit year; empty or null for none' })),
    }),
    output: Done,
  }),
  setNotifyMode: contract({
    name: 'setNotifyMode',
    summary: 'How often I hear by e-mail: at once, in a daily digest, or never',
    input: Type.Object({ notifyMode: oneOf(['immediate', 'daily', 'none'] as const) }),
    output: Done,
  }),
  exportMyData: contract({
    name: 'exportMyData',
    summary: 'Everything the platform holds about me, as JSON (GDPR art. 15 and 20)',
    input: Type.Object({}),
    output: MyDataSchema,
  }),
  resendConfirmation: contract({
    name: 'resendConfirmation',
    summary: 'E-mail a new link to confirm my address (three an hour); sent is false when it is already confirmed',
    input: Type.Object({}),
    output: Type.Object({ sent: Type.Boolean() }),
  }),
  deleteMyAccount: contract({
    name: 'deleteMyAccount',
    summary: 'Delete my account and personal data (GDPR art. 17)',
    input: Type.Object({ confirm: Type.String({ description: 'Must be DELETE' }) }),
    output: Done,
  }),
  listUsers: contract({
    name: 'listUsers',
    summary: 'People and their roles (administrators)',
    input: Type.Object({ search: Type.Optional(Type.String({ maxLength: 200 })), page: Type.Optional(Type.Integer({ minimum: 1 })) }),
    output: Type.Object({
      users: Type.Array(Type.Object({ id: Type.String(), email: Type.String(), displayName: Type.String(), emailVerified: Type.Boolean(), roles: Type.Array(RoleSchema) })),
    }),
  }),
  assignRoles: contract({
    name: 'assignRoles',
    summary: "Set a person's roles (administrators; not one's own administrator role)",
    input: Type.Object({ id: Id, roles: Type.Array(Type.String(), { maxItems: roles.length }) }),
    output: Type.Object({ roles: Type.Array(RoleSchema) }),
  }),
};

const MunicipalityFields = {
  name: Type.String({ maxLength: 120 }),
  logoUrl: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
  primaryColour: Type.String({ maxLength: 7 }),
  defaultLocale: Type.Enum(locales),
};

/** The municipality's public settings. */
export const MunicipalitySchema = Type.Object(MunicipalityFields);

/** The retention settings for personal data. */
const RetentionSchema = Type.Object({
  panelRegistrationDays: Type.Union([Type.Integer(), Type.Null()], { description: "Days after a citizens' panel ends before its registrations' personal data is deleted; null: not set" }),
});

/** Contracts of the municipality's settings (its service is packages/platform/src/municipality/). */
export const municipalityContracts = {
  getRetentionSettings: contract({ name: 'getRetentionSettings', summary: 'The retention settings for personal data (administrators)', input: Type.Object({}), output: RetentionSchema }),
  setRetentionSettings: contract({
    name: 'setRetentionSettings',
    summary: "Set how many days after a citizens' panel ends its registrations' personal data is deleted (administrators); left out: not set",
    input: Type.Object({ panelRegistrationDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })) }),
    output: RetentionSchema,
  }),
  updateMunicipality: contract({
    name: 'updateMunicipality',
    summary: 'Change the municipality settings (administrators); the colour must keep white text readable',
    input: Type.Object({
      ...MunicipalityFields,
      areas: Type.Optional(Type.Array(Type.String(), { description: 'Its areas, which residents may choose from; left out, they are kept' })),
    }),
    output: Type.Object({ ...MunicipalityFields, areas: Type.Array(Type.String()) }),
  }),
};
