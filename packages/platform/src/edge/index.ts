// The edge contract: what the API routes and the web app's form actions share (no HTTP code here).
export { statusOf, problemOf, fieldMessage, renameFields, type Problem, type FieldProblem } from './errors.ts';
export { contract, parseInput, formValues, postedText, type Contract, type InputOf, type OutputOf } from './contract.ts';
export { fieldErrorsOf, schemaIssues, type SchemaIssue } from './field-errors.ts';
export { Id, LocaleSchema, Localized, Done, Created, oneOf } from './schemas.ts';
export { embedToken, embedVoterCookieName, embedVoterCookieOptions, newVisitorToken, voterCookie, voterCookieName, voterCookieOptions } from './voter.ts';
