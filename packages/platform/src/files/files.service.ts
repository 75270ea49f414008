import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { hasRole, type Actor } from '../accounts/accounts.policy.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { isLocale } from '../i18n/locales.ts';
import type { LocalizedText } from '../shared/localized.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { FileStore } from './files.store.ts';

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
}

/** Documents and images attached to phases (and later other records). */
export function filesService(deps: { db: Db; audit: AuditService; store: FileStore }) {
  return {
    /** Attaches a file; type, size and (for images) alt text are checked before anything is stored. */
    async attach(
      actor: Actor | null,
      input: { ownerType: 'phase'; ownerId: string; filename: unknown; contentType: unknown; data: Uint8Array; altText?: unknown; locale: unknown },
    ): Promise<Result<{ id: string }>> {
      if (!hasRole(actor, 'process_manager')) return fail('Forbidden');
      const errors: FieldError[] = [];
      const type = typeof input.contentType === 'string' ? types[input.contentType] : undefined;
      const filename = typeof input.filename === 'string' ? input.filename.replace(/[\\/\r\n"]/g, '_').trim().slice(0, 200) : '';
      if (input.data.byteLength === 0 || filename === '') errors.push({ field: 'file', message: 'field.required' });
      else if (input.data.byteLength > maxUploadBytes) errors.push({ field: 'file', message: 'field.fileTooLarge', params: { max: Math.round(maxUploadBytes / 1048576) } });
      else if (!type || !type.magic(input.data)) errors.push({ field: 'file', message: 'field.fileType' });
      const alt = typeof input.altText === 'string' ? input.altText.trim() : '';
      if (type?.kind === 'image' && alt === '') errors.push({ field: 'altText', message: 'field.altRequired' });
      if (alt.length > 300) errors.push({ field: 'altText', message: 'field.tooLong', params: { max: 300 } });
      if (errors.length > 0 || !type) return fail('ValidationFailed', errors);
      const owner = await deps.db.selectFrom('phases').select('id').where('id', '=', input.ownerId).executeTakeFirst();
      if (!owner) return fail('NotFound');
      const key = randomUUID();
      await deps.store.put(key, input.data);
      const locale = isLocale(input.locale) ? input.locale : 'nb';
      const row = await deps.db
        .insertInto('files')
        .values({
          owner_type: input.ownerType,
          owner_id: input.ownerId,
          kind: type.kind,
          filename,
          content_type: input.contentType as string,
          size_bytes: input.data.byteLength,
          storage_key: key,
          alt_text: JSON.stringify(alt ? { [locale]: alt } : {}),
          uploaded_by: actor?.id ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'file.attached', subjectType: input.ownerType, subjectId: input.ownerId, details: { fileId: row.id } });
      return ok({ id: row.id });
    },

    /** The files attached to a record, oldest first. */
    async listFor(ownerType: 'phase', ownerIds: readonly string[]): Promise<(Attachment & { ownerId: string })[]> {
      if (ownerIds.length === 0) return [];
      const rows = await deps.db
        .selectFrom('files')
        .select(['id', 'owner_id', 'kind', 'filename', 'content_type', 'size_bytes', 'alt_text'])
        .where('owner_type', '=', ownerType)
        .where('owner_id', 'in', ownerIds)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ id: r.id, ownerId: r.owner_id, kind: r.kind as 'document' | 'image', filename: r.filename, contentType: r.content_type, sizeBytes: r.size_bytes, altText: r.alt_text }));
    },

    /** A file's bytes and headers, for serving. */
    async read(id: string): Promise<{ data: Uint8Array; contentType: string; filename: string; kind: string } | null> {
      if (!/^[0-9a-f-]{36}$/.test(id)) return null;
      const row = await deps.db.selectFrom('files').select(['storage_key', 'content_type', 'filename', 'kind']).where('id', '=', id).executeTakeFirst();
      if (!row) return null;
      const data = await deps.store.get(row.storage_key);
      return data ? { data, contentType: row.content_type, filename: row.filename, kind: row.kind } : null;
    },
  };
}

export type FilesService = ReturnType<typeof filesService>;
