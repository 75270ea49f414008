/**
 * @tingsted/sortition — stratified selection of citizens' panels: LEXIMIN, MAXIMIN and LEGACY lotteries,
 * transparent draws, quota diagnostics, replacements and the Sortition Foundation CSV formats.
 * Pure: no I/O; randomness and the clock are parameters. Runs in Node and in the browser.
 */
export { compile, checkPanel, householdKey, normaliseValue } from './model.ts';
export type { Category, QuotaValue, Person, SelectionProblem, Compiled, Group, QuotaRow, InputError } from './model.ts';
export { analyze, select, drawFromLottery, randomSource } from './select.ts';
export type { Algorithm, SelectOptions, Lottery, Analysis, Selection, SelectionFailure } from './select.ts';
export type { Progress, SolveStats } from './fair.ts';
export { checkQuotas, diagnose } from './diagnostics.ts';
export type { QuotaIssue, QuotaChange, Diagnosis } from './diagnostics.ts';
export { drawReplacements } from './replacements.ts';
export type { Replacement } from './replacements.ts';
export { roundToUniform, verifyDraw, drawIndex, lotteryText, parseLotteryText } from './transparent.ts';
export type { UniformLottery, RoundOptions, Verification } from './transparent.ts';
export { lotteryRecordFormat, poolText, poolHash, verifyRecord } from './record.ts';
export type { LotteryRecord, RecordPerson, RecordVerification } from './record.ts';
export { readCsvTable, readCategoriesCsv, readPeopleCsv, writeCategoriesCsv, writeSelectedCsv } from './formats.ts';
export type { CsvIssue, CsvError, CsvRecord, CsvTable, CategoriesFormat, PeopleCsvOptions, PeopleCsv } from './formats.ts';
export { createRandom, SORTITION_NAMESPACE } from './seed.ts';
// The draws and hash of @tingsted/random, re-exported because callers of sortition pass and use them.
export { randomInt, randomFloat, sampleWithoutReplacement, sha256Hex, sha256Bytes } from '@tingsted/random';
export type { RandomSource, Seed } from '@tingsted/random';
export { loadSolver, Budget, TimeLimitError } from './solver.ts';
export type { Highs } from './solver.ts';
export { legacyDraw } from './legacy.ts';
export { drawInvitations, apportion, shuffle } from './invitations.ts';
export type { RegisterEntry, InvitationDrawInput, InvitationDraw } from './invitations.ts';
export { drawRound, candidatesByStratum, proportionalRound, targetedRound, stratumKey, stratumOfKey, assumedResponseRate } from './rounds.ts';
export type { StratifiedEntry, Stratum, StratumRequest, RoundInput, RoundDraw, StratumShortfall, MissingGroup } from './rounds.ts';
