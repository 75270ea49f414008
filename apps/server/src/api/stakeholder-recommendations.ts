import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { uploadOf } from '@tingsted/platform/files';
import { factRequestBytes, stakeholderContracts as c, type PresentedRecommendation } from '@tingsted/platform/stakeholders';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** A recommendation as JSON: its times as ISO text. */
function recommendationJson(rec: PresentedRecommendation) {
  const comment = <T extends { createdAt: Date }>(c: T) => ({ ...c, createdAt: c.createdAt.toISOString() });
  return {
    ...rec,
    sentAt: iso(rec.sentAt),
    decidedAt: iso(rec.decidedAt),
    support: { ...rec.support, supporters: rec.support.supporters.map((s) => ({ name: s.name, role: s.role })) },
    comments: rec.comments.map((top) => ({ ...comment(top), replies: top.replies.map(comment) })),
  };
}

/**
 * Recommendations drafted together (versions, comments, the panel's support, sending, the answer) and a
 * meeting's live page (agenda, the item on now, minutes, server-sent events): the same contracts and service
 * calls as the pages.
 */
export const stakeholderRecommendationRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Stakeholders'];
  const done = { ok: true as const };
  const s = platform.stakeholders;
  const rec = '/stakeholders/recommendations/:recommendationId';

  api.get(rec, { schema: contractSchema(c.recommendation, { tags, path: ['recommendationId'], method: 'GET' }) }, async (request, reply) => {
    const result = await s.viewRecommendation(request.ctx.user, contractInput(c.recommendation, request).recommendationId);
    if (!result.ok) return failure(request, reply, result);
    return recommendationJson(result.value);
  });

  api.put(rec, { schema: contractSchema(c.editRecommendation, { tags, path: ['recommendationId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { recommendationId, ...input } = contractInput(c.editRecommendation, request);
    const result = await s.editRecommendation(user, recommendationId, input);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.get(`${rec}/versions`, { schema: contractSchema(c.recommendationVersions, { tags, path: ['recommendationId'], method: 'GET' }) }, async (request, reply) => {
    const result = await s.recommendationVersions(request.ctx.user, contractInput(c.recommendationVersions, request).recommendationId);
    if (!result.ok) return failure(request, reply, result);
    return result.value.map((v) => ({ ...v, savedAt: v.savedAt.toISOString() }));
  });

  api.get(`${rec}/diff`, { schema: contractSchema(c.compareVersions, { tags, path: ['recommendationId'], method: 'GET' }) }, async (request, reply) => {
    const { recommendationId, ...input } = contractInput(c.compareVersions, request);
    const result = await s.compareVersions(request.ctx.user, recommendationId, input);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.post(`${rec}/comments`, { schema: contractSchema(c.commentOnRecommendation, { tags, path: ['recommendationId'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { recommendationId, ...input } = contractInput(c.commentOnRecommendation, request);
    const result = await s.commentOnRecommendation(user, recommendationId, input);
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.post('/stakeholders/recommendation-comments/:commentId/hide', { schema: contractSchema(c.hideRecommendationComment, { tags, path: ['commentId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { commentId, ...input } = contractInput(c.hideRecommendationComment, request);
    const result = await s.hideRecommendationComment(user, commentId, input);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.put(`${rec}/support`, { schema: contractSchema(c.supportRecommendation, { tags, path: ['recommendationId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await s.supportRecommendation(user, contractInput(c.supportRecommendation, request).recommendationId);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.delete(`${rec}/support`, { schema: contractSchema(c.withdrawSupport, { tags, path: ['recommendationId'], method: 'DELETE' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await s.withdrawSupport(user, contractInput(c.withdrawSupport, request).recommendationId);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.post(`${rec}/send`, { schema: contractSchema(c.sendRecommendation, { tags, path: ['recommendationId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await s.sendRecommendation(user, contractInput(c.sendRecommendation, request).recommendationId);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.put('/stakeholders/panels/:panelId/support-threshold', { schema: contractSchema(c.setSupportThreshold, { tags, path: ['panelId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { panelId, ...input } = contractInput(c.setSupportThreshold, request);
    const result = await s.setSupportThreshold(user, panelId, input);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  const meeting = '/stakeholders/meetings/:meetingId';
  api.get(meeting, { schema: contractSchema(c.meeting, { tags, path: ['meetingId'], method: 'GET' }) }, async (request, reply) => {
    const result = await s.viewMeeting(request.ctx.user, contractInput(c.meeting, request).meetingId);
    if (!result.ok) return failure(request, reply, result);
    return { ...result.value, startsAt: result.value.startsAt.toISOString(), minutesPublishedAt: iso(result.value.minutesPublishedAt) };
  });

  api.get(`${meeting}/calendar.ics`, { schema: contractSchema(c.meetingCalendar, { tags, path: ['meetingId'], method: 'GET' }) }, async (request, reply) => {
    const result = await s.meetingCalendar(request.ctx.user, contractInput(c.meetingCalendar, request).meetingId);
    if (!result.ok) return failure(request, reply, result);
    // Private: a meeting of a panel whose process is not public is seen only by those who may.
    return reply.header('content-disposition', 'attachment; filename="meeting.ics"').header('cache-control', 'private, no-store').type('text/calendar; charset=utf-8').send(result.value);
  });

  api.put(`${meeting}/agenda`, { schema: contractSchema(c.setAgenda, { tags, path: ['meetingId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { meetingId, items } = contractInput(c.setAgenda, request);
    const result = await s.setAgenda(user, meetingId, { items });
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.put(`${meeting}/now-on`, { schema: contractSchema(c.setNowOn, { tags, path: ['meetingId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { meetingId, position } = contractInput(c.setNowOn, request);
    const result = await s.setNowOn(user, meetingId, { position });
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.put(`${meeting}/minutes`, { bodyLimit: factRequestBytes, schema: contractSchema(c.recordMinutes, { tags, path: ['meetingId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.recordMinutes, request);
    const result = await s.recordMinutes(user, input.meetingId, input.minutes, (input.documents ?? []).map(uploadOf), input.locale ?? request.ctx.locale);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.get(
    `${meeting}/events`,
    { schema: { tags, summary: 'Server-sent events: `meeting` whenever the agenda or the item on now changes; re-read the meeting then', params: c.meeting.input } },
    async (request, reply) => {
      const found = await s.viewMeeting(request.ctx.user, request.params.meetingId);
      if (!found.ok) return failure(request, reply, found);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(`retry: 3000\nevent: meeting\ndata: ${JSON.stringify({ nowOn: found.value.nowOn })}\n\n`);
      const stop = await platform.meetingFeed.subscribe(request.params.meetingId, () => {
        res.write(`event: meeting\ndata: {}\n\n`);
      });
      // A comment now and then keeps proxies from closing an idle stream.
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        stop();
      });
    },
  );
};
