import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { stakeholderFactRoutes } from './stakeholder-facts.ts';
import { stakeholderPanelRoutes } from './stakeholder-panels.ts';
import { stakeholderRecommendationRoutes } from './stakeholder-recommendations.ts';
import { errorResponses, failure } from './shared.ts';

const Document = Type.Object(
  {
    url: Type.String({ description: 'Where the document is served (relative to the site), e.g. /files/{id}' }),
    filename: Type.String(),
    contentType: Type.String({ description: 'application/pdf, application/vnd.oasis.opendocument.text or application/vnd.openxmlformats-officedocument.wordprocessingml.document' }),
    sizeBytes: Type.Integer(),
  },
  { description: 'The uploaded document itself' },
);
const Source = Type.Object({
  kind: Type.Union([Type.Literal('link'), Type.Literal('document')]),
  title: Type.String(),
  url: Type.Union([Type.String(), Type.Null()], { description: 'A web address: the link, or where a document is online' }),
  document: Type.Union([Document, Type.Null()], { description: 'For a document source whose file the stakeholder uploaded' }),
});

/**
 * The public record of a process's stakeholder panel: the chain from facts to decision, as JSON; and (registered
 * here) the routes that run a panel and its facts.
 */
export const stakeholderRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  await api.register(stakeholderPanelRoutes, { platform });
  await api.register(stakeholderFactRoutes, { platform });
  await api.register(stakeholderRecommendationRoutes, { platform });
  api.get(
    '/processes/:slug/stakeholders',
    {
      schema: {
        tags: ['Stakeholders'],
        summary: 'Introductions, timeline, fact sheet, meetings, recommendations and decisions of the panel',
        params: Type.Object({ slug: Type.String({ maxLength: 200 }) }),
        response: {
          200: Type.Object({
            panelId: Type.String({ description: 'The panel, for the routes that run it (/stakeholders/panels/{panelId}/…)' }),
            introductions: Type.Array(Type.Object({ name: Type.String(), role: Type.String(), speaksFor: Type.String(), introduction: Type.String() })),
            timeline: Type.Array(Type.Object({ title: Type.String(), date: Type.String({ format: 'date' }), description: Type.String() })),
            facts: Type.Array(Type.Object({ number: Type.Integer(), title: Type.String(), body: Type.String(), sources: Type.Array(Source), disputes: Type.Union([Type.Integer(), Type.Null()]), disputedBy: Type.Array(Type.Integer()) })),
            meetings: Type.Array(
              Type.Object({
                id: Type.String({ description: 'The meeting, for its live page (/stakeholders/meetings/{id})' }),
                title: Type.String(),
                startsAt: Type.String({ format: 'date-time' }),
                streamUrl: Type.Union([Type.String(), Type.Null()]),
                place: Type.Union([Type.String(), Type.Null()]),
                agenda: Type.Array(Type.String(), { description: 'The items in order' }),
                minutes: Type.String(),
              }),
            ),
            recommendations: Type.Array(
              Type.Object({
                id: Type.String({ description: 'The recommendation, for /stakeholders/recommendations/{id}' }),
                number: Type.Integer(),
                title: Type.String(),
                version: Type.Integer(),
                state: Type.Union([Type.Literal('draft'), Type.Literal('sent'), Type.Literal('answered')], { description: 'Drafted together, sent by the panel to the decision-maker, or answered' }),
                body: Type.String(),
                statements: Type.Array(Type.Integer()),
                facts: Type.Array(Type.Integer()),
                decision: Type.Union([Type.Literal('accepted'), Type.Literal('partly'), Type.Literal('rejected'), Type.Null()]),
                reason: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const process = await platform.processes.getProcess(request.ctx.user, request.params.slug);
      if (!process.ok) return failure(request, reply, process);
      const panel = (await platform.stakeholders.panelsOfProcess(process.value.id))[0];
      if (!panel) return failure(request, reply, { ok: false, code: 'NotFound' });
      const s = platform.stakeholders;
      const [people, steps, facts, meetings, recommendations] = await Promise.all([s.introductions(panel.id), s.steps(panel.id), s.factSheet(panel.id), s.meetings(panel.id), s.recommendations(panel.id)]);
      const factNumber = new Map(facts.map((f) => [f.id, f.number]));
      return {
        panelId: panel.id,
        introductions: people.map((p) => ({ name: p.name, role: p.role, speaksFor: p.speaksFor, introduction: p.introduction })),
        timeline: steps.map((st) => ({ title: st.title, date: st.happens_on, description: st.description })),
        facts: facts.map((f) => ({
          number: f.number,
          title: f.title,
          body: f.body,
          sources: f.sources.map((src) => ({
            kind: src.kind,
            title: src.title,
            url: src.url,
            document: src.document ? { url: `/files/${src.document.id}`, filename: src.document.filename, contentType: src.document.contentType, sizeBytes: src.document.sizeBytes } : null,
          })),
          disputes: f.disputes,
          disputedBy: f.disputedBy,
        })),
        meetings: meetings.map((m) => ({ id: m.id, title: m.title, startsAt: m.starts_at.toISOString(), streamUrl: m.stream_url, place: m.place, agenda: m.agenda === '' ? [] : m.agenda.split('\n'), minutes: m.minutes })),
        recommendations: recommendations.map((r) => ({
          id: r.id,
          number: r.number,
          title: r.title,
          version: r.version,
          state: r.state,
          body: r.body,
          statements: r.statements.map((st) => st.number),
          facts: r.facts.map((id) => factNumber.get(id)).filter((n): n is number => n !== undefined),
          decision: r.decision,
          reason: r.decisionReason,
        })),
      };
    },
  );
};
