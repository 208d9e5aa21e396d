package main

import (
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/galateo/galateo/api"
	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/reload"
	"github.com/galateo/galateo/store"
)

// retentionEvery is how often serve applies the enti's retention.
const retentionEvery = time.Hour

// serveConfig is what serve runs with.
type serveConfig struct {
	addr, policies, db string
	key                []byte // pseudonym key; nil: the store's own
	// fixtures is the folder of the fixtures a new revision must pass
	// before it serves; "" gates revisions with their Rego tests only.
	fixtures string
	// watch reloads the policies folder after its files change.
	watch bool
	// follow is how often the server applies what other servers on the
	// same database activated; 0 means followEvery.
	follow time.Duration
}

const (
	// followEvery is how often a server looks for other servers'
	// activations: a revision activated on one serves on all within a
	// few seconds.
	followEvery = time.Second
	// watchDebounce lets an editor's burst of writes settle into one
	// reload.
	watchDebounce = 500 * time.Millisecond
)

func serve(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c serveConfig
	fs.StringVar(&c.addr, "addr", env("GALATEO_ADDR", "127.0.0.1:8080"), "listen address (env GALATEO_ADDR)")
	fs.StringVar(&c.policies, "policies", env("GALATEO_POLICIES", "policies"), "policies folder (env GALATEO_POLICIES)")
	fs.StringVar(&c.fixtures, "fixtures", env("GALATEO_FIXTURES", "fixtures"),
		"fixtures folder: a new revision of an ente must pass its fixtures before it serves (env GALATEO_FIXTURES; \"\" for Rego tests only)")
	fs.BoolVar(&c.watch, "watch", env("GALATEO_WATCH", "true") != "false",
		"reload the policies folder when its files change (env GALATEO_WATCH=false turns it off; POST /admin/reload always works)")
	db := dbFlag(fs)
	// Not the flag's default: -h would print the secret.
	key := fs.String("pseudonym-key", "",
		"hex key of author pseudonyms, at least 32 hex digits (env GALATEO_PSEUDONYM_KEY; default: a key the store generates once and keeps)")
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	c.db = *db
	if *key == "" {
		*key = env("GALATEO_PSEUDONYM_KEY", "")
	}
	if *key != "" {
		k, err := hex.DecodeString(*key)
		if err != nil || len(k) < 16 {
			// The key itself is never echoed.
			return errors.New("GALATEO_PSEUDONYM_KEY (-pseudonym-key) must be at least 32 hex digits")
		}
		c.key = k
	}
	return c.run(ctx, stderr, nil)
}

// run serves until ctx ends. The store is opened first, so that a schema
// this galateo does not know stops it before anything else; on the way out
// the HTTP server stops taking requests and finishes those in flight, then
// the Batcher commits what is queued, then the store closes. listening, if
// set, is told the address once the server accepts connections.
func (c serveConfig) run(ctx context.Context, stderr io.Writer, listening func(addr string)) error {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	st, err := store.Open(ctx, c.db, store.Options{Key: c.key})
	if err != nil {
		return fmt.Errorf("store %s: %w", redacted(c.db), err)
	}
	defer st.Close()
	version, _, _ := st.Migrator().Version()
	log.Info("store open", "dialect", st.Dialect(), "db", redacted(c.db), "schema", version)
	if c.key == nil {
		log.Info("author pseudonyms use the key kept in the database; set GALATEO_PSEUDONYM_KEY to keep the key apart from the data")
	}

	// Each ente's revision must pass its Rego tests and fixtures before it
	// serves, at start as at every reload; one that fails does not stop
	// the others, and the revision the servers last activated serves in
	// its place.
	eng, reloader, results, err := reload.Start(ctx, reload.Config{
		Policies: c.policies, Fixtures: c.fixtures, Server: serverName(), Store: st, Log: log,
	}, engine.WithHistory(api.History(st)))
	if err != nil {
		return err
	}
	for _, res := range results {
		switch res.Status {
		case reload.Rejected:
			log.Error("ente revision refused", "ente", res.Ente, "revision", res.Revision, "serving", res.Serving, "err", res.Error)
			continue
		case reload.Removed:
			continue // the servers removed it; Start said so
		}
		log.Info("ente loaded", "ente", res.Ente, "revision", res.Serving, "status", res.Status, "tests", res.Tests)
	}

	bg, stopBg := context.WithCancel(context.Background())
	var bgDone sync.WaitGroup
	defer func() { stopBg(); bgDone.Wait() }()
	every := c.follow
	if every <= 0 {
		every = followEvery
	}
	bgDone.Go(func() { reloader.Follow(bg, every) })
	if c.watch {
		bgDone.Go(func() {
			if err := reloader.Watch(bg, watchDebounce); err != nil {
				log.Error("the policies folder is not watched; POST /admin/reload still reloads it", "err", err)
			}
		})
	}

	batcher := store.NewBatcher(st, 0)
	defer batcher.Close() // before st.Close: deferred calls run last in, first out
	retentionCtx, stopRetention := context.WithCancel(context.Background())
	retentionDone := make(chan struct{})
	go func() {
		defer close(retentionDone)
		retentionLoop(retentionCtx, log, st, eng, retentionEvery)
	}()
	defer func() { stopRetention(); <-retentionDone }()

	if host, _, err := net.SplitHostPort(c.addr); err == nil && !loopback(host) {
		// API keys come with a later issue; until then nothing authenticates
		// callers, so say so loudly.
		log.Warn("listening beyond loopback with no API keys: anyone who reaches this address can call the API", "addr", c.addr)
	}
	srv := &http.Server{
		Addr: c.addr,
		Handler: api.New(eng, api.Options{
			Logger: log, Store: st, Recorder: batcher, Versions: st, Reloader: reloader,
			Fixtures: c.fixtures,
		}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	log.Info("galateo serving", "addr", ln.Addr().String(), "policies", c.policies)
	if listening != nil {
		listening(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		srv.Close() // cut what is left: its decisions fail to record and are not answered
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("galateo stopped")
	return nil
}

// retentionLoop applies retention at start and then every period, until
// ctx ends.
func retentionLoop(ctx context.Context, log *slog.Logger, p purger, eng *engine.Engine, every time.Duration) {
	apply := func() {
		done, err := retain(ctx, p, eng.Enti(), time.Now())
		for _, r := range done {
			if r.Records > 0 {
				log.Info("retention purged input", "ente", r.Ente, "records", r.Records, "retention_days", r.Days)
			}
		}
		if err != nil && ctx.Err() == nil {
			log.Error("retention", "err", err)
		}
	}
	apply()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			apply()
		}
	}
}

// serverName names this process in the activations it records.
func serverName() string {
	host, err := os.Hostname()
	if err != nil {
		host = "unknown"
	}
	return fmt.Sprintf("%s:%d", host, os.Getpid())
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
