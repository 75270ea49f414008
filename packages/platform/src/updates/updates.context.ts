import type { Db } from '../db/database.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { IdeasService } from '../ideas/ideas.service.ts';
import type { Locale } from '../i18n/locales.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { ProcessDetail, ProcessesService } from '../processes/processes.service.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { isUuid } from '../shared/validate.ts';
import { updatesRepository } from './updates.repository.ts';
import { updatesPolicy } from './updates.policy.ts';

/** What the updates module needs from the platform. */
export interface UpdatesDeps {
  readonly db: Db;
  readonly audit: AuditService;
  readonly accounts: Pick<AccountsService, 'contactsOf'>;
  readonly processes: Pick<ProcessesService, 'getProcessById'>;
  readonly ideas: Pick<IdeasService, 'participantsOf' | 'followersOf'>;
  /** Survey respondents by week for the given phases (the surveys module's query). */
  readonly surveyRespondents: (phaseIds: readonly string[]) => Promise<readonly { people: readonly string[] }[]>;
  readonly notifications: Pick<NotificationsService, 'record'>;
  readonly mailer: Mailer;
  readonly clock: Clock;
  /** The municipality's time zone: scheduled times are its wall clock. */
  readonly timeZone: string;
  readonly publicUrl: string;
  readonly logger: Logger;
  readonly municipality: () => Promise<{ name: string; defaultLocale: Locale }>;
}

/** What the use-case files share: the dependencies, the repository, the managed process and the audit. */
export function updatesContext(deps: UpdatesDeps) {
  const repo = updatesRepository(deps.db);

  /** The process, when the actor may send its updates. */
  async function managedProcess(actor: Actor | null, processId: string): Promise<Result<{ actor: Actor; process: ProcessDetail }>> {
    if (!actor) return fail('NotSignedIn');
    if (!updatesPolicy.manage(actor)) return fail('Forbidden');
    const process = isUuid(processId) ? await deps.processes.getProcessById(processId) : null;
    if (!process) return fail('NotFound');
    return ok({ actor, process });
  }

  /** Records an action on an update (or, for an unsubscription, on the process it stops). */
  async function audit(actorId: string | null, action: string, subjectId: string, details: Record<string, unknown> = {}, subjectType = 'process_update') {
    await deps.audit.record({ actorId, action: `updates.${action}`, subjectType, subjectId, details });
  }

  return { deps, repo, managedProcess, audit };
}

export type UpdatesContext = ReturnType<typeof updatesContext>;
