/**
 * @tingsted/opinions — opinion mapping compatible with Pol.is: sparse incremental vote state, PCA,
 * two-level clustering, representative and consensus statements, group-aware consensus, routing priority,
 * bridging score, "where do I stand", and Pol.is's data formats. Pure: no I/O, clock or Math.random().
 */
export {
  createConversation, upsertStatement, moderateStatement, ensureParticipant, applyVote, applyVoteAt, removeVote, getVote, isModOut,
  voteStorageBytes,
  type ConversationState, type Id, type Vote, type Moderation, type StatementInput,
} from './state.ts';
export { analyze, recompute, type AnalyzeOptions } from './analyze.ts';
export type { OpinionResult, OpinionGroup, ParticipantPosition, RepnessItem, ConsensusItem } from './result.ts';
export { whereDoIStand, type StandResult } from './stand.ts';
export { nextStatement } from './routing.ts';
export { buildMatrix, type StateMatrix } from './matrix.ts';
export { summarizeResult, type OpinionSummary } from './export.ts';
export { sparsePca, columnCenter, symmetricEigen, fixSign, type SparseMatrix, type PcaResult, type PcaOptions, type Imputation } from './pca.ts';
export { kmeans2d, silhouette, clusterGroups, smoothK, type KMeansResult, type GroupClustering, type KSmoother } from './cluster.ts';
export {
  propTest, twoPropTest, selectRepness, selectConsensus, groupAwareConsensus, priority, Z90, META_PRIORITY,
  type Counts, type RepnessEntry, type ConsensusEntry,
} from './stats.ts';
export { bridgingScores, type BridgingOptions, type BridgingResult } from './bridging.ts';
export { adjustedRandIndex } from './metrics.ts';
export { createRandom, OPINIONS_NAMESPACE, type Random } from './prng.ts';
export { parseCsv, writeCsv, csvField, type CsvRecord, type CsvParse } from './csv.ts';
export {
  readCommentsCsv, readVotesCsv, readParticipantsVotesCsv, readVotesJson, readCommentsJson, readMathJson,
  buildConversation, compareIds, parseId, writeCommentsCsv, writeVotesCsv, writeParticipantsVotesCsv,
  type CommentRecord, type VoteRecord, type ParticipantVotesRow, type PolisMath, type ReadError, type CommentExportRow,
} from './formats.ts';
export { createVotesCsvReader, type VotesTable, type VotesCsvReader, type VotesCsvReaderOptions } from './votes-table.ts';
export { buildConversationFromTable, timestampOrder } from './table-conversation.ts';
