import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Db } from '../db/database.ts';
import type { IdeasService } from '../ideas/ideas.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { PanelsService } from '../panels/index.ts';
import type { ProcessesService } from '../processes/processes.service.ts';
import type { SurveysService } from '../surveys/surveys.service.ts';
import type { Clock } from '../shared/clock.ts';
import { censusRepository } from './census.repository.ts';

/** What the census module needs from the platform: other modules only through their exported queries. */
export interface CensusDeps {
  readonly db: Db;
  readonly audit: Pick<AuditService, 'record'>;
  readonly accounts: Pick<AccountsService, 'residentProfilesOf' | 'residentsMatching'>;
  /** Reminders go as notifications: in-app, and by e-mail as each person chose. */
  readonly notifications: Pick<NotificationsService, 'notify'>;
  readonly processes: Pick<ProcessesService, 'getProcessById'>;
  readonly ideas: Pick<IdeasService, 'participantsOf'>;
  readonly surveys: Pick<SurveysService, 'responsesByWeek'>;
  /** A process's panel: its members are a panel phase's participants; its register gives the alert's targeted letters. */
  readonly panels: Pick<PanelsService, 'panelOfProcess' | 'memberAnswersOf'>;
  readonly clock: Clock;
  /** The municipality's time zone: a phase's participants are those who took part on its local dates. */
  readonly timeZone: string;
  /** The municipality's areas, in its order: census areas must be among them. */
  readonly areas: () => Promise<readonly string[]>;
}

/** The module's shared parts: its dependencies and its repository. */
export function censusContext(deps: CensusDeps) {
  return { deps, repo: censusRepository(deps.db) };
}

export type CensusContext = ReturnType<typeof censusContext>;
