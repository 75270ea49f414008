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

/** The Monday (UTC) of an ISO week written `2025-W11`; week 1 is the week with the year's 4 January. */
function mondayOf(week: string): number {
  const [year, w] = week.split('-W').map(Number) as [number, number];
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return jan4 - weekday * 86_400_000 + (w - 1) * 7 * 86_400_000;
}

/** The ISO week (`2025-W11`) a UTC day falls in: the week of its Thursday. */
function isoWeekOf(time: number): string {
  const day = new Date(time);
  const thursday = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) + (3 - ((day.getUTCDay() + 6) % 7)) * 86_400_000;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Every ISO week from the first to the last, in order: weeks without activity are there with zeros. */
export function weeksFromTo(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = mondayOf(first), end = mondayOf(last); t <= end; t += 7 * 86_400_000) out.push(isoWeekOf(t));
  return out;
}

/** The participation report (ideas, surveys, accounts' profiles). */
export function participationUseCases(deps: ReportsDeps) {
  return {
    /**
     * Participation over time for staff: per week, ideas, comments, supports and survey responses, and
     * how many different people took part that week (process managers and decision-makers), every week from
     * the first with activity to the last, quiet weeks included as zeros, so a chart's time axis is true; then who took
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
      const active = [...weeks.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const allWeeks = active.length === 0 ? [] : weeksFromTo(active[0] ?? '', active[active.length - 1] ?? '');
      return ok({
        weeks: allWeeks.map((week): ParticipationWeek => {
          const w = weeks.get(week);
          return { week, ideas: w?.ideas ?? 0, comments: w?.comments ?? 0, supports: w?.supports ?? 0, responses: w?.responses ?? 0, participants: w?.people.size ?? 0 };
        }),
        participants: everyone.size,
        byArea: [...areas.map((area) => ({ area, count: byArea.get(area) ?? 0 })), { area: null, count: byArea.get(null) ?? 0 }],
        byAgeGroup: [...ageGroups.map((group) => ({ group, count: byAge.get(group) ?? 0 })), { group: null, count: byAge.get(null) ?? 0 }],
      });
    },
  };
}
