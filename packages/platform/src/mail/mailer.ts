import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from '../shared/logger.ts';

/** One e-mail to one person. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Sends e-mail: over SMTP when configured, otherwise into an outbox folder. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  /** Where messages go, for the start-up log: `smtp://host:port` or the outbox path. */
  readonly target: string;
}

export interface MailerOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`; when absent, mail goes to `outboxDir`. */
  readonly smtpUrl?: string | undefined;
  readonly from: string;
  readonly outboxDir: string;
  readonly logger: Logger;
}

/** Creates the mailer from configuration. */
export function createMailer(options: MailerOptions): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    const url = new URL(options.smtpUrl);
    return {
      target: `${url.protocol}//${url.hostname}:${url.port}`,
      async send(mail) {
        await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
        options.logger.info({ mail: { to: mail.to, subject: mail.subject } }, 'mail sent');
      },
    };
  }
  // Build a complete RFC 822 message so the outbox file can be opened in any mail program.
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    target: options.outboxDir,
    async send(mail) {
      const info = await builder.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
      mkdirSync(options.outboxDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
      writeFileSync(join(options.outboxDir, name), info.message as Buffer, { mode: 0o600 });
      // One line per message only at LOG_LEVEL=debug: the demo's seed writes dozens, and the start banner names
      // the outbox folder.
      options.logger.debug({ mail: { to: mail.to, subject: mail.subject, file: name } }, 'mail written to outbox');
    },
  };
}
