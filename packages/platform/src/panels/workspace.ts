import type { Actor } from '../accounts/accounts.policy.ts';
import { checkText } from '../shared/validate.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { PanelsContext } from './panels.context.ts';
import { panelsPolicy } from './panels.policy.ts';
import { quorumOf } from './administrators.ts';
import { itemKinds, voteChoices, type ItemKind } from './panels.tables.ts';

/** The members' workspace: materials and notes, recommendations, amendments and votes. */
export function workspaceUseCases(ctx: PanelsContext) {
  const { deps, repo, allowed, invalid, audit, standing } = ctx;
  return {
    /** The members' workspace: sessions, materials, submissions, notes, recommendations with amendments. */
    async workspace(actor: Actor | null, panelId: string) {
      const found = await allowed(actor, panelId, panelsPolicy.enterWorkspace);
      if (!found.ok) return found;
      const st = await standing(actor, panelId);
      const member = actor ? await repo.memberOf(panelId, actor.id) : undefined;
      const [sessions, items, recommendations, amendments, votes, memberCount] = await Promise.all([
        repo.sessions(panelId),
        repo.items(panelId),
        repo.recommendations(panelId),
        repo.amendments(panelId),
        member ? repo.votesOf(panelId, member.id) : Promise.resolve([]),
        repo.memberCount(deps.db, panelId),
      ]);
      return ok({
        panel: { id: found.value.id, title: found.value.title, approvalPercent: found.value.approval_percent, reportPublished: found.value.report_published_at !== null, processId: found.value.process_id },
        quorum: { members: memberCount, quorum: quorumOf(memberCount, found.value.quorum), custom: found.value.quorum !== null },
        facilitator: panelsPolicy.facilitate(actor, st),
        standing: st,
        member: member ? { number: member.number, publicName: member.public_name } : null,
        sessions,
        items,
        recommendations: recommendations.map((r) => ({ ...r, amendments: amendments.filter((a) => a.recommendation_id === r.id), myVote: votes.find((v) => v.recommendation_id === r.id)?.choice ?? null })),
      });
    },

    /** Adds a material, expert presentation or stakeholder submission (facilitators) or a group's notes (anyone in the workspace). */
    async addItem(
      actor: Actor | null,
      panelId: string,
      input: { kind: unknown; title: unknown; body: unknown; link: unknown; source: unknown; smallGroup: unknown; sessionId: unknown },
    ): Promise<Result<{ id: string }>> {
      if (!(itemKinds as readonly unknown[]).includes(input.kind)) return invalid('kind', 'field.oneOf', { choices: itemKinds.join(', ') });
      const kind = input.kind as ItemKind;
      const found = await allowed(actor, panelId, kind === 'note' ? panelsPolicy.enterWorkspace : panelsPolicy.facilitate);
      if (!found.ok) return found;
      const errors: FieldError[] = [];
      const title = checkText(input.title, 'itemTitle', { max: 200 });
      if ('error' in title) errors.push(title.error);
      const body = checkText(input.body, 'body', { max: 20000, required: kind === 'note' || kind === 'submission' });
      if ('error' in body) errors.push(body.error);
      const link = typeof input.link === 'string' ? input.link.trim() : '';
      if (link !== '' && !/^https?:\/\/\S+$/.test(link)) errors.push({ field: 'link', message: 'panels.session.streamUrl' });
      const source = checkText(input.source, 'source', { max: 200, required: kind === 'submission' || kind === 'presentation' });
      if ('error' in source) errors.push(source.error);
      const group = checkText(input.smallGroup, 'smallGroup', { max: 100, required: kind === 'note' });
      if ('error' in group) errors.push(group.error);
      const sessions = await repo.sessions(panelId);
      const sessionId = typeof input.sessionId === 'string' && input.sessionId !== '' ? input.sessionId : null;
      if (sessionId && !sessions.some((s) => s.id === sessionId)) errors.push({ field: 'sessionId', message: 'field.unknownChoice' });
      if (errors.length > 0 || 'error' in title || 'error' in body || 'error' in source || 'error' in group) return fail('ValidationFailed', errors);
      const id = await repo.insertItem({ panelId, sessionId, kind, title: title.value, body: body.value, link, source: source.value, smallGroup: group.value, authorId: actor!.id });
      await audit(actor, 'panel.item_added', panelId, { kind, itemId: id });
      return ok({ id });
    },

    /** Drafts a recommendation (members and facilitators). */
    async draftRecommendation(actor: Actor | null, panelId: string, input: { title: unknown; body: unknown }): Promise<Result<{ id: string; number: number }>> {
      const found = await allowed(actor, panelId, panelsPolicy.enterWorkspace);
      if (!found.ok) return found;
      if (found.value.report_published_at) return fail('PhaseClosed');
      const errors: FieldError[] = [];
      const title = checkText(input.title, 'recTitle', { max: 200 });
      if ('error' in title) errors.push(title.error);
      const body = checkText(input.body, 'recBody', { max: 10000 });
      if ('error' in body) errors.push(body.error);
      if ('error' in title || 'error' in body) return fail('ValidationFailed', errors);
      const row = await repo.transaction(async (trx) => {
        await repo.lockPanel(trx, panelId);
        return repo.insertRecommendation(trx, { panelId, title: title.value, body: body.value, by: actor!.id });
      });
      await audit(actor, 'panel.recommendation_drafted', panelId, { recommendationId: row.id });
      return ok(row);
    },

    /** Proposes an amendment (new wording) to a recommendation still being drafted. */
    async proposeAmendment(actor: Actor | null, recommendationId: string, input: { body: unknown; rationale: unknown }): Promise<Result<{ id: string }>> {
      const rec = await repo.findRecommendation(deps.db, recommendationId);
      if (!rec) return fail('NotFound');
      const found = await allowed(actor, rec.panel_id, panelsPolicy.enterWorkspace);
      if (!found.ok) return found;
      if (rec.status !== 'drafting') return fail('PhaseClosed');
      const errors: FieldError[] = [];
      const body = checkText(input.body, 'amendBody', { max: 10000 });
      if ('error' in body) errors.push(body.error);
      const rationale = checkText(input.rationale, 'rationale', { max: 2000, required: false });
      if ('error' in rationale) errors.push(rationale.error);
      if ('error' in body || 'error' in rationale) return fail('ValidationFailed', errors);
      const id = await repo.insertAmendment({ recommendationId, body: body.value, rationale: rationale.value, by: actor!.id });
      await audit(actor, 'panel.amendment_proposed', rec.panel_id, { recommendationId, amendmentId: id });
      return ok({ id });
    },

    /** A facilitator accepts (the wording replaces the recommendation's) or rejects an amendment, as the panel decided. */
    async decideAmendment(actor: Actor | null, amendmentId: string, decision: unknown): Promise<Result<null>> {
      if (decision !== 'accepted' && decision !== 'rejected') return invalid('decision', 'field.unknownChoice');
      return repo.transaction(async (trx) => {
        const amendment = await repo.findAmendment(trx, amendmentId);
        if (!amendment) return fail('NotFound');
        const rec = await repo.findRecommendation(trx, amendment.recommendation_id, true);
        if (!rec) return fail('NotFound');
        const found = await allowed(actor, rec.panel_id, panelsPolicy.facilitate);
        if (!found.ok) return found;
        if (amendment.status !== 'proposed' || rec.status !== 'drafting') return fail('Conflict');
        await repo.setAmendmentStatus(trx, amendmentId, decision);
        if (decision === 'accepted') await repo.updateRecommendation(trx, rec.id, { body: amendment.body });
        await deps.audit.record({ actorId: actor!.id, action: `panel.amendment_${decision}`, subjectType: 'panel', subjectId: rec.panel_id, details: { amendmentId } });
        return ok(null);
      });
    },

    /** Opens the vote on a recommendation (facilitators); its text is then fixed. */
    async openVoting(actor: Actor | null, recommendationId: string): Promise<Result<null>> {
      const rec = await repo.findRecommendation(deps.db, recommendationId);
      if (!rec) return fail('NotFound');
      const found = await allowed(actor, rec.panel_id, panelsPolicy.facilitate);
      if (!found.ok) return found;
      // A vote that closed short of the quorum may be opened again: votes cast stay, the rest may still vote.
      if (rec.status !== 'drafting' && rec.status !== 'no_quorum') return fail('Conflict');
      await repo.updateRecommendation(deps.db, rec.id, { status: 'voting' });
      await audit(actor, rec.status === 'no_quorum' ? 'panel.voting_reopened' : 'panel.voting_opened', rec.panel_id, { recommendationId });
      return ok(null);
    },

    /** A member's vote: yes, no or abstain, once per recommendation. */
    async castVote(actor: Actor | null, recommendationId: string, choiceInput: unknown): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      if (!(voteChoices as readonly unknown[]).includes(choiceInput)) return invalid('choice', 'panels.vote.choice');
      const rec = await repo.findRecommendation(deps.db, recommendationId);
      if (!rec) return fail('NotFound');
      const member = await repo.memberOf(rec.panel_id, actor.id);
      if (!member || !panelsPolicy.vote(actor, { administrator: false, member: true })) return fail('Forbidden');
      if (rec.status !== 'voting') return fail('PhaseClosed');
      const inserted = await repo.transaction(async (trx) => {
        const locked = await repo.findRecommendation(trx, recommendationId, true);
        if (locked?.status !== 'voting') return null;
        return repo.insertVote(trx, { recommendationId, respondentId: member.id, choice: choiceInput as (typeof voteChoices)[number] });
      });
      if (inserted === null) return fail('PhaseClosed');
      if (!inserted) return invalid('choice', 'panels.vote.already');
      // The vote itself is secret from the log: only that this member voted.
      await audit(actor, 'panel.vote_cast', rec.panel_id, { recommendationId });
      return ok(null);
    },

    /**
     * Closes the vote and records the result against the quorum: when fewer members voted (abstentions count
     * as voting) than the panel's quorum, nothing is decided ('no_quorum', which may be opened again);
     * otherwise adopted when the yes votes reach the approval threshold of the votes cast for or against.
     * The members and the quorum are stored with the result, so it reads the same after the panel changes.
     */
    async closeVoting(actor: Actor | null, recommendationId: string): Promise<Result<{ adopted: boolean; decided: boolean; voted: number; members: number; quorum: number }>> {
      const rec = await repo.findRecommendation(deps.db, recommendationId);
      if (!rec) return fail('NotFound');
      const found = await allowed(actor, rec.panel_id, panelsPolicy.facilitate);
      if (!found.ok) return found;
      const outcome = await repo.transaction(async (trx) => {
        const locked = await repo.findRecommendation(trx, recommendationId, true);
        if (locked?.status !== 'voting') return null;
        const tally = await repo.tally(trx, recommendationId);
        const members = await repo.memberCount(trx, rec.panel_id);
        const quorum = quorumOf(members, found.value.quorum);
        const voted = tally.yes + tally.no + tally.abstain;
        const decided = voted >= quorum;
        const cast = tally.yes + tally.no;
        const adopted = decided && cast > 0 && tally.yes * 100 >= found.value.approval_percent * cast;
        const status = !decided ? 'no_quorum' : adopted ? 'adopted' : 'not_adopted';
        await repo.updateRecommendation(trx, recommendationId, { status, yes_votes: tally.yes, no_votes: tally.no, abstentions: tally.abstain, members, quorum });
        return { adopted, decided, voted, members, quorum };
      });
      if (outcome === null) return fail('Conflict');
      await audit(actor, 'panel.voting_closed', rec.panel_id, { recommendationId, adopted: outcome.adopted, decided: outcome.decided, voted: outcome.voted, quorum: outcome.quorum });
      return ok(outcome);
    },

  };
}
