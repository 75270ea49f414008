import type { Db } from '../db/database.ts';
import { linesWithContent, type DeletionLine, type PersonalSections } from '../shared/privacy.ts';
import { moderationPrivacyRepository } from './moderation.privacy.repository.ts';

/**
 * One person's data in the moderation module. Deleting the account keeps reports and decisions as the moderators'
 * record without the person (their foreign keys set null) and deletes blocks on the account with it.
 */
export function moderationPrivacy(db: Db) {
  const privacy = moderationPrivacyRepository(db);
  return {
    /** Reports the person made, moderators' decisions on their content, and blocks on their account. */
    async exportFor(userId: string): Promise<PersonalSections> {
      const [reports, decisions, blocks] = await Promise.all([privacy.reportsBy(userId), privacy.decisionsAbout(userId), privacy.blocksOf(userId)]);
      return {
        reports: reports.map((r) => ({ id: r.id, targetType: r.target_type, targetId: r.target_id, reason: r.reason, text: r.text, createdAt: r.created_at, resolvedAt: r.resolved_at })),
        moderationDecisions: decisions.map((d) => ({ id: d.id, targetType: d.target_type, targetId: d.target_id, action: d.action, reason: d.reason, createdAt: d.created_at })),
        blocks: blocks.map((b) => ({ id: b.id, reason: b.reason, endsAt: b.ends_at, createdAt: b.created_at, liftedAt: b.lifted_at })),
      };
    },

    /** What deleting the account does here: reports and decisions stay unlinked, blocks go. */
    async deletionPlanFor(userId: string): Promise<DeletionLine[]> {
      const [reports, decisions, blocks] = await Promise.all([privacy.reportsBy(userId), privacy.decisionsAbout(userId), privacy.blocksOf(userId)]);
      return linesWithContent([
        { section: 'reports', count: reports.length, outcome: 'kept', reason: 'moderationRecord' },
        { section: 'moderationDecisions', count: decisions.length, outcome: 'kept', reason: 'moderationRecord' },
        { section: 'blocks', count: blocks.length, outcome: 'deleted' },
      ]);
    },
  };
}
