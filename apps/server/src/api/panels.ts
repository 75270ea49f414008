import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { errorResponses, failure } from './shared.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const PublicPanelSchema = Type.Object({
  panel: Type.Object({ id: Type.String(), title: Type.String(), size: Type.Integer(), householdRule: Type.Boolean(), approvalPercent: Type.Integer(), stage: Type.String() }),
  process: Type.Object({ slug: Type.String() }),
  method: Type.Object({
    invitationSeed: Nullable(Type.String()),
    invited: Type.Integer(),
    stratified: Type.Boolean(),
    registered: Nullable(Type.Integer()),
    hash: Nullable(Type.String({ description: 'SHA-256 of the published list of panels (once published)' })),
    m: Nullable(Type.Integer({ description: 'Panels in the list' })),
    minProbability: Nullable(Type.Number()),
    maxProbability: Nullable(Type.Number()),
    publicSeed: Nullable(Type.String()),
    drawnIndex: Nullable(Type.Integer()),
    replacements: Type.Integer(),
  }),
  composition: Type.Array(Type.Object({ name: Type.String(), values: Type.Array(Type.Object({ value: Type.String(), panel: Type.Integer(), populationShare: Nullable(Type.Number()) })) })),
  names: Type.Array(Type.String(), { description: 'Only members who chose to be named' }),
  memberCount: Type.Integer(),
  recommendations: Type.Array(
    Type.Object({
      number: Type.Integer(),
      title: Type.String(),
      body: Type.String(),
      status: Type.String(),
      yes: Type.Integer(),
      no: Type.Integer(),
      abstain: Type.Integer(),
      answer: Nullable(Type.Object({ decision: Type.String(), reasons: Type.String(), decidedOn: Type.String(), progress: Nullable(Type.Integer()), progressNote: Type.String() })),
    }),
  ),
});

/** Citizens' panels: the public record (method, composition, recommendations, answers) and the lottery list. */
export const panelRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Panels'];

  api.get(
    '/panels/:id',
    {
      schema: {
        tags,
        summary: 'A citizens’ panel as its public page shows it',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: PublicPanelSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await platform.panels.publicPanel(request.ctx.user, request.params.id);
      if (!result.ok) return failure(request, reply, result);
      return result.value;
    },
  );

  api.get(
    '/panels/:id/lottery',
    {
      schema: {
        tags,
        summary: 'The published list of equally likely panels (respondent numbers) and its SHA-256, to verify the draw',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Object({ hash: Type.String(), text: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await platform.panels.lotteryList(request.params.id);
      if (!result.ok) return failure(request, reply, result);
      return result.value;
    },
  );
};
