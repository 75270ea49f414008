// The stakeholders module's public entry point: other modules and the apps import from here only.
export { stakeholdersService, type StakeholdersService, type StakeholdersDeps } from './stakeholders.service.ts';
export { stakeholdersPolicy } from './stakeholders.policy.ts';
export { stakeholderLimits, type FactDocument, type FactSource, type FactView, type SourceUpload } from './stakeholders.types.ts';
export type { FactStatus } from './stakeholders.tables.ts';
export { stakeholderContracts, sourcesOf, factRequestBytes, type SourceInput } from './stakeholders.contract.ts';
export { presentPanel, presentFact, type PresentedPanel } from './stakeholders.presenter.ts';
export type { PanelMember } from './stakeholders.policy.ts';
export { presentRecommendation, type PresentedRecommendation, type PresentedComment, type RecommendationState } from './recommendation.presenter.ts';
export type { RecommendationVersion } from './recommendation-drafting.ts';
export { supportNeeded } from './recommendation-support.ts';
export { wordDiff, type DiffPart } from './word-diff.ts';
export { createMeetingFeed, type MeetingFeed } from './meeting-feed.ts';
export type { MinutesUpload } from './meetings.ts';
export type { RecommendationDecision, SupportKind } from './stakeholders.tables.ts';
