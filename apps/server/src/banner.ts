import { demoPassword, demoUsers } from '@tingsted/platform';

/** What `tingsted start` tells a person at a terminal once it listens: where it is, what it uses, how to sign in. */
export interface BannerFacts {
  readonly url: string;
  /** 'embedded' or the database's host and name (never its password). */
  readonly database: string;
  /** Where e-mail goes: an outbox folder or an SMTP server. */
  readonly mail: string;
  readonly mailMode: 'outbox' | 'smtp';
  readonly logLevel: string;
  readonly demo: boolean;
}

export function banner(facts: BannerFacts): string {
  const lines = [
    '',
    `  Tingsted is running at ${facts.url}`,
    `  database  ${facts.database}`,
    `  e-mail    ${facts.mailMode === 'outbox' ? `written to ${facts.mail} (set SMTP_URL to send)` : `sent through ${facts.mail}`}`,
    `  logs      JSON lines on standard output at level "${facts.logLevel}" (LOG_LEVEL)`,
  ];
  if (facts.demo) {
    const width = Math.max(...demoUsers.map((u) => u.email.length));
    lines.push(`  demo accounts (password ${demoPassword}):`);
    for (const user of demoUsers) lines.push(`    ${user.email.padEnd(width)}  ${user.roles.join(', ').replaceAll('_', ' ')}`);
  }
  lines.push('  Stop with Ctrl+C.', '');
  return lines.join('\n') + '\n';
}

/** A database URL for people to read: host, port and database name, without user or password. */
export function describeDatabase(databaseUrl: string | undefined, dataDir: string): string {
  if (!databaseUrl) return `embedded PostgreSQL in ${dataDir}`;
  try {
    const url = new URL(databaseUrl);
    return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'PostgreSQL from DATABASE_URL';
  }
}
