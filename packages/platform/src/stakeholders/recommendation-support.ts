import type { Actor } from '../accounts/index.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { StakeholdersContext } from './stakeholders.context.ts';
import { stakeholdersPolicy } from './stakeholders.policy.ts';
import type { SupportKind } from './stakeholders.tables.ts';

/**
 * The support a recommendation needs: a share of the joined members (rounded up, at least one) or a number of
 * them. Half of 5 members is 3; 100 % of 4 is 4.
 */
export function supportNeeded(threshold: { kind: SupportKind; value: number }, members: number): number {
  return threshold.kind === 'count' ? threshold.value : Math.max(1, Math.ceil((threshold.value * members) / 100));
}

/** A panel's support threshold, how many members it has and how many supporters that makes. */
export async function supportRule(ctx: StakeholdersContext, panel: { id: string; support_kind: SupportKind; support_value: number }) {
  const members = await ctx.recs.memberCount(panel.id);
  const threshold = { kind: panel.support_kind, value: panel.support_value };
  return { threshold, members, needed: supportNeeded(threshold, members) };
}

/**
 * The panel's support for its recommendations: the facilitator's threshold, members supporting (or withdrawing
 * from) a version, and sending to the decision-maker once the panel supports it.
 */
export function supportUseCases(ctx: StakeholdersContext) {
  const { deps, repo, recs } = ctx;

  /** The recommendation and the actor's joined place in its panel. */
  async function asMember(actor: Actor | null, recommendationId: string) {
    if (!actor) return fail('NotSignedIn');
    const rec = await repo.findRecommendation(recommendationId);
    if (!rec) return fail('NotFound');
    const me = await ctx.member(actor, rec.panel_id);
    if (!me || me.joined_at === null) return fail('Forbidden');
    return ok({ rec, me });
  }

  return {
    /** The panel's threshold (kind and value), its members and the supporters that makes now. */
    async supportThresholdOf(panelId: string) {
      const panel = await repo.findPanel(panelId);
      if (!panel) return null;
      const rule = await supportRule(ctx, panel);
      return { kind: rule.threshold.kind, value: rule.threshold.value, members: rule.members, needed: rule.needed };
    },

    /**
     * Sets the support a recommendation needs before it may be sent (facilitators): a share of the members,
     * 1–100 %, or a number of members, from 1 up to the members the panel has.
     */
    async setSupportThreshold(actor: Actor | null, panelId: string, input: { kind: unknown; value: unknown }): Promise<Result<{ kind: SupportKind; value: number; needed: number }>> {
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      const panel = await repo.findPanel(panelId);
      if (!panel) return fail('NotFound');
      if (input.kind !== 'share' && input.kind !== 'count') return fail('ValidationFailed', [{ field: 'kind', message: 'field.unknownChoice' }]);
      const value = typeof input.value === 'number' ? input.value : typeof input.value === 'string' && /^\s*\d{1,6}\s*$/.test(input.value) ? Number(input.value) : NaN;
      const members = await recs.memberCount(panelId);
      if (input.kind === 'share' && (!Number.isInteger(value) || value < 1 || value > 100)) return fail('ValidationFailed', [{ field: 'value', message: 'stakeholders.support.shareRange' }]);
      if (input.kind === 'count' && (!Number.isInteger(value) || value < 1 || value > members)) {
        return fail('ValidationFailed', [{ field: 'value', message: members === 0 ? 'stakeholders.support.noMembers' : 'stakeholders.support.countRange', params: { members } }]);
      }
      await recs.setSupportThreshold(panelId, input.kind, value);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'stakeholders.support_threshold_set', subjectType: 'stakeholder_panel', subjectId: panelId, details: { kind: input.kind, value } });
      return ok({ kind: input.kind, value, needed: supportNeeded({ kind: input.kind, value }, members) });
    },

    /** A member supports the current version of a recommendation not yet sent; once per version. */
    async supportRecommendation(actor: Actor | null, recommendationId: string): Promise<Result<null>> {
      const found = await asMember(actor, recommendationId);
      if (!found.ok) return found;
      const outcome = await recs.support(recommendationId, found.value.me.id);
      if (outcome === 'sent') return fail('RecommendationSent');
      if (outcome === 'twice') return fail('AlreadySupported', [{ field: 'support', message: 'stakeholders.support.twice', params: { version: found.value.rec.version } }]);
      return ok(null);
    },

    /** A member withdraws their support from a recommendation not yet sent. */
    async withdrawSupport(actor: Actor | null, recommendationId: string): Promise<Result<null>> {
      const found = await asMember(actor, recommendationId);
      if (!found.ok) return found;
      const outcome = await recs.withdraw(recommendationId, found.value.me.id);
      if (outcome === 'sent') return fail('RecommendationSent');
      if (outcome === 'none') return fail('Conflict', [{ field: 'support', message: 'stakeholders.support.none' }]);
      return ok(null);
    },

    /**
     * Sends a recommendation to the decision-maker (facilitators), only when its current version has the
     * panel's support; refused with how much support it has and needs otherwise.
     */
    async sendRecommendation(actor: Actor | null, recommendationId: string): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      const rec = await repo.findRecommendation(recommendationId);
      const panel = rec ? await repo.findPanel(rec.panel_id) : null;
      if (!rec || !panel) return fail('NotFound');
      const rule = await supportRule(ctx, panel);
      const outcome = await recs.send(recommendationId, rule.needed, actor.id);
      if (outcome.already) return fail('RecommendationSent');
      if (!outcome.sent) return fail('SupportMissing', [{ field: 'support', message: 'stakeholders.support.missing', params: { count: outcome.supporters, needed: rule.needed, members: rule.members } }]);
      await deps.audit.record({ actorId: actor.id, action: 'stakeholders.recommendation_sent', subjectType: 'recommendation', subjectId: recommendationId, details: { version: rec.version, supporters: outcome.supporters, needed: rule.needed } });
      // The decision-makers hear that a recommendation waits for their answer, and with how much support it came.
      const process = await deps.processes.getProcessById(panel.process_id);
      await deps.notifications.notify({
        userIds: await deps.accounts.userIdsWithRoles(['decision_maker']),
        kind: 'recommendation_sent',
        subjectType: 'recommendation',
        subjectId: recommendationId,
        payload: { title: rec.title, supporters: outcome.supporters, members: rule.members, link: `/processes/${process?.slug ?? ''}/stakeholders/recommendations/${rec.number}` },
      });
      return ok(null);
    },
  };
}
