// The seed module's public entry point: the apps import from here, never the module's inner files.
export { sharedDataDir } from './demo-conversations.ts';
export { demoCensusCsv } from './demo-census.ts';
