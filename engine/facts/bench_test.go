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

func BenchmarkExtract500(b *testing.B) {
	thread := "Lavori di rifacimento della strada in via Roma: chiusura al traffico fino a venerdì"
	lang := testLanguage(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(comment500)))
	for b.Loop() {
		Extract(comment500, thread, lang)
	}
}
