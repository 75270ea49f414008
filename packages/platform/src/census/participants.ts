import type { CensusDeps } from './census.context.ts';
import type { AgeBand } from './representation.ts';

/**
 * The different people who took part in a process (ideas, comments, supports, survey responses), or in one
 * phase of it: on the phase's local dates, and the phase's own survey responses.
 */
export function participantsWith(deps: Pick<CensusDeps, 'ideas' | 'surveys' | 'timeZone'>) {
  return async (processId: string, phase: { id: string; startsOn: string; endsOn: string } | null, phaseIds: readonly string[]): Promise<string[]> => {
    const [ideaPeople, responseWeeks] = await Promise.all([
      deps.ideas.participantsOf(processId, phase ? { from: phase.startsOn, to: phase.endsOn, timeZone: deps.timeZone } : null),
      deps.surveys.responsesByWeek(phase ? [phase.id] : phaseIds),
    ]);
    return [...new Set([...ideaPeople, ...responseWeeks.flatMap((w) => w.people)])];
  };
}

/** The years of birth of the people an age band holds this year (an open band reaches back to 1900). */
export function birthYearsOf(band: AgeBand, thisYear: number): { from: number; to: number } {
  return { from: band.to === null ? 1900 : thisYear - band.to, to: thisYear - band.from };
}
