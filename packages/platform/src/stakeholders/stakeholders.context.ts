import { createHash } from 'node:crypto';
import type { AccountsService, Actor } from '../accounts/index.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ConversationsService } from '../conversations/index.ts';
import type { Db } from '../db/database.ts';
import type { FilesService } from '../files/files.service.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { ProcessesService } from '../processes/processes.service.ts';
import type { Clock } from '../shared/clock.ts';
import type { ModerationGate } from '../shared/moderation-gate.ts';
import type { FieldError } from '../shared/result.ts';
import { recommendationsRepository } from './stakeholders.recommendations.repository.ts';
import { stakeholdersRepository } from './stakeholders.repository.ts';

/** What the stakeholders module needs from the platform. */
export interface StakeholdersDeps {
  readonly db: Db;
  readonly audit: AuditService;
  /** Who holds the decision-maker role, to tell them a recommendation waits for their answer. */
  readonly accounts: Pick<AccountsService, 'userIdsWithRoles'>;
  readonly processes: ProcessesService;
  readonly conversations: ConversationsService;
  readonly notifications: NotificationsService;
  readonly files: FilesService;
  readonly mailer: Mailer;
  readonly clock: Clock;
  /** The municipality's time zone: a meeting's date and time without an offset is its wall clock. */
  readonly timeZone: string;
  readonly publicUrl: string;
  readonly municipality: () => Promise<string>;
  /** Whether a person is blocked by a moderator (no comments while blocked). */
  readonly gate?: Pick<ModerationGate, 'blockOf'>;
}

/** Only hashes of invitation tokens are stored. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A trimmed text field, with a field error when it is missing (if required), too short or too long. */
export function text(value: unknown, field: string, max: number, errors: FieldError[], required = true, min = 0): string {
  const t = typeof value === 'string' ? value.trim() : '';
  if (t === '' && required) errors.push({ field, message: 'field.required' });
  else if (t !== '' && t.length < min) errors.push({ field, message: 'field.tooShort', params: { min } });
  else if (t.length > max) errors.push({ field, message: 'field.tooLong', params: { max } });
  return t;
}

/** True for an absolute http(s) address. */
export function httpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** What the use-case files share: the dependencies, the repository, and who the actor is in a panel. */
export function stakeholdersContext(deps: StakeholdersDeps) {
  const repo = stakeholdersRepository(deps.db);
  const recs = recommendationsRepository(deps.db);

  /** The actor's stakeholder row in the panel, if they have joined it or been invited with their account. */
  async function member(actor: Actor | null, panelId: string) {
    if (!actor) return null;
    return (await repo.stakeholderByUser(panelId, actor.id)) ?? null;
  }

  /** The (first) conversation of the process, whose statements recommendations may rest on. */
  async function processConversation(processId: string) {
    return (await deps.conversations.conversationsOfProcess(processId))[0] ?? null;
  }

  return { deps, repo, recs, member, processConversation };
}

export type StakeholdersContext = ReturnType<typeof stakeholdersContext>;
