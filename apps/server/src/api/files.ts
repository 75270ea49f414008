import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { attachRequestBytes, fileContracts as c, maxUploadBytes, uploadOf } from '@tingsted/platform/files';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

const upload =
  'The file goes in the JSON body, not as multipart: `file` with `filename`, `contentType` and `data` (the bytes in base64), ' +
  `at most ${maxUploadBytes / 1024 / 1024} MB (the request up to ${attachRequestBytes / 1024 / 1024} MiB). Type, size and alt text are checked before anything is stored.`;

/** Documents and images attached to phases: the same contract and service call as the management page's upload form. */
export const fileRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Processes'];

  const schema = contractSchema(c.attachFile, { tags, path: ['phaseId'], status: 201 });
  api.post('/phases/:phaseId/files', { bodyLimit: attachRequestBytes, schema: { ...schema, description: upload } }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.attachFile, request);
    const result = await platform.files.attach(user, {
      ownerType: 'phase',
      ownerId: input.phaseId,
      ...uploadOf(input.file),
      altText: input.altText ?? '',
      locale: input.locale ?? request.ctx.locale,
    });
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });
};
