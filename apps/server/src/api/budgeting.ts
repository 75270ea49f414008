import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { budgetingContracts as c } from '@tingsted/platform/budgeting';
import { attachRequestBytes, maxUploadBytes } from '@tingsted/platform/files';
import { contractInput, contractSchema } from './contract-route.ts';
import { budgetingBallotRoutes } from './budgeting-ballots.ts';
import { failure, requireUser } from './shared.ts';

/**
 * Participatory budgeting (issue 16), the phase and its projects: the ballot design, the budgets, projects and
 * their feasibility review, and delivery updates. The same contracts and service calls as the budgeting pages'
 * form actions; who may do what is the budgeting policy's (process managers, and administrators, who hold
 * every role). Ballots, batches, imports, results and the export are in budgeting-ballots.ts.
 */
export const budgetingRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Budgeting'];
  const b = platform.budgeting;

  // Public: what anyone sees of a published process's phase; staff see every project with its review.
  api.get('/phases/:phaseId/budgeting', { schema: contractSchema(c.budgetingOf, { tags, path: ['phaseId'], method: 'GET' }) }, async (request, reply) => {
    const result = await b.budgetingOf(request.ctx.user, contractInput(c.budgetingOf, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.put('/phases/:phaseId/budgeting/design', { schema: contractSchema(c.designBallot, { tags, path: ['phaseId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await b.designBallot(user, contractInput(c.designBallot, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.post('/phases/:phaseId/budgeting/budgets', { schema: contractSchema(c.addBudget, { tags, path: ['phaseId'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.addBudget, request);
    const result = await b.addBudget(user, { ...input, locale: input.locale ?? request.ctx.locale });
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.put('/budgeting/budgets/:budgetId', { schema: contractSchema(c.updateBudget, { tags, path: ['budgetId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.updateBudget, request);
    const result = await b.updateBudget(user, { ...input, locale: input.locale ?? request.ctx.locale });
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.delete('/budgeting/budgets/:budgetId', { schema: contractSchema(c.removeBudget, { tags, path: ['budgetId'], method: 'DELETE' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await b.removeBudget(user, contractInput(c.removeBudget, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.post('/phases/:phaseId/budgeting/projects', { schema: contractSchema(c.createProject, { tags, path: ['phaseId'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.createProject, request);
    const result = await b.createProject(user, { ...input, locale: input.locale ?? request.ctx.locale });
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  // Public for a published process: the project, its review, its ideas, its delivery and (once out) its result.
  api.get('/budgeting/projects/:projectId', { schema: contractSchema(c.getProject, { tags, path: ['projectId'], method: 'GET' }) }, async (request, reply) => {
    const result = await b.getProject(request.ctx.user, contractInput(c.getProject, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.put('/budgeting/projects/:projectId', { schema: contractSchema(c.updateProject, { tags, path: ['projectId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.updateProject, request);
    const result = await b.updateProject(user, { ...input, locale: input.locale ?? request.ctx.locale });
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.delete('/budgeting/projects/:projectId', { schema: contractSchema(c.removeProject, { tags, path: ['projectId'], method: 'DELETE' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await b.removeProject(user, contractInput(c.removeProject, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.put('/budgeting/projects/:projectId/review', { schema: contractSchema(c.reviewProject, { tags, path: ['projectId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.reviewProject, request);
    const result = await b.reviewProject(user, { ...input, locale: input.locale ?? request.ctx.locale });
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  // The image travels in the JSON body as base64, as for a phase's files (apps/server/src/api/files.ts).
  const imageSchema = contractSchema(c.addProjectImage, { tags, path: ['projectId'], status: 201 });
  const imageUpload =
    'The image goes in the JSON body, not as multipart: `file` with `filename`, `contentType` (PNG, JPEG or WebP) and `data` (the bytes in base64), ' +
    `at most ${maxUploadBytes / 1024 / 1024} MB (the request up to ${attachRequestBytes / 1024 / 1024} MiB), and \`altText\`. Type (by content), size and alt text are checked before anything is stored.`;
  api.post('/budgeting/projects/:projectId/images', { bodyLimit: attachRequestBytes, schema: { ...imageSchema, description: imageUpload } }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.addProjectImage, request);
    const result = await b.addProjectImage(user, { ...input, locale: input.locale ?? request.ctx.locale });
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.delete('/budgeting/projects/:projectId/images/:fileId', { schema: contractSchema(c.removeProjectImage, { tags, path: ['projectId', 'fileId'], method: 'DELETE' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await b.removeProjectImage(user, contractInput(c.removeProjectImage, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.put('/budgeting/projects/:projectId/images/order', { schema: contractSchema(c.arrangeProjectImages, { tags, path: ['projectId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await b.arrangeProjectImages(user, contractInput(c.arrangeProjectImages, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.put('/budgeting/projects/:projectId/images/:fileId/alt', { schema: contractSchema(c.describeProjectImage, { tags, path: ['projectId', 'fileId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.describeProjectImage, request);
    const result = await b.describeProjectImage(user, { ...input, locale: input.locale ?? request.ctx.locale });
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.put('/phases/:phaseId/budgeting/dates', { schema: contractSchema(c.moveVotingDates, { tags, path: ['phaseId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await b.moveVotingDates(user, contractInput(c.moveVotingDates, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  // The signed-in person's own ballots in every budgeting phase (their account page shows the same).
  api.get('/me/ballots', { schema: contractSchema(c.myBallots, { tags: [...tags, 'My account'], path: [], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await b.myBallots(user, {});
    if (!result.ok) return failure(request, reply, result);
    return reply.header('cache-control', 'no-store').send(result.value);
  });

  api.post('/budgeting/projects/:projectId/updates', { schema: contractSchema(c.addProjectUpdate, { tags, path: ['projectId'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await b.addProjectUpdate(user, contractInput(c.addProjectUpdate, request));
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  await api.register(budgetingBallotRoutes, { platform });
};
