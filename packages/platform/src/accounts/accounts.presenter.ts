import { accountsPolicy, type Actor } from './accounts.policy.ts';
import type { Role } from './accounts.tables.ts';

/** A person as the administrators' list shows them (the API and the people page). */
export function presentUser(row: { id: string; email: string; display_name: string; email_verified_at: Date | null; roles: Role[] }) {
  return { id: row.id, email: row.email, displayName: row.display_name, emailVerified: row.email_verified_at !== null, roles: row.roles };
}

/** What the actor may do on the administration pages (`can`, from the accounts policy). */
export function adminCan(actor: Actor | null) {
  return { manageUsers: accountsPolicy.manageUsers(actor), manageMunicipality: accountsPolicy.manageMunicipality(actor) };
}
