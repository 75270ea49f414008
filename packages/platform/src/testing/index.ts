// The testing module's public entry point: the apps import from here, never the module's inner files.
export { freshDatabase, freshDemoDatabase, prepareTemplateDatabase } from './database.ts';
export { startTestS3 } from './s3.ts';
