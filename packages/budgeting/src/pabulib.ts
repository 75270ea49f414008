// Reading and writing Pabulib `.pb` files (Faliszewski et al., IJCAI 2023; https://pabulib.org/format).
// A file has three sections, META, PROJECTS and VOTES, each a `;`-separated table with a header row, CSV
// quoting ("" escapes a quote; quoted fields may span lines). Reading is in pabulib-reader.ts (one pass over
// the bytes, ballots merged as they are read); this file writes.
import { csvField } from '@tingsted/csv';
import type { Election } from './model.ts';
import { RULE_KEYS } from './pabulib-reader.ts';

export {
  createPabulibReader, pbErrorCodes, pbStreamErrorCodes, readPabulib,
  type ElectionHeader, type PabulibReader, type PbError, type PbErrorCode, type PbReadResult, type PbReaderOptions, type PbStreamResult,
} from './pabulib-reader.ts';

function quote(s: string): string {
  return csvField(s, { delimiter: ';' });
}

function money(v: number, scale: number): string {
  if (scale === 1) return String(v);
  const digits = Math.round(Math.log10(scale));
  const neg = v < 0;
  const a = Math.abs(v);
  const whole = Math.floor(a / scale);
  const frac = String(a - whole * scale).padStart(digits, '0');
  return `${neg ? '-' : ''}${whole}.${frac}`;
}

/**
 * Writes an election as a `.pb` file (LF line ends). META keeps the election's entries, with budget, vote_type,
 * num_projects, num_votes and the ballot rules taken from the election. PROJECTS lists project_id, cost, name
 * and every extra field; with `selected`, a `selected` column is written (1 for those ids, 0 otherwise).
 */
export function writePabulib(election: Election, options: { selected?: readonly string[] } = {}): string {
  const out: string[] = ['META', 'key;value'];
  const meta: Record<string, string> = { ...election.meta };
  meta.budget = money(election.budget, election.moneyScale);
  meta.vote_type = election.voteType;
  meta.num_projects = String(election.projects.length);
  meta.num_votes = String(election.ballots.length);
  for (const [prop, key, isMoney] of RULE_KEYS) {
    const v = election.rules[prop];
    if (v === undefined) delete meta[key];
    else meta[key] = isMoney ? money(v, election.moneyScale) : String(v);
  }
  for (const [k, v] of Object.entries(meta)) out.push(`${quote(k)};${quote(v)}`);
  const extra: string[] = [];
  for (const p of election.projects) for (const k of Object.keys(p.fields ?? {})) if (!extra.includes(k)) extra.push(k);
  const sel = options.selected !== undefined ? new Set(options.selected) : undefined;
  if (sel !== undefined && !extra.includes('selected')) extra.push('selected');
  const hasName = election.projects.some((p) => p.name !== undefined);
  out.push('PROJECTS', ['project_id', 'cost', ...(hasName ? ['name'] : []), ...extra].join(';'));
  for (const p of election.projects) {
    const cells = [p.id, money(p.cost, election.moneyScale)];
    if (hasName) cells.push(p.name ?? '');
    for (const k of extra) {
      if (k === 'selected' && sel !== undefined) cells.push(sel.has(p.id) ? '1' : '0');
      else cells.push(p.fields?.[k] ?? '');
    }
    out.push(cells.map(quote).join(';'));
  }
  const vextra: string[] = [];
  for (const b of election.ballots) for (const k of Object.keys(b.fields ?? {})) if (!vextra.includes(k)) vextra.push(k);
  const hasPoints = election.ballots.some((b) => b.points !== undefined);
  out.push('VOTES', ['voter_id', 'vote', ...(hasPoints ? ['points'] : []), ...vextra].join(';'));
  for (const b of election.ballots) {
    const cells = [b.voter, b.projects.join(',')];
    if (hasPoints) cells.push((b.points ?? []).join(','));
    for (const k of vextra) cells.push(b.fields?.[k] ?? '');
    out.push(cells.map(quote).join(';'));
  }
  return out.join('\n') + '\n';
}
