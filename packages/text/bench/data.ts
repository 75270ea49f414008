// Loaders for the reference data sets in ../shared/data/text (bench and tests only; I/O allowed here).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { describeCsvError, parseCsv } from '@tingsted/csv';

const here = dirname(fileURLToPath(import.meta.url));
/** Folder holding the shared reference data. */
export const DATA_DIR = process.env.TINGSTED_DATA ?? resolve(here, '../../../../shared/data');
/** Whether the text data sets are present. */
export const HAVE_DATA = existsSync(join(DATA_DIR, 'text'));

/** One labelled example. */
export interface Example { id: string; text: string; label: string; labels: string[] }

/** Better Reykjavík: `label_id,"text"` without header. Rows with empty text are skipped (counted). */
export function loadReykjavik(): Example[] {
  const p = parseCsv(readFileSync(join(DATA_DIR, 'text/better-reykjavik/train.csv'), 'utf8'), { quotes: 'lenient' });
  if (!p.ok) throw new Error(describeCsvError(p.error));
  return p.rows
    .filter((r) => r.fields.length >= 2 && (r.fields[1] ?? '').trim() !== '')
    .map((r, i) => ({ id: `r${i}`, text: r.fields[1] as string, label: r.fields[0] as string, labels: [r.fields[0] as string] }));
}

/** SIB-200 language folders and our codes. */
export const SIB_LANGS = { nob_Latn: 'nb', nno_Latn: 'nn', swe_Latn: 'sv', dan_Latn: 'da', eng_Latn: 'en' } as const;

/** SIB-200 split (`train` or `dev`) for one language folder; TSV with quoting off. */
export function loadSib(lang: keyof typeof SIB_LANGS, split: 'train' | 'dev'): Example[] {
  const lines = readFileSync(join(DATA_DIR, `text/sib-200/${lang}/${split}.tsv`), 'utf8').split('\n').slice(1);
  return lines
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [id, cat, ...rest] = l.split('\t');
      return { id: id as string, label: cat as string, labels: [cat as string], text: rest.join('\t') };
    });
}

/** Cycling Dialogues: title + text, main category, and the multi-label level-1 set. */
export function loadCycling(): Example[] {
  const p = parseCsv(readFileSync(join(DATA_DIR, 'text/cycling-dialogues/dataset.csv'), 'utf8'), { quotes: 'lenient' });
  if (!p.ok) throw new Error(describeCsvError(p.error));
  const [header, ...rows] = p.rows;
  const names = (header as { fields: string[] }).fields;
  const col = (n: string): number => names.indexOf(n);
  const l1 = names.filter((n) => n.startsWith('level1_'));
  return rows
    .map((r) => {
      const text = `${r.fields[col('title')] ?? ''}. ${r.fields[col('text')] ?? ''}`.trim();
      const labels = l1.filter((n) => r.fields[col(n)] === '1');
      return { id: r.fields[col('ID')] as string, text, label: r.fields[col('main_category_level1')] as string, labels };
    })
    .filter((e) => e.text.length > 2);
}
