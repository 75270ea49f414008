// Public API of @tingsted/text: offline text analytics for citizen input in Norwegian (bokmål and
// nynorsk), Swedish, Danish and English. Pure and deterministic for a given seed; no I/O.

export { detectLanguage, detectLanguages, type LanguageCode, type LanguageGuess } from './language.ts';
export { tokenize, stem, isStopWord, analyze, stemLanguageOf, type StemLanguage, type Analyzed } from './tokenize.ts';
export { STOPWORDS } from './stopwords.ts';
export { fitVectorizer, transform, type FeatureOptions, type Vectorizer } from './features.ts';
export { findTopics, type TextInput, type Topic, type TopicOptions, type TopicResult } from './topics.ts';
export { labelGroups } from './topic-phrases.ts';
export { labelStopWords } from './label-words.ts';
export {
  trainTagger,
  suggestTags,
  learnFromCorrections,
  type TagDefinition,
  type TrainingExample,
  type Correction,
  type TaggerOptions,
  type TaggerModel,
  type TrainResult,
  type TagSuggestion,
} from './tags.ts';
export { findDuplicates, foldScandinavian, DEFAULT_DUPLICATE_THRESHOLD, type DuplicateInput, type DuplicateOptions, type DuplicatePair, type DuplicateResult } from './duplicates.ts';
export { summarize, summarizeTopics, splitSentences, keywordsByGroup, type Summary, type SummarySentence, type SummaryOptions, type GroupKeywords } from './summarize.ts';
export {
  createOpenAiCompatibleProvider,
  findTopicsWithProvider,
  summarizeWithProvider,
  type FetchLike,
  type TextProvider,
  type ChatMessage,
  type OpenAiCompatibleSettings,
} from './provider.ts';
export { accuracy, macroF1, multiLabelF1, nmi, stratifiedSplit } from './metrics.ts';
export { hashString } from './order.ts';
export { TEXT_NAMESPACE } from './seed.ts';
export { readInputsCsv, type InputRecord, type ReadResult } from './inputs.ts';
export { inputsSharing, writeWithModel, type PhraseSources, type Candidate, type ModelWriting } from './summary-sources.ts';
