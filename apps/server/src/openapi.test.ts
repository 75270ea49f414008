// The OpenAPI document is how a municipality's developer finds what the API can do: every operation is named,
// summarised and tagged, and the README states how many there are.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startTestServer, type TestServer } from './testing/server.ts';

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
}

let server: TestServer;
before(async () => {
  server = await startTestServer({ web: false, seed: false });
});
after(async () => server.close());

async function operations(): Promise<[string, Operation][]> {
  const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, Operation>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]));
}

test('every operation in the OpenAPI document has a summary and a tag, and operation ids are unique', async () => {
  const ops = await operations();
  assert.ok(ops.length > 100, `${ops.length} operations`);
  for (const [name, op] of ops) {
    assert.ok(op.summary && op.summary.length > 5, `${name} has no summary`);
    assert.ok(op.tags && op.tags.length > 0, `${name} has no tag`);
  }
  const ids = ops.map(([, op]) => op.operationId).filter((id): id is string => id !== undefined);
  assert.equal(new Set(ids).size, ids.length, 'operation ids are unique');
});

test('the README states the number of operations the OpenAPI document lists', async () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const stated = /lists (\d+) operations/.exec(readme)?.[1];
  assert.ok(stated, 'the README says "lists N operations"');
  assert.equal(Number(stated), (await operations()).length, 'update the count in the README');
});
