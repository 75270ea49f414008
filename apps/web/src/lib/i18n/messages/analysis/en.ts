/**
 * English text of the analysis of a process's inputs (the source: nb, nn, sv and da have exactly these
 * keys).
 */
export const analysisEn = {
  'analysis.title': 'Analysis',
  'analysis.intro':
    'What are people saying? Topics, inputs that say the same thing, and a summary in the participants’ own sentences, from all visible ideas and comments in this process. Hidden and unscreened inputs are left out.',
  'analysis.run': 'Run analysis',
  'analysis.queued': 'The analysis has been queued. This page updates itself; you can also reload it.',
  'analysis.alreadyRunning': 'An analysis is already under way.',
  'analysis.queuedAt': 'Waiting to start (asked for {time})…',
  'analysis.runningSince': 'Running… (asked for {time})',
  'analysis.none': 'No analysis has been run yet.',
  'analysis.failed': 'The last analysis failed ({time}). Try running it again.',
  'analysis.finished': 'Last analysis finished',
  'analysis.counts': '{inputs, plural, one {# input analysed} other {# inputs analysed}}: {ideas, plural, one {# idea} other {# ideas}} and {comments, plural, one {# comment} other {# comments}}.',
  'analysis.provider': 'Produced by: {provider}.',
  'analysis.tooFew': 'There is too little to analyse: {count, plural, one {# input} other {# inputs}}, and at least {minimum} are needed for topics and a summary to mean anything.',
  'analysis.topics': 'Topics',
  'analysis.topicsIntro':
    'Inputs grouped by what they are about, largest topic first, with the inputs closest to the centre of each topic.',
  'analysis.topicSize': '{count, plural, one {# input} other {# inputs}}',
  'analysis.keywords': 'Keywords',
  'analysis.other': 'Other',
  'analysis.otherSize': '{count, plural, one {# input fits} other {# inputs fit}} no topic (too different from the rest, or in a group too small to be a topic).',
  'analysis.duplicates': 'Near-duplicates',
  'analysis.noDuplicates': 'No inputs say nearly the same thing.',
  'analysis.duplicatesIntro': '{groups, plural, one {# group} other {# groups}} of inputs say nearly the same thing; the {shown} most alike are shown.',
  'analysis.groupSize': '{count, plural, one {# input} other {# inputs}}',
  'analysis.similarity': 'similarity {similarity}',
  'analysis.similarityRange': 'similarity {low}–{high}',
  'analysis.summary': 'Summary',
  'analysis.summaryIntro':
    'Sentences taken from the inputs that together cover what was said most, each with the inputs it comes from.',
  'analysis.sources': 'From {count, plural, one {# input} other {# inputs}}:',
  'analysis.comment': 'Comment: {excerpt}',
} as const;
