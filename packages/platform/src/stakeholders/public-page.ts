import { factViews } from './fact-views.ts';
import type { StakeholdersContext } from './stakeholders.context.ts';
import type { FactView } from './stakeholders.types.ts';

/** What the panel's public page shows: introductions, timeline, fact sheet, meetings, recommendations. */
export function publicPageUseCases(ctx: StakeholdersContext) {
  const { repo } = ctx;
  return {
    /** Public introductions: who has joined, their role and whom they speak for. */
    async introductions(panelId: string) {
      return (await repo.stakeholders(panelId))
        .filter((s) => s.joined_at !== null)
        .map((s) => ({ id: s.id, name: s.name ?? '', role: s.role, speaksFor: s.speaks_for ?? '', introduction: s.introduction ?? '', joinedAt: s.joined_at }));
    },

    /** The panel's public timeline, by date. */
    steps: (panelId: string) => repo.steps(panelId),

    /** The public fact sheet: approved facts, numbered for citing, disputed ones marked with both sides. */
    async factSheet(panelId: string): Promise<FactView[]> {
      return (await factViews(ctx, panelId)).filter((f) => f.status === 'approved');
    },

    /** The panel's meetings, by start time, with agenda (one item per line), stream link or place, and minutes. */
    meetings: (panelId: string) => repo.meetings(panelId),

    /** Recommendations with what they rest on and the decision, for the public chain. */
    async recommendations(panelId: string) {
      const recs = await repo.recommendations(panelId);
      const links = await repo.linksOf(recs.map((r) => r.id));
      return recs.map((r) => ({
        id: r.id,
        number: r.number,
        title: r.title,
        body: r.body,
        version: r.version,
        state: r.decision ? ('answered' as const) : r.sent_at ? ('sent' as const) : ('draft' as const),
        meetingId: r.meeting_id,
        decision: r.decision,
        decisionReason: r.decision_reason,
        decidedAt: r.decided_at,
        statements: links.filter((l) => l.recommendation_id === r.id && l.kind === 'statement').map((l) => ({ conversationId: l.target_id.split(':')[0] ?? '', number: Number(l.target_id.split(':')[1]) })),
        facts: links.filter((l) => l.recommendation_id === r.id && l.kind === 'fact').map((l) => l.target_id),
      }));
    },
  };
}
