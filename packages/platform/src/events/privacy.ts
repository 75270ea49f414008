import { linesWithContent, type DeletionLine, type PersonalSections } from '../shared/privacy.ts';
import type { EventsContext } from './events.context.ts';

/**
 * One person's event registrations (with their answers). Deleting the account deletes them; a seat held for an
 * event still ahead is given up first, so the waiting list moves up as if the person had cancelled.
 */
export function eventsPrivacyUseCases(ctx: EventsContext, notifyPromoted: (eventId: string, title: string, userIds: readonly string[]) => Promise<void>) {
  const { deps, repo } = ctx;
  return {
    async exportFor(userId: string): Promise<PersonalSections> {
      const rows = await repo.exportOf(userId);
      return {
        eventRegistrations: rows.map((r) => ({ title: r.title, startsAt: r.starts_at, status: r.status, answers: r.answers, registeredAt: r.registered_at, attended: r.attended })),
      };
    },

    async deletionPlanFor(userId: string): Promise<DeletionLine[]> {
      const rows = await repo.exportOf(userId);
      return linesWithContent([{ section: 'eventRegistrations', count: rows.length, outcome: 'deleted' }]);
    },

    /** Gives up the person's seats and places in line at events not yet started (the rows go with the user). */
    async forgetUser(userId: string): Promise<void> {
      const now = deps.clock();
      for (const row of await repo.activeRegistrationsOfUser(userId, now)) {
        const outcome = await repo.cancel(row.event_id, userId, now);
        if (outcome) await notifyPromoted(row.event_id, row.title, outcome.promoted);
      }
    },
  };
}
