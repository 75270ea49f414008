import { randomUUID } from 'node:crypto';
import type { Actor } from '../accounts/index.ts';
import type { FileAccess } from '../files/files.service.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { readSources, storeUploads } from './fact-sources.ts';
import { factViews } from './fact-views.ts';
import { text, type StakeholdersContext } from './stakeholders.context.ts';
import { stakeholdersPolicy } from './stakeholders.policy.ts';
import type { FactStatus } from './stakeholders.tables.ts';
import { stakeholderLimits, type FactView } from './stakeholders.types.ts';

/**
 * Facts: a stakeholder submits one with its sources (links and documents), a facilitator reviews it into the
 * citable fact sheet or sends it back, the author revises it; who may read its documents.
 */
export function factUseCases(ctx: StakeholdersContext) {
  const { deps, repo } = ctx;
  return {
    /**
     * A stakeholder submits a fact with at least one source (at most ten): a link, a document cited by title,
     * or a document uploaded with it (`file`: PDF, ODT or DOCX up to 5 MB). It may dispute an approved fact.
     * Nothing is stored unless everything is valid.
     */
    async submitFact(
      actor: Actor | null,
      panelId: string,
      input: { title: unknown; body: unknown; sources: unknown; disputes?: unknown; locale?: unknown },
    ): Promise<Result<{ id: string; number: number }>> {
      const me = await ctx.member(actor, panelId);
      if (!me || !actor) return actor ? fail('Forbidden') : fail('NotSignedIn');
      const errors: FieldError[] = [];
      const title = text(input.title, 'title', stakeholderLimits.factTitle, errors);
      const body = text(input.body, 'body', stakeholderLimits.factBody, errors);
      const sources = readSources(ctx, input.sources, errors);
      let disputes: string | null = null;
      if (typeof input.disputes === 'string' && input.disputes !== '') {
        const target = (await repo.facts(panelId)).find((f) => String(f.number) === input.disputes || f.id === input.disputes);
        if (!target || target.status !== 'approved') errors.push({ field: 'disputes', message: 'field.factNotApproved' });
        else disputes = target.id;
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const id = randomUUID();
      const { stored, newFiles } = await storeUploads(ctx, actor.id, id, sources, input.locale);
      let row: { id: string; number: number };
      try {
        row = await repo.insertFact({ id, panelId, stakeholderId: me.id, disputes, title, body, sources: stored });
      } catch (error) {
        // The fact goes only with its documents, and the documents only with their fact.
        await deps.files.detach(actor.id, 'fact', id, newFiles);
        throw error;
      }
      await deps.audit.record({ actorId: actor.id, action: 'stakeholders.fact_submitted', subjectType: 'fact', subjectId: row.id, details: { documents: newFiles.length } });
      return ok(row);
    },

    /**
     * The author revises a fact that was sent back for changes; it returns to review. The sources given replace
     * the old ones: an uploaded document is kept by passing its `fileId` (see `FactSource.document`), replaced
     * by a new `file`, and deleted when its source is left out.
     */
    async reviseFact(actor: Actor | null, factId: string, input: { title: unknown; body: unknown; sources: unknown; locale?: unknown }): Promise<Result<null>> {
      const fact = await repo.findFact(factId);
      if (!fact) return fail('NotFound');
      const me = await ctx.member(actor, fact.panel_id);
      if (!me || !actor || me.id !== fact.stakeholder_id) return fail('Forbidden');
      if (fact.status !== 'changes_requested') return fail('Conflict');
      const current = await repo.sourcesOf([factId]);
      const documents = new Map(current.flatMap((s) => (s.file_id ? [[s.file_id, s.title] as const] : [])));
      const errors: FieldError[] = [];
      const title = text(input.title, 'title', stakeholderLimits.factTitle, errors);
      const body = text(input.body, 'body', stakeholderLimits.factBody, errors);
      const sources = readSources(ctx, input.sources, errors, documents);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const { stored, newFiles } = await storeUploads(ctx, actor.id, factId, sources, input.locale);
      let revised: boolean;
      try {
        revised = await repo.reviseFact(factId, { title, body, sources: stored });
      } catch (error) {
        await deps.files.detach(actor.id, 'fact', factId, newFiles);
        throw error;
      }
      if (!revised) {
        await deps.files.detach(actor.id, 'fact', factId, newFiles);
        return fail('Conflict');
      }
      const keptIds = new Set(stored.map((s) => s.fileId));
      const removed = [...documents.keys()].filter((id) => !keptIds.has(id));
      await deps.files.detach(actor.id, 'fact', factId, removed);
      await deps.audit.record({ actorId: actor.id, action: 'stakeholders.fact_revised', subjectType: 'fact', subjectId: factId, details: { added: newFiles.length, removed: removed.length } });
      return ok(null);
    },

    /**
     * Who may read a fact's uploaded documents: anyone who may see the process once the fact is approved; until
     * then (and after a refusal) only its author and the panel's facilitators.
     */
    async documentAccess(actor: Actor | null, factId: string): Promise<FileAccess> {
      const fact = /^[0-9a-f-]{36}$/.test(factId) ? await repo.findFact(factId) : undefined;
      if (!fact) return 'denied';
      const panel = await repo.findPanel(fact.panel_id);
      const process = panel ? await deps.processes.getProcessById(panel.process_id) : null;
      if (!process) return 'denied';
      if (fact.status === 'approved') {
        if ((await deps.processes.getProcess(null, process.slug)).ok) return 'public';
        if ((await deps.processes.getProcess(actor, process.slug)).ok) return 'restricted';
      }
      if (stakeholdersPolicy.facilitate(actor)) return 'restricted';
      const me = await ctx.member(actor, fact.panel_id);
      return me && me.id === fact.stakeholder_id ? 'restricted' : 'denied';
    },

    /** A facilitator approves a fact, asks for changes or rejects it; the last two need a reason. */
    async reviewFact(actor: Actor | null, factId: string, input: { decision: unknown; reason?: unknown }): Promise<Result<null>> {
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      const fact = await repo.findFact(factId);
      if (!fact) return fail('NotFound');
      const decisions: Record<string, FactStatus> = { approve: 'approved', changes: 'changes_requested', reject: 'rejected' };
      const status = typeof input.decision === 'string' ? decisions[input.decision] : undefined;
      if (!status) return fail('ValidationFailed', [{ field: 'decision', message: 'field.unknownChoice' }]);
      const errors: FieldError[] = [];
      const reason = text(input.reason, 'reason', stakeholderLimits.reason.max, errors, status !== 'approved', stakeholderLimits.reason.min);
      if (errors.length > 0) return fail('ValidationFailed', errors.map((e) => (e.message === 'field.required' ? { field: 'reason', message: 'field.reasonRequired' } : e)));
      await repo.reviewFact(factId, status, reason || null, actor?.id ?? null);
      await deps.audit.record({ actorId: actor?.id ?? null, action: `stakeholders.fact_${status}`, subjectType: 'fact', subjectId: factId, details: reason ? { reason } : {} });
      // Its author is told, with the facilitator's reason, and led to the fact sheet (or to revise it).
      const author = fact.stakeholder_id ? await repo.stakeholderById(fact.stakeholder_id) : undefined;
      if (author?.user_id) {
        const panel = await repo.findPanel(fact.panel_id);
        const process = panel ? await deps.processes.getProcessById(panel.process_id) : null;
        const base = process ? `/processes/${process.slug}/stakeholders` : null;
        await deps.notifications.notify({
          userIds: [author.user_id],
          kind: 'fact_reviewed',
          subjectType: 'fact',
          subjectId: factId,
          payload: { title: fact.title, decision: status, reason: reason || null, ...(base ? { link: status === 'changes_requested' ? `${base}/facts/${fact.number}` : `${base}#fact-${fact.number}` } : {}) },
        });
      }
      return ok(null);
    },

    /** Every fact with its review state (facilitators), or the actor's own (stakeholders). */
    async factsForReview(actor: Actor | null, panelId: string): Promise<Result<FactView[]>> {
      const all = await factViews(ctx, panelId);
      if (stakeholdersPolicy.facilitate(actor)) return ok(all);
      const me = await ctx.member(actor, panelId);
      if (!me) return fail('Forbidden');
      return ok(all.filter((f) => f.stakeholder?.id === me.id));
    },
  };
}
