import type { IdeasRepository } from './ideas.repository.ts';

/** One kind of taking part in a process's ideas, in one ISO week. */
export interface WeeklyParticipation {
  /** ISO week, as `2026-W07`. */
  readonly week: string;
  readonly kind: 'idea' | 'comment' | 'support';
  readonly count: number;
  /** The different people behind them (people deleted since are counted but not listed). */
  readonly people: readonly string[];
}

/**
 * Exported queries for other modules and read models (reports/): each answers for many ideas at once, so a
 * read model makes one call per module, never one per idea.
 */
export function ideaQueries(repo: IdeasRepository) {
  return {
    /**
     * The ideas of a process that are not hidden, as an id set another module filters its own rows by in the
     * same statement (feedback's latest answers): not run here.
     */
    unhiddenIdeaIds: (processId: string) => repo.unhiddenIdeaIds(processId),

    /**
     * Every idea of a process for its workspace's inputs manager (hidden and waiting ones too), newest first,
     * filtered by phase, status, area and an id list; a page at a time, with the number that match.
     */
    async staffIdeaList(processId: string, filter: { phaseId?: string | undefined; status?: string | undefined; area?: string | undefined; ids?: readonly string[] | undefined }, page: { limit: number; offset: number }) {
      const { rows, total } = await repo.staffList(processId, filter, page);
      return {
        total,
        ideas: rows.map((r) => ({
          id: r.id,
          phaseId: r.phase_id,
          title: r.title,
          category: r.category,
          status: r.status,
          screening: r.screening,
          hidden: r.hidden_at !== null,
          supports: r.support_count,
          comments: r.comment_count,
          area: r.location_area,
          createdAt: r.created_at,
        })),
      };
    },

    /** The areas a process's ideas lie in, in name order (the inputs manager's area filter). */
    areasOfIdeas: (processId: string): Promise<string[]> => repo.areasOf(processId),

    /** How many ideas residents posted in a phase (hidden and waiting ones too): a phase with inputs is kept. */
    inputsOfPhase: (phaseId: string): Promise<number> => repo.ideasInPhase(phaseId),

    /** The published, visible ideas of a process (those `statusCounts` counts), as an id set: not run here. */
    publishedIdeaIds: (processId: string) => repo.publishedIdeaIds(processId),

    /** How many published, visible ideas of a process have each status, by status key. */
    async statusCounts(processId: string): Promise<Map<string, number>> {
      return new Map((await repo.statusCounts(processId)).map((r) => [r.status, r.n]));
    },

    /** Title and progress of many ideas, by id. */
    async summariesOf(ideaIds: readonly string[]): Promise<Map<string, { title: string; progressPercent: number | null }>> {
      if (ideaIds.length === 0) return new Map();
      return new Map((await repo.summariesOf(ideaIds)).map((r) => [r.id, { title: r.title, progressPercent: r.progress_percent }]));
    },

    /** Whether any idea has this status (a status in use cannot be removed). */
    ideasWithStatus: (status: string): Promise<boolean> => repo.ideasWithStatus(status),

    /**
     * The different people who posted, commented or supported in a process (visible ideas and comments), only
     * on the local dates `from`–`to` in `timeZone` when given (a phase's dates).
     */
    participantsOf: (processId: string, between: { from: string; to: string; timeZone: string } | null = null): Promise<string[]> => repo.participantsOf(processId, between),

    /** The different people following a visible idea of a process (the process's followers). */
    followersOf: (processId: string): Promise<string[]> => repo.followersOf(processId),

    /** Ideas, comments and supports in a process per ISO week, with the people behind them. */
    async participationByWeek(processId: string): Promise<WeeklyParticipation[]> {
      return (await repo.participationByWeek(processId)).map((r) => ({ week: r.week, kind: r.kind, count: r.n, people: r.people }));
    },
  };
}
