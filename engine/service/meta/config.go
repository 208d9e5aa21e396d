// Package meta owns the Facebook and Instagram connector: the
// configuration that ties pages and Instagram accounts to enti, the
// authentication and mapping of Meta's webhook deliveries onto decision
// requests, the Graph API client, and the outbox worker that decides each
// stored change through record.Service and carries out its actions.
package meta

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// DefaultGraphURL is the Graph API version the connector speaks.
const DefaultGraphURL = "https://graph.facebook.com/v21.0"

// Outcomes whose actions may be carried out automatically.
var autoOutcomes = []string{"allow", "redirect", "hide", "remove"}

// Config is the connector's configuration file (docs/meta.example.yaml).
// Secrets are never in it: it names the environment variables or files
// that hold them.
type Config struct {
	// GraphURL is the Graph API base URL; "" is DefaultGraphURL.
	GraphURL string `yaml:"graph_url"`
	// AppSecret keys the signatures of deliveries (X-Hub-Signature-256).
	AppSecret Secret `yaml:"app_secret"`
	// VerifyToken is what Meta sends in the subscription handshake.
	VerifyToken Secret `yaml:"verify_token"`
	// Enti are the connected enti by id.
	Enti map[string]EnteConfig `yaml:"enti"`
}

// EnteConfig is what one ente connects.
type EnteConfig struct {
	// Auto lists the outcomes whose actions are carried out without a
	// person (allow, redirect, hide, remove); any other outcome waits for
	// a reviewer's resolution.
	Auto []string `yaml:"auto"`
	// Accounts are the ente's Facebook pages and Instagram accounts.
	Accounts []Account `yaml:"accounts"`
}

// Account is a Facebook page or an Instagram professional account.
type Account struct {
	ID       string `yaml:"id"`       // the page id, or the Instagram account id
	Platform string `yaml:"platform"` // facebook or instagram
	Name     string `yaml:"name"`     // the channel.account of decisions, e.g. comune.massa
	// PageID is, for an Instagram account, the Facebook page it is
	// connected to (private replies and tokens go through it).
	PageID string `yaml:"page_id"`
	// Token is the page access token.
	Token Secret `yaml:"token"`
}

// Secret names where a secret is: an environment variable or a file.
// Its value is read once at start and never logged.
type Secret struct {
	Env  string `yaml:"env"`
	File string `yaml:"file"`
}

// value reads the secret; what names it is in errors, never the value.
func (s Secret) value(what string) (string, error) {
	switch {
	case s.Env != "" && s.File != "":
		return "", fmt.Errorf("%s: give env or file, not both", what)
	case s.Env != "":
		v := os.Getenv(s.Env)
		if v == "" {
			return "", fmt.Errorf("%s: environment variable %s is empty or unset", what, s.Env)
		}
		return v, nil
	case s.File != "":
		b, err := os.ReadFile(s.File)
		if err != nil {
			return "", fmt.Errorf("%s: %w", what, err)
		}
		v := strings.TrimSpace(string(b))
		if v == "" {
			return "", fmt.Errorf("%s: file %s is empty", what, s.File)
		}
		return v, nil
	}
	return "", fmt.Errorf("%s: name an env variable or a file", what)
}

// Connector is a configuration read and checked, with its secrets.
type Connector struct {
	GraphURL    string
	appSecret   []byte
	verifyToken []byte
	// accounts by page or Instagram account id.
	accounts map[string]*account
	auto     map[string][]string // by ente
}

type account struct {
	Account
	ente  string
	token string
}

// LoadConfig reads and checks a configuration file and its secrets.
func LoadConfig(path string) (*Connector, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true) // a misspelt field must not silently connect nothing
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("meta config %s: %w", path, err)
	}
	conn, err := New(c)
	if err != nil {
		return nil, fmt.Errorf("meta config %s: %w", path, err)
	}
	return conn, nil
}

// New checks a configuration and reads its secrets.
func New(c Config) (*Connector, error) {
	secret, err := c.AppSecret.value("app_secret")
	if err != nil {
		return nil, err
	}
	verify, err := c.VerifyToken.value("verify_token")
	if err != nil {
		return nil, err
	}
	conn := &Connector{GraphURL: strings.TrimRight(cmp.Or(c.GraphURL, DefaultGraphURL), "/"),
		appSecret: []byte(secret), verifyToken: []byte(verify),
		accounts: map[string]*account{}, auto: map[string][]string{}}
	var errs []error
	for ente, ec := range c.Enti {
		for _, o := range ec.Auto {
			if !slices.Contains(autoOutcomes, o) {
				errs = append(errs, fmt.Errorf("enti.%s.auto: %q is not one of %v", ente, o, autoOutcomes))
			}
		}
		conn.auto[ente] = ec.Auto
		for i, a := range ec.Accounts {
			where := fmt.Sprintf("enti.%s.accounts[%d]", ente, i)
			if a.ID == "" {
				errs = append(errs, fmt.Errorf("%s: id is required", where))
				continue
			}
			if a.Platform != "facebook" && a.Platform != "instagram" {
				errs = append(errs, fmt.Errorf("%s: platform %q is not facebook or instagram", where, a.Platform))
				continue
			}
			if other, ok := conn.accounts[a.ID]; ok {
				errs = append(errs, fmt.Errorf("%s: id %s is already ente %s's", where, a.ID, other.ente))
				continue
			}
			tok, err := a.Token.value(where + ".token")
			if err != nil {
				errs = append(errs, err)
				continue
			}
			conn.accounts[a.ID] = &account{Account: a, ente: ente, token: tok}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return conn, nil
}

// auto reports whether the ente carries out an outcome's actions by itself.
func (c *Connector) autoFor(ente, outcome string) bool {
	return slices.Contains(c.auto[ente], outcome)
}
