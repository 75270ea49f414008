import { error, type Handle, type HandleServerError } from '@sveltejs/kit';
import { cookieNames, csrfMatches } from '@tingsted/platform';
import { translator } from '$lib/i18n/translate.server';

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
  if (unsafe.has(event.request.method)) {
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
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', ctx.locale),
  });
};

export const handleError: HandleServerError = ({ event, error: thrown, status }) => {
  const id = crypto.randomUUID();
  if (status >= 500) {
    event.locals.platform?.config.logger.error({ errorId: id, path: event.url.pathname, message: (thrown as Error)?.message }, 'page error');
  }
  return { message: status === 404 ? 'NotFound' : 'Internal', id };
};
