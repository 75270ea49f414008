import type { PresentedEvent } from '@tingsted/platform/events';
import { resolveText } from '@tingsted/platform/shared';
import { formatDateTime, timeZoneOf } from '$lib/format';
import type { Failure } from '@tingsted/platform/shared';
import { renameFields } from '@tingsted/platform/edge';

/**
 * An event as its pages show it: times in the one date-and-time style in the event's own time zone (with a note
 * when that is not the municipality's), the seats left and the deadline in words.
 */
export function showEvent(locals: App.Locals, event: PresentedEvent, processTitle: string | null = null) {
  const locale = locals.ctx.locale;
  const at = (iso: string) => formatDateTime(iso, locale, event.timeZone);
  return {
    ...event,
    when: locals.t('events.timeRange', { start: at(event.startsAt), end: at(event.endsAt) }),
    zoneNote: event.timeZone === timeZoneOf(locals) ? null : locals.t('events.timeZoneNote', { zone: event.timeZone }),
    deadlineText: event.registrationDeadline ? locals.t('events.deadline', { deadline: at(event.registrationDeadline) }) : null,
    seatsText: event.capacity === null ? locals.t('events.noLimit') : locals.t('events.seats', { count: event.spotsLeft ?? 0, capacity: event.capacity }),
    waitingText: event.waitlisted > 0 ? locals.t('events.waiting', { count: event.waitlisted }) : null,
    processTitle,
  };
}

/** Titles of the processes of events, in the reader's language, by slug. */
export async function processTitlesOf(locals: App.Locals, events: readonly PresentedEvent[]): Promise<Map<string, string>> {
  const slugs = [...new Set(events.flatMap((e) => (e.processSlug ? [e.processSlug] : [])))];
  const titles = new Map<string, string>();
  for (const slug of slugs) {
    const process = await locals.platform.processes.getProcess(locals.ctx.user, slug);
    if (process.ok) titles.set(slug, resolveText(process.value.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text);
  }
  return titles;
}

/** The event form's fields as the use case reads them: the place from three fields, questions one per line. */
export function eventFormExtra(form: FormData) {
  const value = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : '';
  };
  const questions = value('questions')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [label = '', ...choices] = line.split('|').map((part) => part.trim());
      return choices.length > 0 ? { kind: 'choice' as const, label, required: true, choices } : { kind: 'short_text' as const, label, required: false };
    });
  const kind = value('placeKind') === 'online' ? 'online' : 'address';
  const deadline = value('registrationDeadline').trim();
  return {
    place: kind === 'online' ? { kind, url: value('onlineUrl') } : { kind, address: value('address') },
    questions,
    registrationDeadline: deadline === '' ? null : deadline,
  };
}

/** The form names the place's fields apart: `place.address` is the address field, `place.url` the link. */
export function eventFormFailure(failure: Failure): Failure {
  return renameFields(failure, { 'place.address': 'address', 'place.url': 'onlineUrl', 'place.kind': 'placeKind' });
}

/** The questions of an event as the form's text: one per line, a choice with its options after |. */
export function questionsText(event: PresentedEvent): string {
  return event.questions.map((q) => [q.label, ...q.choices].join(' | ')).join('\n');
}
