// The updates module's public entry point: the apps import from here, never the module's inner files.
export { updateContracts, UpdateSchema, subjectMax, bodyMax } from './updates.contract.ts';
export { updatesService, type UpdatesDeps, type UpdatesService } from './updates.service.ts';
export { updatesPolicy } from './updates.policy.ts';
export { presentUpdate, type PresentedUpdate } from './updates.presenter.ts';
export { defineUpdateJobs, dueUpdatesJob } from './jobs.ts';
export { audiences, updateStatuses, type Audience, type UpdateStatus } from './updates.tables.ts';
