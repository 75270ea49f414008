import type { Actor } from '../accounts/accounts.policy.ts';
import type { InputOf, OutputOf } from '../edge/contract.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { eventContracts } from './events.contract.ts';
import type { EventsContext } from './events.context.ts';
import { uploadOf } from '../files/index.ts';

type C = typeof eventContracts;

/** After the event: attendance, minutes, and the inputs gathered at the meeting entered as ideas. */
export function afterUseCases(ctx: EventsContext) {
  const { deps, repo, managedEvent, audit } = ctx;
  return {
    /** Marks who came (people with a seat); allowed once the event has started. */
    async markAttendance(actor: Actor | null, input: InputOf<C['markAttendance']>): Promise<Result<OutputOf<C['markAttendance']>>> {
      const found = await managedEvent(actor, input.id);
      if (!found.ok) return found;
      if (deps.clock() < found.value.event.starts_at) return fail('EventNotStarted');
      const attended = await repo.setAttendance(input.id, [...new Set(input.attended)]);
      await audit(found.value.actor, 'attendance_marked', input.id, { attended });
      return ok({ attended });
    },

    /** Publishes (or, with empty text, withdraws) the minutes; allowed once the event has started. */
    async publishMinutes(actor: Actor | null, input: InputOf<C['publishMinutes']>): Promise<Result<OutputOf<C['publishMinutes']>>> {
      const found = await managedEvent(actor, input.id);
      if (!found.ok) return found;
      if (deps.clock() < found.value.event.starts_at) return fail('EventNotStarted');
      const minutes = input.minutes.trim();
      await repo.publishMinutes(input.id, minutes, deps.clock());
      await audit(found.value.actor, minutes === '' ? 'minutes_withdrawn' : 'minutes_published', input.id);
      return ok({ ok: true as const });
    },

    /**
     * Enters an input gathered at the meeting as an idea in the process's (first) ideas phase, written down by
     * the staff member, and links it to the event.
     */
    async addIdea(actor: Actor | null, input: InputOf<C['addIdea']>): Promise<Result<OutputOf<C['addIdea']>>> {
      const found = await managedEvent(actor, input.id);
      if (!found.ok) return found;
      const { event, process } = found.value;
      if (deps.clock() < event.starts_at) return fail('EventNotStarted');
      const phase = process?.phases.find((p) => p.method === 'ideas');
      const errors: FieldError[] = [];
      if (!phase) errors.push({ field: 'title', message: 'field.ideasPhaseRequired' });
      if (input.title.trim() === '') errors.push({ field: 'title', message: 'field.required' });
      if (input.body.trim() === '') errors.push({ field: 'body', message: 'field.required' });
      if (errors.length > 0 || !phase) return fail('ValidationFailed', errors);
      const ideaId = await deps.ideas.importIdea({ phaseId: phase.id, authorId: found.value.actor.id, title: input.title.trim(), body: input.body.trim() });
      await repo.linkIdea(event.id, ideaId, found.value.actor.id);
      await audit(found.value.actor, 'idea_entered', event.id, { ideaId });
      return ok({ id: ideaId });
    },

    /** Publishes documents with an event: each checked (PDF, ODT or DOCX, size) first, then all stored or none. */
    async addDocuments(actor: Actor | null, input: InputOf<C['addDocuments']>): Promise<Result<OutputOf<C['addDocuments']>>> {
      const found = await managedEvent(actor, input.id);
      if (!found.ok) return found;
      const checked = [];
      for (const file of input.files) {
        const result = deps.files.checkDocument(uploadOf(file), { field: 'files', typeMessage: 'field.documentType' });
        if (!result.ok) return result;
        checked.push(result.value);
      }
      const ids = await deps.files.attachDocuments(found.value.actor.id, 'event', input.id, checked, 'nb');
      await audit(found.value.actor, 'documents_added', input.id, { fileIds: ids });
      return ok({ ids });
    },

    /** Who may read an event's documents: anyone who may see the event. */
    async documentAccess(actor: Actor | null, eventId: string): Promise<'public' | 'restricted' | 'denied'> {
      const found = await ctx.visibleEvent(actor, eventId);
      if (!found.ok) return 'denied';
      // Seen in a draft process only by staff: not cached.
      return found.value.process?.status === 'draft' ? 'restricted' : 'public';
    },

    /** The ids of the ideas entered from an event. */
    async ideaIdsOf(eventId: string): Promise<string[]> {
      return repo.ideaIdsOf(eventId);
    },
  };
}
