/**
 * tingsted-opinions: command-line front end.
 *
 *   tingsted-opinions analyze --votes votes.csv --comments comments.csv [--json] [--imputation mean|zero]
 *                             [--groups participants-votes.csv] [--math math-pca2.json]
 *
 * Votes may be openData votes.csv or Pol.is votes.json; comments comments.csv or comments.json (by content).
 * --groups uses the group-id column of participants-votes.csv as fixed groups; --math uses a stored Pol.is
 * result's in-conv set and base clusters as inputs (reproduction).
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { analyze, type AnalyzeOptions } from './analyze.ts';
import { summarizeResult } from './export.ts';
import {
  buildConversation, readCommentsCsv, readCommentsJson, readMathJson, readParticipantsVotesCsv, readVotesJson,
  type CommentRecord,
} from './formats.ts';
import type { ConversationState } from './state.ts';
import { buildConversationFromTable } from './table-conversation.ts';
import { createVotesCsvReader, type VotesTable } from './votes-table.ts';

const USAGE = `usage: tingsted-opinions analyze --votes <votes.csv|votes.json> --comments <comments.csv|comments.json> [--json]
       [--imputation mean|zero] [--groups participants-votes.csv] [--math math-pca2.json]
`;

function fail(message: string, code = 1): never {
  process.stderr.write(`tingsted-opinions: ${message}\n`);
  process.exit(code);
}

function parseArgs(argv: string[]): { command: string | undefined; flags: Map<string, string | true> } {
  const flags = new Map<string, string | true>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const name = a.slice(2);
      const next = argv[i + 1];
      if (name === 'json' || name === 'help') flags.set(name, true);
      else if (next === undefined || next.startsWith('--')) fail(`--${name} needs a value\n${USAGE}`, 2);
      else { flags.set(name, next); i++; }
    } else if (command === undefined) command = a;
    else fail(`unexpected argument ${a}\n${USAGE}`, 2);
  }
  return { command, flags };
}

function read(path: string): string {
  try { return readFileSync(path, 'utf8'); } catch (e) { return fail(`cannot read ${path}: ${(e as Error).message}`); }
}

/**
 * Reads the votes file: openData votes.csv streamed in 1 MiB chunks into columns (memory grows with the votes,
 * not the file: a truncated or huge file stops at its first bad place), or Pol.is votes.json read whole.
 */
function readVotes(path: string): { table: VotesTable } | { json: string } {
  let fd: number;
  try { fd = openSync(path, 'r'); } catch (e) { return fail(`cannot read ${path}: ${(e as Error).message}`); }
  try {
    const buf = new Uint8Array(1 << 20);
    let n = readSync(fd, buf, 0, buf.length, null);
    let k = 0;
    while (k < n && (buf[k] === 0x20 || buf[k] === 0x0a || buf[k] === 0x0d || buf[k] === 0x09)) k++;
    if (k < n && (buf[k] === 0x5b || buf[k] === 0x7b)) return { json: read(path) };
    const reader = createVotesCsvReader();
    while (n > 0 && reader.push(buf.subarray(0, n))) n = readSync(fd, buf, 0, buf.length, null);
    const r = reader.end();
    if (!r.ok) return fail(`${path}: ${r.detail}${r.total !== undefined && r.total > 1 ? ` (${r.total} problems in all)` : ''}`);
    return { table: r.table };
  } finally {
    closeSync(fd);
  }
}

function isJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

function main(): void {
  const { command, flags } = parseArgs(process.argv.slice(2));
  if (flags.has('help') || command === undefined) { process.stdout.write(USAGE); return; }
  if (command !== 'analyze') fail(`unknown command ${command}\n${USAGE}`, 2);
  const votesPath = flags.get('votes');
  const commentsPath = flags.get('comments');
  if (typeof votesPath !== 'string') fail(`--votes is required\n${USAGE}`, 2);
  const t0 = performance.now();
  const votes = readVotes(votesPath);
  let comments: CommentRecord[] = [];
  if (typeof commentsPath === 'string') {
    const text = read(commentsPath);
    const cr = isJson(text) ? readCommentsJson(text) : readCommentsCsv(text);
    if (!cr.ok) fail(`${commentsPath}: ${cr.detail}`);
    comments = cr.comments;
  }
  const options: AnalyzeOptions = {};
  const imputation = flags.get('imputation');
  if (imputation !== undefined) {
    if (imputation !== 'mean' && imputation !== 'zero') fail('--imputation must be mean or zero', 2);
    options.imputation = imputation;
  }
  const groupsPath = flags.get('groups');
  if (typeof groupsPath === 'string') {
    const pr = readParticipantsVotesCsv(read(groupsPath));
    if (!pr.ok) fail(`${groupsPath}: ${pr.detail}`);
    const byGroup = new Map<number, (string | number)[]>();
    for (const row of pr.rows) if (row.groupId !== null) {
      const list = byGroup.get(row.groupId) ?? [];
      list.push(row.participant);
      byGroup.set(row.groupId, list);
    }
    options.groups = [...byGroup.entries()].sort((a, b) => a[0] - b[0]).map(([id, members]) => ({ id, members }));
  }
  const mathPath = flags.get('math');
  if (typeof mathPath === 'string') {
    const mr = readMathJson(read(mathPath));
    if (!mr.ok) fail(`${mathPath}: ${mr.detail}`);
    options.inConv = mr.math.inConv;
    options.baseClusters = mr.math.baseClusters.members;
  }
  let state: ConversationState;
  if ('table' in votes) state = buildConversationFromTable(comments, votes.table);
  else {
    const vr = readVotesJson(votes.json);
    if (!vr.ok) fail(`${votesPath}: ${vr.detail}`);
    state = buildConversation(comments, vr.votes);
  }
  const result = analyze(state, options);
  const seconds = (performance.now() - t0) / 1000;
  if (flags.has('json')) {
    const summary = summarizeResult(result);
    const out = {
      groups: summary.groups,
      consensus: summary.consensus,
      consensusDetail: summary.consensusDetail,
      repness: summary.repness,
      groupAwareConsensus: summary.groupAwareConsensus,
      bridging: summary.bridging,
      silhouettes: summary.silhouettes,
      positions: summary.positions,
      statements: summary.statements,
      nParticipants: result.nParticipants,
      nVotes: result.nVotes,
      seconds,
      peakMemoryMB: Math.round(process.resourceUsage().maxRSS / 1024),
      // CPU time of the whole process so far (start included): a figure the load of a shared machine hardly changes.
      cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    };
    process.stdout.write(JSON.stringify(out) + '\n');
    return;
  }
  const lines: string[] = [];
  lines.push(`${result.nParticipants} participants, ${result.statements.length} statements with votes, ${result.nVotes} votes; ${seconds.toFixed(3)} s`);
  lines.push(`groups (silhouette by k: ${Object.entries(result.silhouettes).map(([k, v]) => `${k}=${v.toFixed(3)}`).join(', ') || 'n/a'}):`);
  for (const g of result.groups) {
    const rep = (result.repness[String(g.id)] ?? []).map((e) => `${String(e.statement)}${e['repful-for'] === 'agree' ? '+' : '-'}`).join(' ');
    lines.push(`  ${g.label} (id ${g.id}): ${g.members.length} participants; representative: ${rep}`);
  }
  lines.push(`consensus agree: ${result.consensus.agree.map((e) => String(e.statement)).join(' ')}`);
  lines.push(`consensus disagree: ${result.consensus.disagree.map((e) => String(e.statement)).join(' ')}`);
  lines.push(`group-aware consensus (top 10): ${result.groupAwareConsensus.slice(0, 10).map((e) => `${String(e.statement)}:${e.value.toFixed(3)}`).join(' ')}`);
  lines.push(`bridging (top 10): ${result.bridging.slice(0, 10).map((e) => `${String(e.statement)}:${e.score.toFixed(3)}`).join(' ')}`);
  process.stdout.write(lines.join('\n') + '\n');
}

main();
