import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { accountContracts as c } from '@tingsted/platform/accounts';
import { reportContracts as r } from '@tingsted/platform/reports';
import type { ServerConfig } from '../config.ts';
import { contractInput, contractSchema } from './contract-route.ts';
import { clearSessionCookie, failure, requireUser } from './shared.ts';

/**
 * One's own account: profile, area and year of birth, e-mail frequency, confirming the address, data export,
 * the deletion preview and deletion. The same contracts and service calls as the account pages' forms.
 */
export const meRoutes: FastifyPluginAsyncTypebox<{ platform: Platform; config: ServerConfig }> = async (api, { platform, config }) => {
  const tags = ['My account'];
  const done = { ok: true as const };

  api.get('/me', { schema: contractSchema(c.getAccount, { tags, path: [], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const account = await platform.accounts.getAccount(user);
    if (!account.ok) return failure(request, reply, account);
    return { ...account.value, ...(await platform.accounts.getResidentProfile(user)) };
  });

  api.patch('/me', { schema: contractSchema(c.updateProfile, { tags, path: [], method: 'PATCH' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.accounts.updateProfile(user, contractInput(c.updateProfile, request));
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.put('/me/resident-profile', { schema: contractSchema(c.updateResidentProfile, { tags, path: [], method: 'PUT' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { area, birthYear } = contractInput(c.updateResidentProfile, request);
    const result = await platform.accounts.updateResidentProfile(user, { area, birthYear });
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.put('/me/notify-mode', { schema: contractSchema(c.setNotifyMode, { tags, path: [], method: 'PUT' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.accounts.setNotifyMode(user, contractInput(c.setNotifyMode, request).notifyMode);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.get(
    '/me/export',
    { schema: contractSchema(r.exportMyData, { tags, path: [], method: 'GET' }) },
    async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      const result = await platform.reports.exportPersonalData(user);
      if (!result.ok) return failure(request, reply, result);
      return reply
        .header('content-disposition', 'attachment; filename="tingsted-my-data.json"')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(result.value, null, 2) as never);
    },
  );

  api.post('/me/confirmation', { schema: contractSchema(c.resendConfirmation, { tags, path: [] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.accounts.resendConfirmation(user);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.get('/me/deletion-preview', { schema: contractSchema(r.deletionPreview, { tags, path: [], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.reports.deletionPreview(user);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  // The confirmation is in the body, as the account page's form sends it.
  api.delete('/me', { schema: contractSchema(c.deleteMyAccount, { tags, path: [] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.reports.deleteAccount(user, contractInput(c.deleteMyAccount, request).confirm);
    if (!result.ok) return failure(request, reply, result);
    clearSessionCookie(reply, config.production);
    return done;
  });
};
