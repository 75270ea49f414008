// Test helpers (used by *.test.ts only): locating the shared reference data, and a seeded generator of
// small synthetic corpora with known topics, written here so tests need no data files.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { createRandom, randomInt } from '@tingsted/random';
import { TEXT_NAMESPACE } from './seed.ts';

/** Folder with the shared reference data (TINGSTED_DATA or ../shared/data beside the repository). */
export const DATA_DIR = process.env.TINGSTED_DATA ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data');

/** Whether the text reference data is present. */
export function haveTextData(): boolean {
  return existsSync(join(DATA_DIR, 'text/sib-200'));
}

/** Reads one SIB-200 split: `index_id<TAB>category<TAB>text`, header skipped, quoting off. */
export function readSib(folder: string, split: 'train' | 'dev'): { id: string; label: string; text: string }[] {
  return readFileSync(join(DATA_DIR, `text/sib-200/${folder}/${split}.tsv`), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [id, label, ...rest] = l.split('\t');
      return { id: id as string, label: label as string, text: rest.join('\t') };
    });
}

const THEMES: Record<string, string[]> = {
  sykkel: 'sykkel sykkelvei sykkelfelt syklister sykle hjelm parkering sykkelstativ trafikk kryss farlig fortau'.split(' '),
  skole: 'skole elever lærere klasserom skolegård lekser undervisning rektor friminutt skolebuss bibliotek timeplan'.split(' '),
  park: 'park grøntområde trær benker lekeplass blomster gress turvei hundepark dam fuglene natur'.split(' '),
};
const FILLER = 'vi må gjøre noe med dette fordi det er viktig for alle som bor her i byen og kommunen'.split(' ');

/**
 * Generates `perTopic` inputs for each of three themes (sykkel, skole, park): each input mixes 8
 * theme words with 6 filler words, shuffled with a seeded random source. Ids are `<theme>-<n>`.
 */
export function syntheticCorpus(perTopic: number, seed: string | number = 1): { id: string; text: string; label: string }[] {
  const rng = createRandom(seed, TEXT_NAMESPACE);
  const out: { id: string; text: string; label: string }[] = [];
  for (const [label, words] of Object.entries(THEMES)) {
    for (let i = 0; i < perTopic; i++) {
      const w: string[] = [];
      for (let j = 0; j < 8; j++) w.push(words[randomInt(rng, words.length)] as string);
      for (let j = 0; j < 6; j++) w.push(FILLER[randomInt(rng, FILLER.length)] as string);
      for (let j = w.length - 1; j > 0; j--) {
        const k = randomInt(rng, j + 1);
        [w[j], w[k]] = [w[k] as string, w[j] as string];
      }
      out.push({ id: `${label}-${i}`, text: `${w.join(' ')}.`, label });
    }
  }
  return out;
}
