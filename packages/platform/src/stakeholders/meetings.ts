import type { Actor } from '../accounts/index.ts';
import { calendarOf } from '../events/index.ts';
import type { CheckedUpload } from '../files/files.service.ts';
import { instantIn } from '../shared/dates.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { httpUrl, text, type StakeholdersContext } from './stakeholders.context.ts';
import { stakeholdersPolicy } from './stakeholders.policy.ts';
import { stakeholderLimits } from './stakeholders.types.ts';

/** A document sent with the minutes: the bytes as uploaded, checked by the service. */
export interface MinutesUpload {
  readonly filename: unknown;
  readonly contentType: unknown;
  readonly data: Uint8Array;
}

/**
 * An agenda's items from a list or from text with one item per line; a leading "1." or "2)" is dropped (the
 * page numbers the items). Field errors name `agenda`.
 */
export function agendaItems(value: unknown, errors: FieldError[]): string[] {
  const raw = Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : '')) : typeof value === 'string' ? value.split(/\r?\n/) : [];
  const items = raw.map((line) => line.replace(/^\s*\d{1,2}[.)]\s+/, '').trim()).filter((line) => line !== '');
  if (items.length > stakeholderLimits.agendaItems) errors.push({ field: 'agenda', message: 'stakeholders.meeting.tooManyItems', params: { max: stakeholderLimits.agendaItems } });
  else if (items.some((item) => item.length > stakeholderLimits.agendaItem)) errors.push({ field: 'agenda', message: 'stakeholders.meeting.itemTooLong', params: { max: stakeholderLimits.agendaItem } });
  return items;
}

/** Live meetings of the panel: scheduled with an agenda, a stream link or a place; the item on now; minutes after. */
export function meetingUseCases(ctx: StakeholdersContext) {
  const { deps, repo, recs } = ctx;
  const useCases = {
    /** Schedules a live meeting with its agenda, stream link and place (facilitators). */
    async scheduleMeeting(actor: Actor | null, panelId: string, input: { title: unknown; startsAt: unknown; streamUrl?: unknown; place?: unknown; agenda?: unknown }): Promise<Result<{ id: string }>> {
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      const panel = await repo.findPanel(panelId);
      if (!panel) return fail('NotFound');
      const errors: FieldError[] = [];
      const title = text(input.title, 'title', stakeholderLimits.meetingTitle, errors);
      const agenda = agendaItems(input.agenda, errors);
      const place = text(input.place, 'place', stakeholderLimits.place, errors, false);
      const stream = typeof input.streamUrl === 'string' ? input.streamUrl.trim() : '';
      if (stream !== '' && !httpUrl(stream)) errors.push({ field: 'streamUrl', message: 'stakeholders.fact.urlInvalid' });
      // A date and time as the form sends it is the municipality's wall clock (18:00 in Oslo is 18:00 there).
      const startsAt = instantIn(input.startsAt, deps.timeZone);
      if (!startsAt) errors.push({ field: 'startsAt', message: 'field.dateTimeInvalid' });
      if (errors.length > 0 || !startsAt) return fail('ValidationFailed', errors);
      const id = await repo.insertMeeting(panelId, { title, startsAt, streamUrl: stream || null, place: place || null, agenda: agenda.join('\n') });
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'stakeholders.meeting_scheduled', subjectType: 'stakeholder_panel', subjectId: panelId, details: { meetingId: id } });
      // The panel hears when and where, in the municipality's time zone, with the page that has the calendar file.
      const process = await deps.processes.getProcessById(panel.process_id);
      await deps.notifications.notify({
        userIds: await repo.stakeholderUsers(panelId),
        kind: 'meeting_scheduled',
        subjectType: 'stakeholder_meeting',
        subjectId: id,
        payload: { title, startsAt: startsAt.toISOString(), timeZone: deps.timeZone, place: place || stream || null, link: `/processes/${process?.slug ?? ''}/stakeholders/meetings/${id}` },
      });
      return ok({ id });
    },

    /** The live page of a meeting: when and where, the agenda with the item on now, the minutes and their documents. */
    async viewMeeting(actor: Actor | null, meetingId: string) {
      const meeting = await repo.findMeeting(meetingId);
      const panel = meeting ? await repo.findPanel(meeting.panel_id) : null;
      const process = panel ? await deps.processes.getProcessById(panel.process_id) : null;
      if (!meeting || !panel || !process) return fail('NotFound');
      if (!stakeholdersPolicy.facilitate(actor) && !(await ctx.member(actor, panel.id)) && !(await deps.processes.getProcess(actor, process.slug)).ok) return fail('NotFound');
      const documents = await deps.files.listFor('meeting', [meeting.id]);
      const items = meeting.agenda === '' ? [] : meeting.agenda.split('\n');
      return ok({
        id: meeting.id,
        panelId: panel.id,
        processSlug: process.slug,
        title: meeting.title,
        startsAt: meeting.starts_at,
        timeZone: deps.timeZone,
        streamUrl: meeting.stream_url,
        place: meeting.place,
        agenda: items.map((title, position) => ({ position, title, now: meeting.now_on === position })),
        nowOn: meeting.now_on,
        minutes: meeting.minutes,
        minutesPublishedAt: meeting.minutes_published_at,
        documents: documents.map((d) => ({ id: d.id, url: `/files/${d.id}`, filename: d.filename, contentType: d.contentType, sizeBytes: d.sizeBytes })),
        can: { facilitate: stakeholdersPolicy.facilitate(actor) },
      });
    },

    /**
     * The meeting as an iCalendar file (the events module's writer): the start as a UTC instant, so calendar
     * programs show the municipality's wall clock across a daylight-saving change; the place or stream link; the
     * agenda; the meeting's page. No end: a meeting has none set. For whoever may see the meeting.
     */
    async meetingCalendar(actor: Actor | null, meetingId: string): Promise<Result<string>> {
      const found = await useCases.viewMeeting(actor, meetingId);
      if (!found.ok) return found;
      const meeting = found.value;
      const page = `${deps.publicUrl}/processes/${meeting.processSlug}/stakeholders/meetings/${meeting.id}`;
      const row = await repo.findMeeting(meetingId);
      const updatedAt = row?.minutes_published_at && row.minutes_published_at > row.created_at ? row.minutes_published_at : (row?.created_at ?? deps.clock());
      return ok(
        calendarOf({
          name: meeting.title,
          stamp: deps.clock(),
          entries: [
            {
              uid: `${meeting.id}@tingsted-stakeholders`,
              title: meeting.title,
              description: meeting.agenda.map((item) => `${item.position + 1}. ${item.title}`).join('\n'),
              startsAt: meeting.startsAt,
              endsAt: null,
              location: [meeting.place, meeting.streamUrl].filter((v): v is string => !!v).join(' – '),
              url: page,
              updatedAt,
            },
          ],
        }),
      );
    },

    /** Replaces a meeting's agenda with the items in order (facilitators); open pages update. */
    async setAgenda(actor: Actor | null, meetingId: string, input: { items: unknown }): Promise<Result<null>> {
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      if (!(await repo.findMeeting(meetingId))) return fail('NotFound');
      const errors: FieldError[] = [];
      const items = agendaItems(input.items, errors);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      await recs.setAgenda(meetingId, items.join('\n'), items.length);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'stakeholders.agenda_set', subjectType: 'stakeholder_meeting', subjectId: meetingId, details: { items: items.length } });
      return ok(null);
    },

    /** Marks the agenda item on now (its position, from 0), or none (null), during the meeting (facilitators). */
    async setNowOn(actor: Actor | null, meetingId: string, input: { position: unknown }): Promise<Result<null>> {
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      const meeting = await repo.findMeeting(meetingId);
      if (!meeting) return fail('NotFound');
      const items = meeting.agenda === '' ? 0 : meeting.agenda.split('\n').length;
      const position = input.position === null || input.position === '' ? null : typeof input.position === 'number' ? input.position : typeof input.position === 'string' && /^\d+$/.test(input.position) ? Number(input.position) : NaN;
      if (position !== null && (!Number.isInteger(position) || position < 0 || position >= items)) return fail('ValidationFailed', [{ field: 'position', message: 'stakeholders.meeting.noSuchItem', params: { count: items } }]);
      await recs.setNowOn(meetingId, position);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'stakeholders.now_on_set', subjectType: 'stakeholder_meeting', subjectId: meetingId, details: { position } });
      return ok(null);
    },

    /**
     * Publishes the minutes of a meeting with any documents (PDF, ODT, DOCX) (facilitators). The documents are
     * checked before anything is written, and removed again if the minutes cannot be saved.
     */
    async recordMinutes(actor: Actor | null, meetingId: string, minutes: unknown, documents: readonly MinutesUpload[] = [], locale: unknown = 'nb'): Promise<Result<null>> {
      if (!actor || !stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      if (!(await repo.findMeeting(meetingId))) return fail('NotFound');
      const errors: FieldError[] = [];
      const value = text(minutes, 'minutes', stakeholderLimits.minutes, errors);
      const checked: CheckedUpload[] = [];
      for (const [i, document] of documents.entries()) {
        const result = deps.files.checkDocument(document, { field: `documents.${i}`, typeMessage: 'stakeholders.fact.documentType' });
        if (result.ok) checked.push(result.value);
        else errors.push(...(result.fields ?? []));
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const stored = await deps.files.attachDocuments(actor.id, 'meeting', meetingId, checked, locale);
      try {
        await repo.setMinutes(meetingId, value);
      } catch (error) {
        await deps.files.detach(actor.id, 'meeting', meetingId, stored);
        throw error;
      }
      await deps.audit.record({ actorId: actor.id, action: 'stakeholders.minutes_recorded', subjectType: 'stakeholder_meeting', subjectId: meetingId, details: { documents: stored.length } });
      return ok(null);
    },
  };
  return useCases;
}
