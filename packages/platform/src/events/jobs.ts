import type { JobQueue } from '../jobs/jobs.ts';
import type { Logger } from '../shared/logger.ts';
import type { EventsService } from './events.service.ts';

/** The reminder job's name; it runs every quarter of an hour. */
export const reminderJob = 'events.reminders';

/**
 * Declares the events' background job: every 15 minutes, people holding a seat at an event that starts within
 * 24 hours get their reminder by e-mail (once each; a run that finds none sends nothing).
 */
export function defineEventJobs(jobs: JobQueue, events: Pick<EventsService, 'sendReminders'>, logger: Logger): void {
  jobs.define(reminderJob, async () => {
    const sent = await events.sendReminders();
    if (sent > 0) logger.info({ reminders: sent }, 'event reminders sent');
  });
  jobs.schedule(reminderJob, '*/15 * * * *');
}
