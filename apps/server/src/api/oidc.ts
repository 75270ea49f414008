import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import * as oidc from 'openid-client';
import type { Platform } from '@tingsted/platform';
import type { ServerConfig } from '../config.ts';
import { setSessionCookie } from './shared.ts';

const stateCookie = 'ts_oidc';

/** Only local paths are followed after sign-in, so the flow cannot be used to redirect elsewhere. */
function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[\w\-./?=&%]*$/.test(value) ? value : '/';
}

/**
 * Sign-in with OpenID Connect (authorization code flow with PKCE, state and nonce). The municipality's
 * broker for ID-porten, BankID, MitID or Freja is configured with OIDC_ISSUER, OIDC_CLIENT_ID and
 * OIDC_CLIENT_SECRET; its redirect URI is PUBLIC_URL + /auth/oidc/callback.
 */
export const oidcRoutes: FastifyPluginAsyncTypebox<{ platform: Platform; config: ServerConfig }> = async (app, { platform, config }) => {
  const settings = config.oidc;
  if (!settings) return;
  let discovered: Promise<oidc.Configuration> | null = null;
  const configuration = () => {
    discovered ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, settings.allowInsecure ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };
  const redirectUri = `${config.publicUrl}/auth/oidc/callback`;
  const cookieOptions = { path: '/auth/oidc', httpOnly: true, sameSite: 'lax' as const, secure: config.production, maxAge: 600 };
  const failed = '/sign-in?error=OidcFailed';

  app.get(
    '/auth/oidc/start',
    { schema: { hide: true, querystring: Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 500 })) }) } },
    async (request, reply) => {
      let conf: oidc.Configuration;
      try {
        conf = await configuration();
      } catch (error) {
        request.log.error({ err: { message: (error as Error).message } }, 'OpenID provider discovery failed');
        return reply.redirect(failed);
      }
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      reply.setCookie(stateCookie, JSON.stringify({ state, nonce, verifier, returnTo: safeReturnTo(request.query.returnTo) }), cookieOptions);
      const url = oidc.buildAuthorizationUrl(conf, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return reply.redirect(url.href);
    },
  );

  app.get('/auth/oidc/callback', { schema: { hide: true } }, async (request, reply) => {
    const raw = request.cookies[stateCookie];
    reply.clearCookie(stateCookie, { path: '/auth/oidc' });
    let saved: { state: string; nonce: string; verifier: string; returnTo: string };
    try {
      saved = JSON.parse(raw ?? '') as typeof saved;
    } catch {
      request.log.warn({ reason: 'no login state cookie' }, 'OpenID sign-in refused');
      return reply.redirect(failed);
    }
    try {
      const conf = await configuration();
      const current = new URL(request.url, config.publicUrl);
      const tokens = await oidc.authorizationCodeGrant(conf, current, {
        pkceCodeVerifier: saved.verifier,
        expectedState: saved.state,
        expectedNonce: saved.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new Error('no ID token claims');
      // Providers may keep e-mail and name out of the ID token; the userinfo endpoint has them.
      const info = { ...idToken, ...(await oidc.fetchUserInfo(conf, tokens.access_token, idToken.sub)) };
      const result = await platform.accounts.signInWithOidc({
        issuer: idToken.iss,
        subject: idToken.sub,
        email: typeof info.email === 'string' ? info.email : undefined,
        emailVerified: info.email_verified === true,
        name: typeof info.name === 'string' ? info.name : undefined,
      });
      if (!result.ok) throw new Error(`sign-in refused: ${result.code}`);
      setSessionCookie(reply, config.production, result.value.token, result.value.expiresAt);
      return reply.redirect(safeReturnTo(saved.returnTo));
    } catch (error) {
      // The reason is logged without tokens or claims; the person sees a translated message.
      request.log.warn({ reason: (error as Error).name, message: (error as Error).message }, 'OpenID sign-in refused');
      return reply.redirect(failed);
    }
  });
};
