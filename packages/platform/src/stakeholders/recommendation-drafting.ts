import type { Actor } from '../accounts/index.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { supportRule } from './recommendation-support.ts';
import { presentRecommendation, type PresentedRecommendation } from './recommendation.presenter.ts';
import { text, type StakeholdersContext } from './stakeholders.context.ts';
import { stakeholdersPolicy } from './stakeholders.policy.ts';
import { stakeholderLimits } from './stakeholders.types.ts';
import { wordDiff, type DiffPart } from './word-diff.ts';

/** A saved version of a recommendation: who saved it and when. */
export interface RecommendationVersion {
  readonly version: number;
  readonly title: string;
  readonly body: string;
  /** The member's name in the panel, or null for a facilitator (or a person since deleted). */
  readonly author: { readonly name: string | null; readonly role: string | null } | null;
  readonly savedAt: Date;
}

/**
 * A recommendation drafted together: any member edits it (each save is a version with its author and time),
 * everyone who may see the panel reads it, its versions and the differences between two of them.
 */
export function draftingUseCases(ctx: StakeholdersContext) {
  const { deps, repo, recs } = ctx;

  /** The recommendation, its panel and process, when the actor may see the panel (or must answer it). */
  async function visible(actor: Actor | null, recommendationId: string) {
    const rec = await repo.findRecommendation(recommendationId);
    const panel = rec ? await repo.findPanel(rec.panel_id) : null;
    const process = panel ? await deps.processes.getProcessById(panel.process_id) : null;
    if (!rec || !panel || !process) return null;
    const me = await ctx.member(actor, panel.id);
    // Decision-makers read what they are asked to answer, whether or not the process is public yet.
    const staff = stakeholdersPolicy.facilitate(actor) || stakeholdersPolicy.decide(actor);
    if (!me && !staff && !(await deps.processes.getProcess(actor, process.slug)).ok) return null;
    return { rec, panel, process, me: me?.joined_at ? me : null };
  }

  /** Names of the panel's stakeholders by account, for authors of versions and comments. */
  async function authorsOf(panelId: string) {
    const people = await repo.stakeholders(panelId);
    return {
      people,
      byUser: (userId: string | null) => {
        if (!userId) return null;
        const person = people.find((p) => p.user_id === userId);
        return person ? { name: person.name, role: person.role } : { name: null, role: null };
      },
    };
  }

  return {
    /**
     * A recommendation as the actor sees it: the current version, support for it against the panel's threshold,
     * the comments (one level of replies), its state and what the actor may do.
     */
    async viewRecommendation(actor: Actor | null, recommendationId: string): Promise<Result<PresentedRecommendation>> {
      const found = await visible(actor, recommendationId);
      if (!found) return fail('NotFound');
      const { rec, panel, process, me } = found;
      const [rule, supports, comments, authors] = await Promise.all([supportRule(ctx, panel), recs.supports(rec.id), recs.comments(rec.id), authorsOf(panel.id)]);
      return ok(presentRecommendation({ rec, processSlug: process.slug, rule, supports, comments, people: authors.people, actor, me }));
    },

    /** The recommendation with the given number in a panel (for pages addressed by number). */
    async recommendationByNumber(panelId: string, number: number) {
      return (await repo.recommendations(panelId)).find((r) => r.number === number) ?? null;
    },

    /**
     * Saves a new version (members and facilitators) while the recommendation is not sent. `version` is the one
     * the editor started from: a save on top of a newer version is refused, and nothing is lost (the form keeps
     * the text). Members who supported an earlier version are asked to look again.
     */
    async editRecommendation(actor: Actor | null, recommendationId: string, input: { title: unknown; body: unknown; version?: unknown }): Promise<Result<{ version: number }>> {
      if (!actor) return fail('NotSignedIn');
      const found = await visible(actor, recommendationId);
      if (!found) return fail('NotFound');
      if (!found.me && !stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      if (found.rec.sent_at) return fail('RecommendationSent');
      const errors: FieldError[] = [];
      const title = text(input.title, 'title', stakeholderLimits.recommendationTitle, errors);
      const body = text(input.body, 'body', stakeholderLimits.recommendationBody, errors);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const base = typeof input.version === 'number' && Number.isInteger(input.version) ? input.version : null;
      const saved = await recs.saveVersion(recommendationId, { title, body, authorId: actor.id, baseVersion: base });
      if (saved === 'sent') return fail('RecommendationSent');
      if (saved === 'stale') return fail('Conflict', [{ field: 'body', message: 'stakeholders.recommendation.staleVersion', params: { version: found.rec.version } }]);
      await deps.audit.record({ actorId: actor.id, action: 'stakeholders.recommendation_edited', subjectType: 'recommendation', subjectId: recommendationId, details: { version: saved } });
      const earlier = (await recs.supports(recommendationId)).filter((s) => s.version < saved).map((s) => s.stakeholder_id);
      if (earlier.length > 0) {
        const people = await repo.stakeholders(found.panel.id);
        await deps.notifications.notify({
          userIds: people.filter((p) => earlier.includes(p.id) && p.user_id !== null && p.user_id !== actor.id).map((p) => p.user_id ?? ''),
          kind: 'recommendation_revised',
          subjectType: 'recommendation',
          subjectId: recommendationId,
          payload: { title, version: saved, link: `/processes/${found.process.slug}/stakeholders/recommendations/${found.rec.number}` },
        });
      }
      return ok({ version: saved });
    },

    /** Every saved version, newest first, with its author and time (anyone who may see the panel). */
    async recommendationVersions(actor: Actor | null, recommendationId: string): Promise<Result<RecommendationVersion[]>> {
      const found = await visible(actor, recommendationId);
      if (!found) return fail('NotFound');
      const [versions, authors] = await Promise.all([recs.versions(recommendationId), authorsOf(found.panel.id)]);
      return ok(versions.map((v) => ({ version: v.version, title: v.title, body: v.body, author: authors.byUser(v.author_id), savedAt: v.created_at })));
    },

    /** The word-level differences between two versions' titles and texts. */
    async compareVersions(actor: Actor | null, recommendationId: string, input: { from: unknown; to: unknown }): Promise<Result<{ from: number; to: number; title: DiffPart[]; body: DiffPart[] }>> {
      const found = await visible(actor, recommendationId);
      if (!found) return fail('NotFound');
      const versions = await recs.versions(recommendationId);
      const pick = (value: unknown, field: string, errors: FieldError[]) => {
        const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
        const version = versions.find((v) => v.version === n);
        if (!version) errors.push({ field, message: 'stakeholders.recommendation.unknownVersion', params: { latest: found.rec.version } });
        return version;
      };
      const errors: FieldError[] = [];
      const from = pick(input.from, 'from', errors);
      const to = pick(input.to, 'to', errors);
      if (!from || !to) return fail('ValidationFailed', errors);
      return ok({ from: from.version, to: to.version, title: wordDiff(from.title, to.title), body: wordDiff(from.body, to.body) });
    },
  };
}
