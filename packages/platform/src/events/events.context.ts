import type { Db } from '../db/database.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { FilesService } from '../files/index.ts';
import type { IdeasService } from '../ideas/ideas.service.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { ProcessDetail, ProcessesService } from '../processes/processes.service.ts';
import { processesPolicy } from '../processes/index.ts';
import type { Clock } from '../shared/clock.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { eventsRepository, type EventRow } from './events.repository.ts';
import { eventsPolicy } from './events.policy.ts';

/** What the events module needs from the platform. */
export interface EventsDeps {
  readonly db: Db;
  readonly audit: AuditService;
  readonly accounts: Pick<AccountsService, 'requireConfirmed' | 'contactsOf'>;
  readonly processes: Pick<ProcessesService, 'getProcess' | 'getProcessById'>;
  readonly ideas: Pick<IdeasService, 'importIdea'>;
  readonly notifications: Pick<NotificationsService, 'notify'>;
  /** Documents published with an event (minutes' attachments, presentations) are stored by the files module. */
  readonly files: Pick<FilesService, 'checkDocument' | 'attachDocuments' | 'listFor'>;
  readonly mailer: Mailer;
  readonly clock: Clock;
  /** The municipality's time zone: the default for new events, and where reminders are dated. */
  readonly timeZone: string;
  readonly publicUrl: string;
  readonly municipality: () => Promise<{ name: string; defaultLocale: string }>;
}

/** An event with its process (null: a municipality-wide event). */
export interface LoadedEvent {
  readonly event: EventRow;
  readonly process: ProcessDetail | null;
}

/**
 * What the use-case files share: the dependencies, the repository, and the helpers that load an event the
 * actor may see (a process's event only while the process is visible to them) or manage.
 */
export function eventsContext(deps: EventsDeps) {
  const repo = eventsRepository(deps.db);

  /** The processes of events, by id, read once each. */
  async function processesOf(events: readonly EventRow[]): Promise<Map<string, ProcessDetail | null>> {
    const ids = [...new Set(events.flatMap((e) => (e.process_id ? [e.process_id] : [])))];
    const found = await Promise.all(ids.map(async (id) => [id, await deps.processes.getProcessById(id)] as const));
    return new Map(found);
  }

  /** Whether the actor may see an event: its process is visible to them, or it has none. */
  function visible(actor: Actor | null, process: ProcessDetail | null | undefined, event: EventRow): boolean {
    if (!event.process_id) return true;
    return Boolean(process && processesPolicy.visibleStatuses(actor).includes(process.status));
  }

  async function visibleEvent(actor: Actor | null, id: string): Promise<Result<LoadedEvent>> {
    const event = await repo.findEvent(id);
    if (!event) return fail('NotFound');
    const process = event.process_id ? await deps.processes.getProcessById(event.process_id) : null;
    if (!visible(actor, process, event)) return fail('NotFound');
    return ok({ event, process });
  }

  async function managedEvent(actor: Actor | null, id: string): Promise<Result<LoadedEvent & { actor: Actor }>> {
    if (!actor) return fail('NotSignedIn');
    if (!eventsPolicy.manage(actor)) return fail('Forbidden');
    const found = await visibleEvent(actor, id);
    return found.ok ? ok({ ...found.value, actor }) : found;
  }

  async function audit(actor: Actor, action: string, eventId: string, details: Record<string, unknown> = {}) {
    await deps.audit.record({ actorId: actor.id, action: `events.${action}`, subjectType: 'event', subjectId: eventId, details });
  }

  return { deps, repo, processesOf, visible, visibleEvent, managedEvent, audit };
}

export type EventsContext = ReturnType<typeof eventsContext>;
