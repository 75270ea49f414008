import type { Actor } from '../accounts/accounts.policy.ts';
import type { UpdateRow } from './updates.repository.ts';
import { updatesPolicy } from './updates.policy.ts';

/** An update as the API and the staff page see it (`UpdateSchema`): instants as ISO text, with `can` flags. */
export function presentUpdate(row: UpdateRow, actor: Actor | null) {
  return {
    id: row.id,
    processId: row.process_id,
    status: row.status,
    language: row.language,
    subject: row.subject,
    body: row.body,
    audience: row.audience,
    phaseId: row.phase_id,
    sendAt: row.send_at.toISOString(),
    sentAt: row.sent_at ? row.sent_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    reached: row.reached,
    emailed: row.emailed,
    listed: row.listed,
    can: updatesPolicy.can(actor, row),
  };
}

export type PresentedUpdate = ReturnType<typeof presentUpdate>;
