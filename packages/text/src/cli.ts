// The `tingsted-text` command. The only file in src/ that reads files, the clock and the process.

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { readInputsCsv, type InputRecord } from './inputs.ts';
import { findTopics } from './topics.ts';
import { trainTagger, suggestTags } from './tags.ts';
import { findDuplicates } from './duplicates.ts';
import { detectLanguage } from './language.ts';
import { summarize, summarizeTopics, keywordsByGroup } from './summarize.ts';

const USAGE = `usage: tingsted-text <command> [options]

commands:
  topics     --input F.csv [--k N] [--seed S] [--json]
  tag        --train T.csv --input F.csv [--multi-label] [--seed S] [--json]
             (T.csv has a "label" column; with --multi-label, labels are separated by "|")
  duplicates --input F.csv [--threshold X] [--json]
  languages  --input F.csv [--json]
  summarize  --input F.csv [--sentences N] [--group-by COLUMN] [--by-topic [--k N] [--seed S]] [--json]

Input files are CSV with a header containing "id" and "text"; other columns are kept as metadata.
`;

class UsageError extends Error {}

function parseArgs(argv: string[]): { command: string; flags: Map<string, string | true> } {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') throw new UsageError('');
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (!a.startsWith('--')) throw new UsageError(`unexpected argument "${a}"`);
    const next = rest[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      flags.set(a.slice(2), next);
      i++;
    } else flags.set(a.slice(2), true);
  }
  return { command, flags };
}

function str(flags: Map<string, string | true>, name: string, required: boolean): string | undefined {
  const v = flags.get(name);
  if (v === true) throw new UsageError(`--${name} needs a value`);
  if (v === undefined && required) throw new UsageError(`--${name} is required`);
  return v;
}

function num(flags: Map<string, string | true>, name: string): number | undefined {
  const v = str(flags, name, false);
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x)) throw new UsageError(`--${name} must be a number, got "${v}"`);
  return x;
}

function load(path: string, requireLabel = false): InputRecord[] {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const r = readInputsCsv(content, { requireLabel });
  if (!r.ok) throw new UsageError(`${path}: ${r.detail}`);
  for (const w of r.warnings) process.stderr.write(`warning: ${path}: ${w}\n`);
  return r.records;
}

function out(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : human());
}

function warn(list: readonly string[]): void {
  for (const w of list) process.stderr.write(`warning: ${w}\n`);
}

function main(argv: string[]): number {
  const { command, flags } = parseArgs(argv);
  const json = flags.has('json');
  const t0 = performance.now();
  const seconds = (): number => Math.round((performance.now() - t0) / 10) / 100;
  switch (command) {
    case 'topics': {
      const inputs = load(str(flags, 'input', true) as string);
      const k = num(flags, 'k');
      const seed = str(flags, 'seed', false);
      const r = findTopics(inputs, { ...(k !== undefined ? { k } : {}), ...(seed !== undefined ? { seed } : {}) });
      warn(r.warnings);
      const topics = r.topics.map((t) => ({ id: t.id, label: t.label, keywords: t.keywords, size: t.size, representatives: t.representatives, members: t.members }));
      topics.push({ id: 'other', label: 'other', keywords: [], size: r.other.length, representatives: [], members: r.other });
      out(json, { topics, k: r.k, kChosen: r.kChosen, provider: r.provider, seconds: seconds() }, () =>
        topics.map((t) => `${t.id}\t${t.size}\t${t.label}\n`).join(''),
      );
      return 0;
    }
    case 'tag': {
      const multi = flags.has('multi-label');
      const train = load(str(flags, 'train', true) as string, true);
      const inputs = load(str(flags, 'input', true) as string);
      const seed = str(flags, 'seed', false);
      const r = trainTagger([], train.map((e) => ({ id: e.id, text: e.text, tags: multi ? (e.label ?? '').split('|').map((s) => s.trim()).filter(Boolean) : [e.label ?? ''] })), {
        multiLabel: multi,
        ...(seed !== undefined ? { seed } : {}),
      });
      if (!r.ok) throw new UsageError(`training: ${r.detail}`);
      warn(r.warnings);
      const t1 = performance.now();
      const s = suggestTags(r.model, inputs);
      const labels = s.map((x) => ({ id: x.id, label: multi ? x.tags.map((t) => t.tag).join('|') : x.tag, confidence: Math.round(x.confidence * 1e4) / 1e4 }));
      out(json, { labels, provider: 'builtin', seconds: seconds(), taggingSeconds: Math.round((performance.now() - t1) / 10) / 100 }, () =>
        labels.map((l) => `${l.id}\t${l.label}\t${l.confidence}\n`).join(''),
      );
      return 0;
    }
    case 'duplicates': {
      const inputs = load(str(flags, 'input', true) as string);
      const threshold = num(flags, 'threshold');
      const r = findDuplicates(inputs, threshold !== undefined ? { threshold } : {});
      warn(r.warnings);
      out(json, { pairs: r.pairs, groups: r.groups, provider: r.provider, seconds: seconds() }, () => r.pairs.map((p) => `${p.a}\t${p.b}\t${p.similarity}\n`).join(''));
      return 0;
    }
    case 'languages': {
      const inputs = load(str(flags, 'input', true) as string);
      const languages = inputs.map((i) => {
        const g = detectLanguage(i.text);
        return { id: i.id, language: g.language, confidence: Math.round(g.confidence * 1e4) / 1e4 };
      });
      const unsupported = languages.filter((l) => l.language === 'und').map((l) => l.id);
      if (unsupported.length > 0) warn([`language not recognised for ${unsupported.length} input(s): ${unsupported.slice(0, 20).join(', ')}${unsupported.length > 20 ? ', …' : ''}`]);
      out(json, { languages, seconds: seconds() }, () => languages.map((l) => `${l.id}\t${l.language}\t${l.confidence}\n`).join(''));
      return 0;
    }
    case 'summarize': {
      const inputs = load(str(flags, 'input', true) as string);
      const n = num(flags, 'sentences');
      const opts = n !== undefined ? { sentences: n } : {};
      const r = summarize(inputs, opts);
      warn(r.warnings);
      let byTopic: { topic: string; label: string; sentences: unknown[] }[] | undefined;
      if (flags.has('by-topic')) {
        const k = num(flags, 'k');
        const seed = str(flags, 'seed', false);
        const t = findTopics(inputs, { ...(k !== undefined ? { k } : {}), ...(seed !== undefined ? { seed } : {}) });
        byTopic = summarizeTopics(inputs, t, opts).topics.map((x) => ({ topic: x.topic, label: x.label, sentences: x.summary.sentences }));
      }
      const groupBy = str(flags, 'group-by', false);
      const groups = groupBy !== undefined ? keywordsByGroup(inputs, groupBy) : undefined;
      if (groupBy !== undefined && inputs.every((i) => !(groupBy in i.meta))) throw new UsageError(`--group-by: no column "${groupBy}" in the input`);
      out(json, { sentences: r.sentences, ...(byTopic ? { topics: byTopic } : {}), ...(groups ? { groups: groups.groups } : {}), provider: r.provider, seconds: seconds() }, () =>
        r.sentences.map((s) => `${s.text} [${s.sources.join(', ')}]\n`).join(''),
      );
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    if (err.message) process.stderr.write(`tingsted-text: ${err.message}\n\n`);
    process.stderr.write(USAGE);
    process.exitCode = 2;
  } else throw err;
}
