import type { Actor } from '../accounts/accounts.policy.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Db } from '../db/database.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { ProcessesService } from '../processes/processes.service.ts';
import type { FilesService, ImageSize } from '../files/files.service.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { ideasPolicy } from './ideas.policy.ts';
import { ideasRepository } from './ideas.repository.ts';
import { ideasModerationRepository } from './ideas.moderation.repository.ts';
import type { ModerationGate } from '../shared/moderation-gate.ts';
import type { GeocodedPlace, MunicipalityMap } from '../municipality/municipality.service.ts';
import type { Geometry } from '../shared/geo.ts';
import { ideasLocationsRepository } from './ideas.locations.repository.ts';

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
  /** Where the idea is about (a GeoJSON geometry), with what the resident typed and the area it lies in. */
  readonly location: { readonly geometry: Geometry; readonly label: string | null; readonly area: string | null } | null;
  /** Set when a moderator hid it; the author sees why. */
  readonly hidden: { reason: string } | null;
  /** The idea a moderator merged this one into: its page leads there. */
  readonly mergedInto: string | null;
  readonly awaitingScreening: boolean;
  readonly supportedByViewer: boolean;
  /** The author may still edit: nobody has supported or commented yet, or a moderator hid it (editing asks for review). */
  readonly editableByViewer: boolean;
}

/** An image a resident added to their idea: served from /files/{id}, with its description. */
export interface IdeaImage extends ImageSize {
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

/** A required text of `limits` length, trimmed; the field's error is added to `errors`. */
export function text(value: unknown, field: string, limits: { min: number; max: number }, errors: FieldError[]): string {
  const t = typeof value === 'string' ? value.trim() : '';
  if (t === '') errors.push({ field, message: 'field.required' });
  else if (t.length < limits.min) errors.push({ field, message: 'field.tooShort', params: { min: limits.min } });
  else if (t.length > limits.max) errors.push({ field, message: 'field.tooLong', params: { max: limits.max } });
  return t;
}

/** What the ideas module needs from the platform. */
export interface IdeasDeps {
  readonly db: Db;
  readonly audit: AuditService;
  readonly accounts: Pick<AccountsService, 'displayNamesOf' | 'requireConfirmed'>;
  readonly processes: ProcessesService;
  readonly notifications: NotificationsService;
  readonly files: FilesService;
  /** Blocks and review requests (the moderation module). */
  readonly gate: ModerationGate;
  /** The municipality's map (boundary, areas, places), which ideas' locations are checked against. */
  readonly map: () => Promise<MunicipalityMap>;
  /** Typed addresses the map does not name, looked up in the municipality's geocoder (null: none, or unreachable). */
  readonly geocode: (text: string) => Promise<readonly GeocodedPlace[] | null>;
}

/** An idea as stored. */
export type IdeaRow = NonNullable<Awaited<ReturnType<ReturnType<typeof ideasRepository>['findIdea']>>>;

/**
 * What the use-case files share: the dependencies, the repository, and the helpers for presenting an idea,
 * finding authors' names, checking who may see an idea and whether its phase is open. Built once per
 * platform by `ideasService`.
 */
export function ideasContext(deps: IdeasDeps) {
  const repo = ideasRepository(deps.db);
  const modRepo = ideasModerationRepository(deps.db);
  const locRepo = ideasLocationsRepository(deps.db);
  // An idea never moves to another phase.
  const ideaPhases = new Map<string, string>();

  function present(row: IdeaRow, viewer: Actor | null, supported: Set<string>, names: ReadonlyMap<string, string>): IdeaView {
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
      location: row.location ? { geometry: row.location as Geometry, label: row.location_label, area: row.location_area } : null,
      hidden: row.hidden_at ? { reason: row.hidden_reason ?? '' } : null,
      mergedInto: row.merged_into,
      awaitingScreening: row.screening === 'pending',
      supportedByViewer: supported.has(row.id),
      editableByViewer: viewer !== null && viewer.id === row.author_id && row.merged_into === null && (row.hidden_at !== null || (row.support_count === 0 && row.comment_count === 0)),
    };
  }

  /** The display names of the authors of some ideas or comments (one query for them all). */
  function authorNames(rows: readonly { author_id: string | null }[]): Promise<Map<string, string>> {
    return deps.accounts.displayNamesOf(rows.flatMap((r) => (r.author_id === null ? [] : [r.author_id])));
  }

  /**
   * The idea if the actor may see it: hidden and unscreened ideas only to their author and moderators. An idea
   * merged into another is seen by everyone (its page leads to the kept idea).
   */
  async function visibleIdea(actor: Actor | null, ideaId: string): Promise<IdeaRow | null> {
    const row = await repo.findIdea(ideaId);
    if (!row) return null;
    const own = actor !== null && actor.id === row.author_id;
    if (((row.hidden_at && !row.merged_into) || row.screening !== 'published') && !own && !ideasPolicy.moderate(actor)) return null;
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
      errors.push({ field: 'category', message: 'field.oneOf', params: { choices: categories.join(', ') } });
      return null;
    }
    return chosen;
  }

  return { deps, repo, modRepo, locRepo, ideaPhases, present, authorNames, visibleIdea, openIdeasPhase, category };
}

export type IdeasContext = ReturnType<typeof ideasContext>;
