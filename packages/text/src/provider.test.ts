import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpenAiCompatibleProvider, findTopicsWithProvider, summarizeWithProvider, type FetchLike } from './provider.ts';
import { syntheticCorpus } from './testdata.ts';

// A tiny local OpenAI-compatible server: embeddings are word-count vectors over a fixed word list,
// chat answers cite statements [1] and [2].
const VOCAB = ['sykkel', 'skole', 'park', 'elever', 'trær', 'trafikk'];
let server: Server;
let base = '';
const seen: { path: string; auth: string | undefined; body: unknown }[] = [];

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const json = JSON.parse(body) as { input?: string[]; messages?: unknown[] };
      seen.push({ path: req.url ?? '', auth: req.headers.authorization, body: json });
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/embeddings') {
        const data = (json.input ?? []).map((t, index) => ({ index, embedding: VOCAB.map((w) => t.split(w).length - 1 + 0.01) }));
        res.end(JSON.stringify({ data: data.reverse() }));
      } else if (req.url === '/v1/chat/completions') {
        res.end(JSON.stringify({ choices: [{ message: { content: 'Mange vil ha tryggere sykkelveier [1][2].\nEn setning uten kilde.' } }] }));
      } else if (req.url === '/bad/embeddings') {
        res.end(JSON.stringify({ data: [{ embedding: 'nope' }] }));
      } else {
        res.statusCode = 500;
        res.end('{"error":"down"}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const fetchLike: FetchLike = (url, init) => fetch(url, init);

test('topics from an OpenAI-compatible embedding endpoint say which provider produced them', async () => {
  const p = createOpenAiCompatibleProvider({ baseUrl: `${base}/v1`, fetch: fetchLike, apiKey: 'k', embeddingModel: 'test-embed', batchSize: 7 });
  const corpus = syntheticCorpus(10, 'prov');
  const r = await findTopicsWithProvider(corpus, p, { k: 3, seed: 1 });
  assert.equal(r.provider, 'openai-compatible:test-embed');
  assert.equal(r.topics.length, 3);
  const emb = seen.filter((s) => s.path === '/v1/embeddings');
  assert.equal(emb.length, Math.ceil(corpus.length / 7));
  assert.equal(emb[0]?.auth, 'Bearer k');
});

test('a summary from the language model keeps sources; sentences without a citation are dropped', async () => {
  const p = createOpenAiCompatibleProvider({ baseUrl: `${base}/v1`, fetch: fetchLike, chatModel: 'test-chat' });
  const inputs = [
    { id: 'a', text: 'Vi trenger tryggere sykkelveier til skolen.' },
    { id: 'b', text: 'Sykkelveiene til skolen må bli tryggere for barna.' },
    { id: 'c', text: 'Parken trenger flere benker og trær.' },
  ];
  const s = await summarizeWithProvider(inputs, p, { sentences: 2 });
  assert.equal(s.provider, 'openai-compatible:test-chat');
  assert.equal(s.sentences.length, 1);
  assert.equal(s.sentences[0]?.text, 'Mange vil ha tryggere sykkelveier.');
  assert.ok((s.sentences[0]?.sources.length ?? 0) >= 1);
  assert.ok(s.warnings.some((w) => w.includes('without a valid citation')));
});

test('a failing or malformed provider falls back to the built-in path and says so', async () => {
  const down = createOpenAiCompatibleProvider({ baseUrl: `${base}/down`, fetch: fetchLike, embeddingModel: 'x', chatModel: 'y' });
  const corpus = syntheticCorpus(8, 'fallback');
  const r = await findTopicsWithProvider(corpus, down, { k: 3, seed: 1 });
  assert.equal(r.provider, 'builtin');
  assert.ok(r.warnings.some((w) => w.includes('HTTP 500')));
  const s = await summarizeWithProvider(corpus, down, { sentences: 2 });
  assert.equal(s.provider, 'builtin');
  const bad = createOpenAiCompatibleProvider({ baseUrl: `${base}/bad`, fetch: fetchLike, embeddingModel: 'x' });
  await assert.rejects(() => (bad.embed as (t: string[]) => Promise<number[][]>)(['a']), /data\[0\]\.embedding must be an array of numbers/);
});

test('without a provider the built-in path is used', async () => {
  const r = await findTopicsWithProvider(syntheticCorpus(8, 'none'), undefined, { k: 3, seed: 1 });
  assert.equal(r.provider, 'builtin');
});
