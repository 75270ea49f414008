import { hasRole, type Actor } from '../accounts/accounts.policy.ts';
import type { ProcessStatus } from './processes.tables.ts';

/** Who may see and change processes. */
export const processesPolicy = {
  /** Drafts are visible to process managers only; published and closed processes to everyone. */
  visibleStatuses(actor: Actor | null): ProcessStatus[] {
    return hasRole(actor, 'process_manager') ? ['draft', 'published', 'closed'] : ['published', 'closed'];
  },
  manage: (actor: Actor | null) => hasRole(actor, 'process_manager'),
  /** What the actor may do with one process, for presenters. */
  can(actor: Actor | null, process: { readonly status: ProcessStatus }) {
    const manage = hasRole(actor, 'process_manager');
    return {
      manage,
      edit: manage && process.status !== 'closed',
      publish: manage && process.status === 'draft',
      close: manage && process.status === 'published',
      addPhase: manage,
    };
  },
};
