import { processesContext, type ProcessesDeps } from './processes.context.ts';
import { listingUseCases } from './listing.ts';
import { charterUseCases } from './charter.ts';
import { phaseUseCases } from './phases.ts';
import { publishingUseCases } from './publishing.ts';
import { seedingUseCases } from './seeding.ts';

export { requiredForPublishing, slugify } from './processes.context.ts';
export type { Phase, PhaseState, ProcessDetail, ProcessesDeps, ProcessSummary } from './processes.context.ts';

/**
 * Processes: the questions a municipality involves residents in, with their charter and timeline. The shared
 * context (repository, caches, helpers) is built once and each use-case file adds its functions (listing,
 * charter, phases, publishing, seeding).
 */
export function processesService(deps: ProcessesDeps) {
  const ctx = processesContext(deps);
  return {
    ...listingUseCases(ctx),
    ...charterUseCases(ctx),
    ...phaseUseCases(ctx),
    ...publishingUseCases(ctx),
    ...seedingUseCases(ctx),
  };
}

export type ProcessesService = ReturnType<typeof processesService>;
