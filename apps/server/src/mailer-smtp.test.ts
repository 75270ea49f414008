import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMailer, silentLogger } from '@tingsted/platform';
import { startSmtpCatcher } from './testing/smtp.ts';

// The mailer with SMTP_URL set sends over real SMTP (here to a local smtp-server); without it, to the outbox folder.
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
before(async () => {
  smtp = await startSmtpCatcher();
});
after(async () => smtp.close());

test('with an SMTP URL, a message arrives at the SMTP server with its subject, text and address, in UTF-8', async () => {
  const outbox = mkdtempSync(join(tmpdir(), 'tingsted-outbox-'));
  const mailer = createMailer({ smtpUrl: smtp.url, from: 'Testvik kommune <noreply@testvik.no>', outboxDir: outbox, logger: silentLogger });
  assert.equal(mailer.target, smtp.url);
  await mailer.send({ to: 'kari@example.no', subject: 'Byggestart – «Ny park»', text: 'Hei Kari,\n\nGravingen starter 4. mai. Æ ø å.' });
  const received = await smtp.waitFor('kari@example.no');
  assert.equal(received.subject, 'Byggestart – «Ny park»');
  assert.match(received.text, /Gravingen starter 4\. mai\. Æ ø å\./);
  assert.deepEqual(readdirSync(outbox), [], 'nothing goes to the outbox');
});

test('without one, the outbox folder (the default) gets the message as a file', async () => {
  const outbox = mkdtempSync(join(tmpdir(), 'tingsted-outbox-'));
  const mailer = createMailer({ from: 'Testvik kommune <noreply@testvik.no>', outboxDir: outbox, logger: silentLogger });
  assert.equal(mailer.target, outbox);
  const before = smtp.received.length;
  await mailer.send({ to: 'ola@example.no', subject: 'Hei', text: 'Tekst' });
  assert.equal(readdirSync(outbox).filter((f) => f.endsWith('.eml')).length, 1);
  assert.equal(smtp.received.length, before);
});

test('a refused message rejects, so the caller counts it as failed', async () => {
  const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'noreply@testvik.no', outboxDir: '/nonexistent', logger: silentLogger });
  await assert.rejects(mailer.send({ to: 'kari@example.no', subject: 'Hei', text: 'Tekst' }));
});
