import type { Actor } from '../accounts/accounts.policy.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Db } from '../db/database.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { ProcessesService } from '../processes/processes.service.ts';
import type { CheckedUpload, FilesService } from '../files/files.service.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { ideasPolicy } from './ideas.policy.ts';
import { ideasRepository, type IdeaSort } from './ideas.repository.ts';
import { ideaQueries } from './queries.ts';

export type { WeeklyParticipation } from './queries.ts';

export const ideaLimits = { title: { min: 5, max: 150 }, body: { min: 10, max: 5000 }, comment: { min: 1, max: 2000 }, reason: { min: 3, max: 500 } };

/** An idea as lists and its page show it. */
export interface IdeaView {
  readonly id: string;
  readonly processId: string;
  readonly phaseId: string;
  readonly title: string;
  readonly body: string;
  readonly category: string | null;
  readonly status: string;
  readonly authorId: string | null;
  readonly authorName: string | null;
  readonly supportCount: number;
  readonly commentCount: number;
  readonly progressPercent: number | null;
  readonly createdAt: Date;
  readonly editedAt: Date | null;
  /** Set when a moderator hid it; the author sees why. */
  readonly hidden: { reason: string } | null;
  readonly awaitingScreening: boolean;
  readonly supportedByViewer: boolean;
  /** The author may still edit: nobody has supported or commented yet. */
  readonly editableByViewer: boolean;
}

/** An image a resident added to their idea: served from /files/{id}, with its description. */
export interface IdeaImage {
  readonly id: string;
  readonly alt: string;
}

/** An image sent with a new idea (optional). */
export interface ImageUpload {
  readonly filename: unknown;
  readonly contentType: unknown;
  readonly data: Uint8Array;
  readonly altText?: unknown;
}

/** A comment, with replies nested one level under it. */
export interface CommentView {
  readonly id: string;
  readonly parentId: string | null;
  readonly authorName: string | null;
  readonly body: string | null;
  readonly hiddenReason: string | null;
  readonly mine: boolean;
  readonly createdAt: Date;
  readonly replies: CommentView[];
}

function text(value: unknown, field: string, limits: { min: number; max: number }, errors: FieldError[]): string {
  const t = typeof value === 'string' ? value.trim() : '';
  if (t === '') errors.push({ field, message: 'field.required' });
  else if (t.length < limits.min) errors.push({ field, message: 'field.tooShort', params: { min: limits.min } });
  else if (t.length > limits.max) errors.push({ field, message: 'field.tooLong', params: { max: limits.max } });
  return t;
}

/** Ideas, comments, supports and follows, with moderation. */
export function ideasService(deps: {
  db: Db;
  audit: AuditService;
  accounts: Pick<AccountsService, 'displayNamesOf'>;
  processes: ProcessesService;
  notifications: NotificationsService;
  files: FilesService;
}) {
  const repo = ideasRepository(deps.db);
  // An idea never moves to another phase.
  const ideaPhases = new Map<string, string>();

  type Row = NonNullable<Awaited<ReturnType<typeof repo.findIdea>>>;
  function present(row: Row, viewer: Actor | null, supported: Set<string>, names: ReadonlyMap<string, string>): IdeaView {
    return {
      id: row.id,
      processId: row.process_id,
      phaseId: row.phase_id,
      title: row.title,
      body: row.body,
      category: row.category,
      status: row.status,
      authorId: row.author_id,
      authorName: row.author_id === null ? null : (names.get(row.author_id) ?? null),
      supportCount: row.support_count,
      commentCount: row.comment_count,
      progressPercent: row.progress_percent,
      createdAt: row.created_at,
      editedAt: row.edited_at,
      hidden: row.hidden_at ? { reason: row.hidden_reason ?? '' } : null,
      awaitingScreening: row.screening === 'pending',
      supportedByViewer: supported.has(row.id),
      editableByViewer: viewer !== null && viewer.id === row.author_id && row.support_count === 0 && row.comment_count === 0,
    };
  }

  /** The display names of the authors of some ideas or comments (one query for them all). */
  function authorNames(rows: readonly { author_id: string | null }[]): Promise<Map<string, string>> {
    return deps.accounts.displayNamesOf(rows.flatMap((r) => (r.author_id === null ? [] : [r.author_id])));
  }

  /** The idea if the actor may see it: hidden and unscreened ideas only to their author and moderators. */
  async function visibleIdea(actor: Actor | null, ideaId: string): Promise<Row | null> {
    const row = await repo.findIdea(ideaId);
    if (!row) return null;
    const own = actor !== null && actor.id === row.author_id;
    if ((row.hidden_at || row.screening !== 'published') && !own && !ideasPolicy.moderate(actor)) return null;
    return row;
  }

  /** The phase must be an open ideas phase of a published process. */
  async function openIdeasPhase(phaseId: string): Promise<Result<{ processId: string; preScreening: boolean; categories: readonly string[] }>> {
    const found = await deps.processes.getPhase(phaseId);
    if (!found || found.phase.method !== 'ideas' || found.process.status === 'draft') return fail('NotFound');
    if (found.phase.state !== 'open' || found.process.status !== 'published') return fail('PhaseClosed');
    return ok({ processId: found.process.id, preScreening: found.phase.settings.preScreening === true, categories: found.phase.settings.categories ?? [] });
  }

  /** The category chosen for an idea: one of the phase's, or none. */
  function category(input: unknown, categories: readonly string[], errors: FieldError[]): string | null {
    const chosen = typeof input === 'string' ? input.trim() : '';
    if (chosen === '') return null;
    if (!categories.includes(chosen)) {
      errors.push({ field: 'category', message: 'field.invalid' });
      return null;
    }
    return chosen;
  }

  return {
    /** Posts an idea in an open ideas phase; with pre-screening it waits for a moderator. */
    async postIdea(
      actor: Actor | null,
      input: { phaseId: string; title: unknown; body: unknown; category?: unknown; image?: ImageUpload | null; locale?: unknown },
    ): Promise<Result<{ id: string; awaitingScreening: boolean }>> {
      if (!actor) return fail('NotSignedIn');
      const phase = await openIdeasPhase(input.phaseId);
      if (!phase.ok) return phase;
      const errors: FieldError[] = [];
      const title = text(input.title, 'title', ideaLimits.title, errors);
      const body = text(input.body, 'body', ideaLimits.body, errors);
      const chosenCategory = category(input.category, phase.value.categories, errors);
      // An image is optional; when one is sent, it is checked with the text, before anything is saved.
      let image: CheckedUpload | null = null;
      const sentImage = input.image && (input.image.data.byteLength > 0 || (typeof input.image.filename === 'string' && input.image.filename !== ''));
      if (input.image && sentImage) {
        const checked = deps.files.checkImage(input.image);
        if (checked.ok) image = checked.value;
        else errors.push(...(checked.fields ?? []));
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const screening = phase.value.preScreening ? 'pending' : 'published';
      const id = await repo.insertIdea({ processId: phase.value.processId, phaseId: input.phaseId, authorId: actor.id, title, body, category: chosenCategory, screening });
      if (image) {
        try {
          await deps.files.attachChecked(actor.id, 'idea', id, image, input.locale);
        } catch (error) {
          // The idea goes only with its image: without it the resident would lose what they added.
          await repo.deleteIdea(id);
          throw error;
        }
      }
      await deps.audit.record({ actorId: actor.id, action: 'idea.posted', subjectType: 'idea', subjectId: id });
      return ok({ id, awaitingScreening: screening === 'pending' });
    },

    /** The image of each idea that has one, by idea id. */
    async imagesOf(ideaIds: readonly string[]): Promise<Map<string, IdeaImage>> {
      const files = await deps.files.listFor('idea', ideaIds);
      const images = new Map<string, IdeaImage>();
      for (const file of files) {
        if (file.kind === 'image' && !images.has(file.ownerId)) images.set(file.ownerId, { id: file.id, alt: Object.values(file.altText)[0] ?? '' });
      }
      return images;
    },

    /** The author edits their idea, only until the first support or comment. */
    async editIdea(actor: Actor | null, ideaId: string, input: { title: unknown; body: unknown; category?: unknown }): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      const row = await repo.findIdea(ideaId);
      if (!row) return fail('NotFound');
      if (row.author_id !== actor.id) return fail('Forbidden');
      const phase = await openIdeasPhase(row.phase_id);
      if (!phase.ok) return phase;
      const errors: FieldError[] = [];
      const title = text(input.title, 'title', ideaLimits.title, errors);
      const body = text(input.body, 'body', ideaLimits.body, errors);
      const chosenCategory = category(input.category, phase.value.categories, errors);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      if (!(await repo.updateIdeaText(ideaId, title, body, chosenCategory))) return fail('Conflict');
      return ok(null);
    },

    /** A page of a process's ideas in the chosen order. */
    async listIdeas(actor: Actor | null, query: { processId: string; sort?: unknown; page?: number; seed?: number; category?: string | null }) {
      const sort: IdeaSort = query.sort === 'supported' || query.sort === 'random' ? query.sort : 'newest';
      const pageSize = 20;
      const page = Math.max(1, Math.floor(query.page ?? 1));
      const category = query.category || null;
      // Two round trips whatever the viewer: the page with its count, then who wrote it and what the viewer supports.
      const [rows, total] = await Promise.all([
        repo.listIdeas({
          processId: query.processId,
          category,
          sort,
          seed: query.seed ?? 0,
          limit: pageSize,
          offset: (page - 1) * pageSize,
          includeHidden: false,
          viewerId: actor?.id ?? null,
        }),
        repo.countIdeas(query.processId, false, category),
      ]);
      const [supported, names] = await Promise.all([
        actor ? repo.supportedBy(rows.map((r) => r.id), actor.id) : new Set<string>(),
        authorNames(rows),
      ]);
      return { ideas: rows.map((r) => present(r, actor, supported, names)), total, page, pageSize, sort, category };
    },

    /** One idea with its comments (replies nested), if the actor may see it. */
    async getIdea(actor: Actor | null, ideaId: string): Promise<Result<{ idea: IdeaView; comments: CommentView[]; following: boolean }>> {
      const row = await visibleIdea(actor, ideaId);
      if (!row) return fail('NotFound');
      const supported = actor ? await repo.supportedBy([row.id], actor.id) : new Set<string>();
      const moderator = ideasPolicy.moderate(actor);
      const comments = await repo.commentsOf(ideaId);
      const names = await authorNames([row, ...comments]);
      const all = comments.map(
        (c): CommentView => ({
          id: c.id,
          parentId: c.parent_id,
          authorName: c.author_id === null ? null : (names.get(c.author_id) ?? null),
          // A hidden comment keeps its place in the thread; its text is shown only to its author and moderators.
          body: c.hidden_at && !moderator && c.author_id !== actor?.id ? null : c.body,
          hiddenReason: c.hidden_at ? (c.hidden_reason ?? '') : null,
          mine: actor !== null && c.author_id === actor.id,
          createdAt: c.created_at,
          replies: [],
        }),
      );
      const byId = new Map(all.map((c) => [c.id, c]));
      const top: CommentView[] = [];
      for (const comment of all) {
        const parent = comment.parentId ? byId.get(comment.parentId) : undefined;
        if (parent) parent.replies.push(comment);
        else top.push(comment);
      }
      return ok({ idea: present(row, actor, supported, names), comments: top, following: actor ? await repo.isFollowing(ideaId, actor.id) : false });
    },

    /** Supports an idea once per person, while its phase is open. */
    async supportIdea(actor: Actor | null, ideaId: string): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      // The busiest write: the phase check uses cached facts and the insert checks the idea itself, so a
      // support is one statement; only a refused one looks closer to say why.
      let phaseId = ideaPhases.get(ideaId);
      if (!phaseId) {
        phaseId = (await repo.findIdea(ideaId))?.phase_id;
        if (!phaseId) return fail('NotFound');
        if (ideaPhases.size >= 100_000) ideaPhases.clear();
        ideaPhases.set(ideaId, phaseId);
      }
      const phase = await openIdeasPhase(phaseId);
      if (!phase.ok) return phase;
      if (await repo.addSupport(ideaId, actor.id)) return ok(null);
      const row = await visibleIdea(actor, ideaId);
      if (!row || row.hidden_at || row.screening !== 'published') return fail('NotFound');
      return fail('AlreadySupported');
    },

    /** Withdraws one's support while the phase is open. */
    async withdrawSupport(actor: Actor | null, ideaId: string): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      const row = await repo.findIdea(ideaId);
      if (!row) return fail('NotFound');
      const phase = await openIdeasPhase(row.phase_id);
      if (!phase.ok) return phase;
      await repo.removeSupport(ideaId, actor.id);
      return ok(null);
    },

    /** Follows or stops following an idea (notifications about it). */
    async followIdea(actor: Actor | null, ideaId: string, follow: boolean): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      if (!(await visibleIdea(actor, ideaId))) return fail('NotFound');
      await repo.setFollow(ideaId, actor.id, follow);
      return ok(null);
    },

    /** Comments on an idea, or replies to a comment, while the phase is open. */
    async postComment(actor: Actor | null, input: { ideaId: string; parentId?: unknown; body: unknown }): Promise<Result<{ id: string }>> {
      if (!actor) return fail('NotSignedIn');
      const row = await visibleIdea(actor, input.ideaId);
      if (!row || row.hidden_at || row.screening !== 'published') return fail('NotFound');
      const phase = await openIdeasPhase(row.phase_id);
      if (!phase.ok) return phase;
      const errors: FieldError[] = [];
      const body = text(input.body, 'body', ideaLimits.comment, errors);
      let parentId: string | null = null;
      if (typeof input.parentId === 'string' && input.parentId !== '') {
        const parent = await repo.findComment(input.parentId);
        if (!parent || parent.idea_id !== input.ideaId) errors.push({ field: 'parentId', message: 'field.invalid' });
        else parentId = parent.parent_id ?? parent.id; // replies stay one level deep
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const id = await repo.insertComment({ ideaId: input.ideaId, parentId, authorId: actor.id, body });
      await deps.audit.record({ actorId: actor.id, action: 'comment.posted', subjectType: 'idea', subjectId: input.ideaId, details: { commentId: id } });
      return ok({ id });
    },

    /** Reports an idea or comment to the moderators. */
    async flag(actor: Actor | null, input: { target: unknown; id: string; reason: unknown }): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      if (input.target !== 'idea' && input.target !== 'comment') return fail('ValidationFailed', [{ field: 'target', message: 'field.invalid' }]);
      const errors: FieldError[] = [];
      const reason = text(input.reason, 'reason', ideaLimits.reason, errors);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const found = input.target === 'idea' ? await repo.findIdea(input.id) : await repo.findComment(input.id);
      if (!found) return fail('NotFound');
      await repo.addFlag(input.target, input.id, actor.id, reason);
      return ok(null);
    },

    /** A moderator hides an idea or comment; the reason is shown to its author, who is told. */
    async hide(actor: Actor | null, input: { target: unknown; id: string; reason: unknown }): Promise<Result<null>> {
      if (!ideasPolicy.moderate(actor) || !actor) return fail('Forbidden');
      if (input.target !== 'idea' && input.target !== 'comment') return fail('ValidationFailed', [{ field: 'target', message: 'field.invalid' }]);
      const errors: FieldError[] = [];
      const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
      if (reason.length < ideaLimits.reason.min) errors.push({ field: 'reason', message: 'field.reasonRequired' });
      if (reason.length > ideaLimits.reason.max) errors.push({ field: 'reason', message: 'field.tooLong', params: { max: ideaLimits.reason.max } });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      let authorId: string | null;
      let ideaId: string;
      if (input.target === 'idea') {
        const row = await repo.findIdea(input.id);
        if (!row) return fail('NotFound');
        authorId = row.author_id;
        ideaId = row.id;
      } else {
        const comment = await repo.findComment(input.id);
        if (!comment) return fail('NotFound');
        authorId = comment.author_id;
        ideaId = comment.idea_id;
      }
      await repo.hide(input.target, input.id, reason, actor.id);
      await deps.audit.record({ actorId: actor.id, action: `${input.target}.hidden`, subjectType: input.target, subjectId: input.id, details: { reason } });
      if (authorId) {
        await deps.notifications.notify({ userIds: [authorId], kind: input.target === 'idea' ? 'idea_hidden' : 'comment_hidden', subjectType: 'idea', subjectId: ideaId, payload: { reason } });
      }
      return ok(null);
    },

    /** A moderator publishes or refuses an idea waiting for pre-screening. */
    async screenIdea(actor: Actor | null, ideaId: string, decision: unknown): Promise<Result<null>> {
      if (!ideasPolicy.moderate(actor)) return fail('Forbidden');
      if (decision !== 'published' && decision !== 'refused') return fail('ValidationFailed', [{ field: 'decision', message: 'field.invalid' }]);
      const row = await repo.findIdea(ideaId);
      if (!row) return fail('NotFound');
      await repo.setScreening(ideaId, decision);
      await deps.audit.record({ actorId: actor?.id ?? null, action: `idea.screening_${decision}`, subjectType: 'idea', subjectId: ideaId });
      return ok(null);
    },

    /** What moderators need to look at in a process. */
    async moderationQueue(actor: Actor | null, processId: string) {
      if (!ideasPolicy.moderate(actor)) return fail('Forbidden');
      return ok(await repo.moderationQueue(processId));
    },

    /**
     * Brings in an idea from elsewhere (an earlier platform, a paper form, a seed), whatever the phase's
     * dates, with its supporters. For the municipality's own imports, not for residents.
     */
    async importIdea(input: { phaseId: string; authorId: string; title: string; body: string; supporterIds?: readonly string[] }): Promise<string> {
      const found = await deps.processes.getPhase(input.phaseId);
      if (!found) throw new Error(`no phase ${input.phaseId}`);
      const id = await repo.insertIdea({ processId: found.process.id, phaseId: input.phaseId, authorId: input.authorId, title: input.title, body: input.body, category: null, screening: 'published' });
      for (const supporter of input.supporterIds ?? []) await repo.addSupport(id, supporter);
      return id;
    },

    /**
     * The ideas and comments of a process as the public sees them (hidden, refused and unscreened ones left
     * out), without authors, for other modules' analyses. Callers check their own policy first.
     */
    visibleInputsOf: (processId: string) => repo.visibleTexts(processId),

    /** Who hears about an idea: author, supporters, followers. */
    audienceOf: (ideaId: string) => repo.audienceOf(ideaId),

    /** Sets an idea's status and progress (the feedback module's use case calls this after its checks). */
    applyStatus: (ideaId: string, status: string, progress: number | null | undefined) => repo.setIdeaStatus(ideaId, status, progress),

    /** The raw idea for other modules' checks. */
    findIdea: (ideaId: string) => repo.findIdea(ideaId),

    ...ideaQueries(repo),
  };
}

export type IdeasService = ReturnType<typeof ideasService>;
