import { formatDateTime } from '../i18n/format.ts';
import { isLocale } from '../i18n/locales.ts';
import { translate } from '../i18n/translate.ts';
import type { EventsContext } from './events.context.ts';

/** How far ahead a reminder goes out: the day before, from 24 hours before the start. */
export const reminderLeadMs = 24 * 60 * 60 * 1000;

/** The reminders sent the day before an event. */
export function reminderUseCases(ctx: EventsContext) {
  const { deps, repo } = ctx;
  return {
    /**
     * E-mails everyone holding a seat at an event that starts within the next 24 hours and who has not been
     * reminded yet: the time where the event is, the place (the link for an online meeting) and the event's
     * page. Each person is reminded once (taken and marked in one statement). The number of e-mails sent.
     */
    async sendReminders(): Promise<number> {
      const now = deps.clock();
      const due = await repo.takeDueReminders(now, new Date(now.getTime() + reminderLeadMs), now);
      if (due.length === 0) return 0;
      const municipality = await deps.municipality();
      const fallback = isLocale(municipality.defaultLocale) ? municipality.defaultLocale : 'nb';
      const contacts = new Map((await deps.accounts.contactsOf([...new Set(due.map((d) => d.user_id))])).map((c) => [c.id, c]));
      const events = new Map<string, Awaited<ReturnType<typeof repo.findEvent>>>();
      let sent = 0;
      for (const { user_id: userId, event_id: eventId } of due) {
        if (!events.has(eventId)) events.set(eventId, await repo.findEvent(eventId));
        const event = events.get(eventId);
        const contact = contacts.get(userId);
        if (!event || !contact) continue;
        const locale = contact.locale ?? fallback;
        const place = event.place_kind === 'online' ? (event.online_url ?? '') : event.address;
        await deps.mailer.send({
          to: contact.email,
          subject: `${translate(locale, 'mail.eventReminder.subject', { title: event.title })} – ${municipality.name}`,
          text: [
            translate(locale, 'mail.greeting', { name: contact.displayName }),
            '',
            translate(locale, 'mail.eventReminder.body', { title: event.title, time: formatDateTime(locale, event.starts_at, event.time_zone), place }),
            '',
            `${deps.publicUrl}/events/${event.id}`,
            '',
            translate(locale, 'mail.signature', { municipality: municipality.name }),
          ].join('\n'),
        });
        sent++;
      }
      return sent;
    },
  };
}
