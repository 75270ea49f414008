import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import pino from 'pino';
import { migrateToLatest, openPlatform, seedDemo, demoPassword, DataFolderInUseError, type Platform } from '@tingsted/platform';
import { s3Store, type FileStore } from '@tingsted/platform/files';
import { ConfigError, pageBodyLimit, readConfig, type ServerConfig } from './config.ts';
import { buildServer, webHeaders, type WebHandler } from './app.ts';
import { banner, describeDatabase } from './banner.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** Where adapter-node writes the built web app. */
export const webBuildDir = join(here, '../../web/build');

/** Loads the built web app, or returns undefined when it has not been built. */
export async function loadWebHandler(): Promise<WebHandler | undefined> {
  const handlerPath = join(webBuildDir, 'handler.js');
  if (!existsSync(handlerPath)) return undefined;
  // adapter-node reads these when its module loads. The server fills the headers itself from what
  // Fastify knows (honouring TRUST_PROXY), overwriting anything a client sent under those names.
  process.env.PROTOCOL_HEADER = webHeaders.protocol;
  process.env.HOST_HEADER = webHeaders.host;
  process.env.ADDRESS_HEADER = webHeaders.address;
  const module = (await import(pathToFileURL(handlerPath).href)) as { handler: WebHandler };
  return module.handler;
}

/** Where uploads go: the S3-compatible bucket when S3_* are set, else the `uploads` folder in the data folder. */
function fileStoreOf(config: ServerConfig): FileStore | undefined {
  return config.s3 ? s3Store(config.s3) : undefined;
}

function platformConfig(config: ServerConfig, logger: pino.Logger) {
  const fileStore = fileStoreOf(config);
  return {
    ...(fileStore ? { fileStore } : {}),
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    publicUrl: config.publicUrl,
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    textProvider: config.textProvider,
    logger,
  };
}

async function withPlatform(config: ServerConfig, logger: pino.Logger, work: (platform: Platform) => Promise<void>) {
  const platform = await openPlatform(platformConfig(config, logger), { migrate: false });
  try {
    await work(platform);
  } finally {
    await platform.close();
  }
}

const usage = `Usage: tingsted <command>

Commands:
  start [--demo]   migrate, then serve on PORT (default 3000); --demo also seeds the demo municipality
  migrate          bring the database schema up to date
  seed             load the demo municipality (idempotent)

Settings come from the environment; see the README. Without DATABASE_URL an embedded PostgreSQL runs in
TINGSTED_DATA_DIR (default ./.data).
`;

/** The `tingsted` command. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...flags] = argv;
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write(usage);
    return command ? 0 : 2;
  }
  let config: ServerConfig;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`tingsted: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  // A server logs to stdout; one-off commands keep stdout for their answer and log to stderr.
  // The server logs to stdout without blocking on each line (a busy server writes thousands a second;
  // lines written while one write is in flight go out together); one-off commands log to stderr.
  const logger = pino({ level: config.logLevel }, command === 'start' ? pino.destination({ dest: 1, sync: false }) : pino.destination(2));
  try {
    switch (command) {
      case 'migrate':
        await withPlatform(config, logger, async (platform) => {
          const applied = await migrateToLatest(platform.db);
          process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
        });
        return 0;
      case 'seed':
        await withPlatform(config, logger, async (platform) => {
          await migrateToLatest(platform.db);
          const seeded = await seedDemo(platform);
          process.stdout.write(`Demo kommune: ${seeded.users} accounts (password "${demoPassword}"), ${seeded.processes} processes\n`);
        });
        return 0;
      case 'start':
        return await start(config, logger, flags.includes('--demo'));
      default:
        process.stderr.write(`tingsted: unknown command "${command}"\n\n${usage}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof DataFolderInUseError) {
      process.stderr.write(`tingsted: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function start(config: ServerConfig, logger: pino.Logger, demo: boolean): Promise<number> {
  // With S3_* set, uploads go to that bucket; a server that cannot use it says so and does not start.
  if (config.s3) {
    try {
      await s3Store(config.s3).check();
    } catch (error) {
      process.stderr.write(`tingsted: the S3 bucket "${config.s3.bucket}" at ${config.s3.endpoint} cannot be used: ${(error as Error).message}\n`);
      return 1;
    }
  }
  const platform = await openPlatform(platformConfig(config, logger));
  await platform.jobs.startWorkers();
  // Public caches are dropped when any server sharing the database writes (LISTEN/NOTIFY).
  await platform.listenForChanges();
  if (demo) await seedDemo(platform);
  // Pages accept uploads of up to 5 MB (a map file, an image) and the API keeps BODY_LIMIT. adapter-node reads
  // BODY_SIZE_LIMIT once, when its handler module loads, so it is set before that.
  process.env.BODY_SIZE_LIMIT ??= String(pageBodyLimit(config));
  const web = await loadWebHandler();
  if (!web) logger.warn({ webBuildDir }, 'the web app is not built; serving the API only (run `npm run build`)');
  const app = await buildServer({ platform, config, web });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await app.close();
    await platform.close();
    logger.flush();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  logger.info({ url, mail: platform.mailer.target, database: config.databaseUrl ? 'DATABASE_URL' : 'embedded', uploads: config.s3 ? 's3' : 'disk' }, 'Tingsted is running');
  // A person at a terminal (or `npm start`, which asks for the demo) gets a short banner; log collectors get the line above.
  if (demo || process.stdout.isTTY) {
    logger.flush();
    process.stdout.write(
      banner({
        url,
        database: describeDatabase(config.databaseUrl, config.dataDir),
        mail: platform.mailer.target,
        mailMode: config.smtpUrl ? 'smtp' : 'outbox',
        logLevel: config.logLevel,
        demo,
      }),
    );
  }
  return new Promise(() => undefined);
}
