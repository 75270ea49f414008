// The accounts module's public entry point: other modules and the apps import from here only.
export { accountsService, type AccountsService, type AccountsDeps } from './accounts.service.ts';
export { accountsPolicy, hasRole, staffRoles, type Actor } from './accounts.policy.ts';
export type { SessionUser } from './accounts.types.ts';
export { roles, type Role, type TokenPurpose } from './accounts.tables.ts';
export { rateLimits } from './rate-limits.ts';
export { hashSecret, newSecret } from './secrets.ts';
export { accountContracts, municipalityContracts, MunicipalitySchema, AdminCanSchema } from './accounts.contract.ts';
export { presentUser, adminCan } from './accounts.presenter.ts';
