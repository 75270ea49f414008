import type { analysisEn } from './en.ts';

/** Danish text of the analysis of a process's inputs. */
export const analysisDa: Record<keyof typeof analysisEn, string> = {
  'analysis.title': 'Analyse',
  'analysis.intro':
    'Hvad siger folk? Emner, input der siger det samme, og et resumé med deltagernes egne sætninger, fra alle synlige forslag og kommentarer i denne proces. Skjulte input og input der venter på godkendelse er udeladt.',
  'analysis.run': 'Kør analyse',
  'analysis.queued': 'Analysen står i kø. Siden opdaterer sig selv; du kan også genindlæse den.',
  'analysis.alreadyRunning': 'En analyse er allerede i gang.',
  'analysis.queuedAt': 'Venter på at starte (bestilt {time})…',
  'analysis.runningSince': 'Kører… (bestilt {time})',
  'analysis.none': 'Der er ikke kørt nogen analyse endnu.',
  'analysis.failed': 'Den seneste analyse mislykkedes ({time}). Prøv at køre den igen.',
  'analysis.finished': 'Seneste analyse færdig',
  'analysis.counts': '{inputs, plural, one {# input analyseret} other {# input analyseret}}: {ideas, plural, one {# forslag} other {# forslag}} og {comments, plural, one {# kommentar} other {# kommentarer}}.',
  'analysis.provider': 'Lavet af: {provider}.',
  'analysis.tooFew': 'Der er for lidt at analysere: {count, plural, one {# input} other {# input}}, og der skal mindst {minimum} til, for at emner og resumé siger noget.',
  'analysis.topics': 'Emner',
  'analysis.topicsIntro':
    'Input grupperet efter hvad de handler om, største emne først, med de input der ligger nærmest midten af hvert emne.',
  'analysis.topicSize': '{count, plural, one {# input} other {# input}}',
  'analysis.keywords': 'Nøgleord',
  'analysis.other': 'Andet',
  'analysis.otherSize': '{count, plural, one {# input passer} other {# input passer}} ikke i noget emne (for forskellige fra de andre, eller i en gruppe for lille til at være et emne).',
  'analysis.duplicates': 'Næsten ens input',
  'analysis.noDuplicates': 'Ingen input siger næsten det samme.',
  'analysis.duplicatesIntro': '{groups, plural, one {# gruppe} other {# grupper}} af input siger næsten det samme; de {shown} mest ens vises.',
  'analysis.groupSize': '{count, plural, one {# input} other {# input}}',
  'analysis.similarity': 'lighed {similarity}',
  'analysis.similarityRange': 'lighed {low}–{high}',
  'analysis.summary': 'Resumé',
  'analysis.summaryIntro':
    'Sætninger hentet fra input, som tilsammen dækker det, der blev sagt mest, hver med de input den stammer fra.',
  'analysis.sources': 'Fra {count, plural, one {# input} other {# input}}:',
  'analysis.comment': 'Kommentar: {excerpt}',
};
