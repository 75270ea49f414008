import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticCorpus } from './testdata.ts';

const bin = fileURLToPath(new URL('../bin/tingsted-text.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tingsted-text-'));
const csv = (rows: { id: string; text: string; label?: string }[], withLabel: boolean): string =>
  `id,text${withLabel ? ',label' : ''},area\n` + rows.map((r, i) => `${r.id},"${r.text.replace(/"/g, '""')}"${withLabel ? `,${r.label ?? ''}` : ''},${i % 2 ? 'Vest' : 'Øst'}`).join('\n') + '\n';
const corpus = syntheticCorpus(12, 'cli');
const input = join(dir, 'input.csv');
const train = join(dir, 'train.csv');
writeFileSync(input, csv(corpus, false));
writeFileSync(train, csv(corpus, true));

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('topics, tag, duplicates, languages and summarize print the documented JSON', () => {
  const t = run('topics', '--input', input, '--k', '3', '--seed', '2', '--json');
  assert.equal(t.status, 0, t.stderr);
  const topics = JSON.parse(t.stdout) as { topics: { id: string; label: string; keywords: string[]; members: string[] }[]; seconds: number };
  assert.equal(topics.topics.filter((x) => x.id !== 'other').length, 3);
  assert.equal(topics.topics.reduce((s, x) => s + x.members.length, 0), corpus.length);
  assert.equal(typeof topics.seconds, 'number');

  const g = run('tag', '--train', train, '--input', input, '--json');
  assert.equal(g.status, 0, g.stderr);
  const labels = (JSON.parse(g.stdout) as { labels: { id: string; label: string; confidence: number }[] }).labels;
  assert.equal(labels.length, corpus.length);
  assert.ok(labels.filter((l, i) => l.label === corpus[i]?.label).length >= corpus.length * 0.9);

  const d = run('duplicates', '--input', input, '--threshold', '0.95', '--json');
  assert.equal(d.status, 0, d.stderr);
  assert.ok(Array.isArray((JSON.parse(d.stdout) as { pairs: unknown[] }).pairs));

  const l = run('languages', '--input', input, '--json');
  assert.equal(l.status, 0, l.stderr);
  const langs = (JSON.parse(l.stdout) as { languages: { id: string; language: string; confidence: number }[] }).languages;
  assert.equal(langs.length, corpus.length);

  const s = run('summarize', '--input', input, '--sentences', '2', '--group-by', 'area', '--json');
  assert.equal(s.status, 0, s.stderr);
  const sum = JSON.parse(s.stdout) as { sentences: { text: string; sources: string[] }[]; groups: { group: string }[] };
  assert.equal(sum.sentences.length, 2);
  assert.ok(sum.sentences.every((x) => x.sources.length >= 1));
  assert.deepEqual(sum.groups.map((x) => x.group), ['Vest', 'Øst']);
  const bt = run('summarize', '--input', input, '--sentences', '1', '--by-topic', '--k', '3', '--json');
  assert.equal(bt.status, 0, bt.stderr);
  assert.equal((JSON.parse(bt.stdout) as { topics: unknown[] }).topics.length, 3);
});

test('bad input files give a clear error and exit code 2', () => {
  const noText = join(dir, 'notext.csv');
  writeFileSync(noText, 'id,body\n1,hei\n');
  const r = run('topics', '--input', noText, '--json');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /lacks column\(s\) "text"/);
  const dup = join(dir, 'dup.csv');
  writeFileSync(dup, 'id,text,label\n1,hei,a\n1,hallo,b\n');
  const d = run('tag', '--train', dup, '--input', input);
  assert.equal(d.status, 2);
  assert.match(d.stderr, /id "1" appears on line 2 and line 3/);
  const one = join(dir, 'one.csv');
  writeFileSync(one, 'id,text,label\n1,hei,a\n2,hallo,a\n');
  const o = run('tag', '--train', one, '--input', input);
  assert.equal(o.status, 2);
  assert.match(o.stderr, /at least two tags/);
  assert.equal(run('frobnicate').status, 2);
});
