/**
 * Whether the page that frames an embedded conversation may do so. Browsers send the framing page's origin as
 * the Referer of a cross-site frame (the default referrer policy keeps the origin); a direct visit, a frame on
 * our own site and a frame from an origin the administrator allowed are served, any other origin is refused.
 * The Content-Security-Policy's `frame-ancestors` lists the allowed origins either way, so a framing page that
 * hides its Referer is still held to the list by the browser.
 */
export async function embedPolicy(locals: App.Locals, request: Request, url: URL): Promise<{ origin: string | null; allowed: boolean; frameAncestors: string }> {
  const settings = await locals.platform.conversations.conversationSettings();
  const referer = request.headers.get('referer');
  let origin: string | null = null;
  if (referer) {
    try {
      origin = new URL(referer).origin;
    } catch {
      origin = null;
    }
  }
  if (origin === url.origin) origin = null;
  const allowed = origin === null || (await locals.platform.conversations.embedAllowed(origin));
  // A refusal is only text: it may show in any frame, so the person sees why nothing else does.
  const frameAncestors = allowed ? ["'self'", ...settings.embedOrigins].join(' ') : '*';
  return { origin, allowed, frameAncestors };
}
