import { randomBytes } from 'node:crypto';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * A micro-cache for pages seen by visitors who are not signed in: the same page, in the same language,
 * is rendered at most once per `ttlMs` (default 2 s) on each server, and again as soon as the data version
 * moves (`version`: any committed write, on this server or another, see the platform's db/changes.ts), so a
 * change shows on the next request. The version is read when the render starts: a write that commits while
 * a page is being rendered leaves that page uncached. Signed-in people, form posts and links that carry
 * tokens always get a fresh render.
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
  readonly body: Buffer;
}

/**
 * A cached page, cut where the per-visitor values stood: `parts[0] slot[0] parts[1] slot[1] … parts[n]`, so a
 * hit copies the page once instead of searching it.
 */
interface Entry {
  readonly at: number;
  readonly version: number;
  readonly headers: OutgoingHttpHeaders;
  readonly parts: readonly Buffer[];
  readonly slots: readonly ('csrf' | 'nonce')[];
  readonly size: number;
  readonly nonce: string | null;
}

/** Cuts `body` at every occurrence of the token and the nonce (long random strings: no false matches). */
function cut(body: Buffer, csrfToken: string, nonce: string | null): { parts: Buffer[]; slots: ('csrf' | 'nonce')[] } {
  const needles: { kind: 'csrf' | 'nonce'; bytes: Buffer }[] = [{ kind: 'csrf', bytes: Buffer.from(csrfToken) }];
  if (nonce) needles.push({ kind: 'nonce', bytes: Buffer.from(nonce) });
  const hits: { at: number; kind: 'csrf' | 'nonce'; length: number }[] = [];
  for (const needle of needles) {
    for (let at = body.indexOf(needle.bytes); at !== -1; at = body.indexOf(needle.bytes, at + needle.bytes.length)) {
      hits.push({ at, kind: needle.kind, length: needle.bytes.length });
    }
  }
  hits.sort((a, b) => a.at - b.at);
  const parts: Buffer[] = [];
  const slots: ('csrf' | 'nonce')[] = [];
  let from = 0;
  for (const hit of hits) {
    if (hit.at < from) continue;
    parts.push(body.subarray(from, hit.at));
    slots.push(hit.kind);
    from = hit.at + hit.length;
  }
  parts.push(body.subarray(from));
  return { parts, slots };
}

const maxBodyBytes = 4 * 1024 * 1024;

/** Creates a page cache holding at most `maxEntries` pages and `maxBytes` of HTML, for `ttlMs` each. */
export function createPageCache(
  options: { ttlMs?: number; maxEntries?: number; maxBytes?: number; now?: () => number; version?: () => number } = {},
): PageCache {
  const ttlMs = options.ttlMs ?? 2000;
  const version = options.version ?? (() => 0);
  const maxEntries = options.maxEntries ?? 500;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.size;
    entries.delete(key);
  };

  return {
    get size() {
      return entries.size;
    },

    get(key, csrfToken) {
      const entry = entries.get(key);
      if (!entry) return null;
      if (now() - entry.at >= ttlMs || entry.version !== version()) {
        remove(key);
        return null;
      }
      const headers = { ...entry.headers };
      const nonce = entry.nonce ? randomBytes(16).toString('base64') : '';
      if (entry.nonce) {
        const csp = headers['content-security-policy'];
        if (typeof csp === 'string') headers['content-security-policy'] = csp.replaceAll(entry.nonce, nonce);
      }
      const values = { csrf: Buffer.from(csrfToken), nonce: Buffer.from(nonce) };
      const pieces: Buffer[] = [];
      entry.parts.forEach((part, i) => {
        pieces.push(part);
        const slot = entry.slots[i];
        if (slot) pieces.push(values[slot]);
      });
      const body = Buffer.concat(pieces);
      headers['content-length'] = body.length;
      return { status: 200, headers, body };
    },

    capture(key, res, csrfToken, csrfCookieName) {
      const renderedAt = version();
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
        if (!tooBig && renderedAt === version() && cacheable(res, csrfCookieName)) {
          const headers = { ...res.getHeaders() };
          delete headers['set-cookie'];
          delete headers['content-length'];
          const csp = headers['content-security-policy'];
          const nonce = typeof csp === 'string' ? (/'nonce-([^']+)'/.exec(csp)?.[1] ?? null) : null;
          const body = Buffer.concat(chunks);
          remove(key);
          // Oldest first out, until there is room by count and by size.
          for (const oldest of entries.keys()) {
            if (entries.size < maxEntries && bytes + body.length <= maxBytes) break;
            remove(oldest);
          }
          entries.set(key, { at: now(), version: renderedAt, headers, ...cut(body, csrfToken, nonce), size: body.length, nonce });
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
