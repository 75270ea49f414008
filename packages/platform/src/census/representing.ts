import type { Actor } from '../accounts/accounts.policy.ts';
import { isUuid } from '../shared/validate.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { CensusContext } from './census.context.ts';
import { birthYearsOf, participantsWith } from './participants.ts';
import { readAgeBand, sexOf } from './census.csv.ts';
import { censusPolicy } from './census.policy.ts';
import type { CensusSummary } from './importing.ts';
import {
  ageBandOf,
  censusDimensions,
  combinationsOf,
  groupingOf,
  missingDimensions,
  mostUnderRepresented,
  type CensusDimension,
  type Grouping,
  type ParticipantProfile,
  type Shortfall,
} from './representation.ts';

/** The thresholds a process uses until its manager sets its own: none raise an alert by themselves. */
export const defaultThresholds = { maxRatio: 0.8, minExpected: 5 } as const;

/** How many groups the sentence names. */
const namedGroups = 3;

/** The dimensions participants can tell today (their profile's area and year of birth); the others are never given. */
export const toldDimensions: readonly CensusDimension[] = ['area', 'age'];

/** Ten letters per missing participant: invitation letters for citizens' panels are answered by about 5–10 %. */
const lettersPerMissing = 10;

/** Panel stages in which invitation letters can still be drawn from the register. */
const recruiting = new Set(['setup', 'inviting', 'registration']);

/** Something the platform can do about a group the alert names. */
export type OutreachAction =
  | {
      /** An invitation round aimed at the group's area and age band, drawn from the process's panel register. */
      readonly kind: 'letters';
      readonly panelId: string;
      readonly area: string;
      readonly ageBand: string;
      readonly letters: number;
    }
  | {
      /** A meeting in the group's area: the event form prefilled for the process, saved only when staff complete it. */
      readonly kind: 'event';
      readonly area: string;
    }
  | {
      /** A reminder to the group's registered residents who have not taken part (null `sentAt`: not sent yet). */
      readonly kind: 'reminder';
      readonly area: string;
      readonly ageBand: string;
      readonly recipients: number;
      readonly sentAt: Date | null;
    };

/** Who took part in a process or phase against the census. */
export interface Representation {
  readonly census: CensusSummary | null;
  /** Who is compared: the people who took part, or (a panel phase) the panel's members. */
  readonly kind: 'participants' | 'panel';
  readonly phaseId: string | null;
  /** Different people who took part (ideas, comments, supports, survey responses), or the panel's members. */
  readonly participants: number;
  readonly dimensions: readonly CensusDimension[];
  /** Every combination of `dimensions`, single dimensions first. */
  readonly groupings: readonly Grouping[];
  /** The groups most under-represented (ratio below the thresholds' ratio, enough expected to judge). */
  readonly underRepresented: readonly Shortfall[];
  readonly thresholds: { readonly maxRatio: number; readonly minExpected: number; readonly setByManager: boolean };
  /** Raised while the phase (or, for a whole process, a phase of it) is open and the manager's thresholds are crossed. */
  readonly alert: { readonly phaseId: string; readonly groups: readonly (Shortfall & { readonly actions: readonly OutreachAction[] })[] } | null;
}

/**
 * A panel member's census values, read from their registration answers: a category value that is one of the
 * census's areas, age bands, sexes or education levels. A dimension no answer matches stays not given.
 */
function profileOfAnswers(answers: Readonly<Record<string, string>>, census: CensusSummary): ParticipantProfile {
  const given = Object.values(answers).map((v) => v.trim());
  const bands = new Set(census.ageBands.map((b) => b.label));
  const area = given.find((v) => census.areas.includes(v)) ?? null;
  const age = given.map((v) => readAgeBand(v)?.label ?? '').find((label) => bands.has(label)) ?? null;
  const sex = given.map(sexOf).find((v) => v !== null) ?? null;
  const education = given.find((v) => census.educations.includes(v)) ?? null;
  return { area, age, sex, education };
}

/** Representation figures and the outreach thresholds behind the alert. */
export function representingUseCases({ deps, repo }: CensusContext, current: () => Promise<CensusSummary | null>) {
  const participantsOf = participantsWith(deps);

  return {
    /**
     * Who took part in a process (or one phase of it) against the census: by each dimension asked for
     * (default: all the census has) and every combination of them, with counts, shares, 95 % intervals,
     * expected counts and ratios; the groups most under-represented; and the outreach alert. People who did
     * not tell a dimension are counted as not given, never guessed.
     */
    async representationOf(actor: Actor | null, processId: string, input: { phaseId?: unknown; dimensions?: unknown } = {}): Promise<Result<Representation>> {
      if (!actor) return fail('NotSignedIn');
      if (!censusPolicy.seeRepresentation(actor)) return fail('Forbidden');
      if (!isUuid(processId)) return fail('NotFound');
      const process = await deps.processes.getProcessById(processId);
      if (!process) return fail('NotFound');
      const phaseId = typeof input.phaseId === 'string' && input.phaseId !== '' ? input.phaseId : null;
      const phase = phaseId === null ? null : (process.phases.find((p) => p.id === phaseId) ?? null);
      if (phaseId !== null && !phase) return fail('ValidationFailed', [{ field: 'phaseId', message: 'field.unknownChoice' }]);
      const census = await current();
      const asked = Array.isArray(input.dimensions) ? input.dimensions : typeof input.dimensions === 'string' && input.dimensions !== '' ? input.dimensions.split(',') : null;
      const unknown = (asked ?? []).filter((d): d is unknown => !censusDimensions.includes(d as CensusDimension));
      if (unknown.length > 0) return fail('ValidationFailed', [{ field: 'dimensions', message: 'field.unknownChoice' }]);
      const stored = await repo.thresholdsOf(processId);
      const thresholds = stored ? { maxRatio: stored.max_ratio, minExpected: stored.min_expected, setByManager: true } : { ...defaultThresholds, setByManager: false };
      // A panel phase's participants are the panel's members (selected or confirmed), with their registration answers.
      const panel = phase?.method === 'panel' ? await deps.panels.panelOfProcess(processId) : null;
      const kind = phase?.method === 'panel' ? ('panel' as const) : ('participants' as const);
      const members = panel ? await deps.panels.memberAnswersOf(panel.id) : [];
      const people = kind === 'panel' ? [] : await participantsOf(processId, phase, process.phases.map((p) => p.id));
      const count = kind === 'panel' ? members.length : people.length;
      if (!census) return ok({ census: null, kind, phaseId, participants: count, dimensions: [], groupings: [], underRepresented: [], thresholds, alert: null });
      const dimensions = censusDimensions.filter((d) => (asked ? asked.includes(d) : census.dimensions.includes(d)));
      const lacking = missingDimensions(census, dimensions);
      if (lacking.length > 0) return fail('ValidationFailed', [{ field: 'dimensions', message: 'census.dimensionMissing', params: { dimensions: lacking.join(', '), year: census.year } }]);
      if (dimensions.length === 0) return fail('ValidationFailed', [{ field: 'dimensions', message: 'field.required' }]);

      const thisYear = deps.clock().getUTCFullYear();
      const profiles = new Map((await deps.accounts.residentProfilesOf(people)).map((p) => [p.userId, p]));
      const told: ParticipantProfile[] = people.map((id) => {
        const profile = profiles.get(id);
        const birthYear = profile?.birthYear ?? null;
        return {
          area: profile?.area ?? null,
          // A year of birth outside every census band counts as "outside", not "not given".
          age: birthYear === null ? null : (ageBandOf(census.ageBands, thisYear - birthYear)?.label ?? `${thisYear - birthYear}`),
          sex: null,
          education: null,
        };
      });
      const participants = kind === 'panel' ? members.map((answers) => profileOfAnswers(answers, census)) : told;
      const cells = await repo.cellsOf(census.id);
      const values = { area: census.areas, age: census.ageBands.map((b) => b.label), sex: ['female', 'male'], education: census.educations };
      const groupings = combinationsOf(dimensions).map((dims) => groupingOf({ dimensions: census.dimensions, cells, values }, participants, dims));
      const underRepresented = mostUnderRepresented(groupings, { maxRatio: thresholds.maxRatio, minExpected: thresholds.minExpected, limit: namedGroups });
      const openPhase = phase ? (phase.state === 'open' ? phase : null) : (process.phases.find((p) => p.state === 'open') ?? null);
      let alert: Representation['alert'] = null;
      // A panel is drawn once: its composition is for the record, and raises no outreach alert.
      if (kind === 'participants' && thresholds.setByManager && openPhase && underRepresented.length > 0) {
        const register = await deps.panels.panelOfProcess(processId);
        const reminders = await repo.remindersOf(openPhase.id);
        const took = new Set(people);
        const actionsFor = async (group: Shortfall): Promise<OutreachAction[]> => {
          const area = group.values.area ?? '';
          const ageBand = group.values.age ?? '';
          if (area === '' && ageBand === '') return [];
          const actions: OutreachAction[] = [];
          if (register && recruiting.has(register.stage)) actions.push({ kind: 'letters', panelId: register.id, area, ageBand, letters: Math.ceil((group.expected - group.participants) * lettersPerMissing) });
          if (area !== '') actions.push({ kind: 'event', area });
          const sent = reminders.find((r) => r.area === area && r.age === ageBand);
          const band = census.ageBands.find((b) => b.label === ageBand) ?? null;
          const residents = await deps.accounts.residentsMatching({ area: area || null, birthYears: band ? birthYearsOf(band, thisYear) : null });
          const recipients = sent ? sent.recipients : residents.filter((id) => !took.has(id)).length;
          if (sent || recipients > 0) actions.push({ kind: 'reminder', area, ageBand, recipients, sentAt: sent?.sent_at ?? null });
          return actions;
        };
        const groups = [];
        for (const group of underRepresented) groups.push({ ...group, actions: await actionsFor(group) });
        alert = { phaseId: openPhase.id, groups };
      }
      return ok({ census, kind, phaseId, participants: count, dimensions, groupings, underRepresented, thresholds, alert });
    },

    /** Sets a process's outreach thresholds: a group below `maxRatio` with at least `minExpected` expected raises the alert. */
    async setThresholds(actor: Actor | null, processId: string, input: { maxRatio: unknown; minExpected: unknown }): Promise<Result<{ maxRatio: number; minExpected: number }>> {
      if (!actor) return fail('NotSignedIn');
      if (!censusPolicy.setThresholds(actor)) return fail('Forbidden');
      if (!isUuid(processId) || !(await deps.processes.getProcessById(processId))) return fail('NotFound');
      const number = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.trim().replace(',', '.')) : NaN);
      const maxRatio = number(input.maxRatio);
      const minExpected = number(input.minExpected);
      const errors = [];
      if (!(maxRatio > 0 && maxRatio <= 1)) errors.push({ field: 'maxRatio', message: 'census.maxRatio' });
      if (!(Number.isInteger(minExpected) && minExpected >= 1 && minExpected <= 100_000)) errors.push({ field: 'minExpected', message: 'census.minExpected' });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      await repo.saveThresholds({ processId, maxRatio, minExpected, by: actor.id, at: deps.clock() });
      await deps.audit.record({ actorId: actor.id, action: 'census.thresholdsSet', subjectType: 'process', subjectId: processId, details: { maxRatio, minExpected } });
      return ok({ maxRatio, minExpected });
    },
  };
}
