import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hasRole, type Actor } from '../accounts/accounts.policy.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ConversationsService } from '../conversations/conversations.service.ts';
import type { Db } from '../db/database.ts';
import type { CheckedUpload, FileAccess, FilesService } from '../files/files.service.ts';
import { translate } from '../i18n/translate.ts';
import type { Locale } from '../i18n/locales.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { ProcessesService } from '../processes/processes.service.ts';
import type { Clock } from '../shared/clock.ts';
import { isIsoDate } from '../shared/dates.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { checkEmail } from '../shared/validate.ts';
import { stakeholdersRepository, type StoredSource } from './stakeholders.repository.ts';
import type { FactStatus } from './stakeholders.tables.ts';

export const stakeholderLimits = {
  role: 80,
  name: 120,
  speaksFor: 200,
  introduction: 2000,
  factTitle: 150,
  factBody: 3000,
  sourceTitle: 200,
  sources: 10,
  reason: { min: 3, max: 1000 },
  stepTitle: 150,
  meetingTitle: 150,
  agenda: 5000,
  minutes: 20000,
  recommendationTitle: 150,
  recommendationBody: 5000,
};

/** Who may do what in a stakeholder panel. */
export const stakeholdersPolicy = {
  /** Facilitators run the panel: invitations, review of facts, timeline, meetings. */
  facilitate: (actor: Actor | null) => hasRole(actor, 'process_manager'),
  /** Decision-makers answer recommendations. */
  decide: (actor: Actor | null) => hasRole(actor, 'decision_maker'),
};

/** An uploaded document a fact rests on, served at `/files/{id}` to whoever may see the fact. */
export interface FactDocument {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
  readonly sizeBytes: number;
}

/**
 * A source a fact rests on: a link, or a document cited by title, with a link when it is online and the
 * document itself when the stakeholder uploaded it.
 */
export interface FactSource {
  readonly kind: 'link' | 'document';
  readonly title: string;
  readonly url: string | null;
  readonly document: FactDocument | null;
}

/** A document a stakeholder sends with a source: the bytes as uploaded, checked by the service. */
export interface SourceUpload {
  readonly filename: unknown;
  readonly contentType: unknown;
  readonly data: Uint8Array;
}

/** A source as parsed from a form: an upload is checked, an existing document is referenced by its file id. */
interface ParsedSource extends StoredSource {
  readonly upload: CheckedUpload | null;
}

/** A fact as the fact sheet and the review queue show it. */
export interface FactView {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly status: FactStatus;
  readonly reviewReason: string | null;
  readonly stakeholder: { id: string; name: string | null; role: string } | null;
  readonly sources: FactSource[];
  /** The fact this one disputes (number), if any. */
  readonly disputes: number | null;
  /** Approved facts that dispute this one (numbers): when non-empty, the fact sheet marks this fact as disputed. */
  readonly disputedBy: number[];
  readonly updatedAt: Date;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function text(value: unknown, field: string, max: number, errors: FieldError[], required = true, min = 0): string {
  const t = typeof value === 'string' ? value.trim() : '';
  if (t === '' && required) errors.push({ field, message: 'field.required' });
  else if (t !== '' && t.length < min) errors.push({ field, message: 'field.tooShort', params: { min } });
  else if (t.length > max) errors.push({ field, message: 'field.tooLong', params: { max } });
  return t;
}

/** True when an upload was sent (a browser sends an empty part without a name when no file was chosen). */
function sentFile(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as { filename?: unknown; data?: unknown };
  return file.data instanceof Uint8Array && (file.data.byteLength > 0 || (typeof file.filename === 'string' && file.filename !== ''));
}

/** A form row left empty: no title, address or file. */
function isBlankSource(item: unknown): boolean {
  const s = (item ?? {}) as { title?: unknown; url?: unknown; file?: unknown; fileId?: unknown };
  const filled = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  return !filled(s.title) && !filled(s.url) && !sentFile(s.file) && !filled(s.fileId);
}

function httpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Stakeholder panels in the manner of vTaiwan: invitations by e-mail with a role (and onward invitations up to
 * a limit), public introductions, a timeline, facts with sources reviewed by facilitators into a citable fact
 * sheet, live meetings, and recommendations that a decision-maker accepts or rejects with reasons.
 */
export function stakeholdersService(deps: {
  db: Db;
  audit: AuditService;
  processes: ProcessesService;
  conversations: ConversationsService;
  notifications: NotificationsService;
  files: FilesService;
  mailer: Mailer;
  clock: Clock;
  publicUrl: string;
  municipality: () => Promise<string>;
}) {
  const repo = stakeholdersRepository(deps.db);

  async function member(actor: Actor | null, panelId: string) {
    if (!actor) return null;
    return (await repo.stakeholderByUser(panelId, actor.id)) ?? null;
  }

  /**
   * Reads the sources of a fact form. A source with a file (a new upload, or `fileId`: one of the fact's
   * documents in `kept`, by id with its title) is a document. Uploads are checked here and stored only once
   * the whole form is valid.
   */
  function readSources(input: unknown, errors: FieldError[], kept: ReadonlyMap<string, string> = new Map()): ParsedSource[] {
    const raw = Array.isArray(input) ? input : [];
    const sources: ParsedSource[] = [];
    const filled = raw.filter((item: unknown) => !isBlankSource(item));
    if (filled.length > stakeholderLimits.sources) {
      errors.push({ field: 'sources', message: 'stakeholders.fact.tooManySources', params: { max: stakeholderLimits.sources } });
      return [];
    }
    raw.forEach((item: unknown, i: number) => {
      if (isBlankSource(item)) return;
      const s = item as { kind?: unknown; title?: unknown; url?: unknown; file?: unknown; fileId?: unknown };
      const title = typeof s.title === 'string' ? s.title.trim() : '';
      const url = typeof s.url === 'string' ? s.url.trim() : '';
      const file = sentFile(s.file) ? (s.file as SourceUpload) : null;
      const fileId = typeof s.fileId === 'string' && s.fileId !== '' && !file ? s.fileId : null;
      const kind = file || fileId || s.kind === 'document' ? 'document' : 'link';
      let upload: CheckedUpload | null = null;
      if (file) {
        const checked = deps.files.checkDocument(file, { field: `sources.${i}.file`, typeMessage: 'stakeholders.fact.documentType' });
        if (checked.ok) upload = checked.value;
        else errors.push(...(checked.fields ?? []));
      } else if (fileId && !kept.has(fileId)) {
        errors.push({ field: `sources.${i}.file`, message: 'field.invalid' });
      }
      if (title.length > stakeholderLimits.sourceTitle) errors.push({ field: `sources.${i}.title`, message: 'field.tooLong', params: { max: stakeholderLimits.sourceTitle } });
      if (kind === 'link' && !httpUrl(url)) errors.push({ field: `sources.${i}.url`, message: 'stakeholders.fact.urlInvalid' });
      if (kind === 'document' && url !== '' && !httpUrl(url)) errors.push({ field: `sources.${i}.url`, message: 'stakeholders.fact.urlInvalid' });
      if (kind === 'document' && title === '' && !file && !fileId) errors.push({ field: `sources.${i}.file`, message: 'stakeholders.fact.documentMissing' });
      const fallback = upload?.filename ?? (fileId ? (kept.get(fileId) ?? '') : '');
      sources.push({ kind, title: (title || fallback || url).slice(0, stakeholderLimits.sourceTitle), url: url || null, fileId, upload });
    });
    if (sources.length === 0) errors.push({ field: 'sources', message: 'stakeholders.fact.sourceRequired' });
    return sources;
  }

  /** Stores the new uploads of checked sources for a fact; the returned sources point at their files. */
  async function storeUploads(actorId: string, factId: string, sources: readonly ParsedSource[], locale: unknown): Promise<{ stored: StoredSource[]; newFiles: string[] }> {
    const uploads = sources.flatMap((s) => (s.upload ? [s.upload] : []));
    const ids = await deps.files.attachDocuments(actorId, 'fact', factId, uploads, locale);
    let next = 0;
    const stored = sources.map((s) => ({ kind: s.kind, title: s.title, url: s.url, fileId: s.upload ? (ids[next++] ?? null) : s.fileId }));
    return { stored, newFiles: ids };
  }

  async function factViews(panelId: string): Promise<FactView[]> {
    const facts = await repo.facts(panelId);
    const sources = await repo.sourcesOf(facts.map((f) => f.id));
    const files = new Map((await deps.files.listFor('fact', facts.map((f) => f.id))).map((file) => [file.id, file]));
    const documentOf = (fileId: string | null): FactDocument | null => {
      const file = fileId ? files.get(fileId) : undefined;
      return file ? { id: file.id, filename: file.filename, contentType: file.contentType, sizeBytes: file.sizeBytes } : null;
    };
    const people = new Map((await repo.stakeholders(panelId)).map((s) => [s.id, s]));
    const numberOf = new Map(facts.map((f) => [f.id, f.number]));
    return facts.map((f) => {
      const who = f.stakeholder_id ? people.get(f.stakeholder_id) : undefined;
      return {
        id: f.id,
        number: f.number,
        title: f.title,
        body: f.body,
        status: f.status,
        reviewReason: f.review_reason,
        stakeholder: who ? { id: who.id, name: who.name, role: who.role } : null,
        sources: sources.filter((s) => s.fact_id === f.id).map((s) => ({ kind: s.kind, title: s.title, url: s.url, document: documentOf(s.file_id) })),
        disputes: f.disputes_fact_id ? (numberOf.get(f.disputes_fact_id) ?? null) : null,
        disputedBy: facts.filter((o) => o.disputes_fact_id === f.id && o.status === 'approved').map((o) => o.number),
        updatedAt: f.updated_at,
      };
    });
  }

  async function processConversation(processId: string) {
    return (await deps.conversations.conversationsOfProcess(processId))[0] ?? null;
  }

  return {
    /** Creates or updates the panel of a stakeholder phase (facilitators). */
    async setUpPanel(actor: Actor | null, phaseId: string, input: { inviteLimit: unknown }): Promise<Result<{ id: string }>> {
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      const found = await deps.processes.getPhase(phaseId);
      if (!found || found.phase.method !== 'stakeholders') return fail('NotFound');
      const limit = typeof input.inviteLimit === 'number' ? input.inviteLimit : typeof input.inviteLimit === 'string' && /^\d{1,2}$/.test(input.inviteLimit.trim()) ? Number(input.inviteLimit) : NaN;
      if (!Number.isInteger(limit) || limit < 0 || limit > 50) return fail('ValidationFailed', [{ field: 'inviteLimit', message: 'stakeholders.panel.limitRange' }]);
      const id = await repo.upsertPanel(phaseId, found.process.id, limit);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'stakeholders.panel_set_up', subjectType: 'stakeholder_panel', subjectId: id, details: { inviteLimit: limit } });
      return ok({ id });
    },

    panelForPhase: (phaseId: string) => repo.panelByPhase(phaseId),
    panelsOfProcess: (processId: string) => repo.panelsOfProcess(processId),

    /** What the actor may do in the panel. */
    async roleIn(actor: Actor | null, panelId: string) {
      const me = await member(actor, panelId);
      return { facilitator: stakeholdersPolicy.facilitate(actor), decisionMaker: stakeholdersPolicy.decide(actor), stakeholder: me ? { id: me.id, invitesLeft: me.invites_left, role: me.role } : null };
    },

    /**
     * Invites someone by e-mail with a role. Facilitators invite freely; an invited stakeholder may invite
     * others while they have invitations left (the panel's limit). The invitee gets a link to join.
     */
    async invite(actor: Actor | null, panelId: string, input: { email: unknown; role: unknown; locale?: Locale }): Promise<Result<{ id: string }>> {
      if (!actor) return fail('NotSignedIn');
      const panel = await repo.findPanel(panelId);
      if (!panel) return fail('NotFound');
      const facilitator = stakeholdersPolicy.facilitate(actor);
      const me = facilitator ? null : await member(actor, panelId);
      if (!facilitator && !me) return fail('Forbidden');
      const errors: FieldError[] = [];
      const email = checkEmail(input.email);
      if ('error' in email) errors.push(email.error);
      const role = text(input.role, 'role', stakeholderLimits.role, errors);
      if (me && me.invites_left <= 0) errors.push({ field: 'email', message: 'stakeholders.invite.limitReached', params: { limit: panel.invite_limit } });
      if (errors.length > 0 || 'error' in email) return fail('ValidationFailed', errors);
      const token = randomBytes(24).toString('base64url');
      const id = await repo.insertInvitation({ panelId, role, email: email.value, tokenHash: sha256(token), invitesLeft: panel.invite_limit, byStakeholder: me?.id ?? null, byUser: actor.id });
      if (id === 'limit') return fail('ValidationFailed', [{ field: 'email', message: 'stakeholders.invite.limitReached', params: { limit: panel.invite_limit } }]);
      if (id === 'duplicate') return fail('ValidationFailed', [{ field: 'email', message: 'stakeholders.invite.duplicate' }]);
      const process = await deps.processes.getProcessById(panel.process_id);
      const locale = input.locale ?? 'nb';
      const municipality = await deps.municipality();
      const title = process ? (process.title[locale] ?? Object.values(process.title)[0] ?? '') : '';
      await deps.mailer.send({
        to: email.value,
        subject: translate(locale, 'stakeholders.mail.subject', { process: title, municipality }),
        text: [
          translate(locale, 'stakeholders.mail.body', { process: title, role }),
          `${deps.publicUrl}/processes/${process?.slug ?? ''}/stakeholders/join?token=${token}`,
          '',
          translate(locale, 'mail.signature', { municipality }),
        ].join('\n'),
      });
      await deps.audit.record({ actorId: actor.id, action: 'stakeholders.invited', subjectType: 'stakeholder_panel', subjectId: panelId, details: { stakeholderId: id, role } });
      return ok({ id });
    },

    /**
     * Brings in a stakeholder who joined elsewhere (an earlier panel, a paper list, a seed), without an
     * invitation e-mail. For the municipality's own imports, not for residents.
     */
    async importStakeholder(input: { panelId: string; userId: string; role: string; name: string; speaksFor: string; introduction: string }): Promise<string> {
      const existing = await repo.stakeholderByUser(input.panelId, input.userId);
      if (existing) return existing.id;
      const panel = await repo.findPanel(input.panelId);
      const id = await repo.insertJoined({ ...input, invitesLeft: panel?.invite_limit ?? 0 });
      return id;
    },

    /** The invitation behind a link, if it is still unused (for the join page). */
    async invitation(token: string) {
      const row = await repo.stakeholderByToken(sha256(token));
      return row ? { panelId: row.panel_id, role: row.role } : null;
    },

    /** The invitee joins with their account and writes their public introduction. */
    async acceptInvitation(actor: Actor | null, token: string, input: { name: unknown; speaksFor: unknown; introduction: unknown }): Promise<Result<{ panelId: string }>> {
      if (!actor) return fail('NotSignedIn');
      const row = await repo.stakeholderByToken(sha256(token));
      if (!row) return fail('TokenInvalid');
      if (await repo.stakeholderByUser(row.panel_id, actor.id)) return fail('Conflict');
      const errors: FieldError[] = [];
      const name = text(input.name, 'name', stakeholderLimits.name, errors);
      const speaksFor = text(input.speaksFor, 'speaksFor', stakeholderLimits.speaksFor, errors);
      const introduction = text(input.introduction, 'introduction', stakeholderLimits.introduction, errors, true, 10);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      if (!(await repo.acceptInvitation(row.id, { userId: actor.id, name, speaksFor, introduction }))) return fail('TokenUsed');
      await deps.audit.record({ actorId: actor.id, action: 'stakeholders.joined', subjectType: 'stakeholder_panel', subjectId: row.panel_id, details: { stakeholderId: row.id } });
      return ok({ panelId: row.panel_id });
    },

    /** A stakeholder updates their introduction. */
    async updateIntroduction(actor: Actor | null, panelId: string, input: { name: unknown; speaksFor: unknown; introduction: unknown }): Promise<Result<null>> {
      const me = await member(actor, panelId);
      if (!me) return fail('Forbidden');
      const errors: FieldError[] = [];
      const name = text(input.name, 'name', stakeholderLimits.name, errors);
      const speaksFor = text(input.speaksFor, 'speaksFor', stakeholderLimits.speaksFor, errors);
      const introduction = text(input.introduction, 'introduction', stakeholderLimits.introduction, errors, true, 10);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      await repo.updateIntroduction(me.id, { name, speaksFor, introduction });
      return ok(null);
    },

    /** Public introductions: who has joined, their role and whom they speak for. */
    async introductions(panelId: string) {
      return (await repo.stakeholders(panelId))
        .filter((s) => s.joined_at !== null)
        .map((s) => ({ id: s.id, name: s.name ?? '', role: s.role, speaksFor: s.speaks_for ?? '', introduction: s.introduction ?? '', joinedAt: s.joined_at }));
    },

    /** The chain of invitations (facilitators only; shows e-mail addresses of pending invitations: audited). */
    async invitationChain(actor: Actor | null, panelId: string): Promise<Result<{ id: string; role: string; name: string | null; email: string | null; invitedBy: string | null; invitesLeft: number; joined: boolean; depth: number }[]>> {
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      const rows = await repo.stakeholders(panelId);
      const emails = new Map((await repo.invitationEmails(panelId)).map((e) => [e.stakeholder_id, e.email]));
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'stakeholders.chain_read', subjectType: 'stakeholder_panel', subjectId: panelId });
      const byId = new Map(rows.map((r) => [r.id, r]));
      const depth = (id: string, seen = 0): number => {
        const parent = byId.get(id)?.invited_by_stakeholder;
        return parent && seen < 50 ? 1 + depth(parent, seen + 1) : 0;
      };
      // Depth-first: each invitee right under the person who invited them.
      const ordered: typeof rows = [];
      const visit = (parent: string | null) => {
        for (const r of rows.filter((x) => x.invited_by_stakeholder === parent)) {
          ordered.push(r);
          visit(r.id);
        }
      };
      visit(null);
      return ok(
        ordered.map((r) => ({
          id: r.id,
          role: r.role,
          name: r.name,
          email: r.joined_at ? null : (emails.get(r.id) ?? null),
          invitedBy: r.invited_by_stakeholder ? (byId.get(r.invited_by_stakeholder)?.name ?? byId.get(r.invited_by_stakeholder)?.role ?? null) : null,
          invitesLeft: r.invites_left,
          joined: r.joined_at !== null,
          depth: depth(r.id),
        })),
      );
    },

    /** Adds a dated step to the panel's public timeline (facilitators). */
    async addStep(actor: Actor | null, panelId: string, input: { title: unknown; happensOn: unknown; description?: unknown }): Promise<Result<{ id: string }>> {
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      if (!(await repo.findPanel(panelId))) return fail('NotFound');
      const errors: FieldError[] = [];
      const title = text(input.title, 'title', stakeholderLimits.stepTitle, errors);
      const description = text(input.description, 'description', 2000, errors, false);
      if (!isIsoDate(input.happensOn)) errors.push({ field: 'happensOn', message: 'field.dateInvalid' });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const id = await repo.insertStep(panelId, { title, description, happensOn: input.happensOn as string });
      return ok({ id });
    },

    steps: (panelId: string) => repo.steps(panelId),

    /**
     * A stakeholder submits a fact with at least one source (at most ten): a link, a document cited by title,
     * or a document uploaded with it (`file`: PDF, ODT or DOCX up to 5 MB). It may dispute an approved fact.
     * Nothing is stored unless everything is valid.
     */
    async submitFact(
      actor: Actor | null,
      panelId: string,
      input: { title: unknown; body: unknown; sources: unknown; disputes?: unknown; locale?: unknown },
    ): Promise<Result<{ id: string; number: number }>> {
      const me = await member(actor, panelId);
      if (!me || !actor) return actor ? fail('Forbidden') : fail('NotSignedIn');
      const errors: FieldError[] = [];
      const title = text(input.title, 'title', stakeholderLimits.factTitle, errors);
      const body = text(input.body, 'body', stakeholderLimits.factBody, errors);
      const sources = readSources(input.sources, errors);
      let disputes: string | null = null;
      if (typeof input.disputes === 'string' && input.disputes !== '') {
        const target = (await repo.facts(panelId)).find((f) => String(f.number) === input.disputes || f.id === input.disputes);
        if (!target || target.status !== 'approved') errors.push({ field: 'disputes', message: 'field.invalid' });
        else disputes = target.id;
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const id = randomUUID();
      const { stored, newFiles } = await storeUploads(actor.id, id, sources, input.locale);
      let row: { id: string; number: number };
      try {
        row = await repo.insertFact({ id, panelId, stakeholderId: me.id, disputes, title, body, sources: stored });
      } catch (error) {
        // The fact goes only with its documents, and the documents only with their fact.
        await deps.files.detach(actor.id, 'fact', id, newFiles);
        throw error;
      }
      await deps.audit.record({ actorId: actor.id, action: 'stakeholders.fact_submitted', subjectType: 'fact', subjectId: row.id, details: { documents: newFiles.length } });
      return ok(row);
    },

    /**
     * The author revises a fact that was sent back for changes; it returns to review. The sources given replace
     * the old ones: an uploaded document is kept by passing its `fileId` (see `FactSource.document`), replaced
     * by a new `file`, and deleted when its source is left out.
     */
    async reviseFact(actor: Actor | null, factId: string, input: { title: unknown; body: unknown; sources: unknown; locale?: unknown }): Promise<Result<null>> {
      const fact = await repo.findFact(factId);
      if (!fact) return fail('NotFound');
      const me = await member(actor, fact.panel_id);
      if (!me || !actor || me.id !== fact.stakeholder_id) return fail('Forbidden');
      if (fact.status !== 'changes_requested') return fail('Conflict');
      const current = await repo.sourcesOf([factId]);
      const documents = new Map(current.flatMap((s) => (s.file_id ? [[s.file_id, s.title] as const] : [])));
      const errors: FieldError[] = [];
      const title = text(input.title, 'title', stakeholderLimits.factTitle, errors);
      const body = text(input.body, 'body', stakeholderLimits.factBody, errors);
      const sources = readSources(input.sources, errors, documents);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const { stored, newFiles } = await storeUploads(actor.id, factId, sources, input.locale);
      let revised: boolean;
      try {
        revised = await repo.reviseFact(factId, { title, body, sources: stored });
      } catch (error) {
        await deps.files.detach(actor.id, 'fact', factId, newFiles);
        throw error;
      }
      if (!revised) {
        await deps.files.detach(actor.id, 'fact', factId, newFiles);
        return fail('Conflict');
      }
      const keptIds = new Set(stored.map((s) => s.fileId));
      const removed = [...documents.keys()].filter((id) => !keptIds.has(id));
      await deps.files.detach(actor.id, 'fact', factId, removed);
      await deps.audit.record({ actorId: actor.id, action: 'stakeholders.fact_revised', subjectType: 'fact', subjectId: factId, details: { added: newFiles.length, removed: removed.length } });
      return ok(null);
    },

    /**
     * Who may read a fact's uploaded documents: anyone who may see the process once the fact is approved; until
     * then (and after a refusal) only its author and the panel's facilitators.
     */
    async documentAccess(actor: Actor | null, factId: string): Promise<FileAccess> {
      const fact = /^[0-9a-f-]{36}$/.test(factId) ? await repo.findFact(factId) : undefined;
      if (!fact) return 'denied';
      const panel = await repo.findPanel(fact.panel_id);
      const process = panel ? await deps.processes.getProcessById(panel.process_id) : null;
      if (!process) return 'denied';
      if (fact.status === 'approved') {
        if ((await deps.processes.getProcess(null, process.slug)).ok) return 'public';
        if ((await deps.processes.getProcess(actor, process.slug)).ok) return 'restricted';
      }
      if (stakeholdersPolicy.facilitate(actor)) return 'restricted';
      const me = await member(actor, fact.panel_id);
      return me && me.id === fact.stakeholder_id ? 'restricted' : 'denied';
    },

    /** A facilitator approves a fact, asks for changes or rejects it; the last two need a reason. */
    async reviewFact(actor: Actor | null, factId: string, input: { decision: unknown; reason?: unknown }): Promise<Result<null>> {
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      const fact = await repo.findFact(factId);
      if (!fact) return fail('NotFound');
      const decisions: Record<string, FactStatus> = { approve: 'approved', changes: 'changes_requested', reject: 'rejected' };
      const status = typeof input.decision === 'string' ? decisions[input.decision] : undefined;
      if (!status) return fail('ValidationFailed', [{ field: 'decision', message: 'field.invalid' }]);
      const errors: FieldError[] = [];
      const reason = text(input.reason, 'reason', stakeholderLimits.reason.max, errors, status !== 'approved', stakeholderLimits.reason.min);
      if (errors.length > 0) return fail('ValidationFailed', errors.map((e) => (e.message === 'field.required' ? { field: 'reason', message: 'field.reasonRequired' } : e)));
      await repo.reviewFact(factId, status, reason || null, actor?.id ?? null);
      await deps.audit.record({ actorId: actor?.id ?? null, action: `stakeholders.fact_${status}`, subjectType: 'fact', subjectId: factId, details: reason ? { reason } : {} });
      return ok(null);
    },

    /** Every fact with its review state (facilitators), or the actor's own (stakeholders). */
    async factsForReview(actor: Actor | null, panelId: string): Promise<Result<FactView[]>> {
      const all = await factViews(panelId);
      if (stakeholdersPolicy.facilitate(actor)) return ok(all);
      const me = await member(actor, panelId);
      if (!me) return fail('Forbidden');
      return ok(all.filter((f) => f.stakeholder?.id === me.id));
    },

    /** The public fact sheet: approved facts, numbered for citing, disputed ones marked with both sides. */
    async factSheet(panelId: string): Promise<FactView[]> {
      return (await factViews(panelId)).filter((f) => f.status === 'approved');
    },

    /** Schedules a live meeting with its agenda and stream link (facilitators). */
    async scheduleMeeting(actor: Actor | null, panelId: string, input: { title: unknown; startsAt: unknown; streamUrl?: unknown; agenda?: unknown }): Promise<Result<{ id: string }>> {
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      if (!(await repo.findPanel(panelId))) return fail('NotFound');
      const errors: FieldError[] = [];
      const title = text(input.title, 'title', stakeholderLimits.meetingTitle, errors);
      const agenda = text(input.agenda, 'agenda', stakeholderLimits.agenda, errors, false);
      const stream = typeof input.streamUrl === 'string' ? input.streamUrl.trim() : '';
      if (stream !== '' && !httpUrl(stream)) errors.push({ field: 'streamUrl', message: 'stakeholders.fact.urlInvalid' });
      const startsAt = typeof input.startsAt === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(input.startsAt) ? new Date(input.startsAt) : null;
      if (!startsAt || Number.isNaN(startsAt.getTime())) errors.push({ field: 'startsAt', message: 'field.dateInvalid' });
      if (errors.length > 0 || !startsAt) return fail('ValidationFailed', errors);
      const id = await repo.insertMeeting(panelId, { title, startsAt, streamUrl: stream || null, agenda });
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'stakeholders.meeting_scheduled', subjectType: 'stakeholder_panel', subjectId: panelId, details: { meetingId: id } });
      return ok({ id });
    },

    /** Writes the minutes of a meeting (facilitators). */
    async recordMinutes(actor: Actor | null, meetingId: string, minutes: unknown): Promise<Result<null>> {
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      if (!(await repo.findMeeting(meetingId))) return fail('NotFound');
      const errors: FieldError[] = [];
      const value = text(minutes, 'minutes', stakeholderLimits.minutes, errors);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      await repo.setMinutes(meetingId, value);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'stakeholders.minutes_recorded', subjectType: 'stakeholder_meeting', subjectId: meetingId });
      return ok(null);
    },

    meetings: (panelId: string) => repo.meetings(panelId),

    /**
     * Facilitators and stakeholders draft a recommendation resting on statements of the process's conversation
     * (by number) and approved facts (by number).
     */
    async draftRecommendation(
      actor: Actor | null,
      panelId: string,
      input: { title: unknown; body: unknown; meetingId?: unknown; statements?: unknown; facts?: unknown },
    ): Promise<Result<{ id: string; number: number }>> {
      if (!actor) return fail('NotSignedIn');
      const panel = await repo.findPanel(panelId);
      if (!panel) return fail('NotFound');
      if (!stakeholdersPolicy.facilitate(actor) && !(await member(actor, panelId))) return fail('Forbidden');
      const errors: FieldError[] = [];
      const title = text(input.title, 'title', stakeholderLimits.recommendationTitle, errors);
      const body = text(input.body, 'body', stakeholderLimits.recommendationBody, errors);
      const numbers = (value: unknown) =>
        (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[\s,;]+/) : []).map((s) => s.trim()).filter((s) => s !== '');
      const links: { kind: 'statement' | 'fact'; targetId: string }[] = [];
      const conversation = await processConversation(panel.process_id);
      const statementNumbers = numbers(input.statements);
      if (statementNumbers.length > 0) {
        const listed = conversation ? await deps.conversations.listStatements(null, conversation.id) : null;
        const known = new Set(listed?.ok ? listed.value.map((s) => String(s.number)) : []);
        const unknown = statementNumbers.filter((n) => !known.has(n));
        if (unknown.length > 0 || !conversation) errors.push({ field: 'statements', message: 'stakeholders.recommendation.unknownStatements', params: { numbers: unknown.join(', ') } });
        else for (const n of new Set(statementNumbers)) links.push({ kind: 'statement', targetId: `${conversation.id}:${n}` });
      }
      const factNumbers = numbers(input.facts);
      if (factNumbers.length > 0) {
        const approved = new Map((await repo.facts(panelId)).filter((f) => f.status === 'approved').map((f) => [String(f.number), f.id]));
        const unknown = factNumbers.filter((n) => !approved.has(n));
        if (unknown.length > 0) errors.push({ field: 'facts', message: 'stakeholders.recommendation.unknownFacts', params: { numbers: unknown.join(', ') } });
        else for (const n of new Set(factNumbers)) links.push({ kind: 'fact', targetId: approved.get(n) ?? '' });
      }
      let meetingId: string | null = null;
      if (typeof input.meetingId === 'string' && input.meetingId !== '') {
        const meeting = await repo.findMeeting(input.meetingId);
        if (!meeting || meeting.panel_id !== panelId) errors.push({ field: 'meetingId', message: 'field.invalid' });
        else meetingId = meeting.id;
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const row = await repo.insertRecommendation({ panelId, meetingId, title, body, draftedBy: actor.id, links });
      await deps.audit.record({ actorId: actor.id, action: 'stakeholders.recommendation_drafted', subjectType: 'recommendation', subjectId: row.id });
      return ok(row);
    },

    /**
     * The decision-maker accepts or rejects a recommendation with reasons; stakeholders and everyone who took
     * part in the conversation with an account are notified.
     */
    async decideRecommendation(actor: Actor | null, recommendationId: string, input: { decision: unknown; reason: unknown }): Promise<Result<null>> {
      if (!stakeholdersPolicy.decide(actor)) return fail('Forbidden');
      const rec = await repo.findRecommendation(recommendationId);
      if (!rec) return fail('NotFound');
      const errors: FieldError[] = [];
      if (input.decision !== 'accepted' && input.decision !== 'rejected') errors.push({ field: 'decision', message: 'field.invalid' });
      const reason = text(input.reason, 'reason', stakeholderLimits.reason.max, errors, true, stakeholderLimits.reason.min);
      if (errors.length > 0) return fail('ValidationFailed', errors.map((e) => (e.field === 'reason' && e.message === 'field.required' ? { field: 'reason', message: 'field.reasonRequired' } : e)));
      const decision = input.decision as 'accepted' | 'rejected';
      if (!(await repo.decide(recommendationId, decision, reason, actor?.id ?? null))) return fail('AlreadyResponded');
      await deps.audit.record({ actorId: actor?.id ?? null, action: `stakeholders.recommendation_${decision}`, subjectType: 'recommendation', subjectId: recommendationId, details: { reason } });
      const panel = await repo.findPanel(rec.panel_id);
      const process = panel ? await deps.processes.getProcessById(panel.process_id) : null;
      const conversation = panel ? await processConversation(panel.process_id) : null;
      const audience = [...(await repo.stakeholderUsers(rec.panel_id)), ...(conversation ? await deps.conversations.participantUsers(conversation.id) : [])];
      await deps.notifications.notify({
        userIds: audience,
        kind: 'recommendation_decided',
        subjectType: 'recommendation',
        subjectId: recommendationId,
        payload: { title: rec.title, decision, reason, link: `/processes/${process?.slug ?? ''}/stakeholders#recommendation-${rec.number}` },
      });
      return ok(null);
    },

    /** Recommendations with what they rest on and the decision, for the public chain. */
    async recommendations(panelId: string) {
      const recs = await repo.recommendations(panelId);
      const links = await repo.linksOf(recs.map((r) => r.id));
      return recs.map((r) => ({
        id: r.id,
        number: r.number,
        title: r.title,
        body: r.body,
        meetingId: r.meeting_id,
        decision: r.decision,
        decisionReason: r.decision_reason,
        decidedAt: r.decided_at,
        statements: links.filter((l) => l.recommendation_id === r.id && l.kind === 'statement').map((l) => ({ conversationId: l.target_id.split(':')[0] ?? '', number: Number(l.target_id.split(':')[1]) })),
        facts: links.filter((l) => l.recommendation_id === r.id && l.kind === 'fact').map((l) => l.target_id),
      }));
    },
  };
}

export type StakeholdersService = ReturnType<typeof stakeholdersService>;
