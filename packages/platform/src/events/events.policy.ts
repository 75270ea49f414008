import type { Actor } from '../accounts/accounts.policy.ts';
import { processesPolicy } from '../processes/index.ts';

/**
 * Who may do what with events. Staff who run events are the process managers (administrators hold every role),
 * by the same rule as the process pages; any signed-in person with a confirmed address may sign up.
 */
export const eventsPolicy = {
  manage: (actor: Actor | null) => processesPolicy.manage(actor),

  /** What the actor may do with one event, for presenters. */
  can(actor: Actor | null, event: { readonly started: boolean; readonly registrationOpen: boolean; readonly registered: boolean; readonly hasIdeasPhase: boolean }) {
    const manage = processesPolicy.manage(actor);
    return {
      register: actor !== null && event.registrationOpen && !event.registered,
      cancel: actor !== null && event.registered && !event.started,
      edit: manage,
      seeRegistrations: manage,
      markAttendance: manage && event.started,
      publishMinutes: manage && event.started,
      addIdeas: manage && event.started && event.hasIdeasPhase,
    };
  },
};
