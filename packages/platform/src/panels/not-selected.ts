import type { Actor } from '../accounts/accounts.policy.ts';
import { isLocale, type Locale } from '../i18n/locales.ts';
import type { MessageKey } from '../i18n/translate.ts';
import { ok, type Result } from '../shared/result.ts';
import type { PanelsContext, PanelRow } from './panels.context.ts';
import { notSelectedLettersPdf } from './panels.pdf.ts';
import { panelsPolicy } from './panels.policy.ts';

/**
 * "Not selected this time" (issue 18, part 3): after the draw everyone in the pool who was not selected is
 * thanked and told what happens next, by e-mail at the draw (in the language they registered in) and by a
 * letter staff print. They stay on the reserve list, from which replacements are drawn if a member drops out,
 * unless someone in their household sits on the panel (the household rule then keeps them off it).
 */
/** Those not selected, each with whether they are on the reserve list. */
async function notSelectedOf({ repo }: PanelsContext, panel: PanelRow) {
  const rows = await repo.notSelected(panel.id);
  const taken = new Set<string>();
  if (panel.household_rule) {
    for (const r of await repo.respondents(panel.id)) if ((r.status === 'selected' || r.status === 'confirmed') && r.household) taken.add(r.household);
  }
  return rows.map((r) => ({ ...r, onReserve: !(r.household && taken.has(r.household)) }));
}

/** The deletion date as the municipality writes it, when one is set. */
function deleteOnText(panel: PanelRow, locale: Locale): string | undefined {
  if (!panel.delete_pool_on) return undefined;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${panel.delete_pool_on}T12:00:00Z`));
}

/**
 * E-mails everyone not selected in a panel just drawn (the draw calls it, once): thanks, the outcome, the
 * reserve list or why not on it, when their details are deleted and where to follow the panel, in the
 * language they registered in (the municipality's otherwise). Returns how many were sent.
 */
export async function mailNotSelected(ctx: PanelsContext, panel: PanelRow): Promise<number> {
  const municipality = await ctx.deps.municipality();
  let sent = 0;
  for (const person of await notSelectedOf(ctx, panel)) {
    if (!person.email) continue;
    const locale = isLocale(person.locale) ? person.locale : municipality.defaultLocale;
    const deleteOn = deleteOnText(panel, locale);
    const paragraphs: MessageKey[] = ['panels.notSelected.body', person.onReserve ? 'panels.notSelected.reserve' : 'panels.notSelected.noReserve'];
    if (deleteOn) paragraphs.push('panels.notSelected.deleteOn');
    paragraphs.push('panels.notSelected.follow');
    await ctx.send(person.email, locale, 'panels.notSelected.subject', paragraphs, { title: panel.title, ...(deleteOn ? { date: deleteOn } : {}) }, `/panels/${panel.id}`);
    sent++;
  }
  return sent;
}

/** The printable "not selected this time" letters. */
export function notSelectedUseCases(ctx: PanelsContext) {
  const { deps, allowed, invalid, audit } = ctx;
  return {
    /**
     * The "not selected this time" letters as one PDF in `locale`, for everyone not selected whose invitation
     * address is still kept. Only after the draw; audited (personal data).
     */
    async notSelectedLetters(actor: Actor | null, panelId: string, localeInput: unknown): Promise<Result<{ pdf: Uint8Array<ArrayBuffer>; count: number }>> {
      const found = await allowed(actor, panelId, panelsPolicy.seePersonalData);
      if (!found.ok) return found;
      const panel = found.value;
      if (!panel.drawn_at) return invalid('panel', 'panels.notSelected.notDrawn');
      const letters = (await notSelectedOf(ctx, panel)).flatMap((p) => (p.name !== null && p.address !== null ? [{ name: p.name, address: p.address, postcode: p.postcode ?? '', city: p.city ?? '', onReserve: p.onReserve }] : []));
      if (letters.length === 0) return invalid('panel', 'panels.notSelected.none');
      const municipality = await deps.municipality();
      const locale = isLocale(localeInput) ? localeInput : municipality.defaultLocale;
      const deleteOn = deleteOnText(panel, locale);
      const pdf = await notSelectedLettersPdf(
        {
          locale,
          municipality: municipality.name,
          panelTitle: panel.title,
          date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: deps.timeZone }).format(deps.clock()),
          panelUrl: `${deps.publicUrl}/panels/${panelId}`,
          ...(deleteOn ? { deleteOn } : {}),
        },
        letters,
      );
      await audit(actor, 'panel.not_selected_letters_printed', panelId, { count: letters.length, locale });
      return ok({ pdf, count: letters.length });
    },
  };
}
