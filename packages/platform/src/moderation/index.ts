// The moderation module's public entry point: the apps import from here, never the module's inner files.
export { moderationService, type ModerationService } from './moderation.service.ts';
export type { ModerationDeps, ModerationItem } from './moderation.context.ts';
export { moderationPolicy } from './moderation.policy.ts';
export { moderationContracts, QueueEntrySchema } from './moderation.contract.ts';
export { presentLegacyQueue, presentQueueEntry, queueEntryCan, type PresentedQueueEntry } from './moderation.presenter.ts';
export { reportReasons, type ReportReason } from './moderation.tables.ts';
export { reportTextMax } from './reporting.ts';
export { decisionLimits, type BulkOutcome } from './decisions.ts';
export type { QueueEntry } from './queue.ts';
export { moderatedTypes, type ModeratedType } from '../shared/moderation-gate.ts';
export { createModerationGate, type ModerationGateHandle } from './gate.ts';
