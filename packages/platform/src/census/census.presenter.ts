import type { Actor } from '../accounts/accounts.policy.ts';
import type { OutputOf } from '../edge/contract.ts';
import { censusPolicy } from './census.policy.ts';
import type { censusContracts } from './census.contract.ts';
import type { CensusSummary } from './importing.ts';
import type { Representation } from './representing.ts';

/** The census as the API shows it: the date as ISO text. */
export function presentCensus(census: CensusSummary): OutputOf<typeof censusContracts.currentCensus>['census'] & object {
  return { ...census, dimensions: [...census.dimensions], areas: [...census.areas], ageBands: census.ageBands.map((b) => ({ ...b })), educations: [...census.educations], importedAt: census.importedAt.toISOString() };
}

/** A representation as the API and the page show it, with what the viewer may do. */
export function presentRepresentation(r: Representation, actor: Actor | null): OutputOf<typeof censusContracts.representationOf> {
  const shortfall = (s: Representation['underRepresented'][number]) => ({ dimensions: [...s.dimensions], values: { ...s.values }, participants: s.participants, expected: s.expected, ratio: s.ratio });
  return {
    census: r.census ? presentCensus(r.census) : null,
    kind: r.kind,
    phaseId: r.phaseId,
    participants: r.participants,
    dimensions: [...r.dimensions],
    groupings: r.groupings.map((g) => ({ ...g, dimensions: [...g.dimensions], groups: g.groups.map((group) => ({ ...group, values: { ...group.values } })) })),
    underRepresented: r.underRepresented.map(shortfall),
    thresholds: { ...r.thresholds },
    alert: r.alert ? { phaseId: r.alert.phaseId, groups: r.alert.groups.map((g) => ({ ...shortfall(g), actions: g.actions.map((a) => (a.kind === 'reminder' ? { ...a, sentAt: a.sentAt?.toISOString() ?? null } : { ...a })) })) } : null,
    can: { setThresholds: censusPolicy.setThresholds(actor) },
  };
}
