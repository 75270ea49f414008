import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { panelContracts as c } from '@tingsted/platform/panels';
import { presentPool, presentSelection, presentStaffPanel } from '@tingsted/platform/panels';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/**
 * Running a citizens' panel (its administrators; sessions also facilitators): set-up, quotas and census,
 * sessions, the register and the invitation lottery, the letters, the pool (audited), the selection job and
 * the announced draw, and seats. The same contracts and service calls as the panel's staff page.
 */
export const panelManagementRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Panels'];
  const done = { ok: true as const };
  const p = platform.panels;

  api.post('/processes/:id/panel', { schema: contractSchema(c.createPanel, { tags, path: ['id'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.createPanel, request);
    const result = await p.createPanel(user, input.id, { title: input.title, locale: input.locale ?? request.ctx.locale });
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.get('/panels/:id/manage', { schema: contractSchema(c.managePanel, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.getPanelForStaff(user, contractInput(c.managePanel, request).id);
    if (!result.ok) return failure(request, reply, result);
    return presentStaffPanel(result.value, user);
  });

  api.put('/panels/:id/setup', { schema: contractSchema(c.updatePanelSetup, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, ...input } = contractInput(c.updatePanelSetup, request);
    const result = await p.updateSetup(user, id, { ...input, endsOn: input.endsOn ?? '', householdRule: input.householdRule === true });
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.put('/panels/:id/quotas', { schema: contractSchema(c.setPanelQuotas, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.setPanelQuotas, request);
    const result = await p.setQuotas(user, input.id, input.quotas);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.put('/panels/:id/census', { schema: contractSchema(c.importPanelCensus, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.importPanelCensus, request);
    const result = await p.importCensus(user, input.id, input.census);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.post('/panels/:id/sessions', { schema: contractSchema(c.addPanelSession, { tags, path: ['id'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, sessionTitle, ...input } = contractInput(c.addPanelSession, request);
    const result = await p.addSession(user, id, { ...input, title: sessionTitle, place: input.place ?? '', streamUrl: input.streamUrl ?? '', programme: input.programme ?? '' });
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.delete('/panels/:id/sessions/:sessionId', { schema: contractSchema(c.removePanelSession, { tags, path: ['id', 'sessionId'], method: 'DELETE' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.removePanelSession, request);
    const result = await p.removeSession(user, input.id, input.sessionId);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  // The register may come as JSON (`{"register": "…"}`) or as the CSV itself (text/csv or text/plain).
  await api.register(async (csv) => {
    csv.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, parsed) => parsed(null, { register: body }));
    csv.put('/panels/:id/register', { schema: contractSchema(c.importPanelRegister, { tags, path: ['id'] }) }, async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      const input = contractInput(c.importPanelRegister, request);
      const result = await p.importRegister(user, input.id, input.register);
      if (!result.ok) return failure(request, reply, result);
      return result.value;
    });
  });

  api.post('/panels/:id/invitations', { schema: contractSchema(c.drawPanelInvitations, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, ...input } = contractInput(c.drawPanelInvitations, request);
    const result = await p.drawInvitations(user, id, { count: input.count, seed: input.seed ?? '', stratify: input.stratify === true });
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.get('/panels/:id/letters.pdf', { schema: contractSchema(c.panelLetters, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.panelLetters, request);
    const result = await p.invitationLetters(user, input.id, input.lang ?? request.ctx.locale);
    if (!result.ok) return failure(request, reply, result);
    return reply.header('content-disposition', 'attachment; filename="invitations.pdf"').header('cache-control', 'no-store').type('application/pdf').send(Buffer.from(result.value.pdf) as never);
  });

  api.get('/panels/:id/pool', { schema: contractSchema(c.panelPool, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.listPool(user, contractInput(c.panelPool, request).id);
    if (!result.ok) return failure(request, reply, result);
    return reply.header('cache-control', 'no-store').send(presentPool(result.value));
  });

  api.get('/panels/:id/pool.csv', { schema: contractSchema(c.exportPanelPool, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.exportPool(user, contractInput(c.exportPanelPool, request).id);
    if (!result.ok) return failure(request, reply, result);
    return reply.header('content-disposition', 'attachment; filename="pool.csv"').header('cache-control', 'no-store').type('text/csv; charset=utf-8').send(result.value);
  });

  api.post('/panels/:id/selection', { schema: contractSchema(c.startPanelSelection, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.startSelection(user, contractInput(c.startPanelSelection, request).id);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.get('/panels/:id/selection', { schema: contractSchema(c.panelSelection, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.getPanelForStaff(user, contractInput(c.panelSelection, request).id);
    if (!result.ok) return failure(request, reply, result);
    const panel = result.value.panel;
    return { stage: result.value.stage, selection: presentSelection(panel.selection), lotteryHash: panel.lottery_hash, hashPublished: panel.hash_published_at !== null };
  });

  api.post('/panels/:id/selection/relax', { schema: contractSchema(c.relaxPanelQuotas, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.applyRelaxation(user, contractInput(c.relaxPanelQuotas, request).id);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  // The announced draw: announce (hashes, the seed's source and time), then draw with the source's value.
  api.post('/panels/:id/draw/announcement', { schema: contractSchema(c.announcePanelDraw, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, ...input } = contractInput(c.announcePanelDraw, request);
    const result = await p.announceDraw(user, id, { ...input, diceRoll: input.diceRoll ?? '' });
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.post('/panels/:id/draw', { schema: contractSchema(c.drawPanel, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.drawPanel, request);
    const result = await p.drawPanel(user, input.id, input.seedValue);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  // The body (`accountEmail`) is optional: a POST without one confirms and returns a seat link.
  const emptyBody = async (request: { body: unknown }) => {
    request.body ??= {};
  };
  api.post('/panels/:id/members/:number/confirm', { schema: contractSchema(c.confirmPanelSeatByStaff, { tags, path: ['id', 'number'] }), preValidation: emptyBody }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.confirmPanelSeatByStaff, request);
    const result = await p.confirmByStaff(user, input.id, input.number, input.accountEmail ?? '');
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.post('/panels/:id/members/:number/replace', { schema: contractSchema(c.replacePanelMember, { tags, path: ['id', 'number'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.replacePanelMember, request);
    const result = await p.replaceMember(user, input.id, { number: input.number, reason: input.reason ?? '' });
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });
};
