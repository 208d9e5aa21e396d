package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/galateo/galateo/store"
)

// testAPIKeys checks that API keys are kept with their scope, listed
// oldest first with revoked ones, revoked once, never duplicated, seen by
// a second store on the same database (a second server), and that List
// restricts records to a key's enti.
func testAPIKeys(t *testing.T, su suite) {
	ctx := context.Background()
	e := su.env(t)
	if ks, err := e.s.APIKeys(ctx); err != nil || len(ks) != 0 {
		t.Fatalf("keys of a fresh store = %v, %v; want none", ks, err)
	}
	admin := store.APIKey{ID: "k1", Name: "bootstrap", Hash: "h1", Enti: []string{"*"},
		Roles: []string{"decide", "audit", "admin"}, CreatedAt: t0}
	staff := store.APIKey{ID: "k2", Name: "urp massa", Hash: "h2", Enti: []string{"massa", "tradate"},
		Roles: []string{"decide"}, CreatedAt: t0.Add(1e9)}
	for _, k := range []store.APIKey{staff, admin} { // out of order: the list sorts
		if err := e.s.CreateKey(ctx, k); err != nil {
			t.Fatalf("create %s: %v", k.ID, err)
		}
	}
	for _, dup := range []store.APIKey{
		{ID: "k1", Name: "same id", Hash: "h9", Enti: []string{"*"}, Roles: []string{"audit"}},
		{ID: "k9", Name: "same hash", Hash: "h2", Enti: []string{"*"}, Roles: []string{"audit"}},
	} {
		if err := e.s.CreateKey(ctx, dup); !errors.Is(err, store.ErrKeyExists) {
			t.Errorf("create %s (%s) = %v, want ErrKeyExists", dup.ID, dup.Name, err)
		}
	}
	if err := e.s.CreateKey(ctx, store.APIKey{ID: "k8", Hash: "h8", Roles: []string{"audit"}}); err == nil {
		t.Error("a key without enti was created")
	}

	// A second server on the same database sees what the first created.
	other := open(t, e.db, store.Options{})
	ks, err := other.APIKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ks) != 2 || ks[0].ID != "k1" || ks[1].ID != "k2" {
		t.Fatalf("keys = %+v, want k1 then k2", ks)
	}
	got := ks[1]
	if got.Name != staff.Name || got.Hash != "h2" || !slices.Equal(got.Enti, staff.Enti) ||
		!slices.Equal(got.Roles, staff.Roles) || !got.CreatedAt.Equal(staff.CreatedAt) || got.RevokedAt != nil {
		t.Errorf("key k2 = %+v, want %+v", got, staff)
	}

	revoked, err := other.RevokeKey(ctx, "k2", t0.Add(5e9))
	if err != nil || revoked.RevokedAt == nil || !revoked.RevokedAt.Equal(t0.Add(5e9)) {
		t.Fatalf("revoke k2 = %+v, %v", revoked, err)
	}
	again, err := e.s.RevokeKey(ctx, "k2", t0.Add(9e9))
	if err != nil || again.RevokedAt == nil || !again.RevokedAt.Equal(t0.Add(5e9)) {
		t.Errorf("revoke k2 again = %+v, %v; want the first revocation time kept", again, err)
	}
	if _, err := e.s.RevokeKey(ctx, "nope", t0); !isNotFound(err) {
		t.Errorf("revoke an unknown key = %v, want ErrNotFound", err)
	}
	ks, err = e.s.APIKeys(ctx)
	if err != nil || len(ks) != 2 || ks[1].RevokedAt == nil || ks[0].RevokedAt != nil {
		t.Errorf("keys after revoking k2 = %+v, %v", ks, err)
	}

	// A key's scope restricts the list of records.
	e.append(entry("massa", "d1", t0), entry("tradate", "d2", t0.Add(1e9)), entry("crespiatica", "d3", t0.Add(2e9)))
	recs, _, err := e.s.List(ctx, store.Filter{Enti: []string{"massa", "crespiatica"}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.DecisionID)
	}
	if !slices.Equal(ids, []string{"d3", "d1"}) {
		t.Errorf("list of massa and crespiatica = %v, want [d3 d1]", ids)
	}
	recs, _, err = e.s.List(ctx, store.Filter{Ente: "tradate", Enti: []string{"massa"}})
	if err != nil || len(recs) != 0 {
		t.Errorf("list of tradate within massa's scope = %d records, %v; want none", len(recs), err)
	}
}
