import type { Actor } from '../accounts/accounts.policy.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { ReportsDeps } from './reports.context.ts';
import { reportsPolicy } from './reports.policy.ts';

/** The inputs manager's filters; each left out means any. */
export interface InputFilter {
  readonly phaseId?: string | undefined;
  readonly status?: string | undefined;
  readonly area?: string | undefined;
  /** Only ideas with open reports. */
  readonly reported?: boolean | undefined;
}

/** One idea in the inputs manager: where it stands, its reports and its latest official answer. */
export interface ManagedInput {
  readonly id: string;
  readonly phaseId: string;
  readonly title: string;
  readonly category: string | null;
  readonly status: string;
  readonly screening: string;
  readonly hidden: boolean;
  readonly supports: number;
  readonly comments: number;
  readonly area: string | null;
  readonly reports: number;
  readonly answer: string | null;
  readonly answeredAt: Date | null;
  readonly createdAt: Date;
}

/** The most rows one page (or one export) of the inputs manager holds. */
export const inputsPageLimit = 500;

/** The inputs manager: every idea of a process in one table, filtered and paged, and its CSV export. */
export function inputsUseCases(deps: ReportsDeps) {
  async function list(processId: string, filter: InputFilter, page: { limit: number; offset: number }) {
    const reports = await deps.moderation.openReportsOnIdeas(processId);
    const ids = filter.reported ? [...reports.keys()] : undefined;
    const { ideas, total } = await deps.ideas.staffIdeaList(processId, { phaseId: filter.phaseId, status: filter.status, area: filter.area, ids }, page);
    const answers = await deps.feedback.latestAnswersOf(ideas.map((i) => i.id));
    const inputs = ideas.map((i): ManagedInput => {
      const answer = answers.get(i.id);
      return { ...i, reports: reports.get(i.id) ?? 0, answer: answer?.body ?? null, answeredAt: answer?.createdAt ?? null };
    });
    return { inputs, total };
  }

  return {
    /**
     * Every idea of a process (hidden and waiting ones too), newest first, filtered by phase, status, area and
     * open reports, a page at a time, with the number that match and the areas to filter by (process managers).
     */
    async processInputs(
      actor: Actor | null,
      processId: string,
      query: InputFilter & { page?: number | undefined; pageSize?: number | undefined },
    ): Promise<Result<{ inputs: ManagedInput[]; total: number; page: number; pageSize: number; areas: string[] }>> {
      if (!actor) return fail('NotSignedIn');
      if (!reportsPolicy.seeWorkspace(actor)) return fail('Forbidden');
      if (!(await deps.processes.getProcessById(processId))) return fail('NotFound');
      const pageSize = Math.min(inputsPageLimit, Math.max(1, Math.floor(query.pageSize ?? 50)));
      const page = Math.max(1, Math.floor(query.page ?? 1));
      const [{ inputs, total }, areas] = await Promise.all([list(processId, query, { limit: pageSize, offset: (page - 1) * pageSize }), deps.ideas.areasOfIdeas(processId)]);
      return ok({ inputs, total, page, pageSize, areas });
    },

    /** The filtered list as rows for a CSV file (every match, up to 10,000), audited. */
    async exportInputs(actor: Actor | null, processId: string, filter: InputFilter): Promise<Result<{ header: string[]; rows: string[][] }>> {
      if (!actor) return fail('NotSignedIn');
      if (!reportsPolicy.seeWorkspace(actor)) return fail('Forbidden');
      const process = await deps.processes.getProcessById(processId);
      if (!process) return fail('NotFound');
      const { inputs } = await list(processId, filter, { limit: 10_000, offset: 0 });
      const phaseTitle = new Map(process.phases.map((p) => [p.id, Object.values(p.title)[0] ?? '']));
      const rows = inputs.map((i) => [
        i.id,
        phaseTitle.get(i.phaseId) ?? '',
        i.title,
        i.category ?? '',
        i.status,
        i.hidden ? 'hidden' : i.screening,
        i.area ?? '',
        String(i.supports),
        String(i.comments),
        String(i.reports),
        i.answer ?? '',
        i.createdAt.toISOString(),
      ]);
      await deps.audit.record({ actorId: actor.id, action: 'process.inputs_exported', subjectType: 'process', subjectId: processId, details: { count: rows.length } });
      return ok({ header: ['id', 'phase', 'title', 'category', 'status', 'visibility', 'area', 'supports', 'comments', 'open_reports', 'answer', 'created_at'], rows });
    },
  };
}
