import type { ProcessStatus } from './processes.tables.ts';

/**
 * Where a process stands today, as every page, list and API answer shows it: a draft; published but not yet
 * started (upcoming); open; or closed, either by staff or because its end date has passed where the
 * municipality is. The stored status changes only when staff act; this is what people see.
 */
export type ProcessState = 'draft' | 'upcoming' | 'open' | 'closed';

export const processStates = ['draft', 'upcoming', 'open', 'closed'] as const satisfies readonly ProcessState[];

/**
 * The one derivation of a process's state from its stored status, its dates (YYYY-MM-DD, inclusive) and
 * today's date in the municipality's time zone. The repository's list filter selects by the same rule.
 */
export function processState(process: { readonly status: ProcessStatus; readonly startsOn: string | null; readonly endsOn: string | null }, today: string): ProcessState {
  if (process.status === 'draft') return 'draft';
  if (process.status === 'closed') return 'closed';
  if (process.endsOn !== null && today > process.endsOn) return 'closed';
  if (process.startsOn !== null && today < process.startsOn) return 'upcoming';
  return 'open';
}
