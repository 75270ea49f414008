import type { Platform } from '../platform.ts';

/**
 * Two reports in the demo's town-centre ideas, so the moderators' queue has something to show: a resident
 * questions whether an idea belongs in the plan, another reports a comment.
 */
export async function seedDemoModeration(platform: Platform, input: { ideaId: string; commentId: string; reporters: readonly [string, string] }): Promise<void> {
  const [first, second] = input.reporters;
  await platform.moderation.reportContent({ id: first, roles: ['resident'] }, { type: 'idea', id: input.ideaId, reason: 'off_topic', text: 'Gatelys er vel driftsansvar, ikke en del av sentrumsplanen?' });
  await platform.moderation.reportContent({ id: second, roles: ['resident'] }, { type: 'comment', id: input.commentId, reason: 'other', text: 'Gjentar bare det som står i forslaget.' });
}
