import { linesWithContent, type DeletionLine, type PersonalSections } from '../shared/privacy.ts';
import type { UpdatesContext } from './updates.context.ts';

/**
 * One person's part of process updates: the updates that reached them (subject, when, whether by e-mail) and the
 * processes they unsubscribed from. Deleting the account deletes both (the rows go with the user); an update's
 * own counts stay, naming nobody.
 */
export function updatesPrivacyUseCases(ctx: UpdatesContext) {
  const { repo } = ctx;
  return {
    async exportFor(userId: string): Promise<PersonalSections> {
      const [deliveries, unsubscribes] = await Promise.all([repo.deliveriesOf(userId), repo.unsubscribesOf(userId)]);
      return {
        processUpdates: deliveries.map((d) => ({ processId: d.process_id, subject: d.subject[d.locale] ?? d.subject[d.language] ?? '', receivedAt: d.created_at, emailedAt: d.emailed_at })),
        updateUnsubscribes: unsubscribes.map((u) => ({ processId: u.process_id, unsubscribedAt: u.created_at })),
      };
    },

    async deletionPlanFor(userId: string): Promise<DeletionLine[]> {
      const [deliveries, unsubscribes] = await Promise.all([repo.deliveriesOf(userId), repo.unsubscribesOf(userId)]);
      return linesWithContent([
        { section: 'processUpdates', count: deliveries.length, outcome: 'deleted' },
        { section: 'updateUnsubscribes', count: unsubscribes.length, outcome: 'deleted' },
      ]);
    },
  };
}
