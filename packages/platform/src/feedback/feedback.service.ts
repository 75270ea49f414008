import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { hasRole, type Actor } from '../accounts/accounts.policy.ts';
import { feedbackPolicy } from './feedback.policy.ts';
import type { Role } from '../accounts/accounts.tables.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { IdeasService } from '../ideas/ideas.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { ProcessesService } from '../processes/processes.service.ts';
import { cleanLocalized, type LocalizedText } from '../shared/localized.ts';
import { isIsoDate } from '../shared/dates.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { Clock } from '../shared/clock.ts';

/** A status an input can have. Built-in ones are translated by key; a municipality's own carry labels. */
export interface InputStatus {
  readonly key: string;
  readonly label: LocalizedText;
  readonly builtIn: boolean;
  readonly requiresAnswer: boolean;
  readonly allowsProgress: boolean;
}

/** An official answer, signed with the author's name and role. */
export interface OfficialAnswer {
  readonly status: string;
  readonly body: string | null;
  readonly authorName: string;
  readonly authorRole: Role;
  readonly createdAt: Date;
}

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

const signingOrder: Role[] = ['decision_maker', 'process_manager', 'moderator', 'administrator'];

/** Closing the loop: statuses, official answers, implementation progress and "you said, we did". */
export function feedbackService(deps: {
  db: Db;
  audit: AuditService;
  accounts: AccountsService;
  ideas: IdeasService;
  processes: ProcessesService;
  notifications: NotificationsService;
  clock: Clock;
  municipality: () => Promise<{ areas: readonly string[] }>;
}) {
  async function statuses(): Promise<InputStatus[]> {
    const rows = await deps.db
      .selectFrom('input_statuses')
      .selectAll()
      .orderBy('position')
      .orderBy('key')
      .execute();
    return rows.map((r) => ({
      key: r.key,
      label: r.label,
      builtIn: r.built_in,
      requiresAnswer: r.requires_answer,
      allowsProgress: r.allows_progress,
    }));
  }

  async function ideaContext(ideaId: string) {
    const idea = await deps.ideas.findIdea(ideaId);
    if (!idea) return null;
    const process = await deps.processes.getProcessById(idea.process_id);
    return process ? { idea, process } : null;
  }

  return {
    statuses,

    /**
     * Adds a municipality's own status (administrators): a label in at least one language (the others
     * fall back to it), whether it needs an official answer and whether it carries progress. The key is
     * made from the label and never changes, so exports stay comparable.
     */
    async addStatus(
      actor: Actor | null,
      input: { label: Record<string, unknown>; requiresAnswer?: unknown; allowsProgress?: unknown },
    ): Promise<Result<{ key: string }>> {
      if (!actor || !hasRole(actor, 'administrator')) return fail('Forbidden');
      const label = statusLabel(input.label);
      if (!label.ok) return label;
      const existing = await statuses();
      const last = await deps.db
        .selectFrom('input_statuses')
        .select((eb) => eb.fn.max('position').as('max'))
        .executeTakeFirst();
      const base = statusKey(Object.values(label.value)[0] ?? '');
      let key = base;
      for (let n = 2; existing.some((s) => s.key === key); n += 1) key = `${base}_${n}`;
      await deps.db
        .insertInto('input_statuses')
        .values({
          key,
          label: JSON.stringify(label.value),
          position: (last?.max ?? 90) + 10,
          requires_answer: checked(input.requiresAnswer),
          allows_progress: checked(input.allowsProgress),
        })
        .execute();
      await deps.audit.record({
        actorId: actor.id,
        action: 'status.added',
        subjectType: 'input_status',
        subjectId: key,
        details: { label: label.value },
      });
      return ok({ key });
    },

    /** Changes a municipality's own status: its labels and rules (built-in statuses are fixed). */
    async updateStatus(
      actor: Actor | null,
      key: string,
      input: { label: Record<string, unknown>; requiresAnswer?: unknown; allowsProgress?: unknown },
    ): Promise<Result<null>> {
      if (!actor || !hasRole(actor, 'administrator')) return fail('Forbidden');
      const status = (await statuses()).find((s) => s.key === key);
      if (!status) return fail('NotFound');
      if (status.builtIn) return fail('Conflict');
      const label = statusLabel(input.label);
      if (!label.ok) return label;
      await deps.db
        .updateTable('input_statuses')
        .set({
          label: JSON.stringify(label.value),
          requires_answer: checked(input.requiresAnswer),
          allows_progress: checked(input.allowsProgress),
        })
        .where('key', '=', key)
        .execute();
      await deps.audit.record({
        actorId: actor.id,
        action: 'status.updated',
        subjectType: 'input_status',
        subjectId: key,
        details: { label: label.value },
      });
      return ok(null);
    },

    /** Removes a municipality's own status that no idea has or had (otherwise refused, naming why). */
    async removeStatus(actor: Actor | null, key: string): Promise<Result<null>> {
      if (!actor || !hasRole(actor, 'administrator')) return fail('Forbidden');
      const status = (await statuses()).find((s) => s.key === key);
      if (!status) return fail('NotFound');
      if (status.builtIn) return fail('Conflict');
      const used = await deps.db
        .selectNoFrom((eb) => [
          eb.exists(eb.selectFrom('ideas').select('id').where('status', '=', key)).as('by_idea'),
          eb.exists(eb.selectFrom('official_answers').select('id').where('status', '=', key)).as('by_answer'),
        ])
        .executeTakeFirstOrThrow();
      if (used.by_idea || used.by_answer)
        return fail('ValidationFailed', [{ field: 'status', message: 'field.statusInUse' }]);
      await deps.db.deleteFrom('input_statuses').where('key', '=', key).execute();
      await deps.audit.record({
        actorId: actor.id,
        action: 'status.removed',
        subjectType: 'input_status',
        subjectId: key,
        details: {},
      });
      return ok(null);
    },

    /**
     * Staff set an idea's status with an official answer (required for statuses such as "rejected"),
     * signed with their name and role. Author, supporters and followers are told.
     */
    async answerIdea(
      actor: Actor | null,
      ideaId: string,
      input: { status: unknown; body: unknown },
    ): Promise<Result<null>> {
      if (!actor || !hasRole(actor, 'process_manager', 'decision_maker', 'moderator'))
        return fail('Forbidden');
      const context = await ideaContext(ideaId);
      if (!context) return fail('NotFound');
      const status = (await statuses()).find((s) => s.key === input.status);
      const body = typeof input.body === 'string' ? input.body.trim() : '';
      const errors: FieldError[] = [];
      if (!status) errors.push({ field: 'status', message: 'field.invalid' });
      if (status?.requiresAnswer && body === '')
        errors.push({ field: 'body', message: 'field.answerRequired' });
      if (body.length > 5000) errors.push({ field: 'body', message: 'field.tooLong', params: { max: 5000 } });
      if (errors.length > 0 || !status) return fail('ValidationFailed', errors);
      const account = await deps.accounts.getAccount(actor);
      if (!account.ok) return account;
      const role = signingOrder.find((r) => actor.roles.includes(r)) ?? 'process_manager';
      await deps.db
        .insertInto('official_answers')
        .values({
          idea_id: ideaId,
          status: status.key,
          body: body || null,
          author_id: actor.id,
          author_name: account.value.displayName,
          author_role: role,
        })
        .execute();
      await deps.ideas.applyStatus(ideaId, status.key, status.allowsProgress ? undefined : null);
      await deps.audit.record({
        actorId: actor.id,
        action: 'idea.answered',
        subjectType: 'idea',
        subjectId: ideaId,
        details: { status: status.key },
      });
      await deps.notifications.notify({
        userIds: await deps.ideas.audienceOf(ideaId),
        kind: body ? 'answered' : 'status_changed',
        subjectType: 'idea',
        subjectId: ideaId,
        payload: {
          ideaId,
          ideaTitle: context.idea.title,
          processSlug: context.process.slug,
          status: status.key,
        },
      });
      return ok(null);
    },

    /** Adds a dated milestone to an accepted idea and moves its progress. */
    async addMilestone(
      actor: Actor | null,
      ideaId: string,
      input: { title: unknown; date: unknown; progress: unknown },
    ): Promise<Result<null>> {
      if (!actor || !hasRole(actor, 'process_manager', 'decision_maker')) return fail('Forbidden');
      const context = await ideaContext(ideaId);
      if (!context) return fail('NotFound');
      const status = (await statuses()).find((s) => s.key === context.idea.status);
      if (!status?.allowsProgress) return fail('Conflict');
      const errors: FieldError[] = [];
      const title = typeof input.title === 'string' ? input.title.trim() : '';
      if (title === '') errors.push({ field: 'title', message: 'field.required' });
      else if (title.length > 200)
        errors.push({ field: 'title', message: 'field.tooLong', params: { max: 200 } });
      if (!isIsoDate(input.date)) errors.push({ field: 'date', message: 'field.dateInvalid' });
      const progress = typeof input.progress === 'number' ? input.progress : Number(input.progress);
      if (!Number.isInteger(progress) || progress < 0 || progress > 100)
        errors.push({ field: 'progress', message: 'field.invalid' });
      if (errors.length > 0 || !isIsoDate(input.date)) return fail('ValidationFailed', errors);
      await deps.db
        .insertInto('milestones')
        .values({
          idea_id: ideaId,
          title,
          happened_on: input.date,
          progress_percent: progress,
          author_id: actor.id,
        })
        .execute();
      await deps.ideas.applyStatus(ideaId, context.idea.status, progress);
      await deps.audit.record({
        actorId: actor.id,
        action: 'idea.milestone_added',
        subjectType: 'idea',
        subjectId: ideaId,
        details: { progress },
      });
      await deps.notifications.notify({
        userIds: await deps.ideas.audienceOf(ideaId),
        kind: 'milestone',
        subjectType: 'idea',
        subjectId: ideaId,
        payload: {
          ideaId,
          ideaTitle: context.idea.title,
          processSlug: context.process.slug,
          milestone: title,
          progress,
        },
      });
      return ok(null);
    },

    /** The answers and milestones of one idea, oldest first. */
    async historyOf(ideaId: string) {
      const answers = await deps.db
        .selectFrom('official_answers')
        .select(['status', 'body', 'author_name', 'author_role', 'created_at'])
        .where('idea_id', '=', ideaId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const milestones = await deps.db
        .selectFrom('milestones')
        .select(['title', 'happened_on', 'progress_percent'])
        .where('idea_id', '=', ideaId)
        .orderBy('happened_on')
        .orderBy('created_at')
        .execute();
      return {
        answers: answers.map((a): OfficialAnswer => ({
          status: a.status,
          body: a.body,
          authorName: a.author_name,
          authorRole: a.author_role as Role,
          createdAt: a.created_at,
        })),
        milestones: milestones.map((m) => ({
          title: m.title,
          date: m.happened_on,
          progress: m.progress_percent,
        })),
      };
    },

    /**
     * Participation over time for staff: per week, ideas, comments, supports and survey responses, and
     * how many different people took part that week (process managers and decision-makers).
     */
    async participationReport(actor: Actor | null, processId: string) {
      if (!feedbackPolicy.seeReport(actor)) return fail('Forbidden');
      const rows = await sql<{
        week: string;
        ideas: number;
        comments: number;
        supports: number;
        responses: number;
        participants: number;
      }>`
        WITH events AS (
          SELECT date_trunc('week', i.created_at) AS week, 'idea' AS kind, i.author_id AS person FROM ideas i WHERE i.process_id = ${processId}
          UNION ALL SELECT date_trunc('week', c.created_at), 'comment', c.author_id FROM comments c JOIN ideas i ON i.id = c.idea_id WHERE i.process_id = ${processId}
          UNION ALL SELECT date_trunc('week', s.created_at), 'support', s.user_id FROM idea_supports s JOIN ideas i ON i.id = s.idea_id WHERE i.process_id = ${processId}
          UNION ALL SELECT date_trunc('week', r.created_at), 'response', r.user_id FROM survey_responses r JOIN phases p ON p.id = r.phase_id WHERE p.process_id = ${processId}
        )
        SELECT to_char(week, 'IYYY-"W"IW') AS week,
               count(*) FILTER (WHERE kind = 'idea')::int AS ideas,
               count(*) FILTER (WHERE kind = 'comment')::int AS comments,
               count(*) FILTER (WHERE kind = 'support')::int AS supports,
               count(*) FILTER (WHERE kind = 'response')::int AS responses,
               count(DISTINCT person)::int AS participants
        FROM events GROUP BY week ORDER BY week`.execute(deps.db);
      const total = await sql<{ participants: number }>`
        SELECT count(DISTINCT person)::int AS participants FROM (
          SELECT i.author_id AS person FROM ideas i WHERE i.process_id = ${processId}
          UNION SELECT c.author_id FROM comments c JOIN ideas i ON i.id = c.idea_id WHERE i.process_id = ${processId}
          UNION SELECT s.user_id FROM idea_supports s JOIN ideas i ON i.id = s.idea_id WHERE i.process_id = ${processId}
          UNION SELECT r.user_id FROM survey_responses r JOIN phases p ON p.id = r.phase_id WHERE p.process_id = ${processId}
        ) people WHERE person IS NOT NULL`.execute(deps.db);
      // Who took part, by what they chose to tell: area and age group (as of this year). People who
      // said nothing are counted as "not given", so the columns add up to the participants.
      const people = await sql<{ area: string | null; birth_year: number | null; n: number }>`
        SELECT rp.area, rp.birth_year, count(*)::int AS n FROM (
          SELECT i.author_id AS person FROM ideas i WHERE i.process_id = ${processId}
          UNION SELECT c.author_id FROM comments c JOIN ideas i ON i.id = c.idea_id WHERE i.process_id = ${processId}
          UNION SELECT s.user_id FROM idea_supports s JOIN ideas i ON i.id = s.idea_id WHERE i.process_id = ${processId}
          UNION SELECT r.user_id FROM survey_responses r JOIN phases p ON p.id = r.phase_id WHERE p.process_id = ${processId}
        ) people LEFT JOIN resident_profiles rp ON rp.user_id = people.person
        WHERE person IS NOT NULL GROUP BY rp.area, rp.birth_year`.execute(deps.db);
      const thisYear = deps.clock().getUTCFullYear();
      const byArea = new Map<string | null, number>();
      const byAge = new Map<AgeGroup | null, number>();
      for (const row of people.rows) {
        byArea.set(row.area, (byArea.get(row.area) ?? 0) + row.n);
        const group = row.birth_year === null ? null : ageGroupOf(thisYear - row.birth_year);
        byAge.set(group, (byAge.get(group) ?? 0) + row.n);
      }
      const areas = [...(await deps.municipality()).areas];
      for (const area of byArea.keys()) if (area !== null && !areas.includes(area)) areas.push(area);
      return ok({
        weeks: rows.rows,
        participants: total.rows[0]?.participants ?? 0,
        byArea: [
          ...areas.map((area) => ({ area, count: byArea.get(area) ?? 0 })),
          { area: null, count: byArea.get(null) ?? 0 },
        ],
        byAgeGroup: [
          ...ageGroups.map((group) => ({ group, count: byAge.get(group) ?? 0 })),
          { group: null, count: byAge.get(null) ?? 0 },
        ],
      });
    },

    /** "You said, we did": how many published ideas have each status, and the answers given, newest first, a page at a time. */
    async youSaidWeDid(processId: string, query: { page?: number; pageSize?: number } = {}) {
      const pageSize = Math.min(500, Math.max(1, Math.floor(query.pageSize ?? 50)));
      const page = Math.max(1, Math.floor(query.page ?? 1));
      const counts = await deps.db
        .selectFrom('ideas')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('process_id', '=', processId)
        .where('hidden_at', 'is', null)
        .where('screening', '=', 'published')
        .groupBy('status')
        .execute();
      const answers = await deps.db
        .selectFrom('official_answers')
        .innerJoin('ideas', 'ideas.id', 'official_answers.idea_id')
        .select([
          'ideas.id as idea_id',
          'ideas.title',
          'ideas.progress_percent',
          'official_answers.status',
          'official_answers.body',
          'official_answers.author_name',
          'official_answers.author_role',
          'official_answers.created_at',
        ])
        .where('ideas.process_id', '=', processId)
        .where('ideas.hidden_at', 'is', null)
        .where(
          sql<boolean>`NOT EXISTS (SELECT 1 FROM official_answers later WHERE later.idea_id = ideas.id AND (later.created_at, later.id) > (official_answers.created_at, official_answers.id))`,
        )
        .orderBy('official_answers.created_at', 'desc')
        .orderBy('ideas.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      const answeredTotal = (
        await deps.db
          .selectFrom('ideas')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('process_id', '=', processId)
          .where('hidden_at', 'is', null)
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('official_answers')
                .select('official_answers.id')
                .whereRef('official_answers.idea_id', '=', 'ideas.id'),
            ),
          )
          .executeTakeFirstOrThrow()
      ).n;
      const all = await statuses();
      return {
        counts: all.map((s) => ({ status: s, count: counts.find((c) => c.status === s.key)?.n ?? 0 })),
        total: counts.reduce((sum, c) => sum + c.n, 0),
        answeredTotal,
        page,
        pageSize,
        answers: answers.map((a) => ({
          ideaId: a.idea_id,
          title: a.title,
          progress: a.progress_percent,
          status: a.status,
          body: a.body,
          authorName: a.author_name,
          authorRole: a.author_role as Role,
          createdAt: a.created_at,
        })),
      };
    },
  };
}

export type FeedbackService = ReturnType<typeof feedbackService>;

function checked(value: unknown): boolean {
  return value === true || value === 'on';
}

/** A status label per language: at least one, each at most 60 characters. */
function statusLabel(input: Record<string, unknown>): Result<LocalizedText> {
  const label = cleanLocalized(input);
  const errors: FieldError[] = [];
  if (Object.keys(label).length === 0) errors.push({ field: 'label', message: 'field.labelRequired' });
  for (const [locale, text] of Object.entries(label))
    if (text.length > 60)
      errors.push({ field: `label_${locale}`, message: 'field.tooLong', params: { max: 60 } });
  return errors.length > 0 ? fail('ValidationFailed', errors) : ok(label);
}

/** A stable, readable key from a label: `Sent to the council` → `sent_to_the_council`. */
function statusKey(label: string): string {
  const folded = label
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 36);
  return /^[a-z]/.test(folded) ? folded : `status_${folded}`.replace(/_$/, '');
}
