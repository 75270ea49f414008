import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { FeedbackService } from '../feedback/feedback.service.ts';
import type { ModerationService } from '../moderation/moderation.service.ts';
import type { IdeasService } from '../ideas/ideas.service.ts';
import type { ProcessesService } from '../processes/processes.service.ts';
import type { SurveysService } from '../surveys/surveys.service.ts';
import type { Clock } from '../shared/clock.ts';

/**
 * What the read models read: only the modules' exported queries, never their tables. Each view calls each
 * module's query once for the whole view (many rows at once), never once per idea or person.
 */
export interface ReportsDeps {
  readonly audit: Pick<AuditService, 'record'>;
  readonly accounts: Pick<AccountsService, 'residentProfilesOf'>;
  readonly processes: Pick<ProcessesService, 'getProcessById'>;
  readonly ideas: Pick<IdeasService, 'unhiddenIdeaIds' | 'publishedIdeaIds' | 'staffIdeaList' | 'areasOfIdeas' | 'statusCounts' | 'summariesOf' | 'participationByWeek' | 'listIdeas'>;
  readonly surveys: Pick<SurveysService, 'responsesByWeek'>;
  readonly feedback: Pick<FeedbackService, 'statuses' | 'latestAnswersAmong' | 'countAnsweredAmong' | 'latestAnswersOf'>;
  readonly moderation: Pick<ModerationService, 'moderationQueue' | 'openReportsOnIdeas'>;
  readonly clock: Clock;
  /** The municipality's time zone: phases start and end by its calendar. */
  readonly timeZone: string;
  /** The municipality's areas, in its order, for the participation report's columns. */
  readonly municipality: () => Promise<{ areas: readonly string[] }>;
}
