// The surveys module's public entry point: the apps import from here, never the module's inner files.
export { surveyContracts } from './surveys.contract.ts';
export { presentQuestion, presentResults, surveyCan } from './surveys.presenter.ts';
export { surveyPages } from './surveys.service.ts';
