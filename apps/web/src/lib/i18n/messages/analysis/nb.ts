import type { analysisEn } from './en.ts';

/** Norwegian bokmål text of the analysis of a process's inputs. */
export const analysisNb: Record<keyof typeof analysisEn, string> = {
  'analysis.title': 'Analyse',
  'analysis.intro':
    'Hva sier folk? Temaer, innspill som sier det samme, og et sammendrag med deltakernes egne setninger, fra alle synlige forslag og kommentarer i denne prosessen. Skjulte innspill og innspill som venter på godkjenning er holdt utenfor.',
  'analysis.run': 'Kjør analyse',
  'analysis.queued': 'Analysen står i kø. Siden oppdaterer seg selv; du kan også laste den inn på nytt.',
  'analysis.alreadyRunning': 'En analyse er allerede i gang.',
  'analysis.queuedAt': 'Venter på å starte (bestilt {time})…',
  'analysis.runningSince': 'Kjører… (bestilt {time})',
  'analysis.none': 'Ingen analyse er kjørt ennå.',
  'analysis.failed': 'Den siste analysen mislyktes ({time}). Prøv å kjøre den på nytt.',
  'analysis.finished': 'Siste analyse ferdig',
  'analysis.counts': '{inputs, plural, one {# innspill analysert} other {# innspill analysert}}: {ideas, plural, one {# forslag} other {# forslag}} og {comments, plural, one {# kommentar} other {# kommentarer}}.',
  'analysis.provider': 'Laget av: {provider}.',
  'analysis.tooFew': 'Det er for lite å analysere: {count, plural, one {# innspill} other {# innspill}}, og det trengs minst {minimum} for at temaer og sammendrag skal si noe.',
  'analysis.topics': 'Temaer',
  'analysis.topicsIntro':
    'Innspill gruppert etter hva de handler om, største tema først, med innspillene nærmest midten av hvert tema.',
  'analysis.topicSize': '{count, plural, one {# innspill} other {# innspill}}',
  'analysis.keywords': 'Nøkkelord',
  'analysis.other': 'Annet',
  'analysis.otherSize': '{count, plural, one {# innspill passer} other {# innspill passer}} ikke i noe tema (for ulike de andre, eller i en gruppe for liten til å være et tema).',
  'analysis.duplicates': 'Nesten like innspill',
  'analysis.noDuplicates': 'Ingen innspill sier nesten det samme.',
  'analysis.duplicatesIntro': '{groups, plural, one {# gruppe} other {# grupper}} av innspill sier nesten det samme; de {shown} mest like vises.',
  'analysis.groupSize': '{count, plural, one {# innspill} other {# innspill}}',
  'analysis.similarity': 'likhet {similarity}',
  'analysis.similarityRange': 'likhet {low}–{high}',
  'analysis.summary': 'Sammendrag',
  'analysis.summaryIntro':
    'Setninger hentet fra innspillene som til sammen dekker det som ble sagt mest, hver med innspillene den kommer fra.',
  'analysis.sources': 'Fra {count, plural, one {# innspill} other {# innspill}}:',
  'analysis.comment': 'Kommentar: {excerpt}',
};
