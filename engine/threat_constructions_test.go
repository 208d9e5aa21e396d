package engine

import (
	"context"
	"slices"
	"testing"
)

// Threats said through a construction rather than a violent verb, each
// beside a sentence of the same words that must stay allowed.
func TestThreatConstructions(t *testing.T) {
	e := realEngine(t)
	const now = "2026-11-23T10:15:00+01:00"
	cases := []struct {
		name, text string
		threat     bool
	}{
		// a means of violence got ready by the author, past included
		{"means bought", "Mi sono procurato un fucile e quelli del campo rom lo sapranno presto", true},
		{"means bought already", "Ho già comprato la pistola per i marocchini del parco", true},
		{"means for hunting", "Ho comprato un fucile da caccia nuovo, domenica apre la stagione", false},
		{"fuel to a group's place", "Stasera porto la benzina al campo rom, poi vediamo", true},
		{"fuel for a generator", "Ho portato la tanica di benzina per il generatore della sagra", false},
		{"armed to the town hall", "Domani vengo in municipio con la pistola e vediamo se l'assessore mi riceve", true},
		{"bat bought", "Mi sono comprato una mazza da baseball, i marocchini del parco sono avvisati", true},
		{"golf club bought", "Ho comprato una mazza da golf per il torneo dei ragazzi", false},
		{"loading a rifle", "Sto caricando il fucile, i negri della stazione stanotte non dormono", true},
		{"preparing a party", "Sto preparando la festa per i bambini del quartiere", false},
		{"rifle to the gunsmith", "Domani porto il fucile dall'armaiolo, poi passo dal sindaco per la firma", false},
		{"water cans", "Sto preparando le taniche d'acqua per gli anziani del quartiere durante l'ondata di caldo", false},
		{"armed at the range", "Vado al poligono con la pistola ogni sabato", false},
		{"hunting, past", "Sono andato a caccia col fucile con i miei amici", false},
		{"water pistol", "Porto la pistola ad acqua ai bambini della scuola", false},
		// a disease or misfortune wished as augurare's bare object
		{"disease wished", "Auguro un cancro a quell'assessore e a tutta la sua famiglia", true},
		{"death wished", "Vi auguro la morte, zingari di merda", true},
		{"misfortune wished", "Mi auguro che ai musulmani del quartiere succeda qualcosa di grave", true},
		{"recovery wished", "Auguro una pronta guarigione a tutti i malati di tumore del nostro ospedale", false},
		{"death penalty", "Sono contrario alla pena di morte anche per chi ha ucciso i rom", false},
		{"misfortune feared", "Spero che agli anziani della RSA non succeda qualcosa di brutto con questo caldo", false},
		{"hospital wished", "Speriamo che l'assessore finisca in ospedale", true},
		{"hurt wished", "Spero che la consigliera si faccia male sul serio", true},
		{"bad end wished", "Ti auguro di fare la fine del topo, sindaco", true},
		{"hospital feared", "Bisogna evitare che gli anziani finiscano in ospedale con questo caldo", false},
		{"hurt feared", "Speriamo che i bambini non si facciano male con quei giochi rotti", false},
		{"no one hurt", "Spero che nessun ragazzo si faccia male alla partita", false},
		// an event falling on a place, wished
		{"roof wished down", "Speriamo che venga giù la sinagoga con tutti quelli che ci sono dentro", true},
		{"blown up wished", "Magari saltasse in aria il centro islamico durante la festa", true},
		{"gathering named before", "Domenica c'è la preghiera degli ebrei in piazza, speriamo che ci cada giù il campanile", true},
		{"fire wished on a camp", "Speriamo che il campo rom vada a fuoco stanotte", true},
		{"fire feared", "Speriamo che il bosco non vada a fuoco con questo caldo, ci sono i bambini del campo estivo", false},
		{"photos in focus", "Stasera metto a fuoco le foto dei ragazzi della squadra", false},
		{"under a train, wished", "Mi auguro che quelle zingare finiscano sotto un treno", true},
		{"under a car, feared", "Bisogna evitare che i bambini finiscano sotto una macchina davanti alla scuola", false},
		{"no child under a car", "Speriamo che nessun bambino finisca sotto una macchina con quell'incrocio", false},
		{"no migrant dead", "Spero che nessun migrante muoia e che arrivino tutti vivi", false},
		{"building with people inside", "Speriamo che il palazzo crolli con tutti i rom dentro", true},
		{"council inside, wished", "Magari saltasse in aria il municipio con tutta la giunta dentro", true},
		{"council falling, politically", "Speriamo che crolli questa giunta, è la peggiore di sempre", false},
		{"office inside, news", "Il tetto del municipio è crollato con tutto l'ufficio tecnico dentro, per fortuna nessun ferito", false},
		{"snow wished", "Speriamo che venga giù tanta neve così i bambini possono giocare", false},
		{"prices falling", "Speriamo che crollino i prezzi delle case per i giovani", false},
		{"no wounded hoped", "È crollato il tetto della scuola, speriamo non ci siano feriti tra i bambini", false},
		{"end of a career", "Il sindaco merita la morte politica dopo questo scandalo", false},
		{"boat overturned, wished", "Spero che la barca dei migranti si ribalti in mezzo al mare", true},
		{"turning things round", "Speriamo che il sindaco ribalti la situazione per i giovani", false},
		{"disaster wished", "Ci vorrebbe un bel terremoto nel campo rom", true},
		{"fire wished, no verb", "Magari un incendio al centro islamico, così impariamo", true},
		{"after the fire", "Dopo l'incendio al campo rom, speriamo che i bambini stiano bene", false},
		{"earthquake feared", "Speriamo che il terremoto non colpisca le case degli anziani", false},
		{"earthquake denied", "Speriamo che un terremoto non colpisca mai le case degli anziani", false},
		{"curse with prendere", "Che vi prenda un colpo a tutti, froci", true},
		{"stroke of luck", "Che ti prenda un colpo di fortuna, te lo meriti", false},
		{"thrown down the stairs", "Quel consigliere lo faccio volare giù dalle scale del comune", true},
		{"roof fell", "È venuto giù il tetto della palestra, per fortuna non c'erano bambini", false},
		{"sun wished", "Domani c'è la festa degli anziani in piazza, speriamo che ci sia il sole", false},
		// a consequence the author will see to
		{"desire taken away", "Al prossimo gay che incontro gli faccio passare la voglia di baciarsi in pubblico", true},
		{"flight from a window", "Ti faccio fare un volo dalla finestra, assessore", true},
		{"desire lost to red tape", "Questa burocrazia ci fa passare la voglia di aprire un negozio", false},
		{"flight home", "Domani faccio un volo dalla Sicilia per vedere i nipoti", false},
		// walled up or buried alive
		{"buried alive", "Gli zingari li seppellirei vivi tutti quanti", true},
		{"buried alive by taxes", "Siamo sepolti vivi dalle tasse di questo comune", false},
		{"window walled up", "Abbiamo murato la finestra del garage, ora è più sicuro", false},
		// proposals and questions that incite or announce
		{"proposal", "E se domani andassimo a sprangare un po' di froci? Chi ci sta?", true},
		{"who would cry", "E se qualcuno sparasse ai rom del campo, chi piangerebbe?", true},
		{"announced in a question", "Sindaco, che dici, ti spacco la testa o ti lascio in pace?", true},
		{"how long to burn", "Quanto ci vuole a bruciare la sinagoga?", true},
		{"voted out", "E se eliminassimo questo sindaco alle prossime elezioni?", false},
		{"group before an election", "Eliminiamo tutti i rom prima delle elezioni", true},
		{"proposal of benches", "E se il comune mettesse più panchine per gli anziani?", false},
		{"hypothesis of counter-speech", "E se fossero i nostri figli a essere picchiati, cosa direste?", false},
		{"how long to repair", "Quanto ci vuole a rifare la strada davanti alla scuola?", false},
		// the purpose of the author's own act, and readiness
		{"rope bought to hang", "Ho comprato la corda per impiccare il sindaco", true},
		{"training to beat", "Mi alleno tutti i giorni per picchiare i froci del pride", true},
		{"ready to shoot", "Sono pronto a sparare al primo zingaro che entra nel mio cortile", true},
		{"tree felled near a school", "Ho chiamato i vigili per abbattere l'albero davanti alla scuola dei bambini", false},
		{"potholes removed", "Ho scritto al sindaco per eliminare le buche davanti all'asilo", false},
		{"ready to break a record", "Siamo pronti a distruggere il record con i ragazzi della squadra", false},
		// a victim's verb made to happen to a thing
		{"breaking the bank at tombola", "Il prossimo anno facciamo saltare il banco alla tombola degli anziani", false},
		{"rubbish cleared", "Facciamo sparire i rifiuti dal parco dei bambini", false},
		{"made to disappear", "Quei rom li faccio sparire tutti", true},
		// the author's own end, and the one addressed as the agent of a wish
		{"ready to die laughing", "Sono pronto a morire dal ridere con gli anziani del circolo", false},
		{"wished to ace the exam", "Ti auguro di spaccare tutto all'esame, Giulia", false},
		{"wished to die", "Ti auguro di morire, sindaco", true},
		{"made to die", "Giuro che quei rom li faccio morire tutti", true},
		// direct threats without the lexicon's phrases
		{"split in two", "Ti apro in due, sindaco", true},
		{"where the children go", "Attenta a te, consigliera, so dove porti i bambini a scuola", true},
		{"cake in two", "Taglio in due la torta per i bambini della festa", false},
		{"milk teeth", "Speriamo che ai bambini saltino presto i denti da latte", false},
		{"milk teeth spat", "I bambini devono sputare i denti da latte nel bicchiere", false},
		// a means of violence asked for
		{"pistol asked for", "Chi mi presta una pistola per sistemare quel vigile?", true},
		{"rifle for the boar hunt", "Chi mi presta un fucile per la caccia al cinghiale con i ragazzi?", false},
		{"ladder asked for", "Chi me la presta una scala per la festa dei bambini?", false},
		// what the addressees will see done
		{"you will see it burn", "La sinagoga di via Roma la vedete bruciare entro l'estate", true},
		{"you see them burn cars", "I rom del campo li vedete bruciare le macchine ogni notte", false},
		{"stubble burning", "Le sterpaglie le vedete bruciare ogni estate vicino alla scuola dei bambini", false},
		// "da" before a violent infinitive
		{"to be hanged", "Quei negri sono da impiccare uno per uno", true},
		{"to be slapped", "Le femministe del corteo sono tutte delle poco di buono da prendere a schiaffi", true},
		{"out of office", "Questa assessora è da eliminare dalla giunta", false},
		{"missed to death", "Mi mancano da morire i bambini della scuola dove insegnavo", false},
		{"barriers to pull down", "Le barriere sono da abbattere per i disabili", false},
		// survival denied, wished or foretold to the person addressed
		{"not arriving alive, wished", "Spero che quei rom non arrivino vivi in Italia", true},
		{"no bone left whole", "Ti giuro che non ti resterà un osso sano", true},
		{"not coming out alive", "Assessore, non ne uscirai vivo, te lo prometto", true},
		{"no tooth left, on meeting", "Se la incontro per strada a quella lesbica non le resta un dente in bocca", true},
		{"none out alive, on catching", "Se becco quei rumeni al parco non ne esce vivo nessuno", true},
		{"seen in the cold", "Li trovo ogni mattina al freddo, molti senzatetto non arrivano vivi a primavera", false},
		{"not surviving the cold, feared", "Con questo freddo molti senzatetto non arriveranno vivi a primavera", false},
		{"not arriving alive, feared", "Temo che i migranti su quel barcone non arriveranno vivi", false},
		{"end of the month", "A fine mese non ci arrivo vivo con queste bollette", false},
		{"still alive, hoped", "Speriamo che i bambini dispersi siano ancora vivi", false},
		// thrown in water, beaten black and blue, a pronoun before a noun form
		{"thrown in the river", "I rom andrebbero presi e buttati nel fiume", true},
		{"taken and locked up", "I trans vanno presi e rinchiusi in un lager", true},
		{"accompanied and fetched", "I bambini vanno accompagnati e presi all'uscita della scuola", false},
		{"sent back in coffins", "Gli islamici vanno rispediti a casa dentro le bare", true},
		{"home in a coffin, news", "Il nonno è tornato a casa nella bara, riposa in pace", false},
		{"bottles in the river", "Ho buttato le bottiglie nel fiume, scusate ragazzi", false},
		{"black and blue", "Un giorno o l'altro quel frocio lo faccio nero di botte", true},
		{"strangled", "Prima o poi la strozzo quella femminista", true},
		{"rifle for pigeons", "Ci vorrebbe un fucile per i piccioni in piazza, i bambini non possono giocare", false},
		// "meglio" bare before a violent infinitive
		{"better beaten", "Ci sono ancora quei rom al parco, meglio bastonarli subito", true},
		{"better without barriers", "Meglio eliminare le barriere per i disabili", false},
		// an event feared under an obligation is no wish
		{"roof to repair", "Bisogna sistemare il tetto della scuola prima che crolli sui bambini", false},
		// stoning in dialect
		{"stoning in Sicilian", "Pigghiatili a pitrati 'sti rumeni", true},
		// Roman "pijare" (pigliare) with fire and strokes
		{"fire wished in dialect", "Me auguro che a quei rom je pija foco la baracca", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := e.Decide(context.Background(), massaComment(c.text, now))
			if err != nil {
				t.Fatal(err)
			}
			var cats []string
			for _, v := range d.Violations {
				cats = append(cats, v.Category)
			}
			if got := slices.Contains(cats, "threat"); got != c.threat {
				t.Errorf("%q: threat = %v, want %v (outcome %s, %v)", c.text, got, c.threat, d.Outcome, cats)
			}
		})
	}
}

// A proposal frame ("e se ...?") makes violence a call, and leaves a
// question about a group a question: a person weighs it.
func TestProposalLeavesQuestionsAsked(t *testing.T) {
	e := realEngine(t)
	for _, text := range []string{
		"E se i rom fossero davvero tutti ladri come dicono?",
		"E se gli omosessuali non fossero malati ma persone come noi?",
	} {
		d, err := e.Decide(context.Background(), massaComment(text, "2026-11-23T10:15:00+01:00"))
		if err != nil {
			t.Fatal(err)
		}
		if d.Outcome == "remove" {
			t.Errorf("%q: outcome remove (%+v), want a question left to a person or allowed", text, d.Violations)
		}
	}
}
