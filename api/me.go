package api

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"
)

// meKey names the key of a request in GET /me; ID is "" without
// authentication.
type meKey struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// meResponse is what GET /me answers: who the request's key is, so that a
// client (the console) shows only what the key may do.
type meResponse struct {
	Key   meKey    `json:"key"`
	Roles []string `json:"roles"` // in the order of Roles
	Enti  []string `json:"enti"`  // ["*"] for every ente, else sorted ids
}

// me answers GET /me. Without a Keyring, or with an open one, every
// request may do everything, and the answer says so: every role, every
// ente, no key.
func (s *server) me(c *gin.Context) {
	g := grantFrom(c)
	if g == nil {
		c.JSON(http.StatusOK, meResponse{Roles: slices.Clone(Roles), Enti: []string{AllEnti}})
		return
	}
	out := meResponse{Key: meKey{ID: g.key.ID, Name: g.key.Name}, Roles: []string{}, Enti: []string{AllEnti}}
	for _, r := range Roles {
		if g.roles[r] {
			out.Roles = append(out.Roles, r)
		}
	}
	if !g.all {
		out.Enti = scope(c)
	}
	c.JSON(http.StatusOK, out)
}
