import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient } from './testing/api-client.ts';

// The participation report over the API, with the report page's policy (process managers, decision-makers
// and administrators) and its figures.
let server: TestServer;
let processId = '';
before(async () => {
  server = await startTestServer({ web: false });
  const process = await server.platform.processes.getProcess(null, 'ny-sentrumsplan');
  assert.ok(process.ok);
  processId = process.value.id;
});
after(async () => server.close());

interface Report {
  weeks: { week: string; ideas: number; comments: number; supports: number; responses: number; participants: number }[];
  participants: number;
  byArea: { area: string | null; count: number }[];
  byAgeGroup: { group: string | null; count: number }[];
}

test('process managers, decision-makers and administrators get the report as the page shows it; others are refused', async () => {
  const path = `/api/v1/processes/${processId}/report`;
  assert.equal((await fetch(`${server.url}${path}`)).status, 401);
  for (const email of ['kari@demo.tingsted.no', 'moderator@demo.tingsted.no']) {
    const other = await apiClient(server.url, email);
    assert.equal((await other(path)).status, 403, email);
  }
  const expected = await server.platform.reports.participationReport({ id: 'staff', roles: ['process_manager'] }, processId);
  assert.ok(expected.ok);
  for (const email of ['prosess@demo.tingsted.no', 'ordforer@demo.tingsted.no', 'admin@demo.tingsted.no']) {
    const staff = await apiClient(server.url, email);
    const answer = await staff(path);
    assert.equal(answer.status, 200, email);
    const report = (await answer.json()) as Report;
    // Every figure comes through the response schema unchanged.
    assert.deepEqual(report, JSON.parse(JSON.stringify(expected.value)), email);
  }
  // The demo's ideas, comments, supports and survey responses are counted, and the columns add up.
  const report = expected.value;
  assert.ok(report.participants >= 3, `${report.participants} participants`);
  assert.ok(report.weeks.some((w) => w.ideas > 0 && w.supports > 0));
  assert.equal(report.byArea.reduce((sum, a) => sum + a.count, 0), report.participants);
  assert.equal(report.byAgeGroup.reduce((sum, a) => sum + a.count, 0), report.participants);
  assert.ok(report.byArea.some((a) => a.area === 'Sentrum' && a.count >= 1), 'Kari told her area');
});

test('an unknown or malformed process id is a 404, after the actor is checked', async () => {
  const per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  assert.equal((await per('/api/v1/processes/00000000-0000-4000-8000-000000000000/report')).status, 404);
  assert.equal((await per('/api/v1/processes/not-a-process/report')).status, 404);
  const kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  assert.equal((await kari('/api/v1/processes/00000000-0000-4000-8000-000000000000/report')).status, 403, 'no hint of what exists');
  assert.equal((await fetch(`${server.url}/api/v1/processes/not-a-process/report`)).status, 401);
});
