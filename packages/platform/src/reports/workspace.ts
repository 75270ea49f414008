import type { Actor } from '../accounts/accounts.policy.ts';
import { localDate } from '../shared/dates.ts';
import type { LocalizedText } from '../shared/localized.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { ReportsDeps } from './reports.context.ts';
import { reportsPolicy } from './reports.policy.ts';

/** How many days ahead "starting soon" and "ending soon" look. */
export const soonDays = 14;

/** A phase that starts or ends within `soonDays` of today. */
export interface PhaseSoon {
  readonly id: string;
  readonly method: string;
  readonly title: LocalizedText;
  readonly event: 'starts' | 'ends';
  /** The date it starts or ends (YYYY-MM-DD). */
  readonly on: string;
  /** Days from today (0: today). */
  readonly inDays: number;
}

/** What needs a process manager's attention in one process: the workspace's overview. */
export interface ProcessOverview {
  readonly waiting: { readonly reported: number; readonly screening: number; readonly review: number };
  /** Published, visible ideas, and how many of them have no official answer yet. */
  readonly ideas: number;
  readonly unanswered: number;
  readonly phasesSoon: PhaseSoon[];
}

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

/** The workspace's overview of one process (read model over processes, ideas, feedback and moderation). */
export function workspaceUseCases(deps: ReportsDeps) {
  return {
    /**
     * What needs attention in a process (process managers): items waiting for a moderator by why they wait,
     * ideas without an official answer, and phases that start or end within 14 days, soonest first.
     */
    async processOverview(actor: Actor | null, processId: string): Promise<Result<ProcessOverview>> {
      if (!actor) return fail('NotSignedIn');
      if (!reportsPolicy.seeWorkspace(actor)) return fail('Forbidden');
      const process = await deps.processes.getProcessById(processId);
      if (!process) return fail('NotFound');
      const [queue, counts, answered] = await Promise.all([
        deps.moderation.moderationQueue(actor, { processId }),
        deps.ideas.statusCounts(processId),
        deps.feedback.countAnsweredAmong(deps.ideas.publishedIdeaIds(processId)),
      ]);
      const waiting = { reported: 0, screening: 0, review: 0 };
      if (queue.ok) for (const entry of queue.value) waiting[entry.waiting] += 1;
      const ideas = [...counts.values()].reduce((sum, n) => sum + n, 0);
      const today = localDate(deps.clock(), deps.timeZone);
      const phasesSoon: PhaseSoon[] = [];
      for (const phase of process.phases) {
        const untilStart = daysBetween(today, phase.startsOn);
        const untilEnd = daysBetween(today, phase.endsOn);
        if (untilStart >= 0 && untilStart <= soonDays) phasesSoon.push({ id: phase.id, method: phase.method, title: phase.title, event: 'starts', on: phase.startsOn, inDays: untilStart });
        else if (untilStart < 0 && untilEnd >= 0 && untilEnd <= soonDays) phasesSoon.push({ id: phase.id, method: phase.method, title: phase.title, event: 'ends', on: phase.endsOn, inDays: untilEnd });
      }
      phasesSoon.sort((a, b) => a.inDays - b.inDays || a.id.localeCompare(b.id));
      return ok({ waiting, ideas, unanswered: Math.max(0, ideas - answered), phasesSoon });
    },
  };
}
