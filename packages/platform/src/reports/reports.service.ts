import type { ReportsDeps } from './reports.context.ts';
import { youSaidWeDidUseCases } from './you-said-we-did.ts';
import { participationUseCases } from './participation.ts';
import { exportUseCases } from './idea-export.ts';
import { workspaceUseCases } from './workspace.ts';
import { inputsUseCases } from './inputs.ts';

/**
 * Read models: the views that join several modules' data ("you said, we did", the participation report,
 * exports). They own no tables and read each module only through its exported queries.
 */
export function reportsService(deps: ReportsDeps) {
  return { ...youSaidWeDidUseCases(deps), ...participationUseCases(deps), ...exportUseCases(deps), ...workspaceUseCases(deps), ...inputsUseCases(deps) };
}

export type ReportsService = ReturnType<typeof reportsService>;
