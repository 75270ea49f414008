import type { Actor } from '../accounts/index.ts';
import { instantIn } from '../shared/dates.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { httpUrl, text, type StakeholdersContext } from './stakeholders.context.ts';
import { stakeholdersPolicy } from './stakeholders.policy.ts';
import { stakeholderLimits } from './stakeholders.types.ts';

/** Live meetings of the panel: scheduled with an agenda and a stream link, then minuted. */
export function meetingUseCases(ctx: StakeholdersContext) {
  const { deps, repo } = ctx;
  return {
    /** Schedules a live meeting with its agenda and stream link (facilitators). */
    async scheduleMeeting(actor: Actor | null, panelId: string, input: { title: unknown; startsAt: unknown; streamUrl?: unknown; agenda?: unknown }): Promise<Result<{ id: string }>> {
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      if (!(await repo.findPanel(panelId))) return fail('NotFound');
      const errors: FieldError[] = [];
      const title = text(input.title, 'title', stakeholderLimits.meetingTitle, errors);
      const agenda = text(input.agenda, 'agenda', stakeholderLimits.agenda, errors, false);
      const stream = typeof input.streamUrl === 'string' ? input.streamUrl.trim() : '';
      if (stream !== '' && !httpUrl(stream)) errors.push({ field: 'streamUrl', message: 'stakeholders.fact.urlInvalid' });
      // A date and time as the form sends it is the municipality's wall clock (18:00 in Oslo is 18:00 there).
      const startsAt = instantIn(input.startsAt, deps.timeZone);
      if (!startsAt) errors.push({ field: 'startsAt', message: 'field.dateTimeInvalid' });
      if (errors.length > 0 || !startsAt) return fail('ValidationFailed', errors);
      const id = await repo.insertMeeting(panelId, { title, startsAt, streamUrl: stream || null, agenda });
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'stakeholders.meeting_scheduled', subjectType: 'stakeholder_panel', subjectId: panelId, details: { meetingId: id } });
      return ok({ id });
    },

    /** Writes the minutes of a meeting (facilitators). */
    async recordMinutes(actor: Actor | null, meetingId: string, minutes: unknown): Promise<Result<null>> {
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      if (!(await repo.findMeeting(meetingId))) return fail('NotFound');
      const errors: FieldError[] = [];
      const value = text(minutes, 'minutes', stakeholderLimits.minutes, errors);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      await repo.setMinutes(meetingId, value);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'stakeholders.minutes_recorded', subjectType: 'stakeholder_meeting', subjectId: meetingId });
      return ok(null);
    },
  };
}
