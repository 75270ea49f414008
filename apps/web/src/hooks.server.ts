import { error, type Handle, type HandleServerError } from '@sveltejs/kit';
import { cookieNames, csrfMatches } from '@tingsted/platform';
import { translator } from '$lib/i18n/translate.server';
import { embedPolicy } from '$lib/server/embed';

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every page request arrives through the Tingsted server, which has already resolved the session,
 * language and municipality (apps/server/src/app.ts) and hands them over on the raw request.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const bridge = event.platform?.req.tingsted;
  if (!bridge) error(500, { message: 'This app is served by the Tingsted server (npm start), not on its own.' });
  const { platform, ctx } = bridge;
  event.locals.platform = platform;
  event.locals.ctx = ctx;
  event.locals.t = translator(ctx.locale);
  const names = cookieNames(ctx.production);

  if (ctx.csrfIsNew) {
    event.cookies.set(names.csrf, ctx.csrfToken, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.production });
  }
  // An embedded conversation (docs/decisions/0012) is posted from another site's frame, where our same-site
  // CSRF cookie is not sent. It acts only for an anonymous visitor (never the session), and SvelteKit's Origin
  // check still refuses a post from any page but our own, which is what the frame shows.
  const embed = event.url.pathname.startsWith('/embed/conversations/');
  if (unsafe.has(event.request.method) && !embed) {
    // A token in the form, matching the cookie, on top of SvelteKit's Origin check.
    let submitted: unknown = null;
    const type = event.request.headers.get('content-type') ?? '';
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      try {
        submitted = (await event.request.clone().formData()).get('_csrf');
      } catch {
        submitted = null;
      }
    }
    if (ctx.csrfIsNew || !csrfMatches(ctx.csrfToken, submitted)) {
      return new Response(event.locals.t('error.CsrfFailed'), { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
  }
  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', ctx.locale),
  });
  if (!embed) return response;
  // Only the origins the administrator allowed may frame the page; any other is shown a refusal (403).
  const policy = await embedPolicy(event.locals, event.request, event.url);
  const csp = response.headers.get('content-security-policy');
  if (csp) response.headers.set('content-security-policy', csp.replace("frame-ancestors 'none'", `frame-ancestors ${policy.frameAncestors}`));
  if (policy.allowed || response.status !== 200) return response;
  return new Response(response.body, { status: 403, headers: response.headers });
};

export const handleError: HandleServerError = ({ event, error: thrown, status }) => {
  const id = crypto.randomUUID();
  if (status >= 500) {
    event.locals.platform?.config.logger.error({ errorId: id, path: event.url.pathname, message: (thrown as Error)?.message }, 'page error');
  }
  return { message: status === 404 ? 'NotFound' : 'Internal', id };
};
