import type { Actor } from '../accounts/index.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { text, type StakeholdersContext } from './stakeholders.context.ts';
import { stakeholdersPolicy } from './stakeholders.policy.ts';
import type { RecommendationDecision } from './stakeholders.tables.ts';
import { stakeholderLimits } from './stakeholders.types.ts';

/**
 * Recommendations resting on conversation statements and approved facts, drafted by any member of the panel
 * (then edited, supported and sent: see recommendation-drafting.ts and recommendation-support.ts), and the
 * decision-maker's answer with reasons, which everyone who took part hears about.
 */
export function recommendationUseCases(ctx: StakeholdersContext) {
  const { deps, repo } = ctx;
  return {
    /**
     * Facilitators and stakeholders draft a recommendation resting on statements of the process's conversation
     * (by number) and approved facts (by number).
     */
    async draftRecommendation(
      actor: Actor | null,
      panelId: string,
      input: { title: unknown; body: unknown; meetingId?: unknown; statements?: unknown; facts?: unknown },
    ): Promise<Result<{ id: string; number: number }>> {
      if (!actor) return fail('NotSignedIn');
      const panel = await repo.findPanel(panelId);
      if (!panel) return fail('NotFound');
      if (!stakeholdersPolicy.facilitate(actor) && !(await ctx.member(actor, panelId))?.joined_at) return fail('Forbidden');
      const errors: FieldError[] = [];
      const title = text(input.title, 'title', stakeholderLimits.recommendationTitle, errors);
      const body = text(input.body, 'body', stakeholderLimits.recommendationBody, errors);
      const numbers = (value: unknown) =>
        (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[\s,;]+/) : []).map((s) => s.trim()).filter((s) => s !== '');
      const links: { kind: 'statement' | 'fact'; targetId: string }[] = [];
      const conversation = await ctx.processConversation(panel.process_id);
      const statementNumbers = numbers(input.statements);
      if (statementNumbers.length > 0) {
        const listed = conversation ? await deps.conversations.listStatements(null, conversation.id) : null;
        const known = new Set(listed?.ok ? listed.value.map((s) => String(s.number)) : []);
        const unknown = statementNumbers.filter((n) => !known.has(n));
        if (unknown.length > 0 || !conversation) errors.push({ field: 'statements', message: 'stakeholders.recommendation.unknownStatements', params: { numbers: unknown.join(', ') } });
        else for (const n of new Set(statementNumbers)) links.push({ kind: 'statement', targetId: `${conversation.id}:${n}` });
      }
      const factNumbers = numbers(input.facts);
      if (factNumbers.length > 0) {
        const approved = new Map((await repo.facts(panelId)).filter((f) => f.status === 'approved').map((f) => [String(f.number), f.id]));
        const unknown = factNumbers.filter((n) => !approved.has(n));
        if (unknown.length > 0) errors.push({ field: 'facts', message: 'stakeholders.recommendation.unknownFacts', params: { numbers: unknown.join(', ') } });
        else for (const n of new Set(factNumbers)) links.push({ kind: 'fact', targetId: approved.get(n) ?? '' });
      }
      let meetingId: string | null = null;
      if (typeof input.meetingId === 'string' && input.meetingId !== '') {
        const meeting = await repo.findMeeting(input.meetingId);
        if (!meeting || meeting.panel_id !== panelId) errors.push({ field: 'meetingId', message: 'field.unknownChoice' });
        else meetingId = meeting.id;
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const row = await repo.insertRecommendation({ panelId, meetingId, title, body, draftedBy: actor.id, links });
      await deps.audit.record({ actorId: actor.id, action: 'stakeholders.recommendation_drafted', subjectType: 'recommendation', subjectId: row.id });
      return ok(row);
    },

    /**
     * The decision-maker answers a recommendation the panel sent: accepted, partly accepted or rejected, with
     * reasons, once. The answer is public on the panel's page; the panel's members and everyone who took part
     * in the conversation with an account are notified (in the list and by e-mail, as each chose).
     */
    async decideRecommendation(actor: Actor | null, recommendationId: string, input: { decision: unknown; reason: unknown }): Promise<Result<null>> {
      if (!stakeholdersPolicy.decide(actor)) return fail('Forbidden');
      const rec = await repo.findRecommendation(recommendationId);
      if (!rec) return fail('NotFound');
      if (!rec.sent_at) return fail('SupportMissing', [{ field: 'decision', message: 'stakeholders.recommendation.notSent' }]);
      const errors: FieldError[] = [];
      if (input.decision !== 'accepted' && input.decision !== 'partly' && input.decision !== 'rejected') errors.push({ field: 'decision', message: 'field.unknownChoice' });
      const reason = text(input.reason, 'reason', stakeholderLimits.reason.max, errors, true, stakeholderLimits.reason.min);
      if (errors.length > 0) return fail('ValidationFailed', errors.map((e) => (e.field === 'reason' && e.message === 'field.required' ? { field: 'reason', message: 'field.reasonRequired' } : e)));
      const decision = input.decision as RecommendationDecision;
      if (!(await repo.decide(recommendationId, decision, reason, actor?.id ?? null))) return fail('AlreadyResponded');
      await deps.audit.record({ actorId: actor?.id ?? null, action: `stakeholders.recommendation_${decision}`, subjectType: 'recommendation', subjectId: recommendationId, details: { reason } });
      const panel = await repo.findPanel(rec.panel_id);
      const process = panel ? await deps.processes.getProcessById(panel.process_id) : null;
      const conversation = panel ? await ctx.processConversation(panel.process_id) : null;
      const audience = [...(await repo.stakeholderUsers(rec.panel_id)), ...(conversation ? await deps.conversations.participantUsers(conversation.id) : [])];
      await deps.notifications.notify({
        userIds: audience,
        kind: 'recommendation_decided',
        subjectType: 'recommendation',
        subjectId: recommendationId,
        payload: { title: rec.title, decision, reason, link: `/processes/${process?.slug ?? ''}/stakeholders#recommendation-${rec.number}` },
      });
      return ok(null);
    },
  };
}
