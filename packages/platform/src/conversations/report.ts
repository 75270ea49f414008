import type { Actor } from '../accounts/index.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { ConversationsContext } from './conversations.context.ts';
import { conversationsPolicy } from './conversations.policy.ts';
import type { ConversationsReportRepository } from './conversations.report.repository.ts';
import { polisFileNames } from './conversations.contract.ts';
import type { ResultsView } from './results-view.ts';
import { shownNumber } from './statements.ts';
import { conversationReportPdf } from './report.pdf.ts';
import { defaultDataLicence, type ConversationReport, type ReportStatement } from './report.types.ts';
import type { Locale } from '../i18n/locales.ts';

/** The report: who may read it, which revision, and publishing it early. */
export function reportUseCases(ctx: ConversationsContext, reports: ConversationsReportRepository) {
  const { deps, repo } = ctx;

  function percent(count: number, seen: number): number {
    return seen === 0 ? 0 : Math.round((count / seen) * 100);
  }

  /**
   * A conversation's report from its latest stored result, or from the revision named. Staff (managers and
   * moderators) may read it always; others once the phase has closed, the conversation was closed early, or a
   * manager published the report. `Conflict` when no result is stored yet.
   */
  async function conversationReport(actor: Actor | null, conversationId: string, revision: number | null = null): Promise<Result<ConversationReport>> {
    const row = await ctx.visible(actor, conversationId);
    if (!row) return fail('NotFound');
    const found = await deps.processes.getPhase(row.phase_id);
    if (!found) return fail('NotFound');
    const closed = found.phase.state === 'closed' || row.closed_at !== null;
    const staff = conversationsPolicy.manage(actor) || conversationsPolicy.moderate(actor);
    if (!staff && !closed && row.report_published_at === null) return fail('Forbidden');
    const stored = await reports.revisionView(conversationId, revision);
    if (!stored) return revision === null ? fail('Conflict') : fail('NotFound');
    const latest = revision === null ? stored : await reports.revisionView(conversationId, null);
    const view = stored.view as ResultsView;
    const statements = await repo.statements(conversationId);
    const [days, moderation, revisions] = await Promise.all([
      reports.participationByDay(conversationId, Number(stored.votes_seen), deps.timeZone ?? 'Europe/Oslo'),
      // What was reported, approved, hidden and restored: the moderation module's record, not the statements' state.
      deps.gate.recordOf('statement', statements.map((s) => String(s.id))),
      reports.revisions(conversationId, 50),
    ]);
    const texts = new Map(statements.map((s) => [s.number, s.body]));
    const totals = (n: number): [number, number, number] => view.totals[String(n)] ?? [0, 0, 0];
    const cite = (n: number, side: 'agree' | 'disagree' | null, count?: number, seen?: number): ReportStatement => {
      const t = totals(n);
      const all = t[0] + t[1] + t[2];
      const c = count ?? (side === 'disagree' ? t[1] : t[0]);
      const s = seen ?? all;
      return { number: shownNumber(n), polisId: n, text: texts.get(n) ?? '', side, count: c, seen: s, percent: percent(c, s), totals: t };
    };
    return ok({
      conversation: { id: row.id, phaseId: row.phase_id, processId: row.process_id, processSlug: found.process.slug, processTitle: found.process.title, question: row.question, description: row.description },
      revision: stored.revision,
      computedAt: stored.computed_at,
      latestRevision: latest?.revision ?? stored.revision,
      revisions,
      closed,
      publishedAt: row.report_published_at,
      participation: { participants: view.nParticipants, votes: view.nVotes, inGroups: view.nInGroups, days },
      map: { size: view.size, ungrouped: view.ungrouped, groups: view.groups.map((g) => ({ label: g.label, size: g.size, cx: g.cx, cy: g.cy, outline: g.outline, dots: g.dots })) },
      groups: view.groups.map((g) => ({ label: g.label, size: g.size, statements: g.repness.map((r) => cite(r.number, r.side, r.count, r.seen)) })),
      consensus: [...view.consensus.agree.map((c) => cite(c.number, 'agree', c.count, c.seen)), ...view.consensus.disagree.map((c) => cite(c.number, 'disagree', c.count, c.seen))],
      divisive: view.divisive.map((d) => cite(d.number, null)),
      bridging: view.bridging.map((b) => cite(b.number, 'agree')),
      moderation: { statements: statements.length, ...moderation },
      method: { minVotes: row.min_votes, minGroupSize: row.min_group_size },
      licence: row.source_licence ?? defaultDataLicence,
      source: row.source_name ? { name: row.source_name, url: row.source_url, licence: row.source_licence } : null,
      exports: polisFileNames.map((file) => ({ file, path: `/api/v1/conversations/${row.id}/export/${file}` })),
      can: { publish: conversationsPolicy.manage(actor) },
    });
  }

  return {
    conversationReport,

    /** The report as a PDF in `locale` (the same access rule as the report). */
    async reportPdf(actor: Actor | null, conversationId: string, revision: number | null, options: { locale: Locale; municipality: string; municipalityLocale: Locale; baseUrl: string }): Promise<Result<{ pdf: Uint8Array<ArrayBuffer>; revision: number }>> {
      const found = await conversationReport(actor, conversationId, revision);
      if (!found.ok) return found;
      const pdf = await conversationReportPdf(found.value, { ...options, timeZone: deps.timeZone ?? 'Europe/Oslo' });
      return ok({ pdf, revision: found.value.revision });
    },

    /** Publishes the report before the phase closes (or withdraws that), process managers only; audited. */
    async publishReport(actor: Actor | null, conversationId: string, published: boolean): Promise<Result<null>> {
      if (!conversationsPolicy.manage(actor)) return fail('Forbidden');
      const row = await repo.findConversation(conversationId);
      if (!row) return fail('NotFound');
      await reports.setReportPublished(conversationId, published);
      ctx.rows.forgetConversation(conversationId);
      await deps.audit.record({ actorId: actor?.id ?? null, action: published ? 'conversation.report_published' : 'conversation.report_withdrawn', subjectType: 'conversation', subjectId: conversationId });
      return ok(null);
    },
  };
}
