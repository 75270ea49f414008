import type { Actor } from '../accounts/accounts.policy.ts';
import { processesPolicy } from './processes.policy.ts';
import type { Phase, ProcessDetail } from './processes.service.ts';

/** One phase as pages and the API show it (the settings a resident may see, not the stored row). */
export function presentPhase(phase: Phase) {
  return {
    id: phase.id,
    method: phase.method,
    title: phase.title,
    description: phase.description,
    startsOn: phase.startsOn,
    endsOn: phase.endsOn,
    state: phase.state,
    publicResults: phase.settings.publicResults === true,
    categories: phase.settings.categories ?? [],
  };
}

/** A process as pages and the API show it, with what the actor may do with it (`can`, from the processes policy). */
export function presentProcess(process: ProcessDetail, actor: Actor | null) {
  return {
    id: process.id,
    slug: process.slug,
    status: process.status,
    state: process.state,
    title: process.title,
    summary: process.summary,
    startsOn: process.startsOn,
    endsOn: process.endsOn,
    respondBy: process.respondBy,
    charter: process.charter,
    phases: process.phases.map(presentPhase),
    currentPhaseId: process.currentPhaseId,
    can: processesPolicy.can(actor, process),
  };
}

/** A presented process. */
export type PresentedProcess = ReturnType<typeof presentProcess>;
