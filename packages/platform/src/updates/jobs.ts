import type { JobQueue } from '../jobs/jobs.ts';
import type { Logger } from '../shared/logger.ts';
import type { UpdatesService } from './updates.service.ts';

/** The job that sends scheduled updates; it runs every minute. */
export const dueUpdatesJob = 'updates.due';

/**
 * Declares the updates' background job: every minute, scheduled updates whose time has come are sent (one server
 * takes each: the update is claimed in the database before anything goes out).
 */
export function defineUpdateJobs(jobs: JobQueue, updates: Pick<UpdatesService, 'sendDue'>, logger: Logger): void {
  jobs.define(dueUpdatesJob, async () => {
    const sent = await updates.sendDue();
    if (sent > 0) logger.info({ updates: sent }, 'scheduled updates sent');
  }, { retryLimit: 0, expireInSeconds: 30 * 60 });
  jobs.schedule(dueUpdatesJob, '* * * * *');
}
