import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

// Summaries with sources (issue 21, part 4) and the optional model provider (part 5), against a real local
// OpenAI-compatible server started here: /ok answers, /slow answers after 3 s, /nocite writes sentences that cite
// nothing.
let platform: Platform;
let drop: () => Promise<void>;
let manager: Actor;
let admin: Actor;
let resident: Actor;
let processId = '';
const texts = new Map<string, string>();
let server: Server;
let base = '';
const seen: { path: string; auth: string | undefined }[] = [];
const VOCAB = ['lekeplass', 'hund', 'bibliotek', 'parkering'];

const ideas: [string, string][] = [
  ['Ny lekeplass i Nordbyen', 'Barna i Nordbyen mangler en lekeplass, vi trenger en trygg lekeplass med husker og sandkasse.'],
  ['Lekeplass ved skolen', 'Lekeplassen ved skolen er gammel og farlig, bygg en ny lekeplass for de minste barna.'],
  ['Flere lekeplasser', 'Det er for få lekeplasser i byen, småbarnsfamilier må gå langt for å finne en lekeplass.'],
  ['Lekeplass i parken', 'Parken trenger en lekeplass så familier kan være der hele dagen med barna.'],
  ['Hundepark', 'Hundeeiere trenger en inngjerdet hundepark der hunden kan løpe fritt uten bånd.'],
  ['Hundeluftegård ved elva', 'Lag en luftegård for hund ved elva, hunden trenger å løpe og det er ingen steder nå.'],
  ['Poser til hundebæsj', 'Sett opp stativ med poser til hundebæsj langs turveiene, hund og eier trenger det.'],
  ['Hundeforbud i parken', 'Hund bør ikke være løs i parken der barna leker, hunden skremmer de minste.'],
  ['Lengre åpningstid på biblioteket', 'Biblioteket bør være åpent om kvelden og i helgene så flere kan låne bøker.'],
  ['Bibliotek i bydelen', 'Bydelen trenger et eget bibliotek med lesesal og bøker for barn og unge.'],
  ['Meråpent bibliotek', 'Gjør biblioteket meråpent så vi kan bruke biblioteket med lånekort når det er ubetjent.'],
  ['Arrangementer på biblioteket', 'Biblioteket kan ha flere foredrag og arrangementer for eldre og barnefamilier.'],
];

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = req.url ?? '';
      seen.push({ path: url, auth: req.headers.authorization });
      const json = JSON.parse(body || '{}') as { input?: string[]; messages?: { content: string }[] };
      const send = () => {
        res.setHeader('content-type', 'application/json');
        if (url.endsWith('/v1/embeddings')) {
          res.end(JSON.stringify({ data: (json.input ?? []).map((t, index) => ({ index, embedding: VOCAB.map((w) => t.toLowerCase().split(w).length - 1 + 0.01) })) }));
        } else if (url.endsWith('/v1/chat/completions')) {
          const content = url.startsWith('/nocite') ? 'Folk vil ha mye forskjellig.\nEn setning til uten kilde.' : 'Mange ber om det samme [1].\nEn setning uten kilde.\nDette siteres feil [99].';
          res.end(JSON.stringify({ choices: [{ message: { content } }] }));
        } else {
          res.statusCode = 404;
          res.end('{}');
        }
      };
      if (url.startsWith('/slow')) setTimeout(send, 3000);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  ({ platform, drop } = await testPlatform());
  manager = { id: await platform.accounts.ensureUser({ email: 'sm@example.no', displayName: 'Mette Manager', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
  admin = { id: await platform.accounts.ensureUser({ email: 'sa@example.no', displayName: 'Ada Admin', password: null, roles: ['administrator'] }), roles: ['administrator'] };
  resident = { id: await platform.accounts.ensureUser({ email: 'sr@example.no', displayName: 'Rita Resident', password: null, roles: ['resident'] }), roles: ['resident'] };
  const created = await platform.processes.ensureProcess({
    slug: 'nordbyen',
    status: 'published',
    title: { nb: 'Nordbyen' },
    summary: { nb: 'Hva trenger Nordbyen?' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'ideas', title: { nb: 'Idéer' }, startsOn: '2020-01-01', endsOn: '2099-12-31' }],
  });
  processId = created.id;
  for (const [title, body] of ideas) texts.set(await platform.ideas.importIdea({ phaseId: created.phaseIds[0] ?? '', authorId: resident.id, title, body }), `${title}\n${body}`);
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await drop();
});

async function analyse() {
  const asked = await platform.analysis.requestAnalysis(manager, processId);
  assert.ok(asked.ok);
  assert.equal(await platform.analysis.runAnalysis(asked.value.runId), 'done');
  const read = await platform.analysis.analysisOf(manager, processId);
  assert.ok(read.ok && read.value.last?.state === 'done');
  return read.value.last.result;
}

async function setProvider(path: string, extra: { timeoutMs?: number; apiKey?: string } = {}) {
  const set = await platform.analysis.setTextProvider(admin, { enabled: true, baseUrl: `${base}${path}`, embeddingModel: 'test-embed', chatModel: 'test-chat', apiKey: extra.apiKey ?? '', removeApiKey: false, timeoutMs: extra.timeoutMs ?? 5000 });
  assert.ok(set.ok, JSON.stringify(set));
}

test('off by default: the analysis sends nothing anywhere, and every summary sentence names the inputs it counts or quotes', async () => {
  const view = await platform.analysis.textProviderOf(admin);
  assert.ok(view.ok);
  assert.deepEqual([view.value.enabled, view.value.source, view.value.baseUrl, view.value.hasApiKey], [false, 'settings', '', false]);
  const result = await analyse();
  assert.equal(seen.length, 0, 'no request reached the model server');
  assert.equal(result.provider, 'builtin');
  const [process, ...topics] = result.summaries;
  assert.equal(process?.scope, 'process');
  assert.equal(topics.length, result.topics.length);
  assert.ok(topics.length >= 2, `${topics.length} topics`);
  // The process summary counts each topic's inputs, naming every one of them (the count is their number).
  const topicCounts = process?.sentences.filter((s) => s.kind === 'topic') ?? [];
  assert.deepEqual(topicCounts.map((s) => [s.phrase, s.sources.length]), result.topics.map((t) => [t.label, t.size]));
  for (const [n, summary] of topics.entries()) {
    assert.equal(summary.scope, `topic-${n}`);
    assert.equal(summary.writtenBy, 'builtin');
    const members = new Set(topicCounts[n]?.sources);
    const mentions = summary.sentences.filter((s) => s.kind === 'mention');
    assert.ok(mentions.length > 0, `topic ${summary.title} counts its leading phrase`);
    for (const sentence of summary.sentences) {
      assert.ok(sentence.sources.length > 0);
      for (const key of sentence.sources) {
        assert.ok(result.refs[key], `${key} is described`);
        assert.ok(members.has(key), `${key} is in topic ${summary.title}`);
      }
    }
    for (const mention of mentions) {
      // Every input named uses the phrase (or a form of it); none outside the topic is counted.
      const stem = mention.phrase.toLowerCase().slice(0, 4);
      for (const key of mention.sources) assert.ok(texts.get(key.slice(2))?.toLowerCase().includes(stem), `${key} mentions ${mention.phrase}`);
      const word = new RegExp(`(^|[^\\p{L}])${mention.phrase}($|[^\\p{L}])`, 'iu');
      const using = [...members].filter((key) => word.test(texts.get(key.slice(2)) ?? ''));
      for (const key of using) assert.ok(mention.sources.includes(key), `${key} uses "${mention.phrase}" and is counted`);
    }
  }
});

test('staff edit a summary, publish it with its sources and take it off; residents may not; bad input is named', async () => {
  const listed = await platform.analysis.summariesOf(manager, processId, 'nb');
  assert.ok(listed.ok);
  const process = listed.value.summaries.find((s) => s.scope === 'process');
  assert.ok(process && !process.saved && !process.published);
  assert.match(process.sentences[0]?.text ?? '', /^\d+ innspill handler om «.+»\.$/);
  assert.equal(process.sentences[0]?.count, process.sentences[0]?.sources.length);

  assert.deepEqual(await platform.analysis.saveSummary(resident, { id: processId, scope: 'process', sentences: [], publish: true }, 'nb'), { ok: false, code: 'Forbidden' });
  const wrongCount = await platform.analysis.saveSummary(manager, { id: processId, scope: 'process', sentences: ['bare én'], publish: true }, 'nb');
  assert.deepEqual(!wrongCount.ok && wrongCount.fields?.map((f) => f.field), ['sentences']);
  const badScope = await platform.analysis.saveSummary(manager, { id: processId, scope: 'topic-x', sentences: [], publish: true }, 'nb');
  assert.deepEqual(!badScope.ok && badScope.fields?.map((f) => f.field), ['scope']);
  const emptied = await platform.analysis.saveSummary(manager, { id: processId, scope: 'process', sentences: process.sentences.map(() => ' '), publish: true }, 'nb');
  assert.deepEqual(!emptied.ok && emptied.fields?.map((f) => f.message), ['field.sentenceRequired']);
  assert.deepEqual(await platform.analysis.publishedSummaries(processId), [], 'nothing refused was saved');

  // The first sentence rewritten, the last removed, the rest as generated.
  const edits = process.sentences.map((s) => s.text);
  edits[0] = 'Flest innspill handler om lekeplasser.';
  edits[edits.length - 1] = '';
  const saved = await platform.analysis.saveSummary(manager, { id: processId, scope: 'process', sentences: edits, publish: true }, 'nb');
  assert.ok(saved.ok);
  assert.equal(saved.value.edited, true);
  assert.equal(saved.value.sentences.length, process.sentences.length - 1);
  assert.deepEqual(saved.value.sentences.map((s) => s.edited), saved.value.sentences.map((_, i) => i === 0));
  assert.deepEqual(saved.value.sentences[0]?.sources, process.sentences[0]?.sources, 'the edited sentence keeps its sources');

  const draft = listed.value.summaries.find((s) => s.scope === 'topic-0');
  assert.ok(draft);
  assert.ok((await platform.analysis.saveSummary(manager, { id: processId, scope: 'topic-0', sentences: draft.sentences.map((s) => s.text), publish: false }, 'nb')).ok);

  const published = await platform.analysis.publishedSummaries(processId);
  assert.deepEqual(published.map((s) => [s.scope, s.edited, s.savedBy, s.modelWrote]), [['process', true, 'Mette Manager', false]], 'the draft is not public');
  assert.equal(published[0]?.sentences[0]?.text, 'Flest innspill handler om lekeplasser.');
  for (const sentence of published[0]?.sentences ?? []) for (const source of sentence.sources) assert.ok(texts.has(source.ideaId) && source.excerpt.length > 0);

  const again = await platform.analysis.summariesOf(manager, processId, 'nb');
  assert.ok(again.ok);
  assert.deepEqual(again.value.summaries.filter((s) => s.saved).map((s) => [s.scope, s.published]), [['process', true], ['topic-0', false]]);

  assert.deepEqual(await platform.analysis.unpublishSummary(resident, { id: processId, scope: 'process' }), { ok: false, code: 'Forbidden' });
  assert.ok((await platform.analysis.unpublishSummary(manager, { id: processId, scope: 'process' })).ok);
  assert.deepEqual(await platform.analysis.publishedSummaries(processId), []);
  assert.deepEqual(await platform.analysis.unpublishSummary(manager, { id: processId, scope: 'process' }), { ok: false, code: 'NotFound' });
});

test('the administrator sets the provider (checked, the key never shown) and tests the connection', async () => {
  assert.deepEqual(await platform.analysis.textProviderOf(manager), { ok: false, code: 'Forbidden' });
  const input = { enabled: true, baseUrl: 'ftp://nope', embeddingModel: '', chatModel: '', apiKey: '', removeApiKey: false, timeoutMs: 100 };
  const refused = await platform.analysis.setTextProvider(admin, input);
  assert.deepEqual(!refused.ok && refused.fields?.map((f) => [f.field, f.message]), [
    ['baseUrl', 'field.providerUrl'],
    ['chatModel', 'field.providerModel'],
    ['timeoutMs', 'field.between'],
  ]);
  const view = await platform.analysis.textProviderOf(admin);
  assert.equal(view.ok && view.value.enabled, false, 'nothing was saved');

  await setProvider('/ok/v1', { apiKey: 'hemmelig-nøkkel' });
  const shown = await platform.analysis.textProviderOf(admin);
  assert.ok(shown.ok);
  assert.deepEqual([shown.value.enabled, shown.value.hasApiKey, shown.value.chatModel], [true, true, 'test-chat']);
  assert.ok(!JSON.stringify(shown.value).includes('hemmelig'), 'the key is not shown');
  const tested = await platform.analysis.testTextProvider(admin);
  assert.ok(tested.ok);
  assert.deepEqual([tested.value.embedding.state, tested.value.chat.state], ['ok', 'ok']);
  assert.ok(seen.length >= 2 && seen.every((s) => s.auth === 'Bearer hemmelig-nøkkel'));
  // An empty key keeps the saved one.
  await setProvider('/ok/v1');
  const kept = await platform.analysis.textProviderOf(admin);
  assert.equal(kept.ok && kept.value.hasApiKey, true);
});

test("with a model on, its sentences still name their sources and say a model wrote them; a sentence citing nothing falls back", async () => {
  await setProvider('/ok/v1');
  seen.length = 0;
  const result = await analyse();
  assert.ok(seen.some((s) => s.path === '/ok/v1/embeddings') && seen.some((s) => s.path === '/ok/v1/chat/completions'));
  assert.match(result.provider, /^openai-compatible:test-embed/, 'the topics came from the embeddings');
  const quoting = result.summaries.filter((s) => s.sentences.some((x) => x.kind !== 'topic' && x.kind !== 'mention'));
  assert.equal(quoting.length, result.summaries.length, 'every summary has sentences to rewrite');
  for (const summary of result.summaries) {
    assert.equal(summary.writtenBy, 'openai-compatible:test-embed');
    const model = summary.sentences.filter((s) => s.kind === 'model');
    assert.deepEqual(model.map((s) => s.text), ['Mange ber om det samme.']);
    for (const sentence of summary.sentences) for (const key of sentence.sources) assert.ok(result.refs[key]);
    assert.ok((model[0]?.sources.length ?? 0) > 0);
    // The two uncited sentences were refused; the quotes they did not cover stand as they were.
    assert.match(summary.fallback ?? '', /2 sentence\(s\) without a valid citation/);
  }
  const listed = await platform.analysis.summariesOf(manager, processId, 'en');
  assert.ok(listed.ok && listed.value.summaries.every((s) => s.modelWrote));
  const first = listed.value.summaries[0];
  assert.ok(first);
  assert.ok((await platform.analysis.saveSummary(manager, { id: processId, scope: first.scope, sentences: first.sentences.map((s) => s.text), publish: true }, 'en')).ok);
  const published = await platform.analysis.publishedSummaries(processId);
  assert.deepEqual(published.map((s) => [s.modelWrote, s.edited]), [[true, false]]);
});

test('a provider that times out or cites nothing: the built-in path stands and the result says why', async () => {
  await setProvider('/slow/v1', { timeoutMs: 500 });
  const slow = await analyse();
  assert.equal(slow.provider, 'builtin');
  assert.ok(slow.warnings.some((w) => w.includes('no answer within 500 ms')), slow.warnings.join('; '));
  for (const summary of slow.summaries) {
    assert.equal(summary.writtenBy, 'builtin');
    assert.ok(summary.sentences.every((s) => s.kind !== 'model'));
  }
  assert.ok(slow.summaries.every((s) => /no answer within 500 ms/.test(s.fallback ?? '')));
  const probe = await platform.analysis.testTextProvider(admin);
  assert.ok(probe.ok && probe.value.chat.state === 'failed' && probe.value.chat.message.includes('500 ms'));

  await setProvider('/nocite/v1');
  const uncited = await analyse();
  for (const summary of uncited.summaries) {
    assert.equal(summary.writtenBy, 'builtin');
    assert.match(summary.fallback ?? '', /wrote no sentence that cites its sources/);
  }
  // Switched off again: nothing is sent.
  const off = await platform.analysis.setTextProvider(admin, { enabled: false, baseUrl: '', embeddingModel: '', chatModel: '', apiKey: '', removeApiKey: true, timeoutMs: 5000 });
  assert.ok(off.ok && !off.value.enabled && !off.value.hasApiKey);
  seen.length = 0;
  assert.equal((await analyse()).provider, 'builtin');
  assert.equal(seen.length, 0);
});
