import type { Role } from './accounts.tables.ts';

/** The signed-in person as every use case sees them. */
export interface Actor {
  readonly id: string;
  readonly roles: readonly Role[];
  /**
   * Whether the person's e-mail address is confirmed, when the caller already knows (the session read it
   * from the user row); without it, `requireConfirmed` looks it up.
   */
  readonly emailVerified?: boolean;
}

/** Staff roles: people who act for the municipality. */
export const staffRoles: readonly Role[] = ['administrator', 'process_manager', 'moderator', 'decision_maker'];

/** True when the actor holds any of `roles`. Administrators hold every permission. */
export function hasRole(actor: Actor | null, ...roles: Role[]): boolean {
  if (!actor) return false;
  return actor.roles.includes('administrator') || roles.some((role) => actor.roles.includes(role));
}

/** Who may do what with accounts. */
export const accountsPolicy = {
  manageUsers: (actor: Actor | null) => hasRole(actor, 'administrator'),
  manageMunicipality: (actor: Actor | null) => hasRole(actor, 'administrator'),
  isStaff: (actor: Actor | null) => hasRole(actor, ...staffRoles),
};
