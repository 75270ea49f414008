/**
 * The baseline the CLI benchmark measures against: the CLI's way of reading votes before issue 23 (the whole
 * file as one string, every row as a record of strings, one object per vote, then buildConversation's sort of
 * those objects), followed by the same analysis, as a whole process.
 *
 *   node --import tsx whole-text.ts votes.csv comments.csv   → one JSON line: seconds, cpuSeconds, peakMemoryMB
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from '@tingsted/csv';
import { analyze } from '../src/analyze.ts';
import { buildConversation, parseId, readCommentsCsv, type VoteRecord } from '../src/formats.ts';
import type { Vote } from '../src/state.ts';

const [votesPath, commentsPath] = process.argv.slice(2);
const t0 = performance.now();
const parsed = parseCsv(readFileSync(votesPath!, 'utf8'));
if (!parsed.ok) throw new Error(parsed.error.message);
const [head, ...rows] = parsed.rows;
const col = (name: string): number => head!.fields.indexOf(name);
const [v, c, p, t] = [col('vote'), col('comment-id'), col('voter-id'), col('timestamp')];
const votes: VoteRecord[] = rows.map((r) => ({
  participant: parseId(r.fields[p]!), statement: parseId(r.fields[c]!), vote: Number(r.fields[v]) as Vote, timestamp: Number(r.fields[t]),
}));
const comments = readCommentsCsv(readFileSync(commentsPath!, 'utf8'));
if (!comments.ok) throw new Error(comments.detail);
analyze(buildConversation(comments.comments, votes));
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakMemoryMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
