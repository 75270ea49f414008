import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createPlatform, seedDemo, type Platform } from '@tingsted/platform';
import { freshDatabase, freshDemoDatabase } from '@tingsted/platform/testing';
import { pageBodyLimit, readConfig, type OidcConfig, type ServerConfig } from '../config.ts';
import { buildServer, type App } from '../app.ts';
import { loadWebHandler } from '../main.ts';
import { startSmtpCatcher } from './smtp.ts';

/** A whole Tingsted server on a fresh database, on a free loopback port, with mail caught over SMTP. */
export interface TestServer {
  readonly url: string;
  readonly app: App;
  readonly platform: Platform;
  readonly mail: Awaited<ReturnType<typeof startSmtpCatcher>>;
  /** Every log line the server wrote, for tests that check what is (not) logged. */
  readonly logs: string[];
  close(): Promise<void>;
}

/**
 * A free port, held by a placeholder server until `release` (tests need the port before the server starts, for
 * its public URL; seeding takes seconds, and a port let go that early can be taken meanwhile as the local port
 * of an outgoing connection, such as one to the database).
 */
async function holdPort(): Promise<{ port: number; release: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ port, release: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}

/** A port that was free a moment ago (tests need it before the server starts, for redirect URIs). */
export async function freePort(): Promise<number> {
  const held = await holdPort();
  await held.release();
  return held.port;
}

export async function startTestServer(
  options: { seed?: boolean; sharedData?: boolean; jobs?: boolean; pageCacheMs?: number; web?: boolean; oidc?: (publicUrl: string) => OidcConfig; bodyLimit?: number; port?: number } = {},
): Promise<TestServer> {
  // The demo without the shared data sets is copied from one seeded database per run (see freshDemoDatabase).
  const copiedDemo = options.seed !== false && options.sharedData !== true;
  const database = copiedDemo ? await freshDemoDatabase() : await freshDatabase();
  const mail = await startSmtpCatcher();
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const held = options.port === undefined ? await holdPort() : null;
  const port = options.port ?? held?.port ?? 0;
  const publicUrl = `http://127.0.0.1:${port}`;
  const config: ServerConfig = {
    // Tests see every change at once unless they test the page cache itself.
    ...readConfig({ PORT: String(port), LOG_LEVEL: 'info', PUBLIC_URL: publicUrl, PAGE_CACHE_MS: String(options.pageCacheMs ?? 0) }),
    databaseUrl: database.url,
    smtpUrl: mail.url,
    host: '127.0.0.1',
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    oidc: options.oidc?.(publicUrl),
  };
  const logger = pino({ level: 'info' }, logStream);
  const platform = createPlatform(database.db, {
    dataDir: '/nonexistent',
    publicUrl,
    smtpUrl: mail.url,
    mailFrom: 'Demo kommune <noreply@demo.tingsted.no>',
    logger,
    jobPollingSeconds: 0.5,
  });
  let app: App;
  try {
    if (options.jobs) await platform.jobs.startWorkers();
    // The Pol.is import from the shared data folder takes seconds; only the tests that look at it ask for it.
    if (options.seed !== false && !copiedDemo) await seedDemo(platform, { sharedData: true });
    process.env.BODY_SIZE_LIMIT = String(pageBodyLimit(config));
    const web = options.web === false ? undefined : await loadWebHandler();
    if (options.web && !web) throw new Error('the web app is not built: run `npm run build`');
    app = await buildServer({ platform, config, web, logStream });
    await held?.release();
    await app.listen({ port, host: '127.0.0.1' });
  } catch (error) {
    await held?.release();
    // A server that could not start lets go of what it holds, so the test file ends with the error instead of
    // waiting for the test runner's timeout on open sockets.
    await platform.jobs.stop().catch(() => undefined);
    await mail.close().catch(() => undefined);
    await database.drop().catch(() => undefined);
    throw error;
  }
  return {
    url: publicUrl,
    app,
    platform,
    mail,
    logs,
    async close() {
      await app.close();
      await platform.jobs.stop();
      await mail.close();
      await database.drop();
    },
  };
}
