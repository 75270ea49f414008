import { accountsContext, type AccountsDeps } from './accounts.context.ts';
import { confirmationUseCases } from './confirmation.ts';
import { magicLinkUseCases } from './magic-links.ts';
import { oidcUseCases } from './oidc.ts';
import { ownDataUseCases } from './own-data.ts';
import { passwordResetUseCases } from './password-reset.ts';
import { profileUseCases } from './profile.ts';
import { rateLimitUseCases } from './rate-limits.ts';
import { registrationUseCases } from './registration.ts';
import { roleUseCases } from './roles.ts';
import { signInUseCases } from './sign-in.ts';

// The names callers imported from this file before it was split; new code imports them from './index.ts'.
export type { AccountsDeps } from './accounts.context.ts';
export type { SessionUser } from './accounts.types.ts';
export { rateLimits } from './rate-limits.ts';
export { hashSecret, newSecret } from './secrets.ts';

/** Accounts: registration, sign-in (password, link, OpenID Connect), sessions, roles, own data. */
export function accountsService(deps: AccountsDeps) {
  const ctx = accountsContext(deps);
  return {
    ...rateLimitUseCases(ctx),
    ...registrationUseCases(ctx),
    ...confirmationUseCases(ctx),
    ...signInUseCases(ctx),
    ...magicLinkUseCases(ctx),
    ...passwordResetUseCases(ctx),
    ...oidcUseCases(ctx),
    ...profileUseCases(ctx),
    ...ownDataUseCases(ctx),
    ...roleUseCases(ctx),
  };
}

export type AccountsService = ReturnType<typeof accountsService>;
