import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { accountContracts as c } from '@tingsted/platform/accounts';
import type { Contract } from '@tingsted/platform/edge';
import type { ServerConfig } from '../config.ts';
import { contractInput, contractSchema } from './contract-route.ts';
import { clearSessionCookie, clientKey, errorResponses, failure, setSessionCookie } from './shared.ts';

/** A contract's route schema answering 202 Accepted (a link was e-mailed, or would have been). */
function acceptedSchema<C extends Contract>(definition: C, tags: string[]) {
  const { response, ...schema } = contractSchema(definition, { tags, path: [] });
  return { ...schema, response: { ...errorResponses, 202: response[200] } };
}

/**
 * Registration, sign-in by password or e-mailed link, password reset, sign-out. The same contracts and
 * service calls as the sign-in, registration and link pages' forms.
 */
export const authRoutes: FastifyPluginAsyncTypebox<{ platform: Platform; config: ServerConfig }> = async (api, { platform, config }) => {
  const tags = ['Accounts'];

  api.get('/session', { schema: contractSchema(c.getSession, { tags, path: [], method: 'GET' }) }, async (request) => {
    const user = request.ctx.user;
    return {
      user: user
        ? { id: user.id, email: user.email, displayName: user.displayName, emailVerified: user.emailVerified, roles: [...user.roles] }
        : null,
      locale: request.ctx.locale,
      csrfToken: request.ctx.csrfToken,
    };
  });

  const done = { ok: true as const };

  api.post('/auth/register', { schema: contractSchema(c.register, { tags, path: [], status: 201 }) }, async (request, reply) => {
    // Per person (the address typed) and, loosely, per network address: a town hall shares one address.
    const input = contractInput(c.register, request);
    const limited = await platform.accounts.checkRateLimit('registerAddress', clientKey(request));
    if (!limited.ok) return failure(request, reply, limited);
    const perPerson = await platform.accounts.checkRateLimit('register', input.email.trim().toLowerCase());
    if (!perPerson.ok) return failure(request, reply, perPerson);
    const result = await platform.accounts.register(input);
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.post('/auth/verify-email', { schema: contractSchema(c.verifyEmail, { tags, path: [] }) }, async (request, reply) => {
    const result = await platform.accounts.verifyEmail(contractInput(c.verifyEmail, request).token);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.post('/auth/sign-in', { schema: contractSchema(c.signIn, { tags, path: [] }) }, async (request, reply) => {
    const limited = await platform.accounts.checkRateLimit('signIn', clientKey(request));
    if (!limited.ok) return failure(request, reply, limited);
    const result = await platform.accounts.signIn(contractInput(c.signIn, request));
    if (!result.ok) return failure(request, reply, result);
    setSessionCookie(reply, config.production, result.value.token, result.value.expiresAt);
    return { userId: result.value.userId };
  });

  api.post('/auth/sign-out', { schema: contractSchema(c.signOut, { tags, path: [] }) }, async (request, reply) => {
    await platform.accounts.signOut(request.ctx.sessionToken);
    clearSessionCookie(reply, config.production);
    return done;
  });

  api.post('/auth/password-reset', { schema: acceptedSchema(c.requestPasswordReset, tags) }, async (request, reply) => {
    const limited = await platform.accounts.checkRateLimit('reset', clientKey(request));
    if (!limited.ok) return failure(request, reply, limited);
    const result = await platform.accounts.requestPasswordReset(contractInput(c.requestPasswordReset, request).email);
    if (!result.ok) return failure(request, reply, result);
    return reply.code(202).send(done);
  });

  api.post('/auth/password-reset/confirm', { schema: contractSchema(c.resetPassword, { tags, path: [] }) }, async (request, reply) => {
    const result = await platform.accounts.resetPassword(contractInput(c.resetPassword, request));
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.post('/auth/magic-link', { schema: acceptedSchema(c.requestMagicLink, tags) }, async (request, reply) => {
    const limited = await platform.accounts.checkRateLimit('signIn', clientKey(request));
    if (!limited.ok) return failure(request, reply, limited);
    const result = await platform.accounts.requestMagicLink(contractInput(c.requestMagicLink, request).email);
    if (!result.ok) return failure(request, reply, result);
    return reply.code(202).send(done);
  });

  api.post('/auth/magic-link/confirm', { schema: contractSchema(c.signInWithMagicLink, { tags, path: [] }) }, async (request, reply) => {
    const result = await platform.accounts.signInWithMagicLink(contractInput(c.signInWithMagicLink, request).token);
    if (!result.ok) return failure(request, reply, result);
    setSessionCookie(reply, config.production, result.value.token, result.value.expiresAt);
    return { userId: result.value.userId };
  });
};
