import type { Actor } from '../accounts/accounts.policy.ts';
import { processesPolicy } from '../processes/index.ts';
import type { UpdateStatus } from './updates.tables.ts';

/** Who may send updates to a process's people: its managers (administrators hold every role). */
export const updatesPolicy = {
  manage: (actor: Actor | null) => processesPolicy.manage(actor),

  /** What the actor may do with one update, for presenters. */
  can(actor: Actor | null, update: { readonly status: UpdateStatus }) {
    return { cancel: processesPolicy.manage(actor) && update.status === 'scheduled' };
  },
};
