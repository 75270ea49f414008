// The analysis module's public entry point: the apps import from here, never the module's inner files. The
// service itself is built by platform.ts (its import starts the analysis worker's entry), so only types here.
export { analysisContracts, AnalysisResultSchema } from './analysis.contract.ts';
export { analysisPolicy } from './analysis.policy.ts';
export { presentAnalysis } from './analysis.presenter.ts';
export type { AnalysisService, ActiveRunView, EndedRunView } from './analysis.service.ts';
export type { AnalysisResult, InputRef } from './analyse.ts';
export { summaryContracts, textProviderContracts } from './summaries.contract.ts';
export { presentSummary, presentTextProvider } from './summaries.presenter.ts';
export type { SummaryView, SummarySentenceView } from './summaries.ts';
export type { TextProviderView, ProbeResult, TextProviderConfig } from './text-provider.ts';
export { analysisTopicContracts } from './analysis-topics.contract.ts';
export type { TopicsView } from './analysis-topics.ts';
export type { TopicView } from './topic-choices.ts';
