import type { JobQueue } from '../jobs/jobs.ts';
import type { Logger } from '../shared/logger.ts';
import type { PanelsService } from './panels.service.ts';
import { selectionJob } from './selection.ts';

/** The purge job's name; it runs every night at 02:30 in the municipality's time zone. */
export const purgeJob = 'panels.purge';

/**
 * Declares the panels' background jobs on the queue: the selection (one job per panel at a time, started at
 * once on the server that queued it; the lottery itself runs in a worker thread; a failure is not retried,
 * staff start it again) and the nightly deletion of the pools whose date has come.
 */
export function definePanelJobs(jobs: JobQueue, panels: Pick<PanelsService, 'runSelection' | 'purgeExpiredPools'>, logger: Logger): void {
  jobs.define<{ panelId: string }>(
    selectionJob,
    async ({ panelId }) => {
      await panels.runSelection(panelId);
    },
    { policy: 'coalesce', retryLimit: 0, expireInSeconds: 3600, wakeOnSend: true },
  );
  jobs.define(purgeJob, async () => {
    const purged = await panels.purgeExpiredPools();
    if (purged > 0) logger.info({ panels: purged }, 'panel pools deleted');
  });
  jobs.schedule(purgeJob, '30 2 * * *');
}

/** The retention job's name; it runs every night at 02:45 in the municipality's time zone. */
export const retentionJob = 'panels.retention';

/**
 * Declares the retention job: every night, when the municipality has set a retention period, the personal
 * data of registrations of panels that ended that many days ago is deleted (audited per panel).
 */
export function defineRetentionJob(jobs: JobQueue, panels: Pick<PanelsService, 'purgeEndedRegistrations'>, retentionDays: () => Promise<number | null>, logger: Logger): void {
  jobs.define(retentionJob, async () => {
    const days = await retentionDays();
    if (days === null) return;
    const purged = await panels.purgeEndedRegistrations(days);
    if (purged > 0) logger.info({ panels: purged, afterDays: days }, 'panel registrations purged');
  });
  jobs.schedule(retentionJob, '45 2 * * *');
}
