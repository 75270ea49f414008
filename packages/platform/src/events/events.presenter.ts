import type { Static } from 'typebox';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { ProcessDetail } from '../processes/processes.service.ts';
import type { EventSchema } from './events.contract.ts';
import type { EventRow } from './events.repository.ts';
import { eventsPolicy } from './events.policy.ts';
import { localDateTime } from './times.ts';

/** An event as a page or an API answer sees it. */
export type PresentedEvent = Static<typeof EventSchema>;

/** The moment sign-up closes: the deadline, else the start. */
export function signUpClosesAt(event: Pick<EventRow, 'registration_deadline' | 'starts_at'>): Date {
  return event.registration_deadline ?? event.starts_at;
}

/**
 * An event for one reader: counts, their own registration (with their place in line), the meeting link only
 * when they hold a seat or a place in line (or manage events), and what they may do.
 */
export function presentEvent(input: {
  readonly event: EventRow;
  readonly process: ProcessDetail | null;
  readonly counts: { readonly confirmed: number; readonly waitlisted: number; readonly attended: number };
  readonly mine: { readonly status: 'confirmed' | 'waitlisted'; readonly position: number | null } | null;
  readonly documents: PresentedEvent['documents'];
  readonly actor: Actor | null;
  readonly now: Date;
}): PresentedEvent {
  const { event, process, counts, mine, actor, now, documents } = input;
  const started = now >= event.starts_at;
  const registrationOpen = now < signUpClosesAt(event);
  const manage = eventsPolicy.manage(actor);
  const showLink = manage || mine !== null;
  return {
    id: event.id,
    processId: event.process_id,
    processSlug: process?.slug ?? null,
    phaseId: event.phase_id,
    title: event.title,
    description: event.description,
    startsAt: event.starts_at.toISOString(),
    endsAt: event.ends_at.toISOString(),
    timeZone: event.time_zone,
    startsAtLocal: localDateTime(event.starts_at, event.time_zone),
    endsAtLocal: localDateTime(event.ends_at, event.time_zone),
    place: { kind: event.place_kind, address: event.address, url: showLink ? event.online_url : null },
    accessibility: event.accessibility,
    capacity: event.capacity,
    registrationDeadline: event.registration_deadline?.toISOString() ?? null,
    registrationDeadlineLocal: event.registration_deadline ? localDateTime(event.registration_deadline, event.time_zone) : null,
    questions: event.questions.map((q) => ({ id: q.id, kind: q.kind, label: q.label, required: q.required, choices: [...q.choices] })),
    confirmed: counts.confirmed,
    waitlisted: counts.waitlisted,
    attended: counts.attended,
    spotsLeft: event.capacity === null ? null : Math.max(0, event.capacity - counts.confirmed),
    state: now >= event.ends_at ? 'past' : started ? 'ongoing' : 'upcoming',
    registrationOpen,
    myRegistration: mine,
    minutes: event.minutes_published_at ? event.minutes : null,
    documents,
    calendarUrl: `/api/v1/events/${event.id}/calendar.ics`,
    can: eventsPolicy.can(actor, { started, registrationOpen, registered: mine !== null, hasIdeasPhase: Boolean(process?.phases.some((p) => p.method === 'ideas')) }),
  };
}
