import type { analysisEn } from './en.ts';

/** Norwegian nynorsk text of the analysis of a process's inputs. */
export const analysisNn: Record<keyof typeof analysisEn, string> = {
  'analysis.title': 'Analyse',
  'analysis.intro':
    'Kva seier folk? Tema, innspel som seier det same, og eit samandrag med deltakarane sine eigne setningar, frå alle synlege forslag og kommentarar i denne prosessen. Skjulte innspel og innspel som ventar på godkjenning er haldne utanfor.',
  'analysis.run': 'Køyr analyse',
  'analysis.queued': 'Analysen står i kø. Sida oppdaterer seg sjølv; du kan òg laste ho inn på nytt.',
  'analysis.alreadyRunning': 'Ein analyse er alt i gang.',
  'analysis.queuedAt': 'Ventar på å starte (bestilt {time})…',
  'analysis.runningSince': 'Køyrer… (bestilt {time})',
  'analysis.none': 'Ingen analyse er køyrd enno.',
  'analysis.failed': 'Den siste analysen mislukkast ({time}). Prøv å køyre han på nytt.',
  'analysis.finished': 'Siste analyse ferdig',
  'analysis.counts': '{inputs, plural, one {# innspel analysert} other {# innspel analyserte}}: {ideas, plural, one {# forslag} other {# forslag}} og {comments, plural, one {# kommentar} other {# kommentarar}}.',
  'analysis.provider': 'Laga av: {provider}.',
  'analysis.tooFew': 'Det er for lite å analysere: {count, plural, one {# innspel} other {# innspel}}, og det trengst minst {minimum} for at tema og samandrag skal seie noko.',
  'analysis.topics': 'Tema',
  'analysis.topicsIntro':
    'Innspel grupperte etter kva dei handlar om, største tema først, med innspela nærast midten av kvart tema.',
  'analysis.topicSize': '{count, plural, one {# innspel} other {# innspel}}',
  'analysis.keywords': 'Nøkkelord',
  'analysis.other': 'Anna',
  'analysis.otherSize': '{count, plural, one {# innspel passar} other {# innspel passar}} ikkje i noko tema (for ulike dei andre, eller i ei gruppe for lita til å vere eit tema).',
  'analysis.duplicates': 'Nesten like innspel',
  'analysis.noDuplicates': 'Ingen innspel seier nesten det same.',
  'analysis.duplicatesIntro': '{groups, plural, one {# gruppe} other {# grupper}} av innspel seier nesten det same; dei {shown} mest like blir viste.',
  'analysis.groupSize': '{count, plural, one {# innspel} other {# innspel}}',
  'analysis.similarity': 'likskap {similarity}',
  'analysis.similarityRange': 'likskap {low}–{high}',
  'analysis.summary': 'Samandrag',
  'analysis.summaryIntro':
    'Setningar henta frå innspela som til saman dekkjer det som vart sagt mest, kvar med innspela ho kjem frå.',
  'analysis.sources': 'Frå {count, plural, one {# innspel} other {# innspel}}:',
  'analysis.comment': 'Kommentar: {excerpt}',
};
