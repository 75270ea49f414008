// Compares this package's stems with PostgreSQL's Snowball dictionaries on every distinct word of the
// SIB-200 sentences. Needs `psql` and a running server: PGSTEMS="psql -h /tmp -p 55439 -U postgres"
// node --import tsx bench/pg-stems.ts. Words PostgreSQL treats as stop words (empty lexeme) are skipped.
import { byCodePoint } from '../src/order.ts';
import { execSync } from 'node:child_process';
import { loadSib, SIB_LANGS } from './data.ts';
import { tokenize, stem, type StemLanguage } from '../src/tokenize.ts';

const psql = process.env.PGSTEMS;
if (!psql) {
  process.stdout.write('set PGSTEMS to a psql command line to run this comparison\n');
  process.exit(0);
}
const DICT: Record<string, string> = { nb: 'norwegian_stem', nn: 'norwegian_stem', sv: 'swedish_stem', da: 'danish_stem', en: 'english_stem' };
for (const [folder, code] of Object.entries(SIB_LANGS)) {
  const words = new Set<string>();
  for (const split of ['train', 'dev'] as const) for (const e of loadSib(folder as keyof typeof SIB_LANGS, split)) for (const t of tokenize(e.text)) if (/^\p{L}+$/u.test(t)) words.add(t);
  const list = [...words].sort(byCodePoint);
  const sql = `select w || E'\\t' || coalesce(array_to_string(ts_lexize('${DICT[code]}', w), ','), '') from unnest(array[${list.map((w) => `'${w.replace(/'/g, "''")}'`).join(',')}]) as w;`;
  const out = execSync(`${psql} -Atq`, { input: sql, encoding: 'utf8', maxBuffer: 64 << 20 });
  let same = 0;
  let compared = 0;
  const diffs: string[] = [];
  for (const line of out.split('\n')) {
    const [w, lex] = line.split('\t');
    if (!w || !lex) continue;
    compared++;
    const ours = stem(w, code as StemLanguage);
    if (ours === lex) same++;
    else if (diffs.length < 5) diffs.push(`${w}: ours ${ours}, PostgreSQL ${lex}`);
  }
  process.stdout.write(`${code}: ${same}/${compared} distinct words stem identically${diffs.length ? `; e.g. ${diffs.join('; ')}` : ''}\n`);
}
