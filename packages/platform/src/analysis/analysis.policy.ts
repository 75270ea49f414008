import type { Actor } from '../accounts/accounts.policy.ts';
import { feedbackPolicy } from '../feedback/feedback.policy.ts';

/** Who may do what with analyses of a process's inputs. */
export const analysisPolicy = {
  /** Whoever may see the process's participation report may run and read its analysis. */
  analyse: (actor: Actor | null) => feedbackPolicy.seeReport(actor),
};
