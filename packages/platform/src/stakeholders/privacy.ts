import { linesWithContent, type DeletionLine, type PersonalSections } from '../shared/privacy.ts';
import type { StakeholdersContext } from './stakeholders.context.ts';
import { stakeholdersPrivacyRepository } from './stakeholders.privacy.repository.ts';

/**
 * One person's places on stakeholder panels. Deleting the account removes their name, whom they speak for,
 * their introduction and the address they were invited at; the facts they submitted stay on the panel's fact
 * sheet (others cite and dispute them), by an unnamed stakeholder; the versions and comments they wrote on the
 * panel's recommendations stay, no longer linked to them.
 */
export function stakeholdersPrivacyUseCases(ctx: StakeholdersContext) {
  const privacy = stakeholdersPrivacyRepository(ctx.deps.db);
  return {
    /** The person's places (role, name, introduction, invitation address) and the facts they submitted. */
    async exportFor(userId: string): Promise<PersonalSections> {
      const places = await privacy.placesOf(userId);
      const ids = places.map((p) => p.id);
      const [emails, facts, writing] = await Promise.all([privacy.invitationEmailsOf(ids), privacy.factsOf(ids), privacy.recommendationWritingOf(userId)]);
      return {
        stakeholderPlaces: places.map((p) => ({ panelId: p.panel_id, processId: p.process_id, role: p.role, name: p.name, speaksFor: p.speaks_for, introduction: p.introduction, invitedAt: p.invited_at, joinedAt: p.joined_at, invitedAtAddress: emails.find((e) => e.stakeholder_id === p.id)?.email ?? null })),
        facts: facts.map((f) => ({ id: f.id, panelId: f.panel_id, number: f.number, title: f.title, body: f.body, status: f.status, reviewReason: f.review_reason, disputesFactId: f.disputes_fact_id, createdAt: f.created_at, updatedAt: f.updated_at })),
        recommendationWriting: [
          ...writing.versions.map((v) => ({ kind: 'version', recommendationId: v.recommendation_id, version: v.version, title: v.title, body: v.body, savedAt: v.created_at })),
          ...writing.comments.map((c) => ({ kind: 'comment', recommendationId: c.recommendation_id, id: c.id, answers: c.parent_id, body: c.body, hidden: c.hidden_at !== null, savedAt: c.created_at })),
        ],
      };
    },

    /** Places lose what names the person; facts stay on the fact sheet. */
    async deletionPlanFor(userId: string): Promise<DeletionLine[]> {
      const places = await privacy.placesOf(userId);
      const facts = await privacy.factsOf(places.map((p) => p.id));
      const writing = await privacy.recommendationWritingOf(userId);
      return linesWithContent([
        { section: 'stakeholderPlaces', count: places.length, outcome: 'deleted' },
        { section: 'facts', count: facts.length, outcome: 'kept', reason: 'othersReacted' },
        // The panel wrote its recommendations together: the text stays, no longer linked to the account.
        { section: 'recommendationWriting', count: writing.versions.length + writing.comments.length, outcome: 'kept', reason: 'othersReacted' },
      ]);
    },

    /** Removes the name, introduction and invitation address from the person's places. */
    async forgetUser(userId: string): Promise<void> {
      await privacy.anonymise(userId);
    },
  };
}
