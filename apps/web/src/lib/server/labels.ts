import { isMessageKey } from '$lib/i18n/translate.server';
import { resolveText } from '@tingsted/platform/shared';

/** Every status's label in the reader's language: built-in ones from the catalog, a municipality's own from its labels. */
export async function statusLabels(locals: App.Locals): Promise<Record<string, string>> {
  const statuses = await locals.platform.feedback.statuses();
  const labels: Record<string, string> = {};
  for (const status of statuses) {
    const key = `status.${status.key}`;
    labels[status.key] = status.builtIn && isMessageKey(key) ? locals.t(key) : resolveText(status.label, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text || status.key;
  }
  return labels;
}

/** A role's name in the reader's language. */
export function roleLabel(locals: App.Locals, role: string): string {
  const key = `role.${role}`;
  return isMessageKey(key) ? locals.t(key) : role;
}
