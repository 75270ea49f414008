// The conversations module's public entry point: other modules and the apps import from here only.
export { conversationsService, type ConversationsService, type ConversationsDeps } from './conversations.service.ts';
export { conversationsPolicy } from './conversations.policy.ts';
export {
  conversationLimits,
  recomputeJob,
  statementLimits,
  type ConversationView,
  type PolisFiles,
  type StatementView,
  type Voter,
} from './conversations.types.ts';
export { shownNumber, statementKey } from './statements.ts';
export { defaultDataLicence, type ConversationReport, type ReportStatement } from './report.types.ts';
export { normalizeOrigin, type ConversationSettings } from './conversation-settings.ts';
export { translationTimeoutMs, type StatementTranslation } from './translation.ts';
export type { StatementModeration } from './conversations.tables.ts';
export type { ResultsView, ViewGroup, ViewStatement } from './results-view.ts';
export { createRecomputeRunner, type RecomputeRunner } from './recompute.ts';
export { createResultsFeed, type ResultsEvent, type ResultsFeed } from './results-feed.ts';
export { conversationContracts, polisFileNames } from './conversations.contract.ts';
export { presentConversation, presentReport, presentStatement, type PresentedConversation } from './conversations.presenter.ts';
