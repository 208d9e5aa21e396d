package galateo_test

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

type compose struct {
	Services map[string]struct {
		Build       any               `yaml:"build"`
		Command     any               `yaml:"command"`
		Image       string            `yaml:"image"`
		Environment map[string]string `yaml:"environment"`
		Ports       []string          `yaml:"ports"`
		Volumes     []string          `yaml:"volumes"`
		DependsOn   map[string]struct {
			Condition string `yaml:"condition"`
		} `yaml:"depends_on"`
		Healthcheck *struct {
			Test []string `yaml:"test"`
		} `yaml:"healthcheck"`
	} `yaml:"services"`
	Volumes map[string]any `yaml:"volumes"`
}

// envRead lists the GALATEO_* variables the binary reads, from its source.
func envRead(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("cmd/galateo/*.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`"(GALATEO_[A-Z_]+)"`)
	var names []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			names = append(names, m[1])
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// TestComposeMatchesTheBinary checks docker-compose.yml against what the
// binary reads and what the image holds, since no Docker engine runs the
// file in CI.
func TestComposeMatchesTheBinary(t *testing.T) {
	raw, err := os.ReadFile("docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var c compose
	if err := yaml.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	g, ok := c.Services["galateo"]
	if !ok {
		t.Fatal("no galateo service")
	}
	pg, ok := c.Services["postgres"]
	if !ok {
		t.Fatal("no postgres service")
	}
	read := envRead(t)
	for name := range g.Environment {
		if !slices.Contains(read, name) {
			t.Errorf("compose sets %s, which galateo does not read (it reads %v)", name, read)
		}
	}
	for _, need := range []string{"GALATEO_ADDR", "GALATEO_DB", "GALATEO_POLICIES", "GALATEO_PSEUDONYM_KEY"} {
		if _, ok := g.Environment[need]; !ok {
			t.Errorf("compose does not set %s", need)
		}
		if !slices.Contains(read, need) {
			t.Errorf("galateo does not read %s", need)
		}
	}
	_, port, err := net.SplitHostPort(g.Environment["GALATEO_ADDR"])
	if err != nil {
		t.Fatalf("GALATEO_ADDR: %v", err)
	}
	published := false
	for _, p := range g.Ports {
		if strings.HasSuffix(p, ":"+port) {
			published = true
		}
	}
	if !published {
		t.Errorf("ports %v do not publish the container port %s", g.Ports, port)
	}
	db, err := url.Parse(g.Environment["GALATEO_DB"])
	if err != nil || db.Scheme != "postgres" {
		t.Fatalf("GALATEO_DB = %q: not a postgres URL", g.Environment["GALATEO_DB"])
	}
	pass, _ := db.User.Password()
	if db.Hostname() != "postgres" || db.User.Username() != pg.Environment["POSTGRES_USER"] ||
		pass != pg.Environment["POSTGRES_PASSWORD"] || strings.TrimPrefix(db.Path, "/") != pg.Environment["POSTGRES_DB"] {
		t.Errorf("GALATEO_DB %q does not match the postgres service %v", db, pg.Environment)
	}
	if pg.Healthcheck == nil || len(pg.Healthcheck.Test) == 0 {
		t.Error("postgres has no health check")
	}
	if g.DependsOn["postgres"].Condition != "service_healthy" {
		t.Error("galateo does not wait for a healthy postgres")
	}
	if len(pg.Volumes) == 0 {
		t.Error("postgres keeps its data in no volume")
	}
	for _, v := range pg.Volumes {
		name, _, _ := strings.Cut(v, ":")
		if _, ok := c.Volumes[name]; !ok && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "/") {
			t.Errorf("volume %s is not declared", name)
		}
	}
	// The server on every interface of its container must not run open.
	if strings.Contains(fmt.Sprint(g.Command), "insecure-no-auth") || strings.Contains(string(raw), "-insecure-no-auth") {
		t.Error("compose runs galateo with -insecure-no-auth: anyone who reaches the port could call every endpoint")
	}
	if !strings.Contains(string(raw), "keys create") {
		t.Error("compose does not say how to make the first API key, without which galateo refuses to start")
	}
	docker, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(docker), "COPY policies "+g.Environment["GALATEO_POLICIES"]) {
		t.Errorf("the image does not put the policies at GALATEO_POLICIES=%s", g.Environment["GALATEO_POLICIES"])
	}
}
