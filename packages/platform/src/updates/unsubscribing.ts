import { hashSecret } from '../accounts/index.ts';
import type { Locale } from '../i18n/locales.ts';
import { resolveText } from '../shared/localized.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { UpdatesContext } from './updates.context.ts';

/**
 * The link in every update's e-mail: it names the person and the process (a random token, stored only as its
 * hash), works without signing in, and after one confirmation stops that process's updates for that person,
 * by e-mail and in the notification list. Account and security e-mail are not affected.
 */
export function unsubscribingUseCases(ctx: UpdatesContext) {
  const { deps, repo } = ctx;

  async function found(token: string, locale: Locale) {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const delivery = await repo.deliveryByHash(hashSecret(token));
    const process = delivery ? await deps.processes.getProcessById(delivery.process_id) : null;
    if (!delivery || !process) return null;
    const municipality = await deps.municipality();
    return { delivery, processTitle: resolveText(process.title, locale, municipality.defaultLocale).text, processSlug: process.slug };
  }

  return {
    async unsubscribeInfo(input: { token: string }, locale: Locale): Promise<Result<{ processTitle: string; processSlug: string; unsubscribed: boolean }>> {
      const link = await found(input.token, locale);
      if (!link) return fail('TokenInvalid');
      return ok({ processTitle: link.processTitle, processSlug: link.processSlug, unsubscribed: link.delivery.unsubscribed });
    },

    async unsubscribe(input: { token: string }, locale: Locale): Promise<Result<{ processTitle: string; processSlug: string; unsubscribed: true }>> {
      const link = await found(input.token, locale);
      if (!link) return fail('TokenInvalid');
      if (!link.delivery.unsubscribed) {
        await repo.unsubscribe(link.delivery.process_id, link.delivery.user_id, deps.clock());
        await ctx.audit(link.delivery.user_id, 'unsubscribe', link.delivery.process_id, {}, 'process');
      }
      return ok({ processTitle: link.processTitle, processSlug: link.processSlug, unsubscribed: true });
    },
  };
}
