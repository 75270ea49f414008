import type { Actor } from '../accounts/accounts.policy.ts';
import type { InputOf, OutputOf } from '../edge/contract.ts';
import type { ProcessDetail } from '../processes/processes.service.ts';
import { resolveText } from '../shared/localized.ts';
import { isLocale } from '../i18n/locales.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { eventContracts } from './events.contract.ts';
import type { EventsContext } from './events.context.ts';
import { presentEvent, type PresentedEvent } from './events.presenter.ts';
import type { EventRow } from './events.repository.ts';
import { calendarOf, type CalendarEntry } from './icalendar.ts';

type C = typeof eventContracts;

/** Reading events: the list, a process's events, one event, and their calendars. */
export function listingUseCases(ctx: EventsContext) {
  const { deps, repo, processesOf, visible, visibleEvent } = ctx;

  /** Events for one reader, with counts and their own registrations (one query each for all of them). */
  async function present(actor: Actor | null, events: readonly EventRow[], processes: ReadonlyMap<string, ProcessDetail | null>): Promise<PresentedEvent[]> {
    const shown = events.filter((e) => visible(actor, e.process_id ? processes.get(e.process_id) : null, e));
    const ids = shown.map((e) => e.id);
    const [counts, mine, files] = await Promise.all([repo.countsOf(ids), actor ? repo.registrationsOfUser(actor.id, ids) : Promise.resolve([]), deps.files.listFor('event', ids)]);
    const now = deps.clock();
    return Promise.all(
      shown.map(async (event) => {
        const own = mine.find((r) => r.event_id === event.id);
        const position = own?.status === 'waitlisted' ? await repo.waitlistPosition(event.id, own.seq) : null;
        return presentEvent({
          event,
          process: event.process_id ? (processes.get(event.process_id) ?? null) : null,
          counts: counts.get(event.id) ?? { confirmed: 0, waitlisted: 0, attended: 0 },
          mine: own && own.status !== 'cancelled' ? { status: own.status, position } : null,
          documents: files.filter((f) => f.ownerId === event.id && f.kind === 'document').map((f) => ({ id: f.id, filename: f.filename, url: `/files/${f.id}`, sizeBytes: f.sizeBytes })),
          actor,
          now,
        });
      }),
    );
  }

  /** The calendar entry of an event: the meeting link only for those who may see it. */
  function entryOf(event: PresentedEvent, updatedAt: Date): CalendarEntry {
    const location = event.place.kind === 'address' ? event.place.address : (event.place.url ?? 'Online');
    return {
      uid: `${event.id}@tingsted`,
      title: event.title,
      description: [event.description, event.accessibility].filter((t) => t.trim() !== '').join('\n\n'),
      startsAt: new Date(event.startsAt),
      endsAt: new Date(event.endsAt),
      location,
      url: event.place.url ?? `${deps.publicUrl}/events/${event.id}`,
      updatedAt,
    };
  }

  return {
    /** Upcoming events (not yet ended), soonest first; or past ones, latest first. */
    async listEvents(actor: Actor | null, input: InputOf<C['listEvents']>): Promise<Result<OutputOf<C['listEvents']>>> {
      const now = deps.clock();
      const rows = input.when === 'past' ? (await repo.listEvents({ endedBefore: now })).reverse() : await repo.listEvents({ endsAfter: now });
      return ok({ events: await present(actor, rows, await processesOf(rows)) });
    },

    async processEvents(actor: Actor | null, input: InputOf<C['processEvents']>): Promise<Result<OutputOf<C['processEvents']>>> {
      const process = await deps.processes.getProcess(actor, input.slug);
      if (!process.ok) return process;
      const rows = await repo.listEvents({ processId: process.value.id });
      return ok({ events: await present(actor, rows, new Map([[process.value.id, process.value]])) });
    },

    async getEvent(actor: Actor | null, input: InputOf<C['getEvent']>): Promise<Result<OutputOf<C['getEvent']>>> {
      const found = await visibleEvent(actor, input.id);
      if (!found.ok) return found;
      const processes = new Map(found.value.process ? [[found.value.process.id, found.value.process]] : []);
      const [event] = await present(actor, [found.value.event], processes);
      return event ? ok(event) : fail('NotFound');
    },

    /** One event as an iCalendar file. */
    async calendar(actor: Actor | null, input: InputOf<C['calendar']>): Promise<Result<string>> {
      const found = await visibleEvent(actor, input.id);
      if (!found.ok) return found;
      const processes = new Map(found.value.process ? [[found.value.process.id, found.value.process]] : []);
      const [event] = await present(actor, [found.value.event], processes);
      if (!event) return fail('NotFound');
      return ok(calendarOf({ name: event.title, entries: [entryOf(event, found.value.event.updated_at)], stamp: deps.clock() }));
    },

    /** A process's events as a calendar feed. */
    async processCalendar(actor: Actor | null, input: InputOf<C['processCalendar']>): Promise<Result<string>> {
      const process = await deps.processes.getProcess(actor, input.slug);
      if (!process.ok) return process;
      const rows = await repo.listEvents({ processId: process.value.id });
      const events = await present(actor, rows, new Map([[process.value.id, process.value]]));
      const updated = new Map(rows.map((r) => [r.id, r.updated_at]));
      const municipality = await deps.municipality();
      const locale = isLocale(municipality.defaultLocale) ? municipality.defaultLocale : 'nb';
      const name = resolveText(process.value.title, locale, locale).text;
      return ok(calendarOf({ name, entries: events.map((e) => entryOf(e, updated.get(e.id) ?? deps.clock())), stamp: deps.clock() }));
    },
  };
}
