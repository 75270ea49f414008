import { hashSecret, newSecret } from '../accounts/index.ts';
import { languageName } from '../i18n/format.ts';
import { locales, type Locale } from '../i18n/locales.ts';
import { translate } from '../i18n/translate.ts';
import { firstLines } from '../notifications/index.ts';
import { resolveText, type LocalizedText } from '../shared/localized.ts';
import { audienceOf, type Recipient } from './audience.ts';
import type { UpdatesContext } from './updates.context.ts';
import type { UpdateRow } from './updates.repository.ts';

/**
 * Sending an update: everyone it reaches gets it in their notification list, and those who take e-mail get it
 * by e-mail too (whether they chose immediate or daily e-mail: an update is one message), each in their
 * language where staff wrote a translation, else in the original with its language named, with a link that
 * unsubscribes them from the process's updates without signing in.
 */
export function sendingUseCases(ctx: UpdatesContext) {
  const { deps, repo } = ctx;
  const recipientsOf = audienceOf(ctx);

  function mailText(update: UpdateRow, recipient: Recipient, locale: Locale, processTitle: string, slug: string, token: string, signature: string): { subject: string; text: string } {
    const subject = resolveText(update.subject, locale, update.language as Locale);
    const body = resolveText(update.body, locale, update.language as Locale);
    const t = (key: Parameters<typeof translate>[1], params: Record<string, string> = {}) => translate(locale, key, params);
    return {
      subject: t('notify.process_update.subject', { subject: subject.text, processTitle }),
      text: [
        t('mail.greeting', { name: recipient.displayName }),
        '',
        t('update.mail.intro', { processTitle }),
        '',
        subject.text,
        '',
        body.text,
        '',
        ...(body.locale !== locale ? [t('update.mail.original', { language: languageName(locale, body.locale) }), ''] : []),
        t('update.mail.link', { url: `${deps.publicUrl}/processes/${slug}` }),
        '',
        t('update.mail.unsubscribe', { processTitle, url: `${deps.publicUrl}/unsubscribe/${token}` }),
        '',
        t('mail.signature', { municipality: signature }),
      ].join('\n'),
    };
  }

  /** Sends one scheduled update whose time has come; false when it is not due, cancelled or already taken. */
  async function sendUpdate(updateId: string): Promise<boolean> {
    if (!(await repo.claim(updateId, deps.clock()))) return false;
    const update = await repo.find(updateId);
    const process = update ? await deps.processes.getProcessById(update.process_id) : null;
    if (!update || !process) return false;
    const municipality = await deps.municipality();
    const recipients = await recipientsOf(process, update.audience, update.phase_id);
    const tokens = new Map(recipients.map((r) => [r.id, newSecret()]));
    const localeOf = (r: Recipient) => r.locale ?? municipality.defaultLocale;
    const at = deps.clock();
    await repo.insertDeliveries(update.id, recipients.map((r) => ({ userId: r.id, locale: localeOf(r), unsubscribeHash: hashSecret(tokens.get(r.id) ?? '') })), at);
    // The notification list shows the first lines in each language, the process's title in each, and links to the process.
    const perLocale = (name: string, text: LocalizedText, shorten: (value: string) => string) => Object.fromEntries(locales.flatMap((l) => (text[l] ? [[`${name}.${l}`, shorten(text[l])]] : [])));
    await deps.notifications.record({
      userIds: recipients.map((r) => r.id),
      kind: 'process_update',
      subjectType: 'process_update',
      subjectId: update.id,
      payload: {
        language: update.language,
        link: `/processes/${process.slug}`,
        ...perLocale('processTitle', process.title, (v) => v),
        ...perLocale('subject', update.subject, (v) => v),
        ...perLocale('body', update.body, (v) => firstLines(v)),
      },
    });
    const emailed: string[] = [];
    const failed: string[] = [];
    for (const recipient of recipients.filter((r) => r.byEmail)) {
      const locale = localeOf(recipient);
      const processTitle = resolveText(process.title, locale, municipality.defaultLocale).text;
      try {
        await deps.mailer.send({ to: recipient.email, ...mailText(update, recipient, locale, processTitle, process.slug, tokens.get(recipient.id) ?? '', municipality.name) });
        emailed.push(recipient.id);
      } catch (error) {
        // The update stays in their list; the failure is counted, not retried (a second copy would be worse).
        deps.logger.warn({ err: { message: (error as Error).message }, update: update.id }, 'update e-mail failed');
        failed.push(recipient.id);
      }
    }
    const sentAt = deps.clock();
    await repo.markEmailed(update.id, emailed, sentAt);
    await repo.markEmailFailed(update.id, failed);
    const counts = { reached: recipients.length, emailed: emailed.length, listed: recipients.length };
    await repo.markSent(update.id, sentAt, counts);
    await ctx.audit(update.created_by, 'send', update.id, { processId: process.id, ...counts, emailFailed: failed.length });
    return true;
  }

  return {
    sendUpdate,
    recipientsOf,

    /** Sends every scheduled update whose time has come (the `updates.due` job, every minute). Returns how many. */
    async sendDue(): Promise<number> {
      let sent = 0;
      for (const id of await repo.dueIds(deps.clock())) if (await sendUpdate(id)) sent++;
      return sent;
    },
  };
}
