import { hasRole, type Actor } from '../accounts/accounts.policy.ts';
import { feedbackPolicy } from '../feedback/feedback.policy.ts';

/** Who may do what with the census and a process's representation figures. */
export const censusPolicy = {
  /** Importing the census: administrators, who hold the municipality's settings. */
  importCensus: (actor: Actor | null) => hasRole(actor, 'administrator'),
  /** Who took part against the census: whoever may see the process's participation report. */
  seeRepresentation: (actor: Actor | null) => feedbackPolicy.seeReport(actor),
  /** The outreach thresholds of a process: its process managers. */
  setThresholds: (actor: Actor | null) => hasRole(actor, 'process_manager'),
};
