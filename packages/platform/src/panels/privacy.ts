import { linesWithContent, type DeletionLine, type PersonalSections } from '../shared/privacy.ts';
import type { PanelsContext } from './panels.context.ts';
import { panelsPrivacyRepository } from './panels.privacy.repository.ts';

/**
 * One person's part in citizens' panels. Deleting the account removes their contact details and public name
 * and the panels they follow; their seat (a number, the categories they answered, their votes) stays without
 * them, because the published composition and vote counts are made of it; what they wrote in the workspace
 * stays without its author.
 */
export function panelsPrivacyUseCases(ctx: PanelsContext) {
  const privacy = panelsPrivacyRepository(ctx.deps.db);
  return {
    /** The person's seats with their registration answers and contact details, their votes, their writing and follows. */
    async exportFor(userId: string): Promise<PersonalSections> {
      const seats = await privacy.seatsOf(userId);
      const [votes, items, amendments, follows] = await Promise.all([privacy.votesOf(seats.map((s) => s.id)), privacy.itemsBy(userId), privacy.amendmentsBy(userId), privacy.followsOf(userId)]);
      return {
        panelRegistrations: seats.map((s) => ({ panelId: s.panel_id, panel: s.title, number: s.number, answers: s.answers, status: s.status, publicName: s.public_name, name: s.name, email: s.email, phone: s.phone, registeredAt: s.registered_at, selectedAt: s.selected_at, confirmedAt: s.confirmed_at, leftAt: s.left_at })),
        panelVotes: votes.map((v) => ({ panelId: v.panel_id, recommendation: v.number, title: v.title, choice: v.choice, at: v.at })),
        panelWriting: [
          ...items.map((i) => ({ id: i.id, panelId: i.panel_id, kind: i.kind, title: i.title, body: i.body, link: i.link, createdAt: i.created_at })),
          ...amendments.map((a) => ({ id: a.id, kind: 'amendment', recommendationId: a.recommendation_id, body: a.body, rationale: a.rationale, status: a.status, createdAt: a.created_at })),
        ],
        panelFollows: follows.map((f) => ({ panelId: f.panel_id, panel: f.title })),
      };
    },

    /** Contact details and follows go; seats, votes and writing stay without the person. */
    async deletionPlanFor(userId: string): Promise<DeletionLine[]> {
      const seats = await privacy.seatsOf(userId);
      const [votes, items, amendments, follows] = await Promise.all([privacy.votesOf(seats.map((s) => s.id)), privacy.itemsBy(userId), privacy.amendmentsBy(userId), privacy.followsOf(userId)]);
      return linesWithContent([
        { section: 'panelContacts', count: seats.filter((s) => s.email !== null || s.public_name !== null).length, outcome: 'deleted' },
        { section: 'panelRegistrations', count: seats.length, outcome: 'kept', reason: 'panelComposition' },
        { section: 'panelVotes', count: votes.length, outcome: 'kept', reason: 'countedInResults' },
        { section: 'panelWriting', count: items.length + amendments.length, outcome: 'kept', reason: 'othersReacted' },
        { section: 'panelFollows', count: follows.length, outcome: 'deleted' },
      ]);
    },

    /** Removes the contact details, public name and follows. */
    async forgetUser(userId: string): Promise<void> {
      await privacy.anonymiseSeats(userId);
    },

    /**
     * The retention job: for every panel that ended at least `days` days ago, deletes its registrations'
     * personal data (their answers stay, without names, for the participation analysis). Each panel is
     * audited. Returns how many panels were purged.
     */
    async purgeEndedRegistrations(days: number): Promise<number> {
      const due = await privacy.endedBefore(ctx.today(), days);
      for (const panelId of due) {
        const counts = await privacy.purgeRegistrations(panelId, ctx.deps.clock());
        await ctx.audit(null, 'panel.registrations_purged', panelId, { ...counts, afterDays: days });
      }
      return due.length;
    },
  };
}
