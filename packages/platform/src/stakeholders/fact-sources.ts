import type { CheckedUpload } from '../files/files.service.ts';
import type { FieldError } from '../shared/result.ts';
import { httpUrl, type StakeholdersContext } from './stakeholders.context.ts';
import type { StoredSource } from './stakeholders.repository.ts';
import { stakeholderLimits, type SourceUpload } from './stakeholders.types.ts';

/** A source as parsed from a form: an upload is checked, an existing document is referenced by its file id. */
export interface ParsedSource extends StoredSource {
  readonly upload: CheckedUpload | null;
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

/**
 * Reads the sources of a fact form. A source with a file (a new upload, or `fileId`: one of the fact's
 * documents in `kept`, by id with its title) is a document. Uploads are checked here and stored only once
 * the whole form is valid.
 */
export function readSources(ctx: StakeholdersContext, input: unknown, errors: FieldError[], kept: ReadonlyMap<string, string> = new Map()): ParsedSource[] {
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
      const checked = ctx.deps.files.checkDocument(file, { field: `sources.${i}.file`, typeMessage: 'stakeholders.fact.documentType' });
      if (checked.ok) upload = checked.value;
      else errors.push(...(checked.fields ?? []));
    } else if (fileId && !kept.has(fileId)) {
      errors.push({ field: `sources.${i}.file`, message: 'field.fileOfOtherFact' });
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
export async function storeUploads(ctx: StakeholdersContext, actorId: string, factId: string, sources: readonly ParsedSource[], locale: unknown): Promise<{ stored: StoredSource[]; newFiles: string[] }> {
  const uploads = sources.flatMap((s) => (s.upload ? [s.upload] : []));
  const ids = await ctx.deps.files.attachDocuments(actorId, 'fact', factId, uploads, locale);
  let next = 0;
  const stored = sources.map((s) => ({ kind: s.kind, title: s.title, url: s.url, fileId: s.upload ? (ids[next++] ?? null) : s.fileId }));
  return { stored, newFiles: ids };
}
