package api

import (
	"net/http"
	"slices"
	"testing"
)

// GET /me says who the key is; without authentication, everyone may do
// everything, and it says so.
func TestMe(t *testing.T) {
	var me meResponse
	decodeJSON(t, newEnv(t, envOptions{}).run(t, httpCase{method: "GET", path: "/me", status: http.StatusOK}), &me)
	if me.Key != (meKey{}) || !slices.Equal(me.Roles, Roles) || !slices.Equal(me.Enti, []string{AllEnti}) {
		t.Errorf("without keys: %+v", me)
	}

	env := newAuthEnv(t, RateLimit{})
	for _, c := range []struct {
		who   string
		roles []string
		enti  []string
	}{
		{"admin", Roles, []string{AllEnti}},
		{"two enti", []string{RoleAudit}, []string{"massa", "tradate"}},
		{"no decide", []string{RoleAudit, RoleAdmin}, []string{AllEnti}},
		{"massa", Roles, []string{"massa"}},
	} {
		res := env.call("GET", "/me", "", c.who)
		if res.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", c.who, res.Code, res.Body)
		}
		var got meResponse
		decodeJSON(t, res, &got)
		if got.Key.Name != c.who || got.Key.ID == "" || !slices.Equal(got.Roles, c.roles) || !slices.Equal(got.Enti, c.enti) {
			t.Errorf("%s: %+v, want roles %v and enti %v", c.who, got, c.roles, c.enti)
		}
	}
	if res := env.call("GET", "/me?x=1", "", "massa"); res.Code != http.StatusOK {
		t.Errorf("GET /me with a query: %d", res.Code)
	}
}
