// The shared module's public entry point: the apps import from here, never the module's inner files.
export { resolveText } from './localized.ts';
export { renderMarkdown } from './markdown.ts';
export { isUuid } from './validate.ts';
export { type Failure, type Result } from './result.ts';
export { spreadsheetCsv } from './spreadsheet.ts';
