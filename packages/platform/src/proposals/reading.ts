import { imageSizeOf } from '../files/files.service.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { proposalsPolicy } from './proposals.policy.ts';
import { presentProposal, type PresentedProposal } from './proposals.presenter.ts';
import type { ProposalRow, ProposalStage } from './proposals.repository.ts';
import type { ProposalsContext, ProposalView } from './proposals.context.ts';

/** Reading proposals: a phase's list, one proposal with its co-authors, signers shown by choice and answers. */
export function readingUseCases(ctx: ProposalsContext) {
  const { deps, repo, proposalsPhase, visibleProposal, invitedTo } = ctx;

  async function present(rows: readonly ProposalRow[], viewer: Actor | null, phaseThreshold: number): Promise<ProposalView[]> {
    const ids = rows.map((r) => r.id);
    const [coauthors, signed, files] = await Promise.all([repo.coauthorsOf(ids), viewer ? repo.signaturesBy(viewer.id, ids) : new Map<string, { showName: boolean }>(), deps.files.listFor('proposal', ids)]);
    const imagesOf = (id: string) => files.filter((f) => f.ownerId === id && f.kind === 'image').map((f) => ({ id: f.id, alt: Object.values(f.altText)[0] ?? '', ...imageSizeOf(f) }));
    const authorsOf = new Map<string, string[]>();
    for (const row of rows) authorsOf.set(row.id, row.author_id ? [row.author_id] : []);
    for (const c of coauthors) if (c.accepted_at && c.user_id) authorsOf.get(c.proposal_id)?.push(c.user_id);
    const names = await deps.accounts.displayNamesOf([...authorsOf.values()].flat());
    const now = deps.clock().getTime();
    return rows.map((row) => {
      const authors = authorsOf.get(row.id) ?? [];
      const open = row.stage !== 'draft' && row.deadline !== null && row.deadline.getTime() > now && row.hidden_at === null;
      return {
        id: row.id,
        processId: row.process_id,
        phaseId: row.phase_id,
        title: row.title,
        body: row.body,
        decision: row.decision,
        area: row.area,
        stage: row.stage,
        expired: row.stage === 'collecting' && !open && row.deadline !== null,
        status: row.status,
        signatures: row.signature_count,
        // A draft shows the threshold it would be published with.
        threshold: row.threshold ?? phaseThreshold,
        deadline: row.deadline,
        publishedAt: row.published_at,
        reachedAt: row.reached_at,
        answerDue: row.answer_due,
        progressPercent: row.progress_percent,
        authorNames: authors.map((id) => names.get(id) ?? ''),
        images: imagesOf(row.id),
        hidden: row.hidden_at ? { reason: row.hidden_reason ?? '' } : null,
        mine: viewer !== null && authors.includes(viewer.id),
        leadAuthor: viewer !== null && viewer.id === row.author_id,
        signedByViewer: signed.has(row.id),
        signingOpen: open,
      };
    });
  }

  return {
    /** How many proposals residents wrote in a phase: a phase with inputs is kept. */
    inputsOfPhase: (phaseId: string): Promise<number> => repo.proposalCount(phaseId),

    /**
     * A proposals phase's proposals: published ones (and the viewer's own drafts), most signatures first, then
     * the nearest deadline; hidden ones only to moderators and their authors. With `stage`, only those.
     */
    async proposalsOf(actor: Actor | null, input: { phaseId: string; stage?: ProposalStage | 'expired' | undefined }): Promise<Result<{ proposals: PresentedProposal[]; open: boolean; can: { draft: boolean; manage: boolean } }>> {
      const phase = await proposalsPhase(input.phaseId);
      if (!phase.ok) return phase;
      const rows = await repo.listPhase(input.phaseId, actor?.id ?? null, { includeHidden: proposalsPolicy.moderate(actor) });
      const visible = rows.filter((r) => !r.hidden_at || proposalsPolicy.moderate(actor) || r.author_id === actor?.id);
      let proposals = await present(visible, actor, phase.value.settings.threshold);
      if (input.stage === 'expired') proposals = proposals.filter((p) => p.expired);
      else if (input.stage) proposals = proposals.filter((p) => p.stage === input.stage && !p.expired);
      const can = { draft: phase.value.open && proposalsPolicy.participate(actor), manage: proposalsPolicy.manage(actor) };
      return ok({ proposals: proposals.map((p) => presentProposal(p, actor)), open: phase.value.open, can });
    },

    /**
     * The municipality's proposals section: the proposals of every proposals phase in a published process,
     * most signatures first, then the nearest deadline (with `stage`, only those), and those phases with
     * whether they take new proposals now, so that residents can start one from the section.
     */
    async municipalProposals(actor: Actor | null, input: { stage?: ProposalStage | 'expired' | undefined }): Promise<Result<{ proposals: (PresentedProposal & { processSlug: string })[]; phases: { id: string; processSlug: string; open: boolean }[]; can: { draft: boolean } }>> {
      const rows = await repo.listAll(actor?.id ?? null, { includeHidden: proposalsPolicy.moderate(actor) });
      const phaseIds = [...new Set(rows.map((r) => r.phase_id))];
      const phases = new Map<string, { processSlug: string; open: boolean; threshold: number }>();
      for (const id of phaseIds) {
        const phase = await proposalsPhase(id);
        if (phase.ok) phases.set(id, { processSlug: phase.value.processSlug, open: phase.value.open, threshold: phase.value.settings.threshold });
      }
      for (const id of await deps.processes.runningPhaseIds('proposals')) {
        if (phases.has(id)) continue;
        const phase = await proposalsPhase(id);
        if (phase.ok) phases.set(id, { processSlug: phase.value.processSlug, open: phase.value.open, threshold: phase.value.settings.threshold });
      }
      const shown = rows.filter((r) => phases.has(r.phase_id) && (!r.hidden_at || proposalsPolicy.moderate(actor) || r.author_id === actor?.id));
      let views: ProposalView[] = [];
      for (const [phaseId, phase] of phases) views.push(...(await present(shown.filter((r) => r.phase_id === phaseId), actor, phase.threshold)));
      const order = new Map(shown.map((r, i) => [r.id, i]));
      views.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
      if (input.stage === 'expired') views = views.filter((p) => p.expired);
      else if (input.stage) views = views.filter((p) => p.stage === input.stage && !p.expired);
      const open = [...phases].filter(([, p]) => p.open);
      return ok({
        proposals: views.map((p) => ({ ...presentProposal(p, actor), processSlug: phases.get(p.phaseId)?.processSlug ?? '' })),
        phases: [...phases].map(([id, p]) => ({ id, processSlug: p.processSlug, open: p.open })),
        can: { draft: open.length > 0 && proposalsPolicy.participate(actor) },
      });
    },

    /**
     * One proposal: what lists show, the names of signers who chose to show them, its answers and milestones,
     * and for its authors the co-authors invited; `invited` when the viewer's address has an invitation waiting.
     */
    async proposalOf(actor: Actor | null, input: { id: string }) {
      const found = await visibleProposal(actor, input.id);
      if (!found) return fail('NotFound');
      const phase = await proposalsPhase(found.row.phase_id);
      if (!phase.ok) return phase;
      const [view] = await present([found.row], actor, phase.value.settings.threshold);
      if (!view) return fail('NotFound');
      const [coauthors, shownIds, answers, milestones] = await Promise.all([
        repo.coauthorsOf([found.row.id]),
        repo.shownSignerIds(found.row.id),
        repo.answersOf(found.row.id),
        repo.milestonesOf(found.row.id),
      ]);
      const names = await deps.accounts.displayNamesOf(shownIds);
      const invited = !view.mine && (await invitedTo(actor, found.row.id));
      return ok({
        proposal: presentProposal(view, actor, invited),
        processSlug: phase.value.processSlug,
        invited,
        coauthors: view.mine ? coauthors.map((c) => ({ email: c.email, accepted: c.accepted_at !== null })) : [],
        shownSigners: shownIds.map((id) => names.get(id) ?? '').filter((n) => n !== ''),
        answers: answers.map((a) => ({ status: a.status, body: a.body, authorName: a.author_name, authorRole: a.author_role, createdAt: a.created_at.toISOString() })),
        milestones: milestones.map((m) => ({ title: m.title, date: m.happened_on, progress: m.progress_percent })),
      });
    },
  };
}
