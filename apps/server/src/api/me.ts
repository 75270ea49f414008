import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import type { ServerConfig } from '../config.ts';
import { clearSessionCookie, errorResponses, failure, OkSchema, requireUser } from './shared.ts';

/** One's own account: profile, data export, deletion. */
export const meRoutes: FastifyPluginAsyncTypebox<{ platform: Platform; config: ServerConfig }> = async (api, { platform, config }) => {
  const tags = ['My account'];

  api.patch(
    '/me',
    {
      schema: {
        tags,
        summary: 'Change my name and preferred language',
        body: Type.Object({ displayName: Type.String({ maxLength: 100 }), locale: Type.Union([Type.String(), Type.Null()]) }),
        response: { 200: OkSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      const result = await platform.accounts.updateProfile(user, request.body);
      if (!result.ok) return failure(request, reply, result);
      return { ok: true as const };
    },
  );

  api.get(
    '/me/export',
    { schema: { tags, summary: 'Everything the platform holds about me, as JSON (GDPR art. 15 and 20)', response: errorResponses } },
    async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      const result = await platform.accounts.exportMyData(user);
      if (!result.ok) return failure(request, reply, result);
      return reply
        .header('content-disposition', 'attachment; filename="tingsted-my-data.json"')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(result.value, null, 2) as never);
    },
  );

  api.delete(
    '/me',
    {
      schema: {
        tags,
        summary: 'Delete my account and personal data (GDPR art. 17)',
        body: Type.Object({ confirm: Type.String({ description: 'Must be DELETE' }) }),
        response: { 200: OkSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      const result = await platform.accounts.deleteMyAccount(user, request.body.confirm);
      if (!result.ok) return failure(request, reply, result);
      clearSessionCookie(reply, config.production);
      return { ok: true as const };
    },
  );
};
