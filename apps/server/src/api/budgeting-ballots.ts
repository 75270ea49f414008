import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Platform } from '@tingsted/platform';
import { budgetingContracts as c, withMoneyShown } from '@tingsted/platform/budgeting';
import type { Contract } from '@tingsted/platform/edge';
import { contractInput, contractSchema, type ContractRouteSchema } from './contract-route.ts';
import { ErrorSchema, errorResponses, failure, requireUser } from './shared.ts';

/** A Pabulib file or a ballot spreadsheet may be large: Łódź 2022 is 3.7 MB; the contracts allow far more. */
const pabulibBodyLimit = 100 * 1024 * 1024;
const csvBodyLimit = 50 * 1024 * 1024;

/** A route schema that also documents 422, the answer to a ballot that breaks the ballot design's rules. */
function withInvalid<C extends Contract, S extends 200 | 201>(schema: ContractRouteSchema<C, S>) {
  return { ...schema, response: { ...schema.response, 422: ErrorSchema } };
}

/**
 * Participatory budgeting (issue 16), the ballots: casting and changing one's ballot, paper batches and their
 * second-person confirmation, spreadsheet and Pabulib imports, results (live for staff, public once published),
 * publishing, and the anonymised export. Registered by budgeting.ts.
 */
export const budgetingBallotRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Budgeting'];
  const b = platform.budgeting;
  /** The phase's currency, for writing the amounts of a refused ballot in the reader's language. */
  const currencyOf = async (user: Parameters<typeof b.budgetingOf>[0], phaseId: string) => {
    const found = await b.budgetingOf(user, { phaseId });
    return found.ok ? found.value.design.currency : 'NOK';
  };

  api.put('/phases/:phaseId/budgeting/ballot', { schema: withInvalid(contractSchema(c.castBallot, { tags, path: ['phaseId'] })) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.castBallot, request);
    const result = await b.castBallot(user, input);
    if (!result.ok) return failure(request, reply, withMoneyShown(result, await currencyOf(user, input.phaseId), request.ctx.locale));
    return result.value;
  });

  api.get('/phases/:phaseId/budgeting/ballot', { schema: contractSchema(c.myBallot, { tags, path: ['phaseId'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await b.myBallot(user, contractInput(c.myBallot, request));
    if (!result.ok) return failure(request, reply, result);
    return reply.header('cache-control', 'no-store').send(result.value);
  });

  api.post('/phases/:phaseId/budgeting/paper-batches', { schema: contractSchema(c.enterPaperBatch, { tags, path: ['phaseId'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.enterPaperBatch, request);
    const result = await b.enterPaperBatch(user, input);
    if (!result.ok) return failure(request, reply, withMoneyShown(result, await currencyOf(user, input.phaseId), request.ctx.locale));
    return reply.code(201).send(result.value);
  });

  // The spreadsheet may come as JSON (`{ "budgetId", "label", "csv" }`) or as the CSV itself (text/csv or
  // text/plain) with the budget and the batch's label in the query string.
  await api.register(async (csv) => {
    csv.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: csvBodyLimit }, (request, body, parsed) =>
      parsed(null, { ...(request.query as Record<string, unknown>), csv: body }),
    );
    const schema = contractSchema(c.importBallots, { tags, path: ['phaseId'], status: 201 });
    const query = Type.Object({
      budgetId: Type.Optional(c.importBallots.input.properties.budgetId),
      label: Type.Optional(c.importBallots.input.properties.label),
    });
    csv.post('/phases/:phaseId/budgeting/ballots/csv', { schema: { ...schema, querystring: query }, bodyLimit: csvBodyLimit }, async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      const result = await b.importBallots(user, contractInput(c.importBallots, request));
      if (!result.ok) return failure(request, reply, result);
      return reply.code(201).send(result.value);
    });
  });

  // The Pabulib file may come as the file itself (text/plain) or as JSON (`{ "file": "…" }`).
  await api.register(async (pb) => {
    pb.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit: pabulibBodyLimit }, (_request, body, parsed) => parsed(null, { file: body }));
    pb.post('/phases/:phaseId/budgeting/pabulib', { schema: contractSchema(c.importPabulib, { tags, path: ['phaseId'] }), bodyLimit: pabulibBodyLimit }, async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      const result = await b.importPabulib(user, contractInput(c.importPabulib, request));
      if (!result.ok) return failure(request, reply, result);
      return result.value;
    });
  });

  api.get('/phases/:phaseId/budgeting/batches', { schema: contractSchema(c.listBatches, { tags, path: ['phaseId'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await b.listBatches(user, contractInput(c.listBatches, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.post('/budgeting/batches/:batchId/confirm', { schema: contractSchema(c.confirmBatch, { tags, path: ['batchId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await b.confirmBatch(user, contractInput(c.confirmBatch, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  // Staff see live results at any time (any rule, to compare); everyone sees the published result.
  api.get('/phases/:phaseId/budgeting/results', { schema: contractSchema(c.budgetingResults, { tags, path: ['phaseId'], method: 'GET' }) }, async (request, reply) => {
    const result = await b.budgetingResults(request.ctx.user, contractInput(c.budgetingResults, request));
    if (!result.ok) return failure(request, reply, result);
    return reply.header('cache-control', 'no-store').send(result.value);
  });

  api.post('/phases/:phaseId/budgeting/results/publish', { schema: contractSchema(c.publishResults, { tags, path: ['phaseId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await b.publishResults(user, contractInput(c.publishResults, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  // The download itself is not JSON: the 200 answer is the .pb or .csv file, sent as an attachment.
  api.get(
    '/phases/:phaseId/budgeting/export',
    { schema: { ...contractSchema(c.exportBudgeting, { tags, path: ['phaseId'], method: 'GET' }), response: errorResponses } },
    async (request, reply) => {
      const result = await b.exportBudgeting(request.ctx.user, contractInput(c.exportBudgeting, request));
      if (!result.ok) return failure(request, reply, result);
      const { filename, contentType, body } = result.value;
      return reply
        .header('content-disposition', `attachment; filename="${encodeURIComponent(filename)}"`)
        .header('cache-control', 'no-store')
        .type(contentType)
        .send(body as never);
    },
  );
};
