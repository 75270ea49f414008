import type { Cookies } from '@sveltejs/kit';
import type { Voter } from '@tingsted/platform/conversations';
import { voterCookie, voterCookieName } from '@tingsted/platform/edge';

/**
 * Who is voting: the signed-in person, or an anonymous visitor known by the voter cookie. A visitor gets a new
 * token (and the cookie) only when the request writes (`create`); edge/voter.ts decides, as for the API.
 */
export function voterOf(locals: App.Locals, cookies: Cookies, create: boolean): Voter {
  const production = locals.ctx.production;
  const { token, set } = voterCookie({ production, signedIn: locals.ctx.user !== null, existing: cookies.get(voterCookieName(production)), create });
  if (set) cookies.set(set.name, set.value, set.options);
  return { actor: locals.ctx.user, visitorToken: token };
}
