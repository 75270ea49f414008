import { writeCsv } from '@tingsted/csv';
import type { Db } from '../db/database.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Clock } from '../shared/clock.ts';
import { defaultTimeZone, formatDateTime } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import { translate } from '../i18n/translate.ts';
import type { Logger } from '../shared/logger.ts';
import { notificationsRepository } from './notifications.repository.ts';
import { notificationsPrivacyUseCases } from './privacy.ts';
import { notificationKinds, notificationLines, renderNotification, type NotificationKind, type Payload, type RenderedNotification, type StatusLabels } from './render.ts';

export { notificationKinds, type NotificationKind } from './render.ts';

/** A notification in the site's list. */
export interface NotificationView {
  readonly id: string;
  readonly kind: NotificationKind;
  /** One sentence naming what happened to what, in the reader's language. */
  readonly text: string;
  /** The first lines of the official answer, the reason or the news, with what it is. */
  readonly quote: RenderedNotification['quote'];
  readonly link: string;
  readonly createdAt: Date;
  readonly read: boolean;
}

/** What the notifications module needs from the platform. */
export interface NotificationsDeps {
  readonly db: Db;
  readonly accounts: AccountsService;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly publicUrl: string;
  readonly logger: Logger;
  readonly municipality: () => Promise<{ name: string; defaultLocale: Locale }>;
  /** The names of the municipality's own idea statuses (feedback's, read when a notification is shown). */
  readonly statusLabels?: () => Promise<StatusLabels>;
  /** The municipality's time zone, for the dates in the CSV. Default Europe/Oslo. */
  readonly timeZone?: string;
}

function isKind(kind: string): kind is NotificationKind {
  return (notificationKinds as readonly string[]).includes(kind);
}

/**
 * Tells people what happened to what they took part in: in the site's notification list, and by e-mail
 * immediately, in a daily digest, or not at all, as each person chose. Every place shows the same text, made by
 * `renderNotification` in the reader's language.
 */
export function notificationsService(deps: NotificationsDeps) {
  const repo = notificationsRepository(deps.db);

  /** A renderer for this moment: the municipality's default language and its statuses' names, read once. */
  async function renderer() {
    const [municipality, statusLabels] = await Promise.all([deps.municipality(), deps.statusLabels ? deps.statusLabels() : Promise.resolve(new Map())]);
    const render = (locale: Locale, kind: string, payload: Payload): RenderedNotification | null =>
      // A kind this version does not know (left by a newer one) is not shown rather than shown raw.
      isKind(kind) ? renderNotification(locale, kind, payload, { statusLabels, municipalityDefault: municipality.defaultLocale }) : null;
    return { municipality, render };
  }

  /** The person's notifications, newest first, as they read them. */
  async function listFor(actor: Actor, locale: Locale): Promise<NotificationView[]> {
    const [rows, { render }] = await Promise.all([repo.latestOf(actor.id), renderer()]);
    return rows.flatMap((r) => {
      const rendered = render(locale, r.kind, r.payload);
      if (!rendered) return [];
      return [{ id: r.id, kind: r.kind as NotificationKind, text: rendered.text, quote: rendered.quote, link: rendered.link, createdAt: r.created_at, read: r.read_at !== null }];
    });
  }

  return {
    ...notificationsPrivacyUseCases(deps.db),
    /** Records a notification for each person and e-mails those who want it immediately. */
    async notify(input: { userIds: readonly string[]; kind: NotificationKind; subjectType: string; subjectId: string; payload: Payload }): Promise<void> {
      const userIds = [...new Set(input.userIds)];
      if (userIds.length === 0) return;
      const payload = Object.fromEntries(Object.entries(input.payload).filter(([, v]) => v !== undefined)) as Record<string, string | number | null>;
      await repo.insertForEach({ userIds, kind: input.kind, subjectType: input.subjectType, subjectId: input.subjectId, payload, at: deps.clock() });
      const { municipality, render } = await renderer();
      const contacts = await deps.accounts.contactsOf(userIds);
      const sent: string[] = [];
      for (const contact of contacts.filter((c) => c.notifyMode === 'immediate')) {
        const locale = contact.locale ?? municipality.defaultLocale;
        const rendered = render(locale, input.kind, payload);
        if (!rendered) continue;
        try {
          await deps.mailer.send({
            to: contact.email,
            subject: `${rendered.subject} – ${municipality.name}`,
            text: [
              translate(locale, 'mail.greeting', { name: contact.displayName }),
              '',
              ...notificationLines(rendered, deps.publicUrl),
              '',
              translate(locale, 'notify.footer', { url: `${deps.publicUrl}/account` }),
              '',
              translate(locale, 'mail.signature', { municipality: municipality.name }),
            ].join('\n'),
          });
          sent.push(contact.id);
        } catch (error) {
          // The notification stays in the list and unsent; the next digest run retries it.
          deps.logger.warn({ err: { message: (error as Error).message } }, 'notification e-mail failed');
        }
      }
      if (sent.length > 0) {
        await repo.markEmailedFor(sent, input.subjectId, input.kind, deps.clock());
      }
    },

    /**
     * Records a notification for each person without e-mailing it (the caller sends its own e-mail): the list
     * shows it, and the daily digest leaves it out.
     */
    async record(input: { userIds: readonly string[]; kind: NotificationKind; subjectType: string; subjectId: string; payload: Payload }): Promise<void> {
      const userIds = [...new Set(input.userIds)];
      if (userIds.length === 0) return;
      const payload = Object.fromEntries(Object.entries(input.payload).filter(([, v]) => v !== undefined)) as Record<string, string | number | null>;
      const at = deps.clock();
      await repo.insertForEach({ userIds, kind: input.kind, subjectType: input.subjectType, subjectId: input.subjectId, payload, at });
      await repo.markEmailedFor(userIds, input.subjectId, input.kind, at);
    },

    /** The person's notifications, newest first. */
    listFor,

    /**
     * The person's notifications as CSV (newest first): when (date and time in the municipality's time zone),
     * the sentence, the quoted answer or reason, the full link and whether it was read, in the reader's language.
     */
    async exportCsv(actor: Actor, locale: Locale): Promise<string> {
      const list = await listFor(actor, locale);
      const timeZone = deps.timeZone ?? defaultTimeZone;
      const header = (['notify.csv.date', 'notify.csv.text', 'notify.csv.quote', 'notify.csv.link', 'notify.csv.read'] as const).map((key) => translate(locale, key));
      const yes = translate(locale, 'notify.csv.yes');
      const no = translate(locale, 'notify.csv.no');
      const rows = list.map((n) => [formatDateTime(locale, n.createdAt, timeZone), n.text, n.quote ? `${n.quote.label}: ${n.quote.text}` : '', `${deps.publicUrl}${n.link}`, n.read ? yes : no]);
      return writeCsv([header, ...rows], { quote: 'always', formulaGuard: true, lineEnding: '\r\n', bom: true });
    },

    async unreadCount(actor: Actor): Promise<number> {
      return repo.unreadCount(actor.id);
    },

    async markAllRead(actor: Actor): Promise<void> {
      await repo.markAllRead(actor.id, deps.clock());
    },

    /**
     * Sends one digest e-mail to each person who chose daily e-mail and has unsent notifications, and to
     * anyone whose immediate e-mail failed. Returns how many digests went out.
     */
    async sendDigests(): Promise<number> {
      const pending = await repo.pending();
      const byUser = new Map<string, typeof pending>();
      for (const n of pending) byUser.set(n.user_id, [...(byUser.get(n.user_id) ?? []), n]);
      const contacts = await deps.accounts.contactsOf([...byUser.keys()]);
      const { municipality, render } = await renderer();
      let sent = 0;
      for (const contact of contacts) {
        const items = byUser.get(contact.id) ?? [];
        const ids = items.map((i) => i.id);
        const locale = contact.locale ?? municipality.defaultLocale;
        const entries = items.flatMap((i) => {
          const rendered = render(locale, i.kind, i.payload);
          if (!rendered) return [];
          const [first = '', ...rest] = notificationLines(rendered, deps.publicUrl);
          return [[`- ${first}`, ...rest.map((line) => `  ${line}`)].join('\n')];
        });
        if (contact.notifyMode !== 'none' && entries.length > 0) {
          await deps.mailer.send({
            to: contact.email,
            subject: translate(locale, 'notify.digest.subject', { count: entries.length, municipality: municipality.name }),
            text: [translate(locale, 'mail.greeting', { name: contact.displayName }), '', ...entries, '', translate(locale, 'notify.footer', { url: `${deps.publicUrl}/account` })].join('\n'),
          });
          sent++;
        }
        // People who chose no e-mail still see these in the site's list; they are not e-mailed later.
        await repo.markEmailed(ids, deps.clock());
      }
      return sent;
    },
  };
}

export type NotificationsService = ReturnType<typeof notificationsService>;
