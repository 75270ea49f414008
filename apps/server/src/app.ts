import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import pino from 'pino';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  cookieNames,
  csrfMatches,
  negotiateLocale,
  newCsrfToken,
  type Platform,
  type RequestContext,
  type WebBridge,
} from '@tingsted/platform';
import type { ServerConfig } from './config.ts';
import { errorBody, sendFailure } from './http/errors.ts';
import { apiContentSecurityPolicy, applyHeaders, securityHeaders } from './http/security.ts';
import { createPageCache } from './http/page-cache.ts';
import { authRoutes } from './api/auth.ts';
import { meRoutes } from './api/me.ts';
import { processRoutes } from './api/processes.ts';
import { adminRoutes } from './api/admin.ts';
import { retentionRoutes } from './api/retention.ts';
import { mapRoutes } from './api/maps.ts';
import { ideaRoutes } from './api/ideas.ts';
import { panelRoutes } from './api/panels.ts';
import { oidcRoutes } from './api/oidc.ts';
import { conversationRoutes } from './api/conversations.ts';
import { stakeholderRoutes } from './api/stakeholders.ts';
import { processManagementRoutes } from './api/process-management.ts';
import { moderationRoutes } from './api/moderation.ts';
import { ideaEditingRoutes } from './api/idea-editing.ts';
import { surveyRoutes } from './api/surveys.ts';
import { statusRoutes } from './api/statuses.ts';
import { analysisRoutes } from './api/analysis.ts';
import { ideaDuplicateRoutes } from './api/idea-duplicates.ts';
import { summaryRoutes } from './api/summaries.ts';
import { analysisTopicRoutes } from './api/analysis-topics.ts';
import { censusRoutes } from './api/census.ts';
import { notificationRoutes } from './api/notifications.ts';
import { reportRoutes } from './api/reports.ts';
import { fileRoutes } from './api/files.ts';
import { budgetingRoutes } from './api/budgeting.ts';
import { proposalRoutes } from './api/proposals.ts';
import { eventRoutes } from './api/events.ts';
import { updateRoutes } from './api/updates.ts';
import { fieldErrorsOf, voterCookieName } from '@tingsted/platform/edge';

/** The SvelteKit request handler produced by adapter-node (`apps/web/build/handler.js`). */
export type WebHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

declare module 'node:http' {
  interface IncomingMessage {
    tingsted?: WebBridge;
  }
}

export type App = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface BuildOptions {
  readonly platform: Platform;
  readonly config: ServerConfig;
  /** The built web app; without it only the API and health check are served. */
  readonly web?: WebHandler | undefined;
  /** Log to this stream instead of stdout (tests). */
  readonly logStream?: NodeJS.WritableStream;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Headers through which the server tells the web app the request's real protocol, host and client address. */
export const webHeaders = { protocol: 'x-tingsted-proto', host: 'x-tingsted-host', address: 'x-tingsted-client' } as const;

/** Builds the HTTP server: API, health check, OpenID Connect, and the web app for everything else. */
export async function buildServer(options: BuildOptions): Promise<App> {
  const { platform, config } = options;
  const names = cookieNames(config.production);
  // Standard output without blocking on each line: a busy server logs thousands of lines a second, and lines
  // logged while a write is under way go out together in the next one. pino writes out what is left on exit.
  // (Buffering to a minimum block size served the API list no better and cost posting a support a fifth.)
  const logDestination = options.logStream ?? pino.destination({ dest: 1, sync: false });
  // Request lines are made here from fields chosen below (never a header, body or query), so they skip redaction.
  const requestLog = pino({ level: config.logLevel }, logDestination);
  // Request ids: unique within this process run, and a random prefix keeps servers sharing a database apart.
  const bootId = randomUUID().slice(0, 8);
  let requestCount = 0;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      stream: logDestination,
      // Belt and braces: nothing below should log these, but if a request object slips in, they are hidden.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.token'],
    },
    // Our own request log (below) replaces Fastify's, which would log the query string.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    genReqId: () => `${bootId}-${(++requestCount).toString(36)}`,
    routerOptions: { ignoreTrailingSlash: true },
    // Every schema issue, not only the first, so a refused request names each bad field (edge/field-errors.ts).
    ajv: { customOptions: { allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tingsted API',
        version: '1.0.0',
        description:
          'Resident participation platform. Errors are `{ error: { code, message, fields } }`. State-changing requests ' +
          'made with the session cookie must send the CSRF token (from GET /api/v1/session) in the X-CSRF-Token header.',
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: names.session } },
      },
    },
  });

  const headers = securityHeaders(config.production);
  // Framed and loaded by other sites: no X-Frame-Options (the page's frame-ancestors decides), and the loader
  // script may be fetched across sites.
  const embedHeaders = Object.fromEntries(Object.entries({ ...headers, 'cross-origin-resource-policy': 'cross-origin' }).filter(([name]) => name !== 'x-frame-options'));
  const apiHeaders = { 'content-security-policy': apiContentSecurityPolicy, 'cache-control': 'no-store' };

  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.addHook('onRequest', async (request, reply) => {
    const sessionToken = request.cookies[names.session];
    const [user, municipality] =
      sessionToken === undefined ? [null, await platform.municipality.get()] : await Promise.all([platform.accounts.sessionUser(sessionToken), platform.municipality.get()]);
    const existing = request.cookies[names.csrf];
    const csrfIsNew = !existing || existing.length < 20;
    // A new visitor's token is made only when something reads it (most API reads never do).
    let csrfToken = csrfIsNew ? null : existing;
    request.ctx = {
      user,
      sessionToken,
      municipality,
      locale: negotiateLocale({
        chosen: request.cookies[names.locale] ?? user?.locale,
        acceptLanguage: request.headers['accept-language'],
        municipalityDefault: municipality.defaultLocale,
      }),
      get csrfToken() {
        csrfToken ??= newCsrfToken();
        return csrfToken;
      },
      csrfIsNew,
      production: config.production,
      oidcName: config.oidc?.displayName ?? null,
    };
    reply.headers(headers);
  });

  // Request log: method, path without the query (links carry tokens), status and time. No bodies, no cookies.
  // (callback-style hooks where nothing is awaited: no promise per request)
  app.addHook('onResponse', (request, reply, done) => {
    const path = request.url.split('?')[0];
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    requestLog[level]({ reqId: request.id, method: request.method, path, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    done();
  });

  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = request.ctx?.locale ?? 'en';
    if (error.validation) {
      // The same mapping from schema issues to field messages as the web app's form actions (edge/contract.ts).
      const fields = fieldErrorsOf(error.validation, String(error.validationContext ?? 'body'));
      return sendFailure(reply, locale, { ok: false, code: 'ValidationFailed', fields });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
      return sendFailure(reply, locale, { ok: false, code: 'PayloadTooLarge' });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return sendFailure(reply, locale, { ok: false, code: 'MalformedRequest' });
    }
    const id = request.id;
    request.log.error({ err: { type: error.name, message: error.message, stack: error.stack }, errorId: id }, 'unhandled error');
    return reply.code(500).send(errorBody(locale, { code: 'Internal' }, id));
  });

  app.setNotFoundHandler((request, reply) => sendFailure(reply, request.ctx?.locale ?? 'en', { ok: false, code: 'NotFound' }));

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    const database = await platform.checkDatabase();
    return reply.code(database.ok ? 200 : 503).send({
      status: database.ok ? 'ok' : 'unavailable',
      database: { reachable: database.ok, latencyMs: Math.round(database.latencyMs * 10) / 10 },
    });
  });

  await app.register(
    async (api) => {
      api.addHook('onRequest', (request, reply, done) => {
        reply.headers(apiHeaders);
        // API clients get the token from GET /session; other reads need no cookie.
        if (request.ctx.csrfIsNew && (unsafeMethods.has(request.method) || request.url.startsWith('/api/v1/session'))) {
          reply.setCookie(names.csrf, request.ctx.csrfToken, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.production });
        }
        // Cookie-authenticated writes must prove they come from our own pages or a client that read the token.
        if (unsafeMethods.has(request.method) && request.cookies[names.session] !== undefined) {
          if (request.ctx.csrfIsNew || !csrfMatches(request.ctx.csrfToken, request.headers['x-csrf-token'])) {
            void sendFailure(reply, request.ctx.locale, { ok: false, code: 'CsrfFailed' });
            return;
          }
        }
        done();
      });
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      await api.register(authRoutes, { platform, config });
      await api.register(meRoutes, { platform, config });
      await api.register(processRoutes, { platform });
      await api.register(adminRoutes, { platform });
      await api.register(retentionRoutes, { platform });
      await api.register(mapRoutes, { platform });
      await api.register(ideaRoutes, { platform });
      await api.register(processManagementRoutes, { platform });
      await api.register(moderationRoutes, { platform });
      await api.register(ideaEditingRoutes, { platform });
      await api.register(surveyRoutes, { platform });
      await api.register(statusRoutes, { platform });
      await api.register(conversationRoutes, { platform, production: config.production });
      await api.register(stakeholderRoutes, { platform });
      await api.register(panelRoutes, { platform });
      await api.register(analysisRoutes, { platform });
      await api.register(ideaDuplicateRoutes, { platform });
      await api.register(summaryRoutes, { platform });
      await api.register(analysisTopicRoutes, { platform });
      await api.register(censusRoutes, { platform });
      await api.register(notificationRoutes, { platform });
      await api.register(reportRoutes, { platform });
      await api.register(fileRoutes, { platform });
      await api.register(budgetingRoutes, { platform });
      await api.register(proposalRoutes, { platform });
      await api.register(eventRoutes, { platform });
      await api.register(updateRoutes, { platform });
    },
    { prefix: '/api/v1' },
  );

  await app.register(oidcRoutes, { platform, config });

  // Uploaded documents and images. Served with their stored type, never sniffed, and unable to run anything.
  // A file only some people may read (a fact's document before approval) is a 404 to others and never cached.
  // An image's smaller copies are served at /files/{id}/{width} (issue 22), with the same access rules.
  const sendFile = async (request: FastifyRequest, reply: FastifyReply, id: string, width: number | null) => {
    const file = await platform.files.read(id, request.ctx.user, width);
    if (!file) return sendFailure(reply, request.ctx.locale, { ok: false, code: 'NotFound' });
    const disposition = file.kind === 'image' || file.contentType === 'application/pdf' ? 'inline' : 'attachment';
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `${disposition}; filename="${encodeURIComponent(file.filename)}"`)
      .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
      .header('cache-control', file.access === 'public' ? 'public, max-age=3600' : 'private, no-store')
      .send(Buffer.from(file.data));
  };
  app.get<{ Params: { id: string } }>('/files/:id', { schema: { hide: true } }, (request, reply) => sendFile(request, reply, request.params.id, null));
  app.get<{ Params: { id: string; width: string } }>('/files/:id/:width', { schema: { hide: true } }, (request, reply) => {
    const width = /^[1-9][0-9]{1,4}$/.test(request.params.width) ? Number(request.params.width) : null;
    if (width === null) return sendFailure(reply, request.ctx.locale, { ok: false, code: 'NotFound' });
    return sendFile(request, reply, request.params.id, width);
  });

  const web = options.web;
  const pageCache = config.pageCacheMs > 0 ? createPageCache({ ttlMs: config.pageCacheMs, version: () => platform.changes.version }) : null;
  await app.register(async (pages) => {
    // Hand the raw request body to the web app untouched: SvelteKit reads and limits it itself.
    pages.removeAllContentTypeParsers();
    pages.addContentTypeParser('*', (_request, _payload, done) => done(null));
    pages.route({
      method: ['GET', 'HEAD', 'POST'],
      url: '/*',
      schema: { hide: true },
      handler: async (request, reply) => {
        if (!web) {
          return reply
            .code(503)
            .type('text/plain; charset=utf-8')
            .send('The web app is not built. Run `npm run build` (or `npm start`, which builds it) and restart.');
        }
        // Embedded conversations are framed by other sites and answer by who frames them: never cached, and the
        // web app sets their frame-ancestors (docs/decisions/0012-embedded-conversations.md).
        const embedded = request.url.startsWith('/embed/');
        // Visitors who are not signed in share recent renders of the same page (see http/page-cache.ts);
        // links with tokens and anyone with a session cookie (or an anonymous voter's cookie) always get their own.
        const cacheKey =
          pageCache && request.method === 'GET' && !embedded && request.cookies[names.session] === undefined && request.cookies[voterCookieName(config.production)] === undefined && !/[?&]token=/.test(request.url)
            ? `${request.ctx.locale} ${request.protocol}://${request.host}${request.url}`
            : null;
        if (pageCache && cacheKey) {
          const hit = pageCache.get(cacheKey, request.ctx.csrfToken);
          if (hit) {
            if (request.ctx.csrfIsNew) {
              reply.setCookie(names.csrf, request.ctx.csrfToken, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.production });
            }
            return reply.code(hit.status).headers(hit.headers).header('x-page-cache', 'hit').send(hit.body);
          }
        }
        reply.hijack();
        applyHeaders(reply.raw, embedded ? embedHeaders : headers);
        if (pageCache && cacheKey) pageCache.capture(cacheKey, reply.raw, request.ctx.csrfToken, names.csrf);
        request.raw.tingsted = { platform, ctx: request.ctx };
        request.raw.headers[webHeaders.protocol] = request.protocol;
        request.raw.headers[webHeaders.host] = request.host;
        request.raw.headers[webHeaders.address] = request.ip;
        web(request.raw, reply.raw, () => {
          reply.raw.statusCode = 404;
          reply.raw.end('Not found');
        });
        return reply;
      },
    });
  });

  return app;
}

