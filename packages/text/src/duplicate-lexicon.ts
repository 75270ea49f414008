// A small hand-made lexicon of words residents use about a municipality's services, in bokmål,
// nynorsk, Swedish, Danish and English: each line is one concept and the forms that name it. Words of
// any of the five languages that name the same thing get the same concept, so "fartsdumper",
// "fartshumpar" and "speed bumps" share a feature that their spelling does not give them.
//
// How a form matches a (Scandinavian-folded, lower-cased) word:
// - a form of 5 letters or more matches anywhere in the word ("parkering" in "parkeringsplassen");
// - a shorter form matches the whole word or the end of a compound (at least 2 letters before it),
//   followed by nothing or an inflection ending ("vei" in "veien", "gangvei", "skolevegen");
// - a form ending in "-" also matches the start of a compound ("fart-" in "fartsdumper");
// - a form starting with "=" matches only the whole word (with an inflection ending).
// Where matches overlap, the longest wins ("barnehage" beats "hage", "tomt" beats "tom").
// The words were chosen for municipal services in general (roads, schools, parks, buses, snow, housing,
// health, culture, fees), not from any test text; see README for how the list was checked.

const CONCEPTS = `
road: vei veg väg vej road gate gata gade street kjørebane køyrebane veibane vegbane roadway asfalt asphalt
speed: fart- =fort hastighet hastighed speed speeding
speedlimit: fartsgrense fartsgrence hastighetsgräns hastighedsgrænse speedlimit
bump: dump hump bump farthinder fartsdemper drempel vejbump
car: =bil bilar biler bilen bilene bilane bilerne cars =car =auto
carfree: bilfri carfree
truck: lastebil lastbil vogntog lorry lorries truck trucks tungtransport
van: varebil varevogn =van delivery
bus: =buss =bus- bussen busser bussar bussen busen
stop: holdeplass haldeplass hållplats stoppested busstopp stoppested
shelter: leskur =skur shelter väderskydd læskur
departure: avgang avgangar avganger afgang afgange avgång avgångar departure departures
frequent: =ofte oftere oftare oftast often frequent frequently hyppig hyppigere
evening: kveld kvell kväll aften evening evenings kveldstid
night: natt =nat nætter night nights
morning: morgen morgon morning formiddag
weekend: helg weekend weekends
sunday: søndag sondag söndag sunday sundays
saturday: lørdag laurdag lördag saturday saturdays
winter: vinter winter vintertid
summer: sommer sommar summer
open: =åpen =åpent =åpne =ope =open =opne =öppen =öppna =åben =åbent =åbne opening åpningstid opningstid öppettid åbningstid openinghours
closed: stengt stengd stengde stänger stängd lukket lukker closed closes =stenger =stenge
long: lenger lengre längre længere longer =lang =long =lengst
library: bibliotek library
school: =skole skolen skoler skolene skule skular skola skolan =skol- school schools
schoolyard: skolegård skulegard skuleplass skolgård schoolyard skolgårdar
pupil: elev elevar elever eleverna pupil pupils
student: student studenter studentar studerende
child: =barn barna barnen =born borna =børn børnene child children kids =kid ungane ungene småbarn
youth: ungdom ungdommen ungdomar youth teenager tenåring =unge =young =unga
family: familie familj family families barnefamilie barnfamilj børnefamilie
elderly: eldre äldre ældre elderly =older senior seniorer pensjonist pensionist pensioner pensioners
bench: benk bänk bænk bench benches sittebenk parkbenk parkbänk
park: =park parken
light: =lys lyset ljus belysning lighting =light lights lamp lamper lampor flomlys flaumlys lyspære lyspærer lightbulb gatelys gatlampa gatlampor streetlight streetlights
trafficlight: lysregulert lysregulering lysreguleret trafikklys trafikljus trafiksignal lyskryds trafficlight trafficlights signalregulert
dark: mørk mörk =mork =dark darkness kolsvart
path: =sti =stig =stien =stiene =stigen =stigane path paths trail trails tursti turveg turvei turstig gangsti gangstig footpath walkway gangvei gangveg gångväg gangbane gangbana gangbanen
sidewalk: fortau fortauet fortaua trottoar trottoarer fortov fortovet sidewalk pavement
crossing: overgang gangfelt övergångsställe fodgængerovergang crossing crosswalk zebra
underpass: undergang gångtunnel underpass
bike: sykkel sykl- =sykle syklar sykler cykel cykl- =cykla bike bikes bicycle cycle cycling cyklar cykler
parking: parker parkering parking parkeringsplass parkeringsplads parkeringsplats carpark
rack: stativ =ställ =stal rack racks cykelställ sykkelstativ
waste: søppel sopel =boss avfall affald rubbish trash litter garbage waste skrald skrot
bin: bøtte botte =kasse kassen =dunk dunker dunkar spann =bin bins container containere containerar behållare beholder =tunna tunnor spand spande bosspann søppeldunk
sandbox: sandkasse sandlåda sandkassen sandbox
toilet: toalett toaletter toilet toilets =wc =do offentligtoilet
dog: =hund hunden hunder hundar hunde =dog dogs hundepark hundrastgård hundeluftning
fence: gjerde inngjerdet inhägnad indhegnet hegn fenced fence gjerdet
free: gratis =free kostnadsfri kostnadsfritt gebyrfri
price: =pris prisen prisar priser price prices =kost kostnad kostnader cost costs
expensive: =dyr =dyre =dyrt expensive =dear
discount: rabatt =rabat discount reduced reduksjon
fee: avgift afgift gebyr gebyret fee fees charge charges taxa
lower: senk senke =sänk sänka =sænk sænke lower lowered reduce redusere minske =lavere lågare
ticket: billett biljett =billet billetter biljetter ticket tickets
swim: svøm =symj- symjing symje simhall simma swim swimming svømme svømming badeland
pool: basseng =pool svømmehall symjehall simhall svømmehal swimmingpool
beach: strand stranda stranden =beach beaches badestrand badestranda badeplass badeplats
lifebuoy: livbøye livboye livbøyer redningskrans redningskranse livboj lifebuoy lifebuoys livredder lifeguard redningsutstyr redningsudstyr rescue
hole: =hull =hol =hål =hul huller hullet holet hola =holes pothole potholes =grop gropar
repair: reparer reparere reparerast repair =fix fixed =laga lagas mend utbedre istandsette vedlikehold vedlikehald underhåll vedligehold vedligeholdelse maintenance maintain
broken: ødelagt odelagt øydelagt øydelagde trasig trasiga trasiga defekt broken =ødelagte
noise: =støy støyen stoy buller =støj stoj noise noisy bråk =larm lydnivå støyskjerm bullerplank
wall: skjerm skjerming =plank barrier =vegg =vägg =væg =wall walls =mur
kindergarten: barnehage barnehagar barnehager förskola förskolor børnehave børnehaver daycare kindergarten nursery dagis vuggestue
wait: =vente =venta =vänta =wait waiting ventetid väntetid ventelist venteliste väntelista waitinglist ventar venter
place: =plass =plats =plads =place =spaces =space =spot plasser plassar platser pladser
more: flere fleire =fler flera =more mere
need: trenger =treng trengs trengst behöver behov =need needs needed =brug mangler manglar saknar mangler lacks
build: =bygg bygge byggj =bygga =byg =build building built construct anlegg anlägg anlæg
permit: tillatelse tillating tilladelse tillstånd bygglov permit løyve
application: søknad soknad ansøgning ansökan application applications apply søke =søge =söka applying
digital: digital online nettbank netbank internet elektronisk
wifi: trådløst trådlaust wifi wi-fi wireless wlan
simple: =enkel enklere enklare =simple simpler =easy easier lettere
cumbersome: tungvint tungvinn besværlig krånglig cumbersome complicated komplisert komplicerad
cinema: =kino kinosal =biograf biografsal =bio cinema cinemas movie movies =film
rehearsal: =øve =øva øving øvingsrom =öva =repa replokal replokaler rehearse rehearsal rehearsals
music: =band musikk musik music konsert koncert concert concerts
basement: kjeller kjellar källare kælder basement cellar
culturehouse: kulturhus kulturhuset culturehouse artscentre kulturcenter
water: =vann vannet =vatn vatnet vatten =vand vandet water drikkevann drikkevatn dricksvatten drikkevand
fountain: fontene fontän springvand fountain fountains drikkefontene drikkefontener dricksfontän
flood: oversvøm oversvom översvämm oversvømm =flood flooded flooding =flom =flaum oversvømde
drain: sluk =sluket avløp avlop avlopp afløb kloakk =kloak drain drains gully overvann overvatn stormwater sewage sewer
tree: =trær =tre =trea =träd =træ træer =tree trees lindetrær lindetrea trær
plant: plant planting plante planta plantning
cutdown: =hogg =hugg felle =fell =fäll =fælde felling =chop
hospital: sykehus sjukehus sjukhus sygehus hospital
direct: direkte direkt direct directly
transfer: =bytte =byte =bytta =skifte transfer omstigning =change
job: jobb =job jobs arbeid arbete arbejde =work working sommerjobb sommarjobb sommerjob
tax: =skatt =skat =tax taxes eiendomsskatt eigedomsskatt fastighetsskatt ejendomsskat propertytax
property: eiendom eigedom fastighet ejendom property
girl: jente jenter jentene =flick flickor flicklag pige piger girl girls jentelag
hall: idrettshall idrottshall idrætshal sportshall gymsal =hall hallen hallar =hal gymnastiksal
training: trening treninga träning træning training practice treningstid träningstid
fair: rettferdig rettferdig rättvis rättvist retfærdig =fair fairly
climb: klatre klatring klättring klättervägg klatrevegg klatrevæg climbing climb =klatr-
bridge: =bru brua brua =bro broen bron =bridge bridges brudekke
narrow: =smal smale =narrow =trang =trangt widen breddes utvide bredere breiare
railing: rekkverk räcke rækværk railing railings gelender handrail
rust: rust rusten rustent rustne rostig rostiga rusty
pram: barnevogn barnvagn barnevogne pram prams stroller buggy
grass: =gress =gras =græs grass gräsmatta plen lawn gresset graset
festival: festival festivalen festivals
organiser: arrangør arrangor arrangör organiser organizer organisers
event: arrangement arrangementer arrangemang event events tilstelning
broadband: fiber bredbånd breiband bredband broadband fibernett
gravel: =grus gravel grusvei grusveg grusväg grusvej
grade: høvle høvles hovle hyvla hyvlas grade grading
leisure: fritid fritidsaktivitet fritidskort leisure activity activities aktivitet aktiviteter
oneway: enveiskjørt envegskøyrt enkelriktad ensrettet oneway
fireengine: brannbil brannbilen brandbil firetruck fireengine utrykning utrykningskjøretøy ambulanse ambulance
unload: losse losser lossing lastar unload unloading varelevering leverans
block: blokkere blokkerer sperrer blockerar blokerer =block blocks blocked blokkerer
playground: lekeplass leikeplass lekplats legeplads playground playgrounds lekeapparat leikeapparat legeredskab lekapparat playequipment
swing: =huske husker husket huskene husketa gunga gungor gynge gynger =swing swings
shade: skygge skugga =skygg shade shadow shady
roof: =tak taket =tag roof roofs overbygg
nursinghome: sykehjem sjukeheim äldreboende plejehjem nursinghome carehome omsorgsbolig
staff: ansatte tilsette =personal personale personalet staff understaffed ansette tilsetje =hire bemanning pleier pleiar pleiarar pleiere carer carers sykepleier
garden: =hage =hagen trädgård trädgård =have garden gardens
sensory: sanse sinnes sansehage sinnesträdgård sensory senses
resident: beboer beboere bebuar bebuarar =boende resident residents
station: stasjon station =banegård banegard jernbanestasjon järnvägsstation railwaystation trainstation
changingtable: stellebord skötbord puslebord changingtable babychanging
market: =marked markedet marknad =market markets torghandel
farmer: bonde bondens =bonden bønder farmer farmers
food: =mat =mad =food lokalmat lokalproducerad kortreist
meetingplace: møteplass møteplassen mötesplats mødested meetingplace gatheringplace
graffiti: graffiti tagging =tags =tag graffitivegg graffitivägg
clean: =vask vaske =rens rengjør =tvätta clean cleaning =wash städa rydde ryddeaksjon cleanup
paint: =mal maling =male =måla malt =paint painted repaint
legal: lovlig laglig legal =tillatt
increase: =økt økning auka =ökat steget =rose increase increased =stige =steg
clinic: helsestasjon helsestasjonen ungdomsmottagning clinic healthcentre helsehus helsesenter vårdcentral hälsocentral sundhedscenter legesenter
doctor: fastlege fastlegen husläkare husläkaren huslæge =lege =läkare =læge doctor =gp
appointment: =time =timen =timar appointment appointments =tid =tiden
dropin: dropin walkin
housing: =bolig boliger bustad bustader =bostad bostäder housing home homes leilighet lägenhet lejlighed apartment utleiebolig lejebolig hyresrätt
rent: =leie =leige =hyra =leje rent rental utleie utleige udlejning uthyrning hire renting
plot: =tomt tomta tomter tomtar =grund =plot plots =lot
firstbuyer: førstegangskjøper førstegangskjøpere förstagångsköpare førstegangskøber firsttimebuyer
sell: selge =selje sälja =sælge =sell selling
charging: ladestasjon ladestasjoner laddstation laddstationer ladestander ladepunkt =lade =ladd oplader charging charger chargers chargingpoint
electriccar: elbil elbiler elbilar electriccar electriccars =ev
townhall: rådhus rådhuset radhus townhall cityhall kommunehus
skitrack: skiløype skiløyper skidspår skiløjpe skiløjper skitrail skitracks løype =loipe
snow: =snø =snö =sne =snow snowy
shore: fjære fjøre fjæra fjøra shore shoreline strandkant
plastic: engangsplast engångsplast engangsplastik plast plastik plastic singleuse
ban: =forby forbod forbud förbjud forbyd =ban banned prohibit forbod nattforbud nattforbod
sack: =sekk sekker =säck säckar =sæk sække =sack sacks =bag bags =pose poser posar
glove: hanske hansker hanskar handske handskar glove gloves
harbour: =havn havna havnen =hamn hamna hamnen harbour harbor marina gjestehavn gästhamn gæstehavn
boat: =båt båter båtar =båd både =boat boats
kayak: kajakk kajakkar =kajak kajaker kajaker kayak kayaks
guest: =gjest gjester =gäst gäster =gæst gæster guest guests besøkende besøgende besökare visitor visitors visiting
sea: =sjø sjøen =sjön =sea havet
sign: =skilt skilting skylt skyltar signpost signposts =sign signs merking merket markering marking markings
lost: =vilse =vild =lost =bort
health: helse hälsa sundhed health
danger: farlig farleg =farligt dangerous unsafe utrygg utrygt otrygg risky
safe: trygg trygt tryggere tryggare säker säkert sikker sikkert =safe safely safer
empty: =tøm tømme tømt tømmes tømast tömma tömmas =tom =tømmer empty emptied emptying
help: hjelp hjelpe hjälp hjälpa hjælp hjælpe =help helping assistance veiledning vejledning guidance
homework: lekse lekser leksehjelp läxa läxhjälp lektiehjælp homework
lunch: lunsj lunch frokost matpakke skolemat skolmat skolelunsj skollunch schoollunch meal meals
math: matte matematikk matematik math maths mathematics
mobile: mobil mobilen mobiltelefon =phone phones smartphone
hospitaltransport: pasientreise
cheap: =billig =billigt billigare billigere cheap cheaper
high: =høy =høg =hög =høj =high =higher
queue: =kø =kö =queue
`;

/** A concept's number and how a form matches. */
interface Form {
  concept: number;
  /** Matches only as the whole word (with an inflection ending). */
  wholeOnly: boolean;
  /** Also matches the start of a compound. */
  start: boolean;
}

/** Endings a short form may carry and still match (bokmål, nynorsk, Swedish, Danish and English inflections, folded). */
const INFLECTIONS = new Set(['', 'e', 'en', 'et', 'er', 'ar', 'ene', 'ane', 'a', 'ana', 'arna', 'erna', 'orna', 'na', 'n', 's', 'r', 'ne', 't', 'te', 'de', 'es', 'ed', 'ing', 'ingar', 'inger', 'rne', 'erne', 'ende', 'ast', 'ast', 'es']);

/**
 * Builds the lexicon with `fold` (the duplicate finder's Scandinavian folding), so forms are written in
 * each language's own spelling and compared folded. Returns a function from a folded word to the
 * concepts it names (ids into `names`, ascending; none for most words), cached per word.
 */
export function createConceptLexicon(fold: (text: string) => string): { names: string[]; conceptsOf: (word: string) => readonly number[] } {
  const names: string[] = [];
  const forms = new Map<string, Form>();
  let longest = 0;
  // The first two letters of every form: most positions in a word start none, and are skipped at once.
  const starts = new Set<string>();
  for (const line of CONCEPTS.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const concept = names.length;
    names.push(line.slice(0, colon).trim());
    for (const raw of line.slice(colon + 1).trim().split(/\s+/)) {
      const wholeOnly = raw.startsWith('=');
      const start = raw.endsWith('-');
      const form = fold(raw.replace(/^=/, '').replace(/-$/, '').replace(/-/g, ''));
      if (form.length < 2 || forms.has(form)) continue;
      forms.set(form, { concept, wholeOnly, start });
      starts.add(form.slice(0, 2));
      longest = Math.max(longest, form.length);
    }
  }
  const cache = new Map<string, readonly number[]>();
  const none: readonly number[] = [];
  const conceptsOf = (word: string): readonly number[] => {
    const known = cache.get(word);
    if (known) return known;
    const spans: { from: number; to: number; concept: number }[] = [];
    for (let from = 0; from + 2 <= word.length; from++) {
      if (!starts.has(word.slice(from, from + 2))) continue;
      for (let to = from + 2; to <= Math.min(word.length, from + longest); to++) {
        const form = forms.get(word.slice(from, to));
        if (!form) continue;
        const rest = word.slice(to);
        const whole = from === 0 && INFLECTIONS.has(rest);
        let matches: boolean;
        if (form.wholeOnly) matches = whole;
        else if (to - from >= 5) matches = true;
        else matches = whole || (from >= 2 && INFLECTIONS.has(rest)) || (form.start && from === 0);
        if (matches) spans.push({ from, to, concept: form.concept });
      }
    }
    // The longest match wins where matches overlap.
    const kept = spans.filter((s) => !spans.some((o) => o !== s && o.to - o.from > s.to - s.from && o.from <= s.from && o.to >= s.to));
    const concepts = [...new Set(kept.map((s) => s.concept))].sort((a, b) => a - b);
    const answer = concepts.length === 0 ? none : concepts;
    if (cache.size < 1 << 18) cache.set(word, answer);
    return answer;
  };
  return { names, conceptsOf };
}
