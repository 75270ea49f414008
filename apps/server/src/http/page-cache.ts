import { randomBytes } from 'node:crypto';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * A micro-cache for pages seen by visitors who are not signed in: the same page, in the same language,
 * is rendered at most once per `ttlMs` (default 2 s) on each server. Signed-in people, form posts and
 * links that carry tokens always get a fresh render.
 *
 * A rendered page holds two per-visitor values: the CSRF token (in forms and the page data) and the
 * Content-Security-Policy nonce (on its scripts and in the header). Both are long random strings; on a
 * hit they are replaced by the visitor's own token and a fresh nonce, so no two visitors share either.
 */
export interface PageCache {
  /** The cached page for `key`, made personal for this visitor; null on a miss. */
  get(key: string, csrfToken: string): CachedPage | null;
  /**
   * Records what the web app writes to `res` for `key` (passing it through unchanged) and keeps it if it
   * is a complete 200 HTML page without cookies other than the CSRF cookie.
   */
  capture(key: string, res: ServerResponse, csrfToken: string, csrfCookieName: string): void;
  readonly size: number;
}

export interface CachedPage {
  readonly status: number;
  readonly headers: OutgoingHttpHeaders;
  readonly body: string;
}

interface Entry {
  readonly at: number;
  readonly headers: OutgoingHttpHeaders;
  readonly body: string;
  readonly nonce: string | null;
  readonly csrfToken: string;
}

const maxBodyBytes = 4 * 1024 * 1024;

/** Creates a page cache holding at most `maxEntries` pages and `maxBytes` of HTML, for `ttlMs` each. */
export function createPageCache(options: { ttlMs?: number; maxEntries?: number; maxBytes?: number; now?: () => number } = {}): PageCache {
  const ttlMs = options.ttlMs ?? 2000;
  const maxEntries = options.maxEntries ?? 500;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.body.length;
    entries.delete(key);
  };

  return {
    get size() {
      return entries.size;
    },

    get(key, csrfToken) {
      const entry = entries.get(key);
      if (!entry) return null;
      if (now() - entry.at >= ttlMs) {
        remove(key);
        return null;
      }
      let body = entry.body.replaceAll(entry.csrfToken, csrfToken);
      const headers = { ...entry.headers };
      if (entry.nonce) {
        const nonce = randomBytes(16).toString('base64');
        body = body.replaceAll(entry.nonce, nonce);
        const csp = headers['content-security-policy'];
        if (typeof csp === 'string') headers['content-security-policy'] = csp.replaceAll(entry.nonce, nonce);
      }
      headers['content-length'] = Buffer.byteLength(body);
      return { status: 200, headers, body };
    },

    capture(key, res, csrfToken, csrfCookieName) {
      const chunks: Buffer[] = [];
      let captured = 0;
      let tooBig = false;
      const write = res.write.bind(res) as (...args: unknown[]) => boolean;
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      const keep = (chunk: unknown, encoding: unknown) => {
        if (tooBig || chunk === undefined || chunk === null || typeof chunk === 'function') return;
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array);
        captured += buffer.length;
        if (captured > maxBodyBytes) tooBig = true;
        else chunks.push(buffer);
      };
      res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
        keep(chunk, encoding);
        return write(chunk, encoding, callback);
      }) as ServerResponse['write'];
      res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
        keep(chunk, encoding);
        const result = end(chunk, encoding, callback);
        if (!tooBig && cacheable(res, csrfCookieName)) {
          const headers = { ...res.getHeaders() };
          delete headers['set-cookie'];
          delete headers['content-length'];
          const csp = headers['content-security-policy'];
          const nonce = typeof csp === 'string' ? (/'nonce-([^']+)'/.exec(csp)?.[1] ?? null) : null;
          const body = Buffer.concat(chunks).toString('utf8');
          remove(key);
          // Oldest first out, until there is room by count and by size.
          for (const oldest of entries.keys()) {
            if (entries.size < maxEntries && bytes + body.length <= maxBytes) break;
            remove(oldest);
          }
          entries.set(key, { at: now(), headers, body, nonce, csrfToken });
          bytes += body.length;
        }
        return result;
      }) as ServerResponse['end'];
    },
  };
}

function cacheable(res: ServerResponse, csrfCookieName: string): boolean {
  if (res.statusCode !== 200) return false;
  const type = res.getHeader('content-type');
  if (typeof type !== 'string' || !type.startsWith('text/html')) return false;
  const cacheControl = String(res.getHeader('cache-control') ?? '');
  if (/no-store|private/.test(cacheControl)) return false;
  const cookies = res.getHeader('set-cookie');
  const list = cookies === undefined ? [] : Array.isArray(cookies) ? cookies : [String(cookies)];
  return list.every((cookie) => cookie.startsWith(`${csrfCookieName}=`));
}
