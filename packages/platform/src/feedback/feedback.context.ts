import type { Db } from '../db/database.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { IdeasService } from '../ideas/ideas.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { ProcessesService } from '../processes/processes.service.ts';
import type { LocalizedText } from '../shared/localized.ts';
import { feedbackRepository } from './feedback.repository.ts';

/** What the feedback module needs from the platform. */
export interface FeedbackDeps {
  readonly db: Db;
  readonly audit: AuditService;
  readonly accounts: Pick<AccountsService, 'getAccount'>;
  readonly ideas: Pick<IdeasService, 'findIdea' | 'applyStatus' | 'audienceOf' | 'ideasWithStatus'>;
  readonly processes: Pick<ProcessesService, 'getProcessById'>;
  readonly notifications: Pick<NotificationsService, 'notify'>;
}

/** A status an input can have. Built-in ones are translated by key; a municipality's own carry labels. */
export interface InputStatus {
  readonly key: string;
  readonly label: LocalizedText;
  readonly builtIn: boolean;
  readonly requiresAnswer: boolean;
  readonly allowsProgress: boolean;
}

/** The repository and helpers the feedback use cases share. */
export function feedbackContext(deps: FeedbackDeps) {
  const repo = feedbackRepository(deps.db);

  /** Every status, in the order staff arranged them. */
  async function statuses(): Promise<InputStatus[]> {
    return (await repo.statuses()).map((r) => ({
      key: r.key,
      label: r.label,
      builtIn: r.built_in,
      requiresAnswer: r.requires_answer,
      allowsProgress: r.allows_progress,
    }));
  }

  return { deps, repo, statuses };
}

export type FeedbackContext = ReturnType<typeof feedbackContext>;
