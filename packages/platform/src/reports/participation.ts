import type { Actor } from '../accounts/accounts.policy.ts';
import { fail, ok } from '../shared/result.ts';
import { reportsPolicy } from './reports.policy.ts';
import type { ReportsDeps } from './reports.context.ts';

/** Age groups for participation reports, in order: the last is open-ended. */
export const ageGroups = ['0-17', '18-29', '30-44', '45-66', '67+'] as const;
export type AgeGroup = (typeof ageGroups)[number];

function ageGroupOf(age: number): AgeGroup {
  if (age < 18) return '0-17';
  if (age < 30) return '18-29';
  if (age < 45) return '30-44';
  if (age < 67) return '45-66';
  return '67+';
}

/** One ISO week of a participation report. */
export interface ParticipationWeek {
  readonly week: string;
  readonly ideas: number;
  readonly comments: number;
  readonly supports: number;
  readonly responses: number;
  /** Different people who took part that week, in any way. */
  readonly participants: number;
}

/** The participation report (ideas, surveys, accounts' profiles). */
export function participationUseCases(deps: ReportsDeps) {
  return {
    /**
     * Participation over time for staff: per week, ideas, comments, supports and survey responses, and
     * how many different people took part that week (process managers and decision-makers); then who took
     * part, by the area and age group they chose to tell.
     */
    async participationReport(actor: Actor | null, processId: string) {
      if (!reportsPolicy.seeParticipation(actor)) return fail('Forbidden');
      const process = await deps.processes.getProcessById(processId);
      const [ideaWeeks, responseWeeks] = await Promise.all([
        deps.ideas.participationByWeek(processId),
        deps.surveys.responsesByWeek(process?.phases.map((p) => p.id) ?? []),
      ]);
      const weeks = new Map<string, { ideas: number; comments: number; supports: number; responses: number; people: Set<string> }>();
      const everyone = new Set<string>();
      const weekOf = (week: string) => {
        let found = weeks.get(week);
        if (!found) weeks.set(week, (found = { ideas: 0, comments: 0, supports: 0, responses: 0, people: new Set() }));
        return found;
      };
      for (const row of ideaWeeks) {
        const week = weekOf(row.week);
        if (row.kind === 'idea') week.ideas += row.count;
        else if (row.kind === 'comment') week.comments += row.count;
        else week.supports += row.count;
        for (const person of row.people) {
          week.people.add(person);
          everyone.add(person);
        }
      }
      for (const row of responseWeeks) {
        const week = weekOf(row.week);
        week.responses += row.count;
        for (const person of row.people) {
          week.people.add(person);
          everyone.add(person);
        }
      }
      // Who took part, by what they chose to tell: area and age group (as of this year). People who said
      // nothing are counted as "not given", so the columns add up to the participants.
      const profiles = await deps.accounts.residentProfilesOf([...everyone]);
      const thisYear = deps.clock().getUTCFullYear();
      const byArea = new Map<string | null, number>([[null, everyone.size - profiles.length]]);
      const byAge = new Map<AgeGroup | null, number>([[null, everyone.size - profiles.length]]);
      for (const profile of profiles) {
        byArea.set(profile.area, (byArea.get(profile.area) ?? 0) + 1);
        const group = profile.birthYear === null ? null : ageGroupOf(thisYear - profile.birthYear);
        byAge.set(group, (byAge.get(group) ?? 0) + 1);
      }
      const areas = [...(await deps.municipality()).areas];
      for (const area of byArea.keys()) if (area !== null && !areas.includes(area)) areas.push(area);
      return ok({
        weeks: [...weeks.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([week, w]): ParticipationWeek => ({ week, ideas: w.ideas, comments: w.comments, supports: w.supports, responses: w.responses, participants: w.people.size })),
        participants: everyone.size,
        byArea: [...areas.map((area) => ({ area, count: byArea.get(area) ?? 0 })), { area: null, count: byArea.get(null) ?? 0 }],
        byAgeGroup: [...ageGroups.map((group) => ({ group, count: byAge.get(group) ?? 0 })), { group: null, count: byAge.get(null) ?? 0 }],
      });
    },
  };
}
