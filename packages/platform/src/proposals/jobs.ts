import type { JobQueue } from '../jobs/jobs.ts';
import type { Logger } from '../shared/logger.ts';
import type { ProposalsService } from './proposals.service.ts';

/** The expiry job's name; it runs every quarter of an hour. */
export const expiryJob = 'proposals.expiry';

/**
 * Declares the proposals' background job: every 15 minutes, the authors and signers of proposals whose signing
 * period ended short of the threshold are told (once each).
 */
export function defineProposalJobs(jobs: JobQueue, proposals: Pick<ProposalsService, 'noticeExpiredProposals'>, logger: Logger): void {
  jobs.define(expiryJob, async () => {
    const noticed = await proposals.noticeExpiredProposals();
    if (noticed > 0) logger.info({ proposals: noticed }, 'expired proposals noticed');
  });
  jobs.schedule(expiryJob, '*/15 * * * *');
}
