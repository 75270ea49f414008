import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import { locales, type Platform } from '@tingsted/platform';
import type { ServerConfig } from '../config.ts';
import { clearSessionCookie, clientKey, errorResponses, failure, OkSchema, setSessionCookie } from './shared.ts';

const Email = Type.String({ maxLength: 254, description: 'E-mail address' });
const Password = Type.String({ maxLength: 200 });
const Token = Type.String({ maxLength: 200, description: 'The token from the link in the e-mail' });

const SessionSchema = Type.Object({
  user: Type.Union([
    Type.Object({
      id: Type.String(),
      email: Type.String(),
      displayName: Type.String(),
      emailVerified: Type.Boolean(),
      roles: Type.Array(Type.String()),
    }),
    Type.Null(),
  ]),
  locale: Type.String(),
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token on state-changing requests made with the session cookie' }),
});

/** Registration, sign-in by password or e-mailed link, password reset, sign-out. */
export const authRoutes: FastifyPluginAsyncTypebox<{ platform: Platform; config: ServerConfig }> = async (api, { platform, config }) => {
  const tags = ['Accounts'];

  api.get('/session', { schema: { tags, summary: 'The current session and CSRF token', response: { 200: SessionSchema } } }, async (request) => {
    const user = request.ctx.user;
    return {
      user: user
        ? { id: user.id, email: user.email, displayName: user.displayName, emailVerified: user.emailVerified, roles: [...user.roles] }
        : null,
      locale: request.ctx.locale,
      csrfToken: request.ctx.csrfToken,
    };
  });

  api.post(
    '/auth/register',
    {
      schema: {
        tags,
        summary: 'Register with e-mail and password; a confirmation link is e-mailed',
        body: Type.Object({
          email: Email,
          displayName: Type.String({ maxLength: 100 }),
          password: Password,
          locale: Type.Optional(Type.Enum(locales)),
        }),
        response: { 201: Type.Object({ userId: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const limited = await platform.accounts.checkRateLimit('register', clientKey(request));
      if (!limited.ok) return failure(request, reply, limited);
      const result = await platform.accounts.register(request.body);
      if (!result.ok) return failure(request, reply, result);
      return reply.code(201).send(result.value);
    },
  );

  api.post(
    '/auth/verify-email',
    { schema: { tags, summary: 'Confirm an e-mail address', body: Type.Object({ token: Token }), response: { 200: OkSchema, ...errorResponses } } },
    async (request, reply) => {
      const result = await platform.accounts.verifyEmail(request.body.token);
      if (!result.ok) return failure(request, reply, result);
      return { ok: true as const };
    },
  );

  api.post(
    '/auth/sign-in',
    {
      schema: {
        tags,
        summary: 'Sign in with e-mail and password; sets the session cookie',
        body: Type.Object({ email: Email, password: Password }),
        response: { 200: Type.Object({ userId: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const limited = await platform.accounts.checkRateLimit('signIn', clientKey(request));
      if (!limited.ok) return failure(request, reply, limited);
      const result = await platform.accounts.signIn(request.body);
      if (!result.ok) return failure(request, reply, result);
      setSessionCookie(reply, config.production, result.value.token, result.value.expiresAt);
      return { userId: result.value.userId };
    },
  );

  api.post('/auth/sign-out', { schema: { tags, summary: 'End the session', response: { 200: OkSchema } } }, async (request, reply) => {
    await platform.accounts.signOut(request.ctx.sessionToken);
    clearSessionCookie(reply, config.production);
    return { ok: true as const };
  });

  api.post(
    '/auth/password-reset',
    {
      schema: {
        tags,
        summary: 'E-mail a password reset link (the answer is the same whether or not the address has an account)',
        body: Type.Object({ email: Email }),
        response: { 202: OkSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const limited = await platform.accounts.checkRateLimit('reset', clientKey(request));
      if (!limited.ok) return failure(request, reply, limited);
      const result = await platform.accounts.requestPasswordReset(request.body.email);
      if (!result.ok) return failure(request, reply, result);
      return reply.code(202).send({ ok: true as const });
    },
  );

  api.post(
    '/auth/password-reset/confirm',
    {
      schema: {
        tags,
        summary: 'Set a new password with the token from the e-mail',
        body: Type.Object({ token: Token, password: Password }),
        response: { 200: OkSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await platform.accounts.resetPassword(request.body);
      if (!result.ok) return failure(request, reply, result);
      return { ok: true as const };
    },
  );

  api.post(
    '/auth/magic-link',
    {
      schema: {
        tags,
        summary: 'E-mail a sign-in link',
        body: Type.Object({ email: Email }),
        response: { 202: OkSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const limited = await platform.accounts.checkRateLimit('signIn', clientKey(request));
      if (!limited.ok) return failure(request, reply, limited);
      const result = await platform.accounts.requestMagicLink(request.body.email);
      if (!result.ok) return failure(request, reply, result);
      return reply.code(202).send({ ok: true as const });
    },
  );

  api.post(
    '/auth/magic-link/confirm',
    {
      schema: {
        tags,
        summary: 'Sign in with the token from the e-mailed link; sets the session cookie',
        body: Type.Object({ token: Token }),
        response: { 200: Type.Object({ userId: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await platform.accounts.signInWithMagicLink(request.body.token);
      if (!result.ok) return failure(request, reply, result);
      setSessionCookie(reply, config.production, result.value.token, result.value.expiresAt);
      return { userId: result.value.userId };
    },
  );
};
