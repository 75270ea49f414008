import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';

// Attaching a document or an image to a phase over the API, as the management page's upload form does.
let server: TestServer;
let per: ApiCall;
let phaseId = '';
before(async () => {
  server = await startTestServer({ web: false });
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  const process = await server.platform.processes.getProcess(null, 'ny-sentrumsplan');
  assert.ok(process.ok);
  phaseId = process.value.phases[0]?.id ?? '';
});
after(async () => server.close());

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const file = (bytes: Buffer, filename: string, contentType: string) => ({ filename, contentType, data: bytes.toString('base64') });
const attach = (call: ApiCall, json: unknown, phase = phaseId) => call(`/api/v1/phases/${phase}/files`, { method: 'POST', json });
const attached = async () => (await server.platform.files.listFor('phase', [phaseId])).map((f) => f.filename);

test('a process manager attaches a document and an image with its alt text; it is served as uploaded', async () => {
  const document = await attach(per, { file: file(pdf, 'plan.pdf', 'application/pdf'), locale: 'nb' });
  assert.equal(document.status, 201);
  const { id } = (await document.json()) as { id: string };
  const served = await fetch(`${server.url}/files/${id}`);
  assert.equal(served.status, 200);
  assert.equal(served.headers.get('content-type'), 'application/pdf');
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), pdf);

  const image = await attach(per, { file: file(png, 'kart.png', 'image/png'), altText: 'Kart over sentrum', locale: 'en' });
  assert.equal(image.status, 201);
  const stored = (await server.platform.files.listFor('phase', [phaseId])).find((f) => f.filename === 'kart.png');
  assert.deepEqual(stored?.altText, { en: 'Kart over sentrum' });
});

test("an image's smaller copies are served at /files/{id}/{width} as WebP; other widths are 404", async () => {
  const photo = await sharp({ create: { width: 1000, height: 750, channels: 3, background: { r: 10, g: 90, b: 60 } } }).jpeg().toBuffer();
  const image = await attach(per, { file: file(photo, 'torget.jpg', 'image/jpeg'), altText: 'Torget', locale: 'nb' });
  assert.equal(image.status, 201);
  const { id } = (await image.json()) as { id: string };
  const stored = (await server.platform.files.listFor('phase', [phaseId])).find((f) => f.id === id);
  assert.deepEqual(stored && [stored.width, stored.height, stored.variantWidths], [1000, 750, [480, 960]]);
  for (const width of [480, 960]) {
    const served = await fetch(`${server.url}/files/${id}/${width}`);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/webp');
    assert.equal(served.headers.get('cache-control'), 'public, max-age=3600');
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    assert.deepEqual([meta.width, meta.height], [width, width * 0.75]);
  }
  for (const path of [`${id}/1600`, `${id}/abc`, `${id}/0480`, '00000000-0000-4000-8000-000000000000/480']) {
    assert.equal((await fetch(`${server.url}/files/${path}`)).status, 404, path);
  }
});

test('others are refused, bad input names the field, and nothing is stored unless all of it is valid', async () => {
  const before = await attached();
  const good = { file: file(pdf, 'refused.pdf', 'application/pdf') };
  const anonymous = await fetch(`${server.url}/api/v1/phases/${phaseId}/files`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(good) });
  assert.equal(anonymous.status, 401);
  for (const email of ['kari@demo.tingsted.no', 'moderator@demo.tingsted.no', 'ordforer@demo.tingsted.no']) {
    assert.equal((await attach(await apiClient(server.url, email), good)).status, 403, email);
  }

  const cases: [unknown, string[]][] = [
    [{}, ['file']],
    [{ file: file(png, 'kart.png', 'image/png') }, ['altText']],
    [{ file: file(Buffer.from('just text'), 'notes.txt', 'text/plain') }, ['file']],
    [{ file: file(Buffer.from('just text'), 'fake.pdf', 'application/pdf') }, ['file']],
    [{ file: { ...good.file, data: 'not base64!' } }, ['file.data']],
    [{ file: { filename: '', contentType: 'application/pdf', data: '' } }, ['file']],
    [{ ...good, locale: 'de' }, ['locale']],
    [{ ...good, altText: 'x'.repeat(301) }, ['altText']],
  ];
  for (const [json, fields] of cases) {
    const refused = await attach(per, json);
    assert.equal(refused.status, 400, JSON.stringify(json).slice(0, 80));
    assert.deepEqual(await fieldsOf(refused), fields, JSON.stringify(json).slice(0, 80));
  }
  // Over the 5 MB limit but inside the request limit: the page's own message about the file's size.
  const large = await attach(per, { file: file(Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024)]), 'large.pdf', 'application/pdf') });
  assert.equal(large.status, 400);
  const body = (await large.json()) as { error: { fields: { field: string; message: string }[] } };
  assert.deepEqual(body.error.fields.map((f) => f.field), ['file']);
  assert.match(body.error.fields[0]?.message ?? '', /5/);
  // A body beyond the request limit is refused before it is read.
  assert.equal((await attach(per, { file: file(Buffer.alloc(7 * 1024 * 1024), 'huge.pdf', 'application/pdf') })).status, 413);

  const malformed = await attach(per, good, 'not-a-phase');
  assert.equal(malformed.status, 400);
  assert.deepEqual(await fieldsOf(malformed), ['phaseId']);
  assert.equal((await attach(per, good, '00000000-0000-4000-8000-000000000000')).status, 404);
  assert.deepEqual(await attached(), before);
});
