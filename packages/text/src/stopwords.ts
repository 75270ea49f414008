// Stop-word lists per language. Written for this package (function words: pronouns, articles,
// prepositions, conjunctions, auxiliaries, common adverbs). The Norwegian list used for `no`
// (bokmål/nynorsk undetermined) is the union of the bokmål and nynorsk lists, like PostgreSQL's
// `norwegian` configuration, whose stop list also mixes both written standards.

const NB = `og i jeg det at en et den til er som på de med han av ikke der så var meg seg men ett har om vi
min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv her alle
vil bli ble blitt kunne inn når være kom noen noe ville dere deres kun ja etter ned skulle denne for deg si
sine sitt mot å meget mye hvorfor dette disse uten hvordan ingen din ditt blir samme hvilken hvilke sånn
mellom vår våre hver hvem hvis både bare enn fordi før mange også slik vært begge siden henne hennes
jo nok litt mer mest enda ennå her der dit hit noen nei nettopp altså derfor likevel dessuten blant
ens eget egen egne mine dine sitt deg seg oss dere dem deres sine hos under gjennom mellom rundt
uten innen langs mot hvert alt andre annen annet`;

const NN = `og i eg det at ein eit den til er som på dei med han av ikkje der så var meg seg men har om me vi
min mitt ha hadde ho no over då ved frå du ut sin dei oss opp ein kan hans kvar eller kva skal sjølv her
alle vil bli blei vart vorte kunne inn når vere vore kom nokon noko ville de dykk dykkar deira kun ja
etter ned skulle denne for deg si sine sitt mot å mykje kvifor dette desse utan korleis ingen din ditt blir
samme same kva kven kvar kvifor både berre enn fordi før mange òg også slik begge sidan henne hennar
hjå medan elles difor likevel blant eigen eige eigne mine dine under gjennom mellom rundt innan
langs kvart alt andre anna anna nokre noka sjå ein eitt heile meir mest enno`;

const SV = `och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så
kan man när år säger hon under också efter eller nu sin där vid mot ska skulle kommer ut får finns vara hade
alla andra mycket än här då sedan över bara in blir upp även vad få två vill ha många hur mer går sätt
denna dessa detta dem dig din dina ditt du era ert ett hans hennes henne honom hur icke ingen inom
just kunde man mellan min mina mitt mig oss sådan sådana vars vilka vilken vilket vår våra vårt
någon något några nog samma sina sitt själv skall så till utan varför varit vem vi åt än ännu om`;

const DA = `og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min
havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne
ind når være dog noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende
mine alt meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan
kun nogen ingen hver hvem hvorfor hvordan både bare fordi før siden mellem uden gennem igen lidt mere
mest allerede ja nej endnu derfor alligevel blandt egen eget egne`;

const EN = `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
her hers herself it its itself they them their theirs themselves what which who whom this that these those
am is are was were be been being have has had having do does did doing a an the and but if or because as
until while of at by for with about against between into through during before after above below to from
up down in out on off over under again further then once here there when where why how all any both each
few more most other some such no nor not only own same so than too very s t can will just don should now
would could also may might must shall us let`;

const DE = `aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
auch auf aus bei bin bis bist da damit dann das dass dasselbe dazu dein deine dem den denn der des
dessen deshalb die dies diese dieselbe diesem diesen dieser dieses doch dort du durch ein eine einem
einen einer eines einig er es etwas euer für gegen gewesen hab habe haben hat hatte hatten hier hin
hinter ich ihm ihn ihnen ihr ihre im in indem ins ist jede jedem jeden jeder jedes jene jetzt kann kein
keine können könnte machen man manche mein meine mich mir mit muss musste nach nicht nichts noch nun nur ob
oder ohne sehr sein seine selbst sich sie sind so solche soll sollte sondern sonst über um und uns unter
viel vom von vor während war waren was weg weil weiter welche wenn werde werden wie wieder will wir wird
wirst wo wollen wollte würde würden zu zum zur zwar zwischen`;

function toSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter((w) => w.length > 0));
}

const nb = toSet(NB);
const nn = toSet(NN);

/** Stop-word sets by language code (`no` = union of bokmål and nynorsk). */
export const STOPWORDS: Readonly<Record<'nb' | 'nn' | 'no' | 'sv' | 'da' | 'en' | 'de', ReadonlySet<string>>> = {
  nb,
  nn,
  no: new Set([...nb, ...nn]),
  sv: toSet(SV),
  da: toSet(DA),
  en: toSet(EN),
  de: toSet(DE),
};
