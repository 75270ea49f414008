import type { Actor } from '../accounts/accounts.policy.ts';
import { resolveText } from '../shared/localized.ts';
import { isUuid } from '../shared/validate.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { CensusContext } from './census.context.ts';
import { censusPolicy } from './census.policy.ts';
import type { CensusSummary } from './importing.ts';
import { birthYearsOf, participantsWith } from './participants.ts';

/** Outreach the platform carries out itself: a reminder to a group's registered residents. */
export function outreachUseCases({ deps, repo }: CensusContext, current: () => Promise<CensusSummary | null>) {
  const participantsOf = participantsWith(deps);
  return {
    /**
     * Reminds the registered residents of a group (an area and/or an age band of the census) who have not
     * taken part in the process that its open phase is waiting for them: a notification each, e-mailed to
     * those who chose e-mail. Once per group and phase; process managers. Only people who told the platform
     * their area and year of birth can be reached: nobody is guessed into a group.
     */
    async sendReminder(actor: Actor | null, processId: string, input: { area: unknown; ageBand: unknown }): Promise<Result<{ recipients: number }>> {
      if (!actor) return fail('NotSignedIn');
      if (!censusPolicy.setThresholds(actor)) return fail('Forbidden');
      const process = isUuid(processId) ? await deps.processes.getProcessById(processId) : null;
      if (!process) return fail('NotFound');
      const census = await current();
      const area = typeof input.area === 'string' ? input.area.trim() : '';
      const ageBand = typeof input.ageBand === 'string' ? input.ageBand.trim() : '';
      const errors: FieldError[] = [];
      if (area !== '' && !census?.areas.includes(area)) errors.push({ field: 'area', message: 'field.unknownChoice' });
      const band = census?.ageBands.find((b) => b.label === ageBand) ?? null;
      if (ageBand !== '' && !band) errors.push({ field: 'ageBand', message: 'field.unknownChoice' });
      if (area === '' && ageBand === '') errors.push({ field: 'area', message: 'field.required' });
      if (errors.length > 0 || !census) return fail('ValidationFailed', errors);
      const phase = process.phases.find((p) => p.state === 'open');
      if (!phase) return fail('PhaseClosed');
      const took = new Set(await participantsOf(process.id, null, process.phases.map((p) => p.id)));
      const residents = await deps.accounts.residentsMatching({ area: area || null, birthYears: band ? birthYearsOf(band, deps.clock().getUTCFullYear()) : null });
      const recipients = residents.filter((id) => !took.has(id));
      if (recipients.length === 0) return fail('ValidationFailed', [{ field: 'area', message: 'census.nobodyToRemind' }]);
      if (!(await repo.insertReminder({ processId: process.id, phaseId: phase.id, area, age: ageBand, recipients: recipients.length, by: actor.id, at: deps.clock() })))
        return fail('ValidationFailed', [{ field: 'area', message: 'census.reminderSent' }]);
      await deps.notifications.notify({
        userIds: recipients,
        kind: 'phase_reminder',
        subjectType: 'process',
        subjectId: process.id,
        payload: {
          processTitle: resolveText(process.title, 'nb', 'nb').text,
          phaseTitle: resolveText(phase.title, 'nb', 'nb').text,
          endsOn: phase.endsOn,
          processSlug: process.slug,
          link: `/processes/${process.slug}`,
        },
      });
      await deps.audit.record({ actorId: actor.id, action: 'census.reminderSent', subjectType: 'process', subjectId: process.id, details: { phaseId: phase.id, area, ageBand, recipients: recipients.length } });
      return ok({ recipients: recipients.length });
    },
  };
}
