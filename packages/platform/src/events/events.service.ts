import { afterUseCases } from './after.ts';
import { authoringUseCases } from './authoring.ts';
import { eventsContext, type EventsDeps } from './events.context.ts';
import { listingUseCases } from './listing.ts';
import { registrationUseCases } from './registration.ts';
import { reminderUseCases } from './reminders.ts';
import { eventsPrivacyUseCases } from './privacy.ts';

export type { EventsDeps } from './events.context.ts';

/**
 * Events with sign-up: staff create them in a process's event phase or on their own; residents sign up and
 * cancel; a waiting list moves up in order; reminders go out the day before; afterwards staff mark attendance,
 * publish minutes and enter the meeting's inputs as ideas. One function per contract of `eventContracts`.
 */
export function eventsService(deps: EventsDeps) {
  const ctx = eventsContext(deps);
  const authoring = authoringUseCases(ctx);
  return {
    ...authoring,
    ...listingUseCases(ctx),
    ...registrationUseCases(ctx, authoring.notifyPromoted),
    ...afterUseCases(ctx),
    ...reminderUseCases(ctx),
    ...eventsPrivacyUseCases(ctx, authoring.notifyPromoted),
  };
}

export type EventsService = ReturnType<typeof eventsService>;
