import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { errorResponses, failure } from './shared.ts';

const Localized = Type.Record(Type.String(), Type.String(), { description: 'Text per language code (nb, nn, sv, da, en)' });

export const ProcessSchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('closed')]),
  state: Type.Union([Type.Literal('draft'), Type.Literal('upcoming'), Type.Literal('open'), Type.Literal('closed')], {
    description: 'Where it stands today: its status and dates by the municipality calendar (past its end date it is closed)',
  }),
  title: Localized,
  summary: Localized,
  startsOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  endsOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
});

/** Processes, as the public and staff see them. */
export const processRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Processes'];
  const serialized = new WeakMap<object, string>();

  api.get(
    '/processes',
    {
      schema: {
        tags,
        summary: 'List processes (drafts only for process managers); status=published lists those not yet ended, status=closed those closed or past their end date',
        querystring: Type.Object({
          status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('closed'), Type.Literal('all')])),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: { 200: Type.Object({ processes: Type.Array(ProcessSchema) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await platform.processes.listProcesses(request.ctx.user, request.query);
      if (!result.ok) return failure(request, reply, result);
      // The service hands out the same list while it is cached, so it is serialised once for all who read it.
      let body = serialized.get(result.value);
      if (body === undefined) {
        body = String(reply.serialize({ processes: result.value }));
        serialized.set(result.value, body);
      }
      // (a string is sent as it is; the type provider only knows the object form)
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );

  api.get(
    '/processes/:slug',
    {
      schema: {
        tags,
        summary: 'One process',
        params: Type.Object({ slug: Type.String({ maxLength: 200 }) }),
        response: { 200: ProcessSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await platform.processes.getProcess(request.ctx.user, request.params.slug);
      if (!result.ok) return failure(request, reply, result);
      return result.value;
    },
  );
};
