// The reports module's public entry point: read models over the other modules' exported queries.
export { reportsService, type ReportsService } from './reports.service.ts';
export type { ReportsDeps } from './reports.context.ts';
export { reportsPolicy } from './reports.policy.ts';
export { reportContracts } from './reports.contract.ts';
export type { AnsweredIdea } from './you-said-we-did.ts';
export { ageGroups, type AgeGroup, type ParticipationWeek } from './participation.ts';
export type { ExportedIdea } from './idea-export.ts';
export { personalDataUseCases, type PersonalDataDeps, type PersonalDataExport, type PersonalDataService, type PersonalDataSource, type DeletionPreview } from './personal-data.ts';
export { soonDays, type PhaseSoon, type ProcessOverview } from './workspace.ts';
export { inputsPageLimit, type InputFilter, type ManagedInput } from './inputs.ts';
