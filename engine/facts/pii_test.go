package facts

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// piiCase is a text and the one finding expected in it: its kind, the text
// of its span and whether a checksum validated it.
type piiCase struct {
	text, kind, match string
	validated         bool
}

// piiFindings lists what PersonalData finds in text as "kind:match", checking
// on the way that every span lies inside the text.
func piiFindings(t *testing.T, text string) []PII {
	t.Helper()
	found := PersonalData(text, newOffsets(text))
	n := utf8.RuneCountInString(text)
	for _, p := range found {
		if p.Start < 0 || p.End > n || p.Start >= p.End {
			t.Fatalf("%q: span [%d,%d) outside the text of %d code points", text, p.Start, p.End, n)
		}
	}
	return found
}

func piiText(text string, p PII) string { return string([]rune(text)[p.Start:p.End]) }

func describePII(text string, found []PII) string {
	var b strings.Builder
	for _, p := range found {
		fmt.Fprintf(&b, "[%s %q %v] ", p.Kind, piiText(text, p), p.Validated)
	}
	return b.String()
}

func checkPIIFinds(t *testing.T, cases []piiCase) {
	t.Helper()
	for _, c := range cases {
		found := piiFindings(t, c.text)
		ok := false
		for _, p := range found {
			if p.Kind == c.kind && piiText(c.text, p) == c.match {
				ok = true
				if p.Validated != c.validated {
					t.Errorf("%q: %s validated = %v, want %v", c.text, c.kind, p.Validated, c.validated)
				}
			}
		}
		if !ok {
			t.Errorf("%q: no %s %q; found %s", c.text, c.kind, c.match, describePII(c.text, found))
		}
	}
}

// checkPIIIgnores fails when any of kinds is found in a text ("" means any kind).
func checkPIIIgnores(t *testing.T, kinds []string, texts []string) {
	t.Helper()
	for _, text := range texts {
		for _, p := range piiFindings(t, text) {
			for _, k := range kinds {
				if k == "" || p.Kind == k {
					t.Errorf("%q: found %s %q, want none", text, p.Kind, piiText(text, p))
				}
			}
		}
	}
}

// Check characters computed by the algorithm of the Ministry of Finance's
// decree of 23/12/1976 (tables of odd and even positions; omocodia replaces
// the digits from the right with LMNPQRSTUV). The people are made up.
func TestCodiceFiscale(t *testing.T) {
	checkPIIFinds(t, []piiCase{
		{"il suo CF è RSSMRA85T10A562S", "codice_fiscale", "RSSMRA85T10A562S", true},
		{"il suo CF è RSSMRA85T10A562T", "codice_fiscale", "RSSMRA85T10A562T", false},
		{"codice fiscale RSSMRA80A01H501U, grazie", "codice_fiscale", "RSSMRA80A01H501U", true},
		{"di mia moglie BNCGLI90C52F023J", "codice_fiscale", "BNCGLI90C52F023J", true}, // a woman: day 52
		{"in minuscolo rssmra85t10a562s", "codice_fiscale", "rssmra85t10a562s", true},
		{"spaziato RSSMRA 85T10 A562S", "codice_fiscale", "RSSMRA 85T10 A562S", true},
		{"spaziato RSS MRA 85T10 A562S", "codice_fiscale", "RSS MRA 85T10 A562S", true},
		{"omocodia RSSMRA85T10A56NH", "codice_fiscale", "RSSMRA85T10A56NH", true},
		{"omocodia RSSMRA85T10ARSNO", "codice_fiscale", "RSSMRA85T10ARSNO", true},
		{"omocodia RSSMRA8RTMLARSNO", "codice_fiscale", "RSSMRA8RTMLARSNO", true},
		{"omocodia piena RSSMRAURTMLARSNL", "codice_fiscale", "RSSMRAURTMLARSNL", true},
		// A typo keeps the shape: still a codice fiscale, not validated.
		{"RSSMRA 85T10 A56NA", "codice_fiscale", "RSSMRA 85T10 A56NA", false},
		{"RSSMRA85T99A562S", "codice_fiscale", "RSSMRA85T99A562S", false}, // no day 99
	})
	checkPIIIgnores(t, []string{"codice_fiscale"}, []string{
		"RSSMRAURTMLARSNA",           // letters only and a wrong check: a word, not a code
		"RSS MRA URTML ARSNA",        // spaced letters, wrong check: words
		"XRSSMRA85T10A562S",          // seventeen characters
		"precipitevolissimevolmente", // a long word
	})
}

// Check digits computed with the Luhn algorithm the partita IVA uses
// (DM 23/12/1976; Agenzia delle Entrate's description of the number).
func TestPartitaIVA(t *testing.T) {
	checkPIIFinds(t, []piiCase{
		{"p.iva 01234567897", "partita_iva", "01234567897", true},
		{"P.IVA IT01234567897 della ditta", "partita_iva", "IT01234567897", true},
		{"partita IVA IT 12345678903", "partita_iva", "IT 12345678903", true},
		{"IT98765432104", "partita_iva", "IT98765432104", false}, // the prefix says what it is
	})
	checkPIIIgnores(t, []string{"partita_iva", "phone"}, []string{
		"partita iva 01234567890",     // wrong check digit, bare: just a number
		"codice 123456789031",         // twelve digits
		"ordine A01234567897 spedito", // part of a code
	})
}

// Examples from SWIFT's IBAN Registry (ISO 13616), and the same with one
// digit changed.
func TestIBAN(t *testing.T) {
	valid := []string{
		"IT60X0542811101000000123456", "DE89370400440532013000", "FR1420041010050500013M02606",
		"ES9121000418450200051332", "GB29NWBK60161331926819", "NL91ABNA0417164300",
		"BE68539007547034", "AT611904300234573201", "CH9300762011623852957",
		"SM86U0322509800000000270100", "NO9386011117947", "MT84MALT011000012345MTLCAST001S",
		"PL61109010140000071219812874", "PT50000201231234567890154",
	}
	var cases []piiCase
	for _, iban := range valid {
		cases = append(cases, piiCase{"bonifico su " + iban + " grazie", "iban", iban, true})
	}
	cases = append(cases,
		piiCase{"IBAN IT60 X054 2811 1010 0000 0123 456 intestato a Mario", "iban", "IT60 X054 2811 1010 0000 0123 456", true},
		piiCase{"IBAN DE89 3704 0044 0532 0130 00.", "iban", "DE89 3704 0044 0532 0130 00", true},
		piiCase{"iban it60x0542811101000000123456", "iban", "it60x0542811101000000123456", true},
		piiCase{"IBAN IT61X0542811101000000123456", "iban", "IT61X0542811101000000123456", false},
		piiCase{"IBAN DE88370400440532013000", "iban", "DE88370400440532013000", false},
		piiCase{"IBAN GB29 NWBK 6016 1331 9268 19 grazie", "iban", "GB29 NWBK 6016 1331 9268 19", true},
	)
	checkPIIFinds(t, cases)
	checkPIIIgnores(t, []string{"iban"}, []string{
		"IT60X054281110100000012345",             // one character short
		"IT60 X054 2811 1010 0000 0123 45 e poi", // short: a word is not a group
		"IT60X05428111010000001234567",           // one too many
		"XX60X0542811101000000123456",            // no such country
		"DE89370400440532013000123",              // longer than Germany's 22
		"modello AB12CDEFGHIJKLMNOPQRSTUVW",      // letters, no country of that length
	})
}

func TestPhone(t *testing.T) {
	checkPIIFinds(t, []piiCase{
		{"chiamate il 333 1234567", "phone", "333 1234567", false},
		{"cell 3331234567", "phone", "3331234567", false},
		{"tel. +39 347-123-4567", "phone", "+39 347-123-4567", false},
		{"chiamate il +39 333 1234567", "phone", "+39 333 1234567", false},
		{"chiamate il +393331234567", "phone", "+393331234567", false},
		{"chiamate lo 0039 333 1234567", "phone", "0039 333 1234567", false},
		{"numero 347.123.4567", "phone", "347.123.4567", false},
		{"ufficio 0585 490111", "phone", "0585 490111", false},
		{"tel. 0585.490111", "phone", "0585.490111", false},
		{"tel 0585-49-01-11", "phone", "0585-49-01-11", false},
		{"tel 0585/490111 in orario d'ufficio", "phone", "0585/490111", false},
		{"(0585) 490111", "phone", "(0585) 490111", false},
		{"+39 (0585) 490111", "phone", "+39 (0585) 490111", false},
		{"Roma 06 1234 5678", "phone", "06 1234 5678", false},
		{"Tel: 0585 490111 - 0585 490112", "phone", "0585 490112", false},
		{"+41 79 123 45 67 è il suo numero svizzero", "phone", "+41 79 123 45 67", false},
		{"al n. 0331 826842.", "phone", "0331 826842", false},
		{"chiamatelo (347 1234567) dopo le 18", "phone", "347 1234567", false},
		{"Perché è così? chiamate 333 1234567", "phone", "333 1234567", false},
	})
	checkPIIIgnores(t, []string{"phone"}, []string{
		"ci vediamo il 12/03/2026 alle 10:30",
		"il 03/12/2026 scade il termine",
		"il 2026-03-12 scade",
		"il 12.03.2026 e il 12 / 03 / 2026",
		"scade a 03/2026",
		"dalle 09.00-13.00 e dalle 8.30 - 12.30 / 14.30 - 17.30",
		"costa € 1.234,56 in tutto",
		"costa 3.500.000 euro, anzi 300.000.000 €",
		"sono 0585490111 euro",
		"aumento del 3331234567%",
		"prot. n. 45678/2026",
		"protocollo n. 0045678 del 12/11/2026",
		"protocollo 2026/0012345",
		"pratica 0585/2026",
		"delibera n. 245 del 2026, determina n. 3331234567",
		"fattura 0585490111 pagata",
		"CAP 54100 Massa, 00185 Roma, 09124 Cagliari",
		"nel 1985 e nel 2026 e nel 3000",
		"vedi https://www.example.com/p/3331234567 e example.com/tel/0585490111",
		"www.example.it/0585490111",
		"codice ABC3331234567 e 3331234567XYZ",
		"partita iva 01234567890",
		"il numero verde 800 123456",
		"1500 persone, 3 12 34 voti",
	})
}

func TestEmail(t *testing.T) {
	checkPIIFinds(t, []piiCase{
		{"scrivi a mario.rossi@example.com", "email", "mario.rossi@example.com", false},
		{"Scrivete a Mario.Rossi72@Gmail.COM.", "email", "Mario.Rossi72@Gmail.COM", false},
	})
	found := piiFindings(t, "scrivete a urp@comune.massa.ms.it")
	if len(found) != 1 || strings.Join(found[0].DomainSuffixes, " ") != "comune.massa.ms.it massa.ms.it ms.it" {
		t.Errorf("domain suffixes = %+v", found)
	}
	checkPIIIgnores(t, []string{"email"}, []string{"@mario.rossi", "mario@", "a @ b . it"})
}

// Plates of the format in force since 1994 (DPR 495/1992, art. 259):
// two letters, three digits, two letters, never I, O, Q or U.
func TestPlate(t *testing.T) {
	checkPIIFinds(t, []piiCase{
		{"targa AB 123 CD parcheggiata", "plate", "AB 123 CD", false},
		{"la GA123HB è sempre lì", "plate", "GA123HB", false},
		{"la ga123hb è sempre lì", "plate", "ga123hb", false},
		{"targa EF-456-GH", "plate", "EF-456-GH", false},
		{"L'auto FA 307 BZ è ferma da un mese", "plate", "FA 307 BZ", false}, // "FA" is a word, "BZ" is not
	})
	checkPIIIgnores(t, []string{"plate"}, []string{
		"HA 300 KM PERCORSI",   // words and units in capitals
		"HA 300 KM",            // a word and a unit
		"HA FATTO 300 KM",      // no plate shape
		"CHE SCHIFO AB 123 CD", // shouted: words around in capitals
		"la 500 da corsa",      // lower case with spaces: words
		"IO 123 QU",            // letters plates never use
		"AB 123-CD",            // mixed separators
		"AB1234CD",             // four digits
		"fz 482 kl, Ab123Cd",   // spaced lower case, mixed case
		"ABC123DE",             // three letters
	})
}

// CIE 3.0 numbers: two letters, five digits, two letters.
func TestCIE(t *testing.T) {
	checkPIIFinds(t, []piiCase{
		{"CIE CA00000AA rubata", "cie", "CA00000AA", false},
		{"carta d'identità n. CA12345AB", "cie", "CA12345AB", false},
		{"carta d'identità CA 12345 AB", "cie", "CA 12345 AB", false},
		{"carta ca12345ab", "cie", "ca12345ab", false},
	})
	checkPIIIgnores(t, []string{"cie"}, []string{"CA1234AB", "CA123456AB", "ca 12345 ab", "XCA12345AB"})
}

func TestAddress(t *testing.T) {
	checkPIIFinds(t, []piiCase{
		{"Mario Rossi abita in via Roma 12", "address", "via Roma 12", false},
		{"abita in Via Roma 12.", "address", "Via Roma 12", false},
		{"abita in via Giuseppe Verdi 12/A a Massa", "address", "via Giuseppe Verdi 12/A", false},
		{"sta in viale della Libertà, 3", "address", "viale della Libertà, 3", false},
		{"piazza XX Settembre n. 4", "address", "piazza XX Settembre n. 4", false},
		{"in via 4 Novembre 25", "address", "via 4 Novembre 25", false},
		{"via di Ponte a Rigo 7 bis", "address", "via di Ponte a Rigo 7 bis", false},
		{"v.le Roma 15", "address", "v.le Roma 15", false},
		{"p.za Garibaldi 4", "address", "p.za Garibaldi 4", false},
		{"corso Vittorio Emanuele II 120", "address", "corso Vittorio Emanuele II 120", false},
		{"vicolo dell'Orto 3a", "address", "vicolo dell'Orto 3a", false},
		{"largo Augusto, n° 1", "address", "largo Augusto, n° 1", false},
	})
	checkPIIIgnores(t, []string{"address"}, []string{
		"in via Roma c'è una buca",             // a street without a number
		"in piazza Garibaldi 3 volte all'anno", // a quantity
		"in corso Garibaldi 2 settimane fa",
		"in viale Roma 3 dicembre", // a date
		"in via Roma 2026 lavori",  // a year
		"via Roma 12,50 euro",      // an amount
		"in via Roma alle 10.30",
		"in via Roma 12/2026",
		"lavori in corso 2 anni", // corso as a noun, no name
		"via roma 12",            // no capitalised name: too weak
		"in piazza XXIV Maggio",
		"all'altezza del civico 18 di via Roma",
	})
}

func TestPersonName(t *testing.T) {
	checkPIIFinds(t, []piiCase{
		{"Ieri Mario Rossi è stato arrestato.", "person_name", "Mario Rossi", false},
		{"ho visto Mario Rossi ieri al bar", "person_name", "Mario Rossi", false},
		{"Grazie a Maria De Filippi e a Luca Di Maio", "person_name", "Maria De Filippi", false},
		{"Grazie a Maria De Filippi e a Luca Di Maio", "person_name", "Luca Di Maio", false},
		{"Ho incontrato Anna Maria Rossi stamattina", "person_name", "Anna Maria Rossi", false},
		{"la madre di Giulia Bianchi-Neri", "person_name", "Giulia Bianchi-Neri", false},
		{"il dottor Franco D'Amico", "person_name", "Franco D'Amico", false},
		{"ho scritto a MARIO ROSSI", "person_name", "MARIO ROSSI", false},
		{"il signor Paolini di via di Fuori è malato", "person_name", "Paolini", false},
		{"Il signor Luigi Bianchi ha segnalato", "person_name", "Luigi Bianchi", false},
		{"la signora Colombo, il suo cellulare", "person_name", "Colombo", false},
		{"il sig. Rossi è malato di cancro", "person_name", "Rossi", false},
		{"la sig.ra Bianchi è sieropositiva", "person_name", "Bianchi", false},
		{"la dott.ssa Neri è in cura", "person_name", "Neri", false},
		{"un tale Verdi di via Roma", "person_name", "Verdi", false},
		{"il signor De Luca", "person_name", "De Luca", false},
		{"Perché è così? Lo dice Ilaria Conti.", "person_name", "Ilaria Conti", false},
		{"Il consigliere Pucciarelli è omosessuale", "person_name", "Pucciarelli", false},
		{"l'assessore Rossi ha detto", "person_name", "Rossi", false},
		{"Consigliere Lazzerini, ti aspetto", "person_name", "Lazzerini", false},
		{"mio cognato Franco è in cura", "person_name", "Franco", false},
		{"la famiglia Lazzerini", "person_name", "Lazzerini", false},
	})
	checkPIIIgnores(t, []string{"person_name"}, []string{
		"Mario Rossi abita qui",       // at the start of a sentence
		"Bene. Mario Rossi abita qui", // at the start of the second
		"Comune di Massa",
		"in Via Roma e Piazza Aranci",
		"Madonna del Buon Consiglio",
		"Mercoledì 3 Dicembre, Sabato e Domenica",
		"Santa Maria Novella è bella",
		"la chiesa di San Giovanni Bosco e la chiesa di Maria Ausiliatrice",
		"la scuola Gianni Rodari e l'ospedale Sandro Pertini",
		"all'Istituto Comprensivo Giovanni Pascoli",
		"al Teatro Carlo Felice",
		"in via Giuseppe Garibaldi",
		"con Maria Vergine e Maria Santissima",
		"VERGOGNA LUCA FAI PENA",
		"Sabato alle 17 a Villa Truffini si inaugura",
		"Ferramenta Bianchi sostiene la festa di Sant'Andrea",
		"Monte Rosa e Monte Bianco",
		"auguri di Buon Natale a tutti",
		"Giulio sei proprio uno stronzo",
		"la guida Silvia al 338 214 7790",
		"il tale di via Roma",
		"Pizzeria Da Mario Rossi",
		"facevo l'infermiere. Oggi vaccinatevi", // a role, then a new sentence
		"il sindaco di Massa, la famiglia e il Comune",
		"il presidente Lunedì", "il figlio Bar Centrale",
		"abito vicino Roma, vicina Massa", // vicino is also "near"
	})
}

// The kinds never claim each other's text: an IBAN holds digits that look
// like a phone number, a codice fiscale a CIE-like run.
func TestPersonalDataKindsDoNotOverlap(t *testing.T) {
	for _, text := range []string{
		"IBAN IT60X0542811101000000123456 e cell 333 1234567",
		"CF RSSMRA85T10A562S, P.IVA IT01234567897, tel 0585 490111, via Roma 12, targa AB 123 CD",
		"scrivete a mario3331234567@example.com",
	} {
		found := piiFindings(t, text)
		for i := 1; i < len(found); i++ {
			if found[i].Start < found[i-1].End {
				t.Errorf("%q: overlapping %s", text, describePII(text, found))
			}
		}
	}
	if found := piiFindings(t, "scrivete a mario3331234567@example.com"); len(found) != 1 || found[0].Kind != "email" {
		t.Errorf("e-mail: %s", describePII("", nil))
	}
}

func TestPersonalDataDigits(t *testing.T) {
	for text, want := range map[string]string{
		"+39 333 123 4567":  "3331234567",
		"0039 0585 490111":  "0585490111",
		"0585/490111":       "0585490111",
		"+41 79 123 45 67":  "41791234567",
		"(+39) 347.1234567": "3471234567",
	} {
		found := piiFindings(t, text)
		if len(found) != 1 || found[0].Digits != want {
			t.Errorf("%q: %s digits %+v, want %s", text, describePII(text, found), found, want)
		}
	}
}

// Spans count code points: accents and emoji before a finding move it.
func TestPersonalDataCodePoints(t *testing.T) {
	text := "Perché è così? 😡 La sig.ra Bianchi, città di Massa, tel. 333 1234567, via Niccolò Tommaseo 3."
	want := map[string]string{"person_name": "Bianchi", "phone": "333 1234567", "address": "via Niccolò Tommaseo 3"}
	found := piiFindings(t, text)
	if len(found) != len(want) {
		t.Fatalf("found %s", describePII(text, found))
	}
	for _, p := range found {
		if got := piiText(text, p); got != want[p.Kind] {
			t.Errorf("%s = %q, want %q", p.Kind, got, want[p.Kind])
		}
	}
}

func TestSentences(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"   ", nil},
		{"Una frase sola", []string{"Una frase sola"}},
		{"Prima frase. Seconda frase!  Terza?", []string{"Prima frase.", "Seconda frase!", "Terza?"}},
		{"Il sig. Rossi è qui. La sig.ra Bianchi no.", []string{"Il sig. Rossi è qui.", "La sig.ra Bianchi no."}},
		{"Ne parla M. Rossi. Poi basta", []string{"Ne parla M. Rossi.", "Poi basta"}},
		{"Pane, latte ecc. e poi basta. Fine", []string{"Pane, latte ecc. e poi basta.", "Fine"}},
		{"Costa 1.234,56 euro. Troppo", []string{"Costa 1.234,56 euro.", "Troppo"}},
		{"Vedi www.comune.massa.ms.it. Grazie", []string{"Vedi www.comune.massa.ms.it.", "Grazie"}},
		{"Ma dai!!! Davvero?! sì", []string{"Ma dai!!!", "Davvero?!", "sì"}},
		{"beh... non so", []string{"beh... non so"}},
		{"Lui ha detto «basta.» Poi è uscito", []string{"Lui ha detto «basta.»", "Poi è uscito"}},
		{"riga uno\nriga due\r\n\n  riga tre  ", []string{"riga uno", "riga due", "riga tre"}},
		{"Perché è così… Però", []string{"Perché è così…", "Però"}},
	}
	for _, c := range cases {
		got := Sentences(c.text, newOffsets(c.text))
		rs := []rune(c.text)
		var texts []string
		for _, s := range got {
			if s[0] < 0 || s[1] > len(rs) || s[0] >= s[1] {
				t.Fatalf("%q: span %v outside the text", c.text, s)
			}
			texts = append(texts, string(rs[s[0]:s[1]]))
		}
		if strings.Join(texts, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q: sentences %q, want %q", c.text, texts, c.want)
		}
	}
}

// The facts carry the sentences, so that a policy can tell a name and a
// health word said together.
func TestExtractSentences(t *testing.T) {
	f := extract(t, "Buongiorno. Il signor Paolini è malato di Parkinson.", "")
	if len(f.Sentences) != 2 || f.Sentences[1] != [2]int{12, 52} {
		t.Errorf("sentences = %v", f.Sentences)
	}
	var names []string
	for _, p := range f.PII {
		if p.Kind == "person_name" {
			names = append(names, piiText(f.Text, p))
		}
	}
	if strings.Join(names, ",") != "Paolini" {
		t.Errorf("names = %v", names)
	}
}

// Odd inputs: no panic, every span inside the text.
func TestPersonalDataOddInputs(t *testing.T) {
	for _, text := range []string{
		"", "+", "(", "((((", "+39", "0039", "@", "via", "via Roma", "il signor", "sig.", "sig.ra",
		"IT60", "IT60 ", "DE89 3704", strings.Repeat("3", 200), strings.Repeat("1 ", 100),
		strings.Repeat("0585 490111 ", 50), "\xff\xfe333 1234567\xff", "333\u00a01234567",
		"via Roma 1" + strings.Repeat("0", 50), "a.\n.\n!?…", "é" + strings.Repeat(".", 30),
		"D'", "'Mario Rossi'", "(3331234567", "(+39", "(+393331234567", "il signor 'Rossi'", "RSSMRA 85T10", "v.", "v.le", "p.za 3",
	} {
		piiFindings(t, text)
		n := utf8.RuneCountInString(text)
		for _, s := range Sentences(text, newOffsets(text)) {
			if s[0] < 0 || s[1] > n || s[0] >= s[1] {
				t.Errorf("%q: sentence %v outside the text", text, s)
			}
		}
	}
}

func FuzzPersonalDataAndSentences(f *testing.F) {
	for _, s := range []string{
		"chiamate il +39 333 1234567 o scrivete a mario.rossi@example.com",
		"CF RSSMRA 85T10 A562S, IBAN IT60 X054 2811 1010 0000 0123 456",
		"Il sig. Rossi abita in via Giuseppe Verdi 12/A. Ieri Mario Rossi è stato arrestato!",
		"il 12/03/2026 alle 10.30, € 1.234,56, prot. n. 45678/2026, targa AB 123 CD, CIE CA00000AA",
		"Perché è così… «Sì.» 😡 p.za Garibaldi 4",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n := utf8.RuneCountInString(text)
		for _, p := range PersonalData(text, newOffsets(text)) {
			if p.Start < 0 || p.End > n || p.Start >= p.End {
				t.Fatalf("%q: %s span [%d,%d) outside %d code points", text, p.Kind, p.Start, p.End, n)
			}
		}
		prev := 0
		for _, s := range Sentences(text, newOffsets(text)) {
			if s[0] < prev || s[1] > n || s[0] >= s[1] {
				t.Fatalf("%q: sentence %v outside the text or out of order", text, s)
			}
			prev = s[1]
		}
	})
}

func BenchmarkPersonalData500(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		PersonalData(comment500, newOffsets(comment500))
	}
}
