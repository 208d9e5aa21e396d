package facts

import "testing"

// A 500-character comment of the kind Massa's pages get: a complaint with a
// link, a hashtag, a phone number and a question.
var comment500 = `Buongiorno, scrivo per l'ennesima volta perché i lavori in via Roma ` +
	`sono fermi da settimane: la strada è piena di buche, il traffico è bloccato e nessuno ci dice ` +
	`quando finiranno. Ho chiamato l'URP al 0585 490111 ma non risponde mai nessuno. Sul sito ` +
	`www.comune.massa.ms.it non c'è nessuna informazione aggiornata. #viaroma #massa Qualcuno può ` +
	`spiegarci cosa sta succedendo? Pago le tasse come tutti e pretendo rispetto per chi abita qui. ` +
	`Grazie a chi vorrà rispondere, spero presto!!!`

// A 500-character comment of the kind the grammar is for: threats with
// clitics, a dehumanising comparison, negation, reported speech.
var hate500 = `Giuro che prima o poi quei rom li faccio sparire tutti, e chi scrive che sono brave ` +
	`persone dovrebbe vergognarsi. Non è vero che si integrano: rubano, spacciano e si moltiplicano come ` +
	`topi. Ho deciso di andare sotto casa dell'assessore e spaccargli la testa, così impara a portarceli ` +
	`qui. Andrebbero bruciati vivi, fateli fuori prima che sia tardi! Le loro donne dovrebbero tornare ` +
	`al loro paese. Sono parassiticome le zecche, zingarimerda. Chi ha il coraggio di dire che sbaglio?`

const thread500 = "Lavori di rifacimento della strada in via Roma: chiusura al traffico fino a venerdì"

func benchExtract(b *testing.B, text string, lang *Language) {
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Extract(text, thread500, lang)
	}
}

// The facts with the ente's language, whose cache of words is warm after
// the first comment, as it is on a server after the first few.
func BenchmarkExtract500(b *testing.B) { benchExtract(b, comment500, testLanguage(b)) }

func BenchmarkExtract500Hate(b *testing.B) { benchExtract(b, hate500, testLanguage(b)) }

// Cold: every word analysed anew, as for the first comments a server sees
// or a text of words never met.
func BenchmarkExtract500Cold(b *testing.B) { benchExtract(b, comment500, testLanguage(b).uncached()) }

func BenchmarkExtract500HateCold(b *testing.B) { benchExtract(b, hate500, testLanguage(b).uncached()) }

// Without a language: the facts as they were before the grammar.
func BenchmarkExtract500NoLanguage(b *testing.B) { benchExtract(b, comment500, nil) }

// uncached is l analysing every word anew.
func (l *Language) uncached() *Language {
	c := *l
	c.cache = nil
	return &c
}
