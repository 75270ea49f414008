import assert from 'node:assert/strict';
import { test } from 'node:test';
import { banner, describeDatabase } from './banner.ts';

test('the start banner says where the platform runs, what it uses and, for the demo, how to sign in', () => {
  const text = banner({ url: 'http://localhost:3000', database: describeDatabase(undefined, '/srv/tingsted/.data'), mail: '/srv/tingsted/.data/outbox', mailMode: 'outbox', logLevel: 'info', demo: true });
  assert.match(text, /Tingsted is running at http:\/\/localhost:3000/);
  assert.match(text, /embedded PostgreSQL in \/srv\/tingsted\/\.data/);
  assert.match(text, /written to \/srv\/tingsted\/\.data\/outbox \(set SMTP_URL to send\)/);
  assert.match(text, /admin@demo\.tingsted\.no +administrator/);
  assert.match(text, /password demo-passord-2026/);
  assert.ok(text.split('\n').length <= 16, 'short enough to read at a glance');
});

test('the banner never shows the database password, and shows no demo accounts without the demo', () => {
  const database = describeDatabase('postgres://tingsted:hemmelig@db.kommune.no:5433/tingsted', '/x');
  assert.equal(database, 'PostgreSQL at db.kommune.no:5433/tingsted');
  const text = banner({ url: 'https://delta.kommune.no', database, mail: 'smtp://mail.kommune.no:587', mailMode: 'smtp', logLevel: 'warn', demo: false });
  assert.doesNotMatch(text, /hemmelig|demo/);
  assert.match(text, /sent through smtp:\/\/mail\.kommune\.no:587/);
});
