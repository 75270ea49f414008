import { resolve } from 'node:path';

/** Settings for one server process, read from the environment. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly production: boolean;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly publicUrl: string;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** Largest request body accepted, in bytes; larger ones get 413. */
  readonly bodyLimit: number;
  readonly logLevel: string;
  readonly trustProxy: boolean;
  /** How long a page rendered for visitors who are not signed in may be reused; 0 turns the cache off. */
  readonly pageCacheMs: number;
  readonly oidc: OidcConfig | undefined;
  /** An S3-compatible bucket for uploads; without it they go to the `uploads` folder in `dataDir`. */
  readonly s3: S3Config | undefined;
  /** A model provider for analyses (TEXT_PROVIDER_*); without it the administrator's settings, off by default. */
  readonly textProvider: TextProviderEnv | undefined;
}

/** An OpenAI-compatible endpoint on the municipality's own machine (TEXT_PROVIDER_* settings). */
export interface TextProviderEnv {
  readonly baseUrl: string;
  readonly embeddingModel: string | undefined;
  readonly chatModel: string | undefined;
  readonly apiKey: string | undefined;
  readonly timeoutMs: number;
}

function textProviderConfig(env: NodeJS.ProcessEnv): TextProviderEnv | undefined {
  const baseUrl = env.TEXT_PROVIDER_URL;
  if (!baseUrl) return undefined;
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(baseUrl)) throw new ConfigError(`TEXT_PROVIDER_URL must be an http or https URL up to /v1; got "${baseUrl}"`);
  const embeddingModel = env.TEXT_PROVIDER_EMBEDDING_MODEL || undefined;
  const chatModel = env.TEXT_PROVIDER_CHAT_MODEL || undefined;
  if (!embeddingModel && !chatModel) throw new ConfigError('TEXT_PROVIDER_URL is set, so TEXT_PROVIDER_EMBEDDING_MODEL or TEXT_PROVIDER_CHAT_MODEL (or both) must be set too');
  return { baseUrl, embeddingModel, chatModel, apiKey: env.TEXT_PROVIDER_API_KEY || undefined, timeoutMs: integer(env, 'TEXT_PROVIDER_TIMEOUT_MS', 20_000, 500, 120_000) };
}

/** An S3-compatible bucket that every app server shares (S3_* settings). */
export interface S3Config {
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly pathStyle: boolean;
}

/** One OpenID Connect provider (ID-porten, BankID, MitID or Freja through the municipality's broker). */
export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The name on the sign-in button, e.g. "ID-porten". */
  readonly displayName: string;
  /** Allow plain http issuers (tests and local brokers only). */
  readonly allowInsecure: boolean;
}

/** Thrown when an environment variable has a value we cannot use; names the variable. */
export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`);
  }
  return value;
}

function s3Config(env: NodeJS.ProcessEnv): S3Config | undefined {
  const names = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
  const given = names.filter((name) => env[name]);
  if (given.length === 0) return undefined;
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0) throw new ConfigError(`${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set, so ${missing.join(', ')} must be set too`);
  const endpoint = env.S3_ENDPOINT ?? '';
  if (!/^https?:\/\/[^/]/.test(endpoint)) throw new ConfigError(`S3_ENDPOINT must be an http or https URL; got "${endpoint}"`);
  const pathStyle = env.S3_PATH_STYLE ?? 'true';
  if (pathStyle !== 'true' && pathStyle !== 'false') throw new ConfigError(`S3_PATH_STYLE must be true or false; got "${pathStyle}"`);
  return {
    endpoint,
    bucket: env.S3_BUCKET ?? '',
    region: env.S3_REGION || 'us-east-1',
    accessKeyId: env.S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '',
    pathStyle: pathStyle === 'true',
  };
}

/** Reads the configuration; see the README's table of settings. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const production = env.NODE_ENV === 'production';
  const oidcIssuer = env.OIDC_ISSUER;
  let oidc: OidcConfig | undefined;
  if (oidcIssuer) {
    if (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) {
      throw new ConfigError('OIDC_ISSUER is set, so OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set too');
    }
    oidc = {
      issuer: oidcIssuer,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      displayName: env.OIDC_NAME ?? 'ID-porten',
      allowInsecure: env.OIDC_ALLOW_INSECURE === 'true',
    };
  }
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute URL; got "${publicUrl}"`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    production,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.TINGSTED_DATA_DIR ?? '.data'),
    publicUrl,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Tingsted <noreply@localhost>',
    bodyLimit: integer(env, 'BODY_LIMIT', 1_048_576, 1024, 1_073_741_824),
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: env.TRUST_PROXY === 'true',
    pageCacheMs: integer(env, 'PAGE_CACHE_MS', 2000, 0, 60_000),
    oidc,
    s3: s3Config(env),
    textProvider: textProviderConfig(env),
  };
}

/**
 * The largest request body the pages take (SvelteKit's BODY_SIZE_LIMIT): a 5 MB file (a municipality's map, an
 * image) with its form around it, or BODY_LIMIT when that is larger. The API keeps BODY_LIMIT, with its own
 * larger limits on the upload routes.
 */
export function pageBodyLimit(config: Pick<ServerConfig, 'bodyLimit'>): number {
  return Math.max(config.bodyLimit, 6 * 1024 * 1024);
}
