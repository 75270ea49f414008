// Budgeting test fixtures (import, paper and results tests): a platform on a fresh database with a movable clock, staff
// and residents, a published process with an open budgeting phase, and a small Pabulib file to start from.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { Db } from '../db/database.ts';
import { createPlatform, type Platform } from '../platform.ts';
import { silentLogger } from '../shared/logger.ts';
import { freshDatabase, recordingMailer } from './database.ts';

/**
 * Testvik's small basket vote (budget 1,000; at most 3 projects): by votes A1, A2 and A4 tie with 2 and A3 has
 * 1, so greedy with lowest cost first funds A4, A2, A1 (900).
 */
export const smallPb = [
  'META',
  'key;value',
  'description;Testvik 2026',
  'budget;1000',
  'vote_type;approval',
  'max_sum_cost;1000',
  'max_length;3',
  'rule;greedy',
  'currency;NOK',
  'PROJECTS',
  'project_id;cost;name;category',
  'A1;400;Benker i parken;park',
  'A2;300;Lekeplass;park',
  'A3;500;Gatelys;trafikk',
  'A4;200;Sykkelstativ;trafikk',
  'VOTES',
  'voter_id;vote',
  'v1;A1,A2',
  'v2;A1,A4',
  'v3;A3',
  'v4;A2,A4',
  '',
].join('\n');

export interface IoFixture {
  readonly platform: Platform;
  readonly db: Db;
  /** The clock every use case reads; tests move it past the phase's end. */
  readonly now: { value: Date };
  readonly manager: Actor;
  readonly clerk: Actor;
  readonly kari: Actor;
  readonly ola: Actor;
  /** Creates a published process with one budgeting phase open from 2026-11-20 to 2026-11-30 (Oslo). */
  phase(slug: string): Promise<string>;
  drop(): Promise<void>;
}

/** A platform on its own database, the people, and a way to make budgeting phases. */
export async function ioFixture(): Promise<IoFixture> {
  const database = await freshDatabase();
  const now = { value: new Date('2026-11-23T10:00:00Z') };
  const platform = createPlatform(database.db, {
    dataDir: mkdtempSync(join(tmpdir(), 'tingsted-test-')),
    publicUrl: 'http://localhost:3000',
    mailFrom: 'Tingsted <noreply@example.org>',
    logger: silentLogger,
    mailer: recordingMailer(),
    jobPollingSeconds: 0.5,
    clock: () => now.value,
  });
  const user = async (email: string, roles: Actor['roles'][number][]): Promise<Actor> => ({
    id: await platform.accounts.ensureUser({ email, displayName: email.split('@')[0] ?? email, password: null, roles }),
    roles,
  });
  const manager = await user('manager@example.no', ['process_manager']);
  const clerk = await user('clerk@example.no', ['process_manager']);
  const kari = await user('kari@example.no', ['resident']);
  const ola = await user('ola@example.no', ['resident']);
  return {
    platform,
    db: database.db,
    now,
    manager,
    clerk,
    kari,
    ola,
    async phase(slug) {
      const created = await platform.processes.ensureProcess({
        slug,
        status: 'published',
        title: { nb: `Budsjett ${slug}` },
        summary: { nb: 'Velg prosjekter.' },
        startsOn: null,
        endsOn: null,
        createdBy: manager.id,
        phases: [{ method: 'budgeting', title: { nb: 'Avstemning' }, startsOn: '2026-11-20', endsOn: '2026-11-30' }],
      });
      const id = created.phaseIds[0];
      assert.ok(id);
      return id;
    },
    async drop() {
      await platform.jobs.stop();
      await database.drop();
    },
  };
}

/** The field errors of a failed result as `field:message@line` strings. */
export function problems(result: { ok: boolean; fields?: readonly { field: string; message: string; params?: Readonly<Record<string, string | number>> }[] }): string[] {
  assert.equal(result.ok, false, 'expected a failure');
  return (result.fields ?? []).map((f) => `${f.field}:${f.message}${f.params?.line !== undefined ? `@${f.params.line}` : ''}`);
}
