package api

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/period"
	"github.com/galateo/galateo/store"
)

// Roles of API keys.
const (
	RoleDecide = "decide" // POST /decide
	RoleAudit  = "audit"  // the decision log, versions, diff, replay
	RoleAdmin  = "admin"  // reload, unblocking authors, API keys
)

// Roles lists every role, in the order they are shown.
var Roles = []string{RoleDecide, RoleAudit, RoleAdmin}

// AllEnti in a key's enti scopes it to every ente, present and future.
const AllEnti = "*"

// keyPrefix starts every API key, so that a key pasted where it should not
// be is recognisable (and secret scanners can find it).
const keyPrefix = "glt_"

// KeyRefreshEvery is how often a server reads the API keys again, so that
// a key created or revoked by another server on the same database, or by
// `galateo keys`, takes effect here within this bound. The server that
// creates or revokes a key through its API applies it at once.
const KeyRefreshEvery = 10 * time.Second

// KeyStore is where API keys are kept; *store.SQL satisfies it.
type KeyStore interface {
	CreateKey(ctx context.Context, k store.APIKey) error
	APIKeys(ctx context.Context) ([]store.APIKey, error)
	RevokeKey(ctx context.Context, id string, at time.Time) (store.APIKey, error)
}

// HashKey is what the store keeps of a key. A plain sha256 is enough: the
// keys are 256-bit random secrets, which no guessing can find from their
// hash, so a slow password hash would only slow every request.
func HashKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// KeyError is a name, ente list or role list a key cannot be created with.
type KeyError struct{ Fields []engine.FieldError }

func (e *KeyError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + " " + f.Reason
	}
	return strings.Join(parts, "; ")
}

// NewKey makes an API key scoped to enti (ente ids, or just "*") and roles:
// what the store keeps, and the key itself, which is shown once and never
// kept. enti and roles are sorted and deduplicated.
func NewKey(name string, enti, roles []string, now time.Time) (store.APIKey, string, error) {
	k := store.APIKey{Name: strings.TrimSpace(name), CreatedAt: now.UTC()}
	var errs []engine.FieldError
	bad := func(field, reason string) { errs = append(errs, engine.FieldError{Field: field, Reason: reason}) }
	switch n := utf8.RuneCountInString(k.Name); {
	case n == 0:
		bad("name", "is required: say whose key it is or what it is for")
	case n > 100 || !utf8.ValidString(k.Name) || strings.ContainsFunc(k.Name, unicode.IsControl):
		bad("name", "must be at most 100 characters of text, without control characters")
	}
	k.Enti = slices.Compact(slices.Sorted(slices.Values(enti)))
	switch {
	case len(k.Enti) == 0:
		bad("enti", `is required: ente ids such as massa, or "*" for every ente`)
	case slices.Contains(k.Enti, AllEnti) && len(k.Enti) > 1:
		bad("enti", `"*" already means every ente: give it alone`)
	default:
		for _, e := range k.Enti {
			if e != AllEnti && !idRe.MatchString(e) {
				bad("enti", fmt.Sprintf("%q is not an ente id (lower case letters, digits and underscores, starting with a letter)", truncate(e, 64)))
				break
			}
		}
	}
	k.Roles = slices.Compact(slices.Sorted(slices.Values(roles)))
	if len(k.Roles) == 0 {
		bad("roles", "is required: one or more of "+strings.Join(Roles, ", "))
	}
	for _, r := range k.Roles {
		if !slices.Contains(Roles, r) {
			bad("roles", fmt.Sprintf("%q is not a role: use %s", truncate(r, 64), strings.Join(Roles, ", ")))
			break
		}
	}
	if errs != nil {
		return store.APIKey{}, "", &KeyError{Fields: errs}
	}
	secret := make([]byte, 32) // 256 bits
	id := make([]byte, 8)
	if _, err := rand.Read(secret); err != nil {
		return store.APIKey{}, "", fmt.Errorf("new API key: %w", err)
	}
	if _, err := rand.Read(id); err != nil {
		return store.APIKey{}, "", fmt.Errorf("new API key: %w", err)
	}
	key := keyPrefix + base64.RawURLEncoding.EncodeToString(secret)
	k.ID, k.Hash = hex.EncodeToString(id), HashKey(key)
	return k, key, nil
}

// CreateKey makes a key with NewKey and keeps it in ks; the key is
// returned once, here.
func CreateKey(ctx context.Context, ks KeyStore, name string, enti, roles []string, now time.Time) (store.APIKey, string, error) {
	k, key, err := NewKey(name, enti, roles, now)
	if err != nil {
		return store.APIKey{}, "", err
	}
	if err := ks.CreateKey(ctx, k); err != nil {
		return store.APIKey{}, "", err
	}
	return k, key, nil
}

// grant is a valid key as requests use it.
type grant struct {
	key   store.APIKey
	all   bool            // every ente
	enti  map[string]bool // when not all
	roles map[string]bool
}

func grantOf(k store.APIKey) *grant {
	g := &grant{key: k, enti: map[string]bool{}, roles: map[string]bool{}}
	for _, e := range k.Enti {
		if e == AllEnti {
			g.all = true
		}
		g.enti[e] = true
	}
	for _, r := range k.Roles {
		g.roles[r] = true
	}
	return g
}

func (g *grant) mayEnte(id string) bool { return g.all || g.enti[id] }

// Keyring is the valid API keys of a server, in memory: a request costs a
// sha256 and a map lookup, not a query. It reads the store again when this
// server creates or revokes a key and, with Follow, every KeyRefreshEvery.
type Keyring struct {
	ks     KeyStore
	now    func() time.Time
	mu     sync.RWMutex
	byHash map[string]*grant // valid keys only
	// openWhileEmpty lets every request through while no key is valid
	// (galateo serve -insecure-no-auth); the first key ends it.
	openWhileEmpty bool
}

// NewKeyring reads the keys of ks.
func NewKeyring(ctx context.Context, ks KeyStore) (*Keyring, error) {
	k := &Keyring{ks: ks, now: time.Now}
	if err := k.Refresh(ctx); err != nil {
		return nil, err
	}
	return k, nil
}

// Refresh reads the keys again.
func (k *Keyring) Refresh(ctx context.Context) error {
	keys, err := k.ks.APIKeys(ctx)
	if err != nil {
		return fmt.Errorf("read API keys: %w", err)
	}
	byHash := make(map[string]*grant, len(keys))
	for _, key := range keys {
		if key.RevokedAt == nil {
			byHash[key.Hash] = grantOf(key)
		}
	}
	k.mu.Lock()
	k.byHash = byHash
	k.mu.Unlock()
	return nil
}

// Follow refreshes the keys every period until ctx ends; a failed read
// keeps the keys of the last good one.
func (k *Keyring) Follow(ctx context.Context, every time.Duration, log *slog.Logger) {
	period.Every(ctx, every, func(ctx context.Context) {
		if err := k.Refresh(ctx); err != nil && ctx.Err() == nil {
			log.Error("API keys not refreshed; the last ones read stay in force", "err", err)
		}
	})
}

// OpenWhileEmpty lets every request through, as if it had a key for every
// ente and role, for as long as no key is in force. It is unsafe, and
// meant only for galateo serve -insecure-no-auth: once a key is created,
// here or by another server, authentication is enforced.
func (k *Keyring) OpenWhileEmpty() {
	k.mu.Lock()
	k.openWhileEmpty = true
	k.mu.Unlock()
}

// open reports whether requests go through without a key.
func (k *Keyring) open() bool {
	k.mu.RLock()
	defer k.mu.RUnlock()
	return k.openWhileEmpty && len(k.byHash) == 0
}

// Valid is the number of keys in force.
func (k *Keyring) Valid() int {
	k.mu.RLock()
	defer k.mu.RUnlock()
	return len(k.byHash)
}

// lookup returns the grant of a key in force. The map is keyed by hash, so
// how long a lookup takes says nothing about any key's secret.
func (k *Keyring) lookup(key string) (*grant, bool) {
	h := HashKey(key)
	k.mu.RLock()
	defer k.mu.RUnlock()
	g, ok := k.byHash[h]
	return g, ok
}

// Create makes and keeps a key, in force here at once.
func (k *Keyring) Create(ctx context.Context, name string, enti, roles []string) (store.APIKey, string, error) {
	key, secret, err := CreateKey(ctx, k.ks, name, enti, roles, k.now())
	if err != nil {
		return store.APIKey{}, "", err
	}
	k.mu.Lock()
	k.byHash[key.Hash] = grantOf(key)
	k.mu.Unlock()
	return key, secret, nil
}

// Revoke revokes a key, refused here at once; store.ErrNotFound when no
// key has this id.
func (k *Keyring) Revoke(ctx context.Context, id string) (store.APIKey, error) {
	key, err := k.ks.RevokeKey(ctx, id, k.now())
	if err != nil {
		return store.APIKey{}, err
	}
	k.mu.Lock()
	delete(k.byHash, key.Hash)
	k.mu.Unlock()
	return key, nil
}

// createKeyRequest is the body of POST /admin/keys.
type createKeyRequest struct {
	Name  string   `json:"name"`
	Enti  []string `json:"enti"`
	Roles []string `json:"roles"`
}

// createdKey answers POST /admin/keys: the key, shown this once.
type createdKey struct {
	store.APIKey
	Key string `json:"key"`
}

// keyList answers GET /admin/keys.
type keyList struct {
	Keys []store.APIKey `json:"keys"`
}

// hasKeyring answers 503 when the server runs without API keys.
func (s *server) hasKeyring(c *gin.Context) bool {
	if s.keys == nil {
		s.problem(c, newProblem(probStoreUnavailable, "this server runs without API keys"))
		return false
	}
	return true
}

// createKey answers POST /admin/keys.
func (s *server) createKey(c *gin.Context) {
	if !s.hasKeyring(c) {
		return
	}
	var req createKeyRequest
	// The fields are checked by NewKey, which the CLI shares.
	if err := bindJSON(c, 4<<10, &req, func() error { return nil }); err != nil {
		s.fail(c, err)
		return
	}
	key, secret, err := s.keys.Create(c.Request.Context(), req.Name, req.Enti, req.Roles)
	var invalid *KeyError
	switch {
	case errors.As(err, &invalid):
		s.problem(c, invalidFields(invalid.Fields...))
		return
	case err != nil:
		s.storeFailed(c, fmt.Errorf("create API key: %w", err))
		return
	}
	s.log.InfoContext(c.Request.Context(), "API key created", "id", key.ID, "name", key.Name,
		"enti", key.Enti, "roles", key.Roles, "by", keyIDOf(c))
	c.JSON(http.StatusCreated, createdKey{APIKey: key, Key: secret})
}

// listKeys answers GET /admin/keys: every key, revoked ones included,
// never a secret (the store has none).
func (s *server) listKeys(c *gin.Context) {
	if !s.hasKeyring(c) {
		return
	}
	keys, err := s.keys.ks.APIKeys(c.Request.Context())
	if err != nil {
		s.storeFailed(c, fmt.Errorf("list API keys: %w", err))
		return
	}
	if keys == nil {
		keys = []store.APIKey{}
	}
	c.JSON(http.StatusOK, keyList{Keys: keys})
}

// revokeKey answers DELETE /admin/keys/{id}: the key is refused from now
// on, and kept in the list with its revocation time.
func (s *server) revokeKey(c *gin.Context) {
	if !s.hasKeyring(c) {
		return
	}
	id := c.Param("id")
	key, err := s.keys.Revoke(c.Request.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.problem(c, newProblem(probUnknownKey, fmt.Sprintf("no API key has id %q", truncate(id, 64))))
		return
	case err != nil:
		s.storeFailed(c, fmt.Errorf("revoke API key: %w", err))
		return
	}
	s.log.InfoContext(c.Request.Context(), "API key revoked", "id", key.ID, "name", key.Name, "by", keyIDOf(c))
	c.JSON(http.StatusOK, key)
}
