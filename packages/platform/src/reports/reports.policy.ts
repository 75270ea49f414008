import { hasRole, type Actor } from '../accounts/accounts.policy.ts';
import { feedbackPolicy } from '../feedback/feedback.policy.ts';

/** Who may see which read model. "You said, we did" is public with its process. */
export const reportsPolicy = {
  /** How a process went (participation report): process managers and decision-makers (and administrators). */
  seeParticipation: (actor: Actor | null) => feedbackPolicy.seeReport(actor),
  /** Every idea of a process with its latest answer, as a file: staff who answer or moderate ideas. */
  /** A process's workspace overview (what needs attention): process managers. */
  seeWorkspace: (actor: Actor | null) => hasRole(actor, 'process_manager'),
  exportIdeas: (actor: Actor | null) => hasRole(actor, 'process_manager', 'decision_maker', 'moderator'),
};
