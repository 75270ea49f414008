/**
 * Citizens' panels: the module's public entry point. Other modules and the apps import from here (or from
 * '@tingsted/platform'), never the module's inner files.
 *
 * The use cases, one file per family: setup.ts (panel, size and rules, quotas, census, sessions),
 * invitations.ts (register, invitation lottery, letters), registration.ts (code check, registering, the
 * pool), selection.ts (the lottery job), draw.ts (the announced draw and its public record), members.ts (seats, replacements), not-selected.ts (the "not selected this time" e-mails and letters),
 * workspace.ts (materials, recommendations, amendments, votes), response.ts (report, answers, public page),
 * retention.ts (deleting pools); jobs.ts declares the background jobs.
 */
export { panelsService, type PanelsService, type PanelsDeps, type PanelStage } from './panels.service.ts';
export { definePanelJobs, defineRetentionJob, purgeJob, retentionJob } from './jobs.ts';
export { selectionJob } from './selection.ts';
export { announcementLeadMs, sortitionVersion } from './draw.ts';
export { panelsPolicy, type PanelStanding, type PanelCan } from './panels.policy.ts';
export { panelContracts } from './panels.contract.ts';
export { presentPublicPanel, presentStaffPanel, presentWorkspace, presentPool, presentSelection, presentLotteryRecord } from './panels.presenter.ts';
export { normaliseCode } from './panels.codes.ts';
export { quotasText } from './panels.csv.ts';
export { zonedInstant } from './setup.ts';
export type { SelectionOutput } from './selection.worker.ts';
export {
  sessionModes,
  respondentStatuses,
  itemKinds,
  recommendationStatuses,
  voteChoices,
  decisions,
  type PanelCategory,
  type PanelCategoryValue,
  type PanelSelection,
  type SessionMode,
  type RespondentStatus,
  type ItemKind,
  type RecommendationStatus,
  type VoteChoice,
  type Decision,
} from './panels.tables.ts';
