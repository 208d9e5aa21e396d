package outbound

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
)

func TestSign(t *testing.T) {
	// openssl: printf '%s.%s' 1700000000 '{"a":1}' | openssl dgst -sha256 -hmac whsec_test
	const want = "sha256=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789"
	got := Sign("whsec_test", 1700000000, []byte(`{"a":1}`))
	if got != want {
		t.Fatalf("Sign = %q, want openssl's %q", got, want)
	}
	if !Verify("whsec_test", 1700000000, []byte(`{"a":1}`), got) {
		t.Error("Verify refuses Sign's signature")
	}
	for _, c := range []struct {
		secret string
		ts     int64
		body   string
	}{{"whsec_other", 1700000000, `{"a":1}`}, {"whsec_test", 1700000001, `{"a":1}`}, {"whsec_test", 1700000000, `{"a":2}`}} {
		if Verify(c.secret, c.ts, []byte(c.body), got) {
			t.Errorf("Verify accepts %+v", c)
		}
	}
	s, err := NewSecret()
	if err != nil || !strings.HasPrefix(s, SecretPrefix) || len(s) != len(SecretPrefix)+43 {
		t.Errorf("NewSecret = %q, %v", s, err)
	}
}

func TestBackoff(t *testing.T) {
	for failures, want := range map[int]time.Duration{0: time.Second, 1: 2 * time.Second, 3: 8 * time.Second, 12: time.Hour, 1000: time.Hour} {
		if got := Backoff(failures); got != want {
			t.Errorf("Backoff(%d) = %s, want %s", failures, got, want)
		}
	}
}

func TestEventOf(t *testing.T) {
	r := store.Record{Entry: store.Entry{DecisionID: "r1", Ente: "massa", Kind: store.KindResolution, Settles: "d1",
		Decision: []byte(`{"kind":"resolution"}`), Input: []byte(`{"secret":"masked"}`)}, Seq: 7, Hash: "h"}
	ev := EventOf(r)
	if ev.Event != "resolution" || ev.Settles != "d1" || ev.Seq != 7 || string(ev.Body) != `{"kind":"resolution"}` {
		t.Errorf("event %+v", ev)
	}
	r.Kind = ""
	if EventOf(r).Event != store.KindDecision {
		t.Error("a record without a kind is not a decision")
	}
	if got := truncate("é"+strings.Repeat("x", 300)+"\x00", 1); got != "" {
		t.Errorf("truncate cut a rune: %q", got)
	}
}

// TestPublicOnly: by default the worker's client dials public addresses
// only, checked on the address dialled, so that a subscriber cannot make
// the server call into its own network.
func TestPublicOnly(t *testing.T) {
	for addr, public := range map[string]bool{
		"8.8.8.8:443": true, "[2001:4860:4860::8888]:443": true, "93.184.216.34:80": true,
		"127.0.0.1:80": false, "[::1]:80": false, "10.1.2.3:443": false, "172.16.0.9:443": false,
		"192.168.1.10:8080": false, "169.254.169.254:80": false, "100.64.0.1:80": false,
		"0.0.0.0:80": false, "[::ffff:127.0.0.1]:80": false, "[fe80::1]:80": false, "[fd00::1]:80": false,
	} {
		err := publicAddress("tcp", addr, nil)
		if (err == nil) != public || (err != nil && !errors.Is(err, ErrPrivateAddress)) {
			t.Errorf("%s: %v, want public %v", addr, err, public)
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	defer srv.Close()
	if _, err := publicClient.Get(srv.URL); !errors.Is(err, ErrPrivateAddress) {
		t.Errorf("the default client reached a loopback receiver: %v", err)
	}
	if res, err := (&Worker{PrivateNetworks: true}).client().Get(srv.URL); err != nil {
		t.Errorf("with PrivateNetworks: %v", err)
	} else {
		res.Body.Close()
	}
}
