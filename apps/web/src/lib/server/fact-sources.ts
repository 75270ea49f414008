import type { FactSource, SourceInput } from '@tingsted/platform/stakeholders';
import type { Locale } from '@tingsted/platform/i18n';
import { text } from './forms';

const typeNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
};
const regionTags: Record<Locale, string> = { nb: 'nb-NO', nn: 'nn-NO', sv: 'sv-SE', da: 'da-DK', en: 'en-GB' };

/** A file size as the reader's language writes it, in the units of the upload limit (1 MB = 1,048,576 bytes). */
export function formatFileSize(bytes: number, locale: Locale): string {
  const mega = bytes >= 1024 * 1024;
  const value = mega ? bytes / (1024 * 1024) : Math.max(1, Math.round(bytes / 1024));
  return new Intl.NumberFormat(regionTags[locale], { style: 'unit', unit: mega ? 'megabyte' : 'kilobyte', maximumFractionDigits: mega ? 1 : 0 }).format(value);
}

/** A source for a page: its link, and for an uploaded document the download address and "name (PDF, 1.2 MB)". */
export function presentSource(source: FactSource, locals: App.Locals) {
  const doc = source.document;
  return {
    kind: source.kind,
    title: source.title,
    url: source.url,
    document: doc
      ? {
          id: doc.id,
          filename: doc.filename,
          href: `/files/${doc.id}`,
          label: locals.t('stakeholders.fact.documentLabel', { name: doc.filename, type: typeNames[doc.contentType] ?? doc.contentType, size: formatFileSize(doc.sizeBytes, locals.ctx.locale) }),
        }
      : null,
  };
}

/**
 * The source rows of a fact form: `kind{i}`, `title{i}`, `url{i}`, the file `file{i}`, and on the revision
 * form `fileId{i}` (a document kept) and `remove{i}` (the source left out), as the fact contracts take them
 * (an uploaded file's bytes in base64, as over the API). Also the typed values, to refill.
 */
export async function sourcesFromForm(form: FormData, rows: number) {
  const values: Record<string, string> = {};
  const sources: SourceInput[] = [];
  // The form row of each source passed on (removed rows are left out), to name errors by row.
  const rowOf: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (const name of [`kind${i}`, `title${i}`, `url${i}`, `remove${i}`]) values[name] = text(form, name);
    if (values[`remove${i}`] === '1') continue;
    rowOf.push(i);
    const file = form.get(`file${i}`);
    const sent = file instanceof File && (file.size > 0 || file.name !== '');
    const kind = values[`kind${i}`];
    const fileId = text(form, `fileId${i}`);
    sources.push({
      ...(kind === 'link' || kind === 'document' ? { kind } : {}),
      title: values[`title${i}`] ?? '',
      url: values[`url${i}`] ?? '',
      ...(fileId ? { fileId } : {}),
      ...(sent ? { file: { filename: file.name, contentType: file.type, data: Buffer.from(await file.arrayBuffer()).toString('base64') } } : {}),
    });
  }
  return { sources, values, rowOf: (i: number) => rowOf[i] ?? i };
}

/** Field errors of the service (`sources.1.file`) named as the form's fields (`file1`). */
export function sourceFieldNames<T extends { field: string }>(fields: readonly T[] | undefined, rowOf: (i: number) => number = (i) => i): T[] {
  return (fields ?? []).map((f) => ({ ...f, field: f.field.replace(/^sources\.(\d+)\.(\w+)$/, (_m, i: string, k: string) => `${k}${rowOf(Number(i))}`) }));
}
