import { censusContext, type CensusDeps } from './census.context.ts';
import { importingUseCases } from './importing.ts';
import { outreachUseCases } from './outreach.ts';
import { representingUseCases } from './representing.ts';

/**
 * Who is missing: the municipality's census (imported once a year) against who took part in a process or a
 * phase, and the outreach thresholds that raise an alert while a phase is open.
 */
export function censusService(deps: CensusDeps) {
  const ctx = censusContext(deps);
  const importing = importingUseCases(ctx);
  const { current: _current, ...exposed } = importing;
  return { ...exposed, ...representingUseCases(ctx, importing.current), ...outreachUseCases(ctx, importing.current) };
}

export type CensusService = ReturnType<typeof censusService>;
