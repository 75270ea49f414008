// The census module's public entry point: the apps import from here, never the module's inner files.
export { censusService, type CensusService } from './census.service.ts';
export { censusContracts } from './census.contract.ts';
export { censusPolicy } from './census.policy.ts';
export { presentCensus, presentRepresentation } from './census.presenter.ts';
export type { CensusSummary } from './importing.ts';
export { defaultThresholds, type Representation } from './representing.ts';
export { censusDimensions, wilsonInterval, type CensusDimension, type Grouping, type GroupFigures, type Shortfall } from './representation.ts';
