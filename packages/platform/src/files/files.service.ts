import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { hasRole, type Actor } from '../accounts/accounts.policy.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { isLocale, type Locale } from '../i18n/locales.ts';
import type { LocalizedText } from '../shared/localized.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { filesRepository } from './files.repository.ts';
import type { FileStore } from './files.store.ts';
import type { StoredVariant } from './files.tables.ts';
import { resizeImage } from './image-variants.ts';

/** Largest upload, in bytes. */
export const maxUploadBytes = 5 * 1024 * 1024;

// Accepted types, recognised by their first bytes as well as their declared type.
const types: Record<string, { kind: 'document' | 'image'; magic: (b: Uint8Array) => boolean }> = {
  'application/pdf': { kind: 'document', magic: (b) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 },
  'image/png': { kind: 'image', magic: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  'image/jpeg': { kind: 'image', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/webp': { kind: 'image', magic: (b) => b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 },
  'application/vnd.oasis.opendocument.text': { kind: 'document', magic: (b) => b[0] === 0x50 && b[1] === 0x4b },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { kind: 'document', magic: (b) => b[0] === 0x50 && b[1] === 0x4b },
};

/** An attached document or image. */
export interface Attachment {
  readonly id: string;
  readonly kind: 'document' | 'image';
  readonly filename: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly altText: LocalizedText;
  /** An image's width and height as shown, in pixels; null for documents and for images stored before sizes were kept. */
  readonly width: number | null;
  readonly height: number | null;
  /** The widths of an image's smaller copies, served at /files/{id}/{width}; empty when it has none. */
  readonly variantWidths: readonly number[];
}

/** An image's size as shown and the widths of its smaller copies (served at /files/{id}/{width}). */
export interface ImageSize {
  readonly width: number | null;
  readonly height: number | null;
  readonly variantWidths: number[];
}

/** The size fields of an attachment, for a module's image presenter. */
export function imageSizeOf(file: Pick<Attachment, 'width' | 'height' | 'variantWidths'>): ImageSize {
  return { width: file.width, height: file.height, variantWidths: [...file.variantWidths] };
}

/** An upload whose type, size and alt text have been checked. */
export interface CheckedUpload {
  readonly kind: 'document' | 'image';
  readonly filename: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly alt: string;
}

/**
 * Whose files these are. Phases', ideas', budgeting projects' and stakeholder meetings' (published minutes)
 * files are public; facts', events' and proposals' files follow their record (see `guardReads`).
 */
export type FileOwnerType = 'phase' | 'idea' | 'fact' | 'budget_project' | 'event' | 'meeting' | 'proposal';

/** Who may read a file: anyone (cacheable), only some people (not cached), or not this actor. */
export type FileAccess = 'public' | 'restricted' | 'denied';

function checkUpload(
  input: { filename: unknown; contentType: unknown; data: Uint8Array; altText?: unknown },
  options: { imagesOnly: boolean; documentsOnly?: { typeMessage: string } },
): Result<CheckedUpload> {
  const errors: FieldError[] = [];
  const type = typeof input.contentType === 'string' ? types[input.contentType] : undefined;
  const filename = typeof input.filename === 'string' ? input.filename.replace(/[\\/\r\n"]/g, '_').trim().slice(0, 200) : '';
  if (input.data.byteLength === 0 || filename === '') errors.push({ field: 'file', message: 'field.required' });
  else if (input.data.byteLength > maxUploadBytes) errors.push({ field: 'file', message: 'field.fileTooLarge', params: { max: Math.round(maxUploadBytes / 1048576) } });
  else if (!type || !type.magic(input.data) || (options.imagesOnly && type.kind !== 'image') || (options.documentsOnly && type.kind !== 'document')) {
    errors.push({ field: 'file', message: options.imagesOnly ? 'field.imageType' : (options.documentsOnly?.typeMessage ?? 'field.fileType') });
  }
  const alt = typeof input.altText === 'string' ? input.altText.trim() : '';
  if (type?.kind === 'image' && !options.documentsOnly && alt === '') errors.push({ field: 'altText', message: 'field.altRequired' });
  if (alt.length > 300) errors.push({ field: 'altText', message: 'field.tooLong', params: { max: 300 } });
  if (errors.length > 0 || !type) return fail('ValidationFailed', errors);
  return ok({ kind: type.kind, filename, contentType: input.contentType as string, data: input.data, alt });
}

/** The `files` row of a checked upload stored under `key` (its alt text in the uploader's language). */
function fileRow(
  actorId: string | null,
  ownerType: FileOwnerType,
  ownerId: string,
  upload: CheckedUpload,
  key: string,
  locale: Locale,
  image: { width: number; height: number; variants: readonly StoredVariant[] } | null = null,
) {
  return {
    width: image?.width ?? null,
    height: image?.height ?? null,
    variants: JSON.stringify(image?.variants ?? []),
    owner_type: ownerType,
    owner_id: ownerId,
    kind: upload.kind,
    filename: upload.filename,
    content_type: upload.contentType,
    size_bytes: upload.data.byteLength,
    storage_key: key,
    alt_text: JSON.stringify(upload.alt ? { [locale]: upload.alt } : {}),
    uploaded_by: actorId,
  };
}

/**
 * Documents and images attached to phases, ideas and facts. Files come before the modules that own those
 * records, so whether a phase exists is asked through `phaseExists` (the processes module's answer).
 */
export function filesService(deps: { db: Db; audit: AuditService; store: FileStore; phaseExists: (phaseId: string) => Promise<boolean> }) {
  const repo = filesRepository(deps.db);
  const guards = new Map<FileOwnerType, (actor: Actor | null, ownerId: string) => Promise<FileAccess>>();

  // An image is also stored in smaller copies (image-variants.ts); one that cannot be decoded is kept as
  // uploaded. All bytes are written before the row, and removed again if anything fails.
  async function store(actorId: string | null, ownerType: FileOwnerType, ownerId: string, upload: CheckedUpload, localeInput: unknown): Promise<string> {
    const key = randomUUID();
    const resized = upload.kind === 'image' ? await resizeImage(upload.data) : null;
    const variants = (resized?.variants ?? []).map((v) => ({ width: v.width, height: v.height, key: randomUUID(), sizeBytes: v.data.byteLength, data: v.data }));
    const keys = [key, ...variants.map((v) => v.key)];
    try {
      await deps.store.put(key, upload.data);
      for (const v of variants) await deps.store.put(v.key, v.data);
      const locale = isLocale(localeInput) ? localeInput : 'nb';
      const image = resized ? { width: resized.width, height: resized.height, variants: variants.map(({ width, height, key, sizeBytes }) => ({ width, height, key, sizeBytes })) } : null;
      const id = await repo.insertFile(fileRow(actorId, ownerType, ownerId, upload, key, locale, image));
      await deps.audit.record({ actorId, action: 'file.attached', subjectType: ownerType, subjectId: ownerId, details: { fileId: id } });
      return id;
    } catch (error) {
      await Promise.allSettled(keys.map((k) => deps.store.delete(k)));
      throw error;
    }
  }

  return {
    /** Attaches a file to a phase (process managers); type, size and (for images) alt text are checked first. */
    async attach(
      actor: Actor | null,
      input: { ownerType: 'phase'; ownerId: string; filename: unknown; contentType: unknown; data: Uint8Array; altText?: unknown; locale: unknown },
    ): Promise<Result<{ id: string }>> {
      if (!hasRole(actor, 'process_manager')) return fail('Forbidden');
      const checked = checkUpload(input, { imagesOnly: false });
      if (!checked.ok) return checked;
      if (!(await deps.phaseExists(input.ownerId))) return fail('NotFound');
      const id = await store(actor?.id ?? null, input.ownerType, input.ownerId, checked.value, input.locale);
      return ok({ id });
    },

    /**
     * Checks an image a resident adds to their idea, before the idea is saved: nothing is stored until
     * `attachChecked`. Field names are `image` and `imageAlt` unless the caller names its own.
     */
    checkImage(input: { filename: unknown; contentType: unknown; data: Uint8Array; altText?: unknown }, names = { file: 'image', alt: 'imageAlt' }): Result<CheckedUpload> {
      const checked = checkUpload(input, { imagesOnly: true });
      if (checked.ok) return checked;
      return fail('ValidationFailed', (checked.fields ?? []).map((f) => ({ ...f, field: f.field === 'file' ? names.file : names.alt })));
    },

    /** Stores an upload already checked by `checkImage` for a record the caller has created (and may change). */
    async attachChecked(actorId: string, ownerType: 'idea' | 'budget_project' | 'proposal', ownerId: string, upload: CheckedUpload, locale: unknown): Promise<{ id: string }> {
      return { id: await store(actorId, ownerType, ownerId, upload, locale) };
    },

    /**
     * Checks a document (PDF, ODT or DOCX) before the record it belongs to is saved: nothing is stored until
     * `attachDocuments`. Errors name `field`; a wrong type is reported with the caller's `typeMessage` (which
     * names the types the caller's form accepts).
     */
    checkDocument(input: { filename: unknown; contentType: unknown; data: Uint8Array }, options: { field: string; typeMessage: string }): Result<CheckedUpload> {
      const checked = checkUpload(input, { imagesOnly: false, documentsOnly: { typeMessage: options.typeMessage } });
      if (checked.ok) return checked;
      return fail('ValidationFailed', (checked.fields ?? []).map((f) => ({ ...f, field: options.field })));
    },

    /**
     * Stores documents already checked by `checkDocument` for one record, all or none: should any write fail,
     * the files already written are removed again and the error is thrown. Returns the ids in upload order.
     */
    async attachDocuments(actorId: string, ownerType: 'fact' | 'event' | 'meeting', ownerId: string, uploads: readonly CheckedUpload[], localeInput: unknown): Promise<string[]> {
      if (uploads.length === 0) return [];
      const keys = uploads.map(() => randomUUID());
      try {
        for (const [i, upload] of uploads.entries()) await deps.store.put(keys[i] ?? '', upload.data);
        const locale = isLocale(localeInput) ? localeInput : 'nb';
        const rows = await repo.insertFiles(uploads.map((upload, i) => fileRow(actorId, ownerType, ownerId, upload, keys[i] ?? '', locale)));
        await deps.audit.record({ actorId, action: 'file.attached', subjectType: ownerType, subjectId: ownerId, details: { fileIds: rows } });
        return rows;
      } catch (error) {
        await Promise.allSettled(keys.map((key) => deps.store.delete(key)));
        throw error;
      }
    },

    /** Removes files of a record (rows first, then their bytes); ids of other records are ignored. Returns the ids removed. */
    async detach(actorId: string | null, ownerType: 'fact' | 'budget_project' | 'idea' | 'meeting' | 'proposal', ownerId: string, ids: readonly string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const removed = await repo.deleteOfOwner(ownerType, ownerId, ids);
      await Promise.allSettled(removed.flatMap((r) => [r.storage_key, ...r.variants.map((v) => v.key)]).map((key) => deps.store.delete(key)));
      if (removed.length > 0) await deps.audit.record({ actorId, action: 'file.removed', subjectType: ownerType, subjectId: ownerId, details: { fileIds: removed.map((r) => r.id) } });
      return removed.map((r) => r.id);
    },

    /**
     * Replaces an image's alt text with `alt` written in `locale` (as an image is added: in one language) for a
     * file of the record; false when the record has no such file. The owning module checks who may and audits.
     */
    async setAltText(ownerType: 'budget_project', ownerId: string, id: string, locale: Locale, alt: string): Promise<boolean> {
      const trimmed = alt.trim();
      return repo.setAltText(ownerType, ownerId, id, trimmed === '' ? {} : { [locale]: trimmed });
    },

    /**
     * Makes the module that owns a kind of record decide who may read its files (stakeholders: a fact's
     * documents are public once the fact is approved). Files of an owner type without a guard are public.
     */
    guardReads(ownerType: 'fact' | 'event' | 'proposal', guard: (actor: Actor | null, ownerId: string) => Promise<FileAccess>): void {
      guards.set(ownerType, guard);
    },

    /** The files attached to a record, oldest first. */
    async listFor(ownerType: FileOwnerType, ownerIds: readonly string[]): Promise<(Attachment & { ownerId: string })[]> {
      if (ownerIds.length === 0) return [];
      const rows = await repo.listFor(ownerType, ownerIds);
      return rows.map((r) => ({
        id: r.id,
        ownerId: r.owner_id,
        kind: r.kind as 'document' | 'image',
        filename: r.filename,
        contentType: r.content_type,
        sizeBytes: r.size_bytes,
        altText: r.alt_text,
        width: r.width,
        height: r.height,
        variantWidths: r.variants.map((v) => v.width),
      }));
    },

    /**
     * A file's bytes and headers, for serving, if the actor may read it (null otherwise, as for a missing
     * file, so that a hidden file's existence does not show). `access` says whether it may be cached publicly.
     * With `width`, an image's copy of that width (WebP); null when it has none.
     */
    async read(
      id: string,
      actor: Actor | null = null,
      width: number | null = null,
    ): Promise<{ data: Uint8Array; contentType: string; filename: string; kind: string; access: 'public' | 'restricted' } | null> {
      if (!/^[0-9a-f-]{36}$/.test(id)) return null;
      const row = await repo.findForRead(id);
      if (!row) return null;
      const variant = width === null ? null : row.variants.find((v) => v.width === width);
      if (width !== null && !variant) return null;
      const guard = guards.get(row.owner_type as FileOwnerType);
      // An owner type that needs a guard but has none registered stays closed rather than open.
      const access: FileAccess = guard ? await guard(actor, row.owner_id) : row.owner_type === 'fact' || row.owner_type === 'proposal' ? 'denied' : 'public';
      if (access === 'denied') return null;
      if (variant) {
        const data = await deps.store.get(variant.key);
        return data ? { data, contentType: 'image/webp', filename: `${row.filename.replace(/\.[^.]*$/, '')}-${variant.width}.webp`, kind: row.kind, access } : null;
      }
      const data = await deps.store.get(row.storage_key);
      return data ? { data, contentType: row.content_type, filename: row.filename, kind: row.kind, access } : null;
    },
  };
}

export type FilesService = ReturnType<typeof filesService>;
