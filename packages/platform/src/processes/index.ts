// The processes module's public entry point: the apps import from here, never the module's inner files.
export { processContracts } from './processes.contract.ts';
export { processesPolicy } from './processes.policy.ts';
export { presentProcess } from './processes.presenter.ts';
export { type ProcessSummary } from './processes.service.ts';
export { charterFields, phaseMethods } from './processes.tables.ts';
export { processState, processStates, type ProcessState } from './state.ts';
