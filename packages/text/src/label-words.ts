// Words a topic label may not start or end with: the stop words of the input's language plus filler
// words (hedges, intensifiers, modal and light verbs, "thing") that people write often but would never
// name a topic by. Icelandic has no stop list in tokenize.ts (it is not analysed), so its function
// words are listed here, both with Icelandic letters and in the ASCII spelling of Better Reykjavík
// (ð → dh, þ → th, æ → ae, accents dropped).

import { STOPWORDS } from './stopwords.ts';

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter((w) => w.length > 0));

const FILLER = {
  nb: words(`ligger ligge bruke bruker brukt kalt kalles kaltes ble første tidligere største siste senere viss visse kjent vanlig mulig
    kanskje veldig bør må får få gjøre gjør gjort godt bra fint flere ganske helt heller nemlig faktisk liksom
    egentlig uansett tror synes syns mener ønsker ønske gjerne ofte aldri alltid fortsatt allerede igjen slags ting
    osv f.eks eks feks bl.a ta tar gå gi gir går kommer komme sier si se ser finnes fin god gode stor store lite små
    mye mange masse del deler hele annet andre nye ny nytt gang ganger måte også dermed vel jo da nok`),
  nn: words(`ligg liggje bruke brukar brukt kalla kallast vart første tidlegare største siste seinare viss visse kjend vanleg mogleg
    kanskje veldig bør må får få gjere gjer gjort godt bra fint fleire ganske heilt heller nemleg faktisk liksom
    eigentleg uansett trur tykkjer meiner ønskjer ønskje gjerne ofte aldri alltid framleis allereie igjen slags ting
    osb t.d. ta tek gå gje gjev går kjem kome seier seie sjå ser finst fin god gode stor store lite små mykje mange
    del delar heile anna andre nye ny nytt gong gonger måte også dermed vel jo då nok`),
  sv: words(`ligger använda använder används blev kallas kallades gjorde första tidigare största sista senare vissa känd vanlig möjligt
    kanske väldigt bör måste får få göra gör gjort bra bättre fint fler flera ganska helt hellre faktiskt typ
    egentligen tror tycker menar önskar gärna ofta aldrig alltid fortfarande redan igen sorts sak saker osv t.ex ta tar
    gå ge ger går kommer säga ser finns fin god goda stor stora lite små mycket många del delar hela nya ny nytt gång
    gånger sätt också dock väl ju nog`),
  da: words(`ligger bruge bruger bruges blev kaldes kaldt gjorde første tidligere største sidste senere visse kendt almindelig muligt
    måske meget bør må får få gøre gør gjort godt god gode flere ganske helt hellere faktisk egentlig tror
    synes mener ønsker gerne ofte aldrig altid stadig allerede igen slags ting osv f.eks tage tager gå give giver går
    kommer sige siger se ser findes fin stor store lidt små mange del dele hele andet andre nye ny nyt gang gange måde
    også dog vel jo nok`),
  en: words(`called known first largest last later earlier found became become include includes including usually
    maybe perhaps really very should would could get gets got make makes made good great better lot lots
    thing things think also still already often always never much many well etc like just need needs want wants
    way ways new big small little use used every even per via able`),
  de: words(`liegt liegen fahren fährt gibts finden dort
    vielleicht bitte wirklich sollte sollten gibt geben gut gute guten besser mehr immer schon oft nie ganz
    leider einfach etwa eben halt mal ja eigentlich bzw usw sowie denke finde meine wäre wären gerade sehr viele
    vieles neue neuen neuer groß große kleine wurde wurden worden kommt kommen gehen geht sein`),
  is: words(`liggur adhra vegna
    og i a adh að thadh það sem er eru var voru medh með um vidh við fyrir til ekki en thvi því vera hafa
    hefur hafi thar þar af edha eða ad thessu þessu thessum þessum thessi þessi thetta þetta hann hun hún their þeir
    thaer þær thau þau eg ég vidh thu þú ur úr sinni sinn sina sína sitt eftir fra frá undir yfir upp svo lika líka
    mjog mjög meira eins tha þá thegar þegar hvadh hvað hver hvernig nu nú hja hjá gaeti gæti kannski lika thurfa
    þurfa thad thvi sig ser sér mer mér okkur theirra þeirra allt allir alla öll oll margir mikidh mikið mikil
    mikla fleiri bara einnig ne né thott þótt sed séð se sé verdha verða verdhur verður gera gert gerir geta getur
    vill vilja aetti ætti skal skuli thess þess theim þeim honum henni hennar hans einn ein eitt eitthvadh
    eitthvað annadh annað adhra aðra odhrum öðrum fyrir hja nidhur niður inn ut út thannig þannig`),
} as const;

/** Languages with label word lists (`no`: bokmål and nynorsk; `is`: Icelandic). */
export type LabelLanguage = keyof typeof FILLER | 'no';

const cache = new Map<string, ReadonlySet<string>>();

/**
 * The words a label may not start or end with in a language: its stop words and fillers. For an
 * unrecognised language (`und`, `none`), every list together.
 */
export function labelStopWords(language: string): ReadonlySet<string> {
  let set = cache.get(language);
  if (set) return set;
  const stop = STOPWORDS as Readonly<Record<string, ReadonlySet<string>>>;
  const filler = FILLER as Readonly<Record<string, ReadonlySet<string>>>;
  const langs = language === 'no' ? ['nb', 'nn'] : stop[language] || filler[language] ? [language] : Object.keys(FILLER);
  // Icelandic is never detected (the language guesser does not know it), so its words are always added.
  set = new Set([...langs, 'is'].flatMap((l) => [...(stop[l] ?? []), ...(filler[l] ?? [])]));
  cache.set(language, set);
  return set;
}
