import type { Db } from '../db/database.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Clock } from '../shared/clock.ts';
import type { Locale } from '../i18n/locales.ts';
import { translate, type MessageKey } from '../i18n/translate.ts';
import type { Logger } from '../shared/logger.ts';
import { notificationsRepository } from './notifications.repository.ts';
import { notificationsPrivacyUseCases } from './privacy.ts';

/** What happened, for the notification's text. */
/** What a notification can be about. */
export const notificationKinds = ['status_changed', 'answered', 'milestone', 'idea_hidden', 'comment_hidden', 'recommendation_decided', 'budget_project_update', 'budget_results'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

const kinds: Record<NotificationKind, { subject: MessageKey; body: MessageKey }> = {
  status_changed: { subject: 'notify.status_changed.subject', body: 'notify.status_changed.body' },
  answered: { subject: 'notify.answered.subject', body: 'notify.answered.body' },
  milestone: { subject: 'notify.milestone.subject', body: 'notify.milestone.body' },
  idea_hidden: { subject: 'notify.idea_hidden.subject', body: 'notify.idea_hidden.body' },
  comment_hidden: { subject: 'notify.comment_hidden.subject', body: 'notify.comment_hidden.body' },
  recommendation_decided: { subject: 'notify.recommendation_decided.subject', body: 'notify.recommendation_decided.body' },
  budget_project_update: { subject: 'notify.budget_project_update.subject', body: 'notify.budget_project_update.body' },
  budget_results: { subject: 'notify.budget_results.subject', body: 'notify.budget_results.body' },
};

/** A notification in the site's list. */
export interface NotificationView {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly text: string;
  readonly link: string;
  readonly createdAt: Date;
  readonly read: boolean;
}

type Payload = Record<string, string | number | null>;

/**
 * Tells people what happened to what they took part in: in the site's notification list, and by e-mail
 * immediately, in a daily digest, or not at all, as each person chose.
 */
export function notificationsService(deps: {
  db: Db;
  accounts: AccountsService;
  mailer: Mailer;
  clock: Clock;
  publicUrl: string;
  logger: Logger;
  municipality: () => Promise<{ name: string; defaultLocale: Locale }>;
}) {
  const repo = notificationsRepository(deps.db);
  function params(payload: Payload): Record<string, string | number> {
    return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, v ?? '']));
  }
  function link(payload: Payload): string {
    if (typeof payload.link === 'string') return payload.link;
    return `/processes/${String(payload.processSlug ?? '')}/ideas/${String(payload.ideaId ?? '')}`;
  }
  function render(locale: Locale, kind: NotificationKind, payload: Payload) {
    const p = params(payload);
    return { subject: translate(locale, kinds[kind].subject, p), body: translate(locale, kinds[kind].body, p) };
  }

  return {
    ...notificationsPrivacyUseCases(deps.db),
    /** Records a notification for each person and e-mails those who want it immediately. */
    async notify(input: { userIds: readonly string[]; kind: NotificationKind; subjectType: string; subjectId: string; payload: Payload }): Promise<void> {
      const userIds = [...new Set(input.userIds)];
      if (userIds.length === 0) return;
      await repo.insertForEach({ userIds, kind: input.kind, subjectType: input.subjectType, subjectId: input.subjectId, payload: input.payload });
      const municipality = await deps.municipality();
      const contacts = await deps.accounts.contactsOf(userIds);
      const sent: string[] = [];
      for (const contact of contacts.filter((c) => c.notifyMode === 'immediate')) {
        const locale = contact.locale ?? municipality.defaultLocale;
        const { subject, body } = render(locale, input.kind, input.payload);
        try {
          await deps.mailer.send({
            to: contact.email,
            subject: `${subject} – ${municipality.name}`,
            text: [
              translate(locale, 'mail.greeting', { name: contact.displayName }),
              '',
              body,
              `${deps.publicUrl}${link(input.payload)}`,
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

    /** The person's notifications, newest first. */
    async listFor(actor: Actor, locale: Locale): Promise<NotificationView[]> {
      const rows = await repo.latestOf(actor.id);
      return rows.map((r) => {
        const kind = r.kind as NotificationKind;
        return { id: r.id, kind, text: render(locale, kind, r.payload).body, link: link(r.payload), createdAt: r.created_at, read: r.read_at !== null };
      });
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
      const municipality = await deps.municipality();
      let sent = 0;
      for (const contact of contacts) {
        const items = byUser.get(contact.id) ?? [];
        const ids = items.map((i) => i.id);
        if (contact.notifyMode !== 'none') {
          const locale = contact.locale ?? municipality.defaultLocale;
          const lines = items.map((i) => `- ${render(locale, i.kind as NotificationKind, i.payload).body}\n  ${deps.publicUrl}${link(i.payload)}`);
          await deps.mailer.send({
            to: contact.email,
            subject: translate(locale, 'notify.digest.subject', { count: items.length, municipality: municipality.name }),
            text: [translate(locale, 'mail.greeting', { name: contact.displayName }), '', ...lines, '', translate(locale, 'notify.footer', { url: `${deps.publicUrl}/account` })].join('\n'),
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
