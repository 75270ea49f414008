import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { hasRole, type Actor } from '../accounts/accounts.policy.ts';
import type { Role } from '../accounts/accounts.tables.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { IdeasService } from '../ideas/ideas.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { ProcessesService } from '../processes/processes.service.ts';
import type { LocalizedText } from '../shared/localized.ts';
import { isIsoDate } from '../shared/dates.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { isLocale } from '../i18n/locales.ts';

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

const signingOrder: Role[] = ['decision_maker', 'process_manager', 'moderator', 'administrator'];

/** Closing the loop: statuses, official answers, implementation progress and "you said, we did". */
export function feedbackService(deps: {
  db: Db;
  audit: AuditService;
  accounts: AccountsService;
  ideas: IdeasService;
  processes: ProcessesService;
  notifications: NotificationsService;
}) {
  async function statuses(): Promise<InputStatus[]> {
    const rows = await deps.db.selectFrom('input_statuses').selectAll().orderBy('position').orderBy('key').execute();
    return rows.map((r) => ({ key: r.key, label: r.label, builtIn: r.built_in, requiresAnswer: r.requires_answer, allowsProgress: r.allows_progress }));
  }

  async function ideaContext(ideaId: string) {
    const idea = await deps.ideas.findIdea(ideaId);
    if (!idea) return null;
    const process = await deps.processes.getProcessById(idea.process_id);
    return process ? { idea, process } : null;
  }

  return {
    statuses,

    /** Adds a municipality's own status (administrators). */
    async addStatus(actor: Actor | null, input: { key: unknown; label: unknown; locale: unknown; requiresAnswer?: unknown; allowsProgress?: unknown }): Promise<Result<null>> {
      if (!hasRole(actor, 'administrator')) return fail('Forbidden');
      const errors: FieldError[] = [];
      const key = typeof input.key === 'string' ? input.key.trim().toLowerCase() : '';
      if (!/^[a-z][a-z0-9_]{1,39}$/.test(key)) errors.push({ field: 'key', message: 'field.invalid' });
      const label = typeof input.label === 'string' ? input.label.trim() : '';
      if (label === '') errors.push({ field: 'label', message: 'field.required' });
      if (!isLocale(input.locale)) errors.push({ field: 'locale', message: 'field.localeUnknown' });
      if (errors.length > 0 || !isLocale(input.locale)) return fail('ValidationFailed', errors);
      const position = (await statuses()).length * 10 + 100;
      const inserted = await deps.db
        .insertInto('input_statuses')
        .values({ key, label: JSON.stringify({ [input.locale]: label }), position, requires_answer: input.requiresAnswer === true || input.requiresAnswer === 'on', allows_progress: input.allowsProgress === true || input.allowsProgress === 'on' })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return fail('ValidationFailed', [{ field: 'key', message: 'field.invalid' }]);
      return ok(null);
    },

    /**
     * Staff set an idea's status with an official answer (required for statuses such as "rejected"),
     * signed with their name and role. Author, supporters and followers are told.
     */
    async answerIdea(actor: Actor | null, ideaId: string, input: { status: unknown; body: unknown }): Promise<Result<null>> {
      if (!actor || !hasRole(actor, 'process_manager', 'decision_maker', 'moderator')) return fail('Forbidden');
      const context = await ideaContext(ideaId);
      if (!context) return fail('NotFound');
      const status = (await statuses()).find((s) => s.key === input.status);
      const body = typeof input.body === 'string' ? input.body.trim() : '';
      const errors: FieldError[] = [];
      if (!status) errors.push({ field: 'status', message: 'field.invalid' });
      if (status?.requiresAnswer && body === '') errors.push({ field: 'body', message: 'field.answerRequired' });
      if (body.length > 5000) errors.push({ field: 'body', message: 'field.tooLong', params: { max: 5000 } });
      if (errors.length > 0 || !status) return fail('ValidationFailed', errors);
      const account = await deps.accounts.getAccount(actor);
      if (!account.ok) return account;
      const role = signingOrder.find((r) => actor.roles.includes(r)) ?? 'process_manager';
      await deps.db
        .insertInto('official_answers')
        .values({ idea_id: ideaId, status: status.key, body: body || null, author_id: actor.id, author_name: account.value.displayName, author_role: role })
        .execute();
      await deps.ideas.applyStatus(ideaId, status.key, status.allowsProgress ? undefined : null);
      await deps.audit.record({ actorId: actor.id, action: 'idea.answered', subjectType: 'idea', subjectId: ideaId, details: { status: status.key } });
      await deps.notifications.notify({
        userIds: await deps.ideas.audienceOf(ideaId),
        kind: body ? 'answered' : 'status_changed',
        subjectType: 'idea',
        subjectId: ideaId,
        payload: { ideaId, ideaTitle: context.idea.title, processSlug: context.process.slug, status: status.key },
      });
      return ok(null);
    },

    /** Adds a dated milestone to an accepted idea and moves its progress. */
    async addMilestone(actor: Actor | null, ideaId: string, input: { title: unknown; date: unknown; progress: unknown }): Promise<Result<null>> {
      if (!actor || !hasRole(actor, 'process_manager', 'decision_maker')) return fail('Forbidden');
      const context = await ideaContext(ideaId);
      if (!context) return fail('NotFound');
      const status = (await statuses()).find((s) => s.key === context.idea.status);
      if (!status?.allowsProgress) return fail('Conflict');
      const errors: FieldError[] = [];
      const title = typeof input.title === 'string' ? input.title.trim() : '';
      if (title === '') errors.push({ field: 'title', message: 'field.required' });
      else if (title.length > 200) errors.push({ field: 'title', message: 'field.tooLong', params: { max: 200 } });
      if (!isIsoDate(input.date)) errors.push({ field: 'date', message: 'field.dateInvalid' });
      const progress = typeof input.progress === 'number' ? input.progress : Number(input.progress);
      if (!Number.isInteger(progress) || progress < 0 || progress > 100) errors.push({ field: 'progress', message: 'field.invalid' });
      if (errors.length > 0 || !isIsoDate(input.date)) return fail('ValidationFailed', errors);
      await deps.db.insertInto('milestones').values({ idea_id: ideaId, title, happened_on: input.date, progress_percent: progress, author_id: actor.id }).execute();
      await deps.ideas.applyStatus(ideaId, context.idea.status, progress);
      await deps.audit.record({ actorId: actor.id, action: 'idea.milestone_added', subjectType: 'idea', subjectId: ideaId, details: { progress } });
      await deps.notifications.notify({
        userIds: await deps.ideas.audienceOf(ideaId),
        kind: 'milestone',
        subjectType: 'idea',
        subjectId: ideaId,
        payload: { ideaId, ideaTitle: context.idea.title, processSlug: context.process.slug, milestone: title, progress },
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
        answers: answers.map((a): OfficialAnswer => ({ status: a.status, body: a.body, authorName: a.author_name, authorRole: a.author_role as Role, createdAt: a.created_at })),
        milestones: milestones.map((m) => ({ title: m.title, date: m.happened_on, progress: m.progress_percent })),
      };
    },

    /**
     * Participation over time for staff: per week, ideas, comments, supports and survey responses, and
     * how many different people took part that week (process managers and decision-makers).
     */
    async participationReport(actor: Actor | null, processId: string) {
      if (!hasRole(actor, 'process_manager', 'decision_maker')) return fail('Forbidden');
      const rows = await sql<{ week: string; ideas: number; comments: number; supports: number; responses: number; participants: number }>`
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
      return ok({ weeks: rows.rows, participants: total.rows[0]?.participants ?? 0 });
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
        .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM official_answers later WHERE later.idea_id = ideas.id AND (later.created_at, later.id) > (official_answers.created_at, official_answers.id))`)
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
          .where((eb) => eb.exists(eb.selectFrom('official_answers').select('official_answers.id').whereRef('official_answers.idea_id', '=', 'ideas.id')))
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
