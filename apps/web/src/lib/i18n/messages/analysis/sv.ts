import type { analysisEn } from './en.ts';

/** Swedish text of the analysis of a process's inputs. */
export const analysisSv: Record<keyof typeof analysisEn, string> = {
  'analysis.title': 'Analys',
  'analysis.intro':
    'Vad säger folk? Teman, synpunkter som säger samma sak och en sammanfattning med deltagarnas egna meningar, från alla synliga förslag och kommentarer i den här processen. Dolda synpunkter och sådana som väntar på granskning ingår inte.',
  'analysis.run': 'Kör analys',
  'analysis.queued': 'Analysen står i kö. Sidan uppdaterar sig själv; du kan också ladda om den.',
  'analysis.alreadyRunning': 'En analys pågår redan.',
  'analysis.queuedAt': 'Väntar på att starta (beställd {time})…',
  'analysis.runningSince': 'Körs… (beställd {time})',
  'analysis.none': 'Ingen analys har körts ännu.',
  'analysis.failed': 'Den senaste analysen misslyckades ({time}). Försök köra den igen.',
  'analysis.finished': 'Senaste analysen klar',
  'analysis.counts': '{inputs, plural, one {# synpunkt analyserad} other {# synpunkter analyserade}}: {ideas, plural, one {# förslag} other {# förslag}} och {comments, plural, one {# kommentar} other {# kommentarer}}.',
  'analysis.provider': 'Framtagen av: {provider}.',
  'analysis.tooFew': 'Det finns för lite att analysera: {count, plural, one {# synpunkt} other {# synpunkter}}, och det behövs minst {minimum} för att teman och sammanfattning ska betyda något.',
  'analysis.topics': 'Teman',
  'analysis.topicsIntro':
    'Synpunkter grupperade efter vad de handlar om, största temat först, med de synpunkter som ligger närmast mitten av varje tema.',
  'analysis.topicSize': '{count, plural, one {# synpunkt} other {# synpunkter}}',
  'analysis.keywords': 'Nyckelord',
  'analysis.other': 'Övrigt',
  'analysis.otherSize': '{count, plural, one {# synpunkt passar} other {# synpunkter passar}} inte in i något tema (för olika de andra, eller i en grupp för liten för att vara ett tema).',
  'analysis.duplicates': 'Nästan likadana synpunkter',
  'analysis.noDuplicates': 'Inga synpunkter säger nästan samma sak.',
  'analysis.duplicatesIntro': '{groups, plural, one {# grupp} other {# grupper}} av synpunkter säger nästan samma sak; de {shown} mest lika visas.',
  'analysis.groupSize': '{count, plural, one {# synpunkt} other {# synpunkter}}',
  'analysis.similarity': 'likhet {similarity}',
  'analysis.similarityRange': 'likhet {low}–{high}',
  'analysis.summary': 'Sammanfattning',
  'analysis.summaryIntro':
    'Meningar hämtade ur synpunkterna som tillsammans täcker det som sades mest, var och en med de synpunkter den kommer från.',
  'analysis.sources': 'Från {count, plural, one {# synpunkt} other {# synpunkter}}:',
  'analysis.comment': 'Kommentar: {excerpt}',
};
