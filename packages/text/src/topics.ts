// Topics: TF-IDF (stems + char n-grams) → 30-nearest-neighbour similarity graph → spectral embedding
// (Ng, Jordan & Weiss 2001) → unit vectors → spherical k-means with k-means++ seeding and several restarts (Dhillon & Modha 2001; Arthur & Vassilvitskii 2007). k is given, or
// chosen as the k whose clustering has the largest modularity on the similarity graph (Newman &
// Girvan 2004; Newman 2006; built-in path) or the largest mean silhouette (Rousseeuw 1987, cosine
// distance) on a sample (external embeddings).
// Inputs far from every centre, and groups too small to stand alone, go to an "other" bucket instead
// of being forced into a topic. Labels are the topic's most distinctive terms (class-based TF-IDF:
// the topic's mean weight minus the corpus mean), shown as the most frequent surface word of each stem.

// The steps live in files of their own: topics-all.ts (the pipeline), spectral.ts and similarity-graph.ts
// (the embedding), kmeans.ts, choose-k.ts, topic-labels.ts, and topics-sample.ts (many inputs).

import { findTopicsOnAll } from './topics-all.ts';
import { findTopicsOnSample } from './topics-sample.ts';
import type { TextInput, TopicOptions, TopicResult } from './topic-types.ts';

export type { TextInput, Topic, TopicOptions, TopicResult } from './topic-types.ts';

/**
 * Groups inputs into topics. Deterministic for a seed; ties (equal sizes) are ordered by the smallest
 * member id. Inputs with an empty text are reported in `warnings` and placed in `other`.
 */
export function findTopics(inputs: readonly TextInput[], options: TopicOptions = {}): TopicResult {
  const limit = options.sampleSize ?? 3000;
  if (options.vectors || inputs.length <= limit) return findTopicsOnAll(inputs, options);
  return findTopicsOnSample(inputs, options, limit);
}
