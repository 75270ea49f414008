import { randomUUID } from 'node:crypto';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { InputOf, OutputOf } from '../edge/contract.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { eventContracts } from './events.contract.ts';
import type { EventsContext } from './events.context.ts';
import { eventsPolicy } from './events.policy.ts';
import type { EventChange } from './events.repository.ts';
import type { RegistrationQuestion } from './events.tables.ts';
import { isTimeZone, localInstant } from './times.ts';

type C = typeof eventContracts;
type Fields = Omit<InputOf<C['createStandaloneEvent']>, never>;

/**
 * An event's fields checked and read: local date-times become instants in the event's time zone, the end after
 * the start, the deadline no later than the start, a place to come to or an https:// link, choice questions
 * with two options or more. Each problem names its field.
 */
export function readEventFields(input: Fields, defaultTimeZone: string, keepQuestionIds: readonly RegistrationQuestion[] = []): Result<EventChange> {
  const errors: FieldError[] = [];
  const title = input.title.trim();
  if (title === '') errors.push({ field: 'title', message: 'field.required' });
  const timeZone = input.timeZone?.trim() || defaultTimeZone;
  const zoneKnown = isTimeZone(timeZone);
  if (!zoneKnown) errors.push({ field: 'timeZone', message: 'field.timeZoneUnknown' });
  const zone = zoneKnown ? timeZone : defaultTimeZone;
  const startsAt = localInstant(input.startsAt, zone);
  const endsAt = localInstant(input.endsAt, zone);
  if (!startsAt) errors.push({ field: 'startsAt', message: 'field.dateTimeInvalid' });
  if (!endsAt) errors.push({ field: 'endsAt', message: 'field.dateTimeInvalid' });
  if (startsAt && endsAt && endsAt <= startsAt) errors.push({ field: 'endsAt', message: 'field.eventEndsBeforeStart' });
  const deadlineText = input.registrationDeadline?.trim() || null;
  const deadline = deadlineText === null ? null : localInstant(deadlineText, zone);
  if (deadlineText !== null && !deadline) errors.push({ field: 'registrationDeadline', message: 'field.dateTimeInvalid' });
  if (deadline && startsAt && deadline > startsAt) errors.push({ field: 'registrationDeadline', message: 'field.deadlineAfterStart' });
  const address = input.place.address?.trim() ?? '';
  const url = input.place.url?.trim() || null;
  if (input.place.kind === 'address' && address === '') errors.push({ field: 'place.address', message: 'field.required' });
  if (input.place.kind === 'online' && (url === null || !/^https:\/\/[^\s]+\.[^\s]+$/.test(url))) errors.push({ field: 'place.url', message: 'field.urlInvalid' });
  const questions: RegistrationQuestion[] = [];
  for (const [i, q] of (input.questions ?? []).entries()) {
    const label = q.label.trim();
    const choices = [...new Set((q.choices ?? []).map((c) => c.trim()).filter((c) => c !== ''))];
    if (label === '') errors.push({ field: 'questions', message: 'field.required' });
    else if (q.kind === 'choice' && choices.length < 2) errors.push({ field: 'questions', message: 'field.choicesRequired' });
    // A question keeps its id while its label stays, so answers already given still match it.
    const id = keepQuestionIds.find((old) => old.label === label && old.kind === q.kind)?.id ?? `q${i + 1}-${randomUUID().slice(0, 8)}`;
    questions.push({ id, kind: q.kind, label, required: q.required ?? false, choices: q.kind === 'choice' ? choices : [] });
  }
  if (errors.length > 0 || !startsAt || !endsAt) return fail('ValidationFailed', errors);
  return ok({
    title,
    description: input.description?.trim() ?? '',
    starts_at: startsAt,
    ends_at: endsAt,
    time_zone: zone,
    place_kind: input.place.kind,
    address,
    online_url: input.place.kind === 'online' ? url : null,
    accessibility: input.accessibility?.trim() ?? '',
    capacity: input.capacity ?? null,
    registration_deadline: deadline,
    questions,
  });
}

/** Staff create and change events. */
export function authoringUseCases(ctx: EventsContext) {
  const { deps, repo, managedEvent, audit } = ctx;

  async function notifyPromoted(eventId: string, title: string, userIds: readonly string[]) {
    if (userIds.length === 0) return;
    await deps.notifications.notify({ userIds, kind: 'event_seat', subjectType: 'event', subjectId: eventId, payload: { title, link: `/events/${eventId}` } });
  }

  return {
    notifyPromoted,

    /** Creates an event in an event phase of a process (the given one, else the process's first). */
    async createEvent(actor: Actor | null, input: InputOf<C['createEvent']>): Promise<Result<OutputOf<C['createEvent']>>> {
      if (!actor) return fail('NotSignedIn');
      if (!eventsPolicy.manage(actor)) return fail('Forbidden');
      const process = await deps.processes.getProcess(actor, input.slug);
      if (!process.ok) return process;
      const phase = process.value.phases.find((p) => p.method === 'event' && (input.phaseId === undefined || p.id === input.phaseId));
      const fields = readEventFields(input, deps.timeZone);
      const errors = [...(phase ? [] : [{ field: 'phaseId', message: 'field.eventPhaseRequired' }]), ...(fields.ok ? [] : (fields.fields ?? []))];
      if (!fields.ok || !phase) return fail('ValidationFailed', errors);
      const id = await repo.insertEvent({ ...fields.value, process_id: process.value.id, phase_id: phase.id, created_by: actor.id });
      await audit(actor, 'created', id, { processId: process.value.id, title: fields.value.title });
      return ok({ id });
    },

    /** Creates a municipality-wide event outside any process. */
    async createStandaloneEvent(actor: Actor | null, input: InputOf<C['createStandaloneEvent']>): Promise<Result<OutputOf<C['createStandaloneEvent']>>> {
      if (!actor) return fail('NotSignedIn');
      if (!eventsPolicy.manage(actor)) return fail('Forbidden');
      const fields = readEventFields(input, deps.timeZone);
      if (!fields.ok) return fields;
      const id = await repo.insertEvent({ ...fields.value, process_id: null, phase_id: null, created_by: actor.id });
      await audit(actor, 'created', id, { title: fields.value.title });
      return ok({ id });
    },

    /**
     * Changes an event. A capacity below the seats already taken is refused with the number taken; a larger one
     * gives seats to the first on the waiting list, who are told.
     */
    async updateEvent(actor: Actor | null, input: InputOf<C['updateEvent']>): Promise<Result<OutputOf<C['updateEvent']>>> {
      const found = await managedEvent(actor, input.id);
      if (!found.ok) return found;
      const fields = readEventFields(input, deps.timeZone, found.value.event.questions);
      if (!fields.ok) return fields;
      const outcome = await repo.updateEvent(input.id, fields.value, deps.clock());
      if (!outcome) return fail('NotFound');
      if ('refused' in outcome) return fail('ValidationFailed', [{ field: 'capacity', message: 'field.capacityBelowRegistered', params: { count: outcome.confirmed } }]);
      await audit(found.value.actor, 'updated', input.id, { capacity: fields.value.capacity, promoted: outcome.promoted.length });
      await notifyPromoted(input.id, fields.value.title, outcome.promoted);
      return ok({ ok: true as const });
    },
  };
}
