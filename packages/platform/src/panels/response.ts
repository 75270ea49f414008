import type { Actor } from '../accounts/accounts.policy.ts';
import { isIsoDate } from '../shared/dates.ts';
import { checkText } from '../shared/validate.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { isLocale } from '../i18n/locales.ts';
import { translate } from '../i18n/translate.ts';
import { composition, stageOf, type PanelsContext } from './panels.context.ts';
import { panelsPolicy } from './panels.policy.ts';
import { finalReportPdf } from './panels.pdf.ts';
import { decisions, type Decision, type RecommendationStatus } from './panels.tables.ts';

/** A vote that has closed: decided either way, or short of its quorum. */
const isClosed = (status: RecommendationStatus) => status === 'adopted' || status === 'not_adopted' || status === 'no_quorum';

/** Who voted against how many members and the quorum, as stored when the vote closed (null on older votes). */
function turnout(r: { yes_votes: number; no_votes: number; abstentions: number; members: number | null; quorum: number | null }) {
  return { voted: r.yes_votes + r.no_votes + r.abstentions, members: r.members, quorum: r.quorum };
}

/** The response: the final report, the decision-maker's answers, and the public panel page. */
export function responseUseCases(ctx: PanelsContext) {
  const { deps, repo, allowed, invalid, audit, notifyMembersAndFollowers } = ctx;

  /** The final report's content: public once published, before that for the workspace only. */
  async function finalReport(actor: Actor | null, panelId: string) {
    const panel = await repo.findPanel(panelId);
    if (!panel) return fail('NotFound');
    if (!panel.report_published_at) {
      const found = await allowed(actor, panelId, panelsPolicy.enterWorkspace);
      if (!found.ok) return found;
    }
    const recs = (await repo.recommendations(panelId)).filter((r) => isClosed(r.status));
    return ok({
      panel: { id: panel.id, title: panel.title, approvalPercent: panel.approval_percent, publishedAt: panel.report_published_at },
      recommendations: recs.map((r) => {
        const cast = r.yes_votes + r.no_votes;
        return { ...r, approval: cast > 0 ? Math.round((100 * r.yes_votes) / cast) : 0, ...turnout(r) };
      }),
    });
  }

  return {
    /** Publishes the final report; members and followers hear about it. */
    async publishReport(actor: Actor | null, panelId: string): Promise<Result<null>> {
      const found = await allowed(actor, panelId, panelsPolicy.facilitate);
      if (!found.ok) return found;
      const recs = await repo.recommendations(panelId);
      if (recs.length === 0 || recs.some((r) => r.status === 'drafting' || r.status === 'voting')) return invalid('report', 'panels.report.unfinished');
      if (found.value.report_published_at) return ok(null);
      await repo.updatePanel(panelId, { report_published_at: deps.clock() });
      await audit(actor, 'panel.report_published', panelId);
      await notifyMembersAndFollowers(found.value, 'panels.mail.report.subject', 'panels.mail.report.body', `/panels/${panelId}/report`);
      return ok(null);
    },

    /** The final report's content: public once published, before that for the workspace only. */
    report: finalReport,

    /** The final report as PDF. */
    async reportPdf(actor: Actor | null, panelId: string, localeInput: unknown): Promise<Result<Uint8Array<ArrayBuffer>>> {
      const report = await finalReport(actor, panelId);
      if (!report.ok) return report;
      const municipality = await deps.municipality();
      const locale = isLocale(localeInput) ? localeInput : municipality.defaultLocale;
      const pdf = await finalReportPdf({
        locale,
        municipality: municipality.name,
        panelTitle: report.value.panel.title,
        intro: translate(locale, 'panels.report.intro', { count: report.value.recommendations.length }),
        approvalPercent: report.value.panel.approvalPercent,
        recommendations: report.value.recommendations.map((r) => ({
          number: r.number,
          title: r.title,
          body: r.body,
          status: translate(locale, r.status === 'adopted' ? 'panels.rec.status.adopted' : r.status === 'no_quorum' ? 'panels.rec.status.no_quorum' : 'panels.rec.status.not_adopted') +
            (r.quorum !== null ? ` – ${translate(locale, 'panels.rec.quorum', { voted: r.voted, members: r.members ?? 0, quorum: r.quorum })}` : ''),
          yes: r.yes_votes,
          no: r.no_votes,
          abstain: r.abstentions,
          approval: r.approval,
        })),
      });
      return ok(pdf);
    },

    /**
     * The decision-maker's answer to one adopted recommendation: accepted, partly accepted or rejected, with
     * reasons and the date of the decision; accepted ones carry implementation progress. Members and
     * followers are told.
     */
    async answerRecommendation(
      actor: Actor | null,
      recommendationId: string,
      input: { decision: unknown; reasons: unknown; decidedOn: unknown; progressPercent: unknown; progressNote: unknown },
    ): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      if (!panelsPolicy.respond(actor)) return fail('Forbidden');
      const rec = await repo.findRecommendation(deps.db, recommendationId);
      if (!rec) return fail('NotFound');
      if (rec.status !== 'adopted') return fail('PhaseClosed');
      const errors: FieldError[] = [];
      if (!(decisions as readonly unknown[]).includes(input.decision)) errors.push({ field: 'decision', message: 'field.unknownChoice' });
      const reasons = checkText(input.reasons, 'reasons', { max: 5000 });
      if ('error' in reasons) errors.push(reasons.error);
      if (!isIsoDate(input.decidedOn)) errors.push({ field: 'decidedOn', message: 'field.dateInvalid' });
      let progress: number | null = null;
      if (input.progressPercent !== '' && input.progressPercent !== undefined && input.progressPercent !== null) {
        progress = Number(input.progressPercent);
        if (!Number.isInteger(progress) || progress < 0 || progress > 100) errors.push({ field: 'progressPercent', message: 'panels.response.progress' });
        else if (input.decision === 'rejected') errors.push({ field: 'progressPercent', message: 'panels.response.progressRejected' });
      }
      const note = checkText(input.progressNote, 'progressNote', { max: 2000, required: false });
      if ('error' in note) errors.push(note.error);
      if (errors.length > 0 || 'error' in reasons || 'error' in note) return fail('ValidationFailed', errors);
      await repo.upsertResponse({ recommendationId, decision: input.decision as Decision, reasons: reasons.value, decidedOn: input.decidedOn as string, progressPercent: progress, progressNote: note.value, by: actor.id });
      await audit(actor, 'panel.recommendation_answered', rec.panel_id, { recommendationId, decision: input.decision });
      const panel = await repo.findPanel(rec.panel_id);
      if (panel) await notifyMembersAndFollowers(panel, 'panels.mail.answer.subject', 'panels.mail.answer.body', `/panels/${panel.id}`);
      return ok(null);
    },

    /** A member chooses whether the public page shows their name (empty: not shown). */
    async setPublicName(actor: Actor | null, panelId: string, nameInput: unknown): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      const member = await repo.memberOf(panelId, actor.id);
      if (!member) return fail('Forbidden');
      const name = checkText(nameInput, 'publicName', { max: 100, required: false });
      if ('error' in name) return fail('ValidationFailed', [name.error]);
      await repo.setRespondent(deps.db, member.id, { public_name: name.value === '' ? null : name.value });
      return ok(null);
    },

    /** Follows a panel (e-mail when the report and the answers come) or stops following. */
    async follow(actor: Actor | null, panelId: string, on: boolean): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      if (!(await repo.findPanel(panelId))) return fail('NotFound');
      await repo.follow(panelId, actor.id, on);
      return ok(null);
    },

    /** The published list of panels for the transparent draw (once its hash is published). */
    async lotteryList(panelId: string): Promise<Result<{ text: string; hash: string }>> {
      const panel = await repo.findPanel(panelId);
      if (!panel?.lottery_text || !panel.lottery_hash || !panel.hash_published_at) return fail('NotFound');
      return ok({ text: panel.lottery_text, hash: panel.lottery_hash });
    },

    /**
     * The public panel page: the process, how people were chosen (seeds, hash, index, probabilities), the
     * composition per category without names unless members agreed, the timetable, and once published the
     * recommendations with their votes and answers.
     */
    async publicPanel(actor: Actor | null, panelId: string) {
      const panel = await repo.findPanel(panelId);
      if (!panel) return fail('NotFound');
      const process = await deps.processes.getProcessById(panel.process_id);
      if (!process || process.status === 'draft') return fail('NotFound');
      const [respondents, sessions, recommendations, replacements, byArea] = await Promise.all([
        repo.respondents(panelId),
        repo.sessions(panelId),
        repo.recommendations(panelId),
        repo.replacements(panelId),
        repo.invitationsByArea(panelId),
      ]);
      const selection = panel.selection?.state === 'ready' ? panel.selection : null;
      const members = respondents.filter((r) => r.status === 'selected' || r.status === 'confirmed');
      return ok({
        panel: { id: panel.id, title: panel.title, size: panel.size, householdRule: panel.household_rule, approvalPercent: panel.approval_percent, stage: stageOf(panel) },
        process: { id: process.id, slug: process.slug, title: process.title },
        method: {
          invitationSeed: panel.invitation_seed,
          invited: byArea.reduce((s, a) => s + Number(a.invited), 0),
          stratified: panel.stratify_by_area,
          registered: panel.pool_deleted_at ? null : respondents.length,
          hash: panel.hash_published_at ? panel.lottery_hash : null,
          hashPublishedAt: panel.hash_published_at,
          poolHash: panel.hash_published_at ? panel.pool_hash : null,
          seedSource: panel.seed_source,
          seedNotBefore: panel.seed_not_before,
          record: panel.hash_published_at !== null && panel.announcement !== null,
          m: selection?.m ?? null,
          minProbability: selection?.minProbability ?? null,
          maxProbability: selection?.maxProbability ?? null,
          publicSeed: panel.public_seed,
          drawnIndex: panel.drawn_index,
          drawnAt: panel.drawn_at,
          replacements: replacements.length,
        },
        composition: panel.drawn_at ? composition(panel, respondents).map((c) => ({ name: c.name, values: c.values.map((v) => ({ value: v.value, panel: v.panel, populationShare: v.populationShare })) })) : [],
        names: members.map((m) => m.public_name).filter((n): n is string => n !== null).sort((a, b) => a.localeCompare(b)),
        memberCount: members.length,
        sessions: sessions.map((s) => ({ id: s.id, title: s.title, startsAt: s.starts_at, endsAt: s.ends_at, mode: s.mode, place: s.place })),
        reportPublished: panel.report_published_at !== null,
        recommendations: panel.report_published_at
          ? recommendations
              .filter((r) => isClosed(r.status))
              .map((r) => ({
                ...turnout(r),
                id: r.id,
                number: r.number,
                title: r.title,
                body: r.body,
                status: r.status,
                yes: r.yes_votes,
                no: r.no_votes,
                abstain: r.abstentions,
                answer: r.decision ? { decision: r.decision, reasons: r.reasons ?? '', decidedOn: r.decided_on ?? '', progress: r.progress_percent, progressNote: r.progress_note ?? '' } : null,
              }))
          : [],
        following: actor ? await repo.isFollowing(panelId, actor.id) : false,
        standing: await ctx.standing(actor, panelId),
      });
    },
  };
}
