import { hasRole, type Actor } from '../accounts/index.ts';

/** Who may do what with conversations. */
export const conversationsPolicy = {
  /** Process managers set up conversations, write seed statements, import and close them. */
  manage: (actor: Actor | null) => hasRole(actor, 'process_manager'),
  /** Moderators and process managers accept or reject participants' statements. */
  moderate: (actor: Actor | null) => hasRole(actor, 'moderator', 'process_manager'),
};
