import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import { locales, roles, type Platform } from '@tingsted/platform';
import { errorResponses, failure, requireUser } from './shared.ts';

const RoleSchema = Type.Enum(roles);

/** Administration: people and roles, municipality settings. */
export const adminRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Administration'];

  api.get(
    '/admin/users',
    {
      schema: {
        tags,
        summary: 'People and their roles (administrators)',
        querystring: Type.Object({ search: Type.Optional(Type.String({ maxLength: 200 })), page: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: {
          200: Type.Object({
            users: Type.Array(
              Type.Object({ id: Type.String(), email: Type.String(), displayName: Type.String(), emailVerified: Type.Boolean(), roles: Type.Array(RoleSchema) }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      const result = await platform.accounts.listUsers(user, request.query);
      if (!result.ok) return failure(request, reply, result);
      return {
        users: result.value.map((u) => ({ id: u.id, email: u.email, displayName: u.display_name, emailVerified: u.email_verified_at !== null, roles: u.roles })),
      };
    },
  );

  api.put(
    '/admin/users/:id/roles',
    {
      schema: {
        tags,
        summary: "Set a person's roles (administrators)",
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ roles: Type.Array(Type.String(), { maxItems: 5 }) }),
        response: { 200: Type.Object({ roles: Type.Array(RoleSchema) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      const result = await platform.accounts.assignRoles(user, request.params.id, request.body.roles);
      if (!result.ok) return failure(request, reply, result);
      return result.value;
    },
  );

  const MunicipalitySchema = Type.Object({
    name: Type.String({ maxLength: 120 }),
    logoUrl: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
    primaryColour: Type.String({ maxLength: 7 }),
    defaultLocale: Type.Enum(locales),
  });

  api.get('/municipality', { schema: { tags, summary: "The municipality's public settings", response: { 200: MunicipalitySchema } } }, async () =>
    platform.municipality.get(),
  );

  api.put(
    '/admin/municipality',
    { schema: { tags, summary: 'Change the municipality settings (administrators)', body: MunicipalitySchema, response: { 200: MunicipalitySchema, ...errorResponses } } },
    async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      const result = await platform.municipality.update(user, request.body);
      if (!result.ok) return failure(request, reply, result);
      return result.value;
    },
  );
};
