package main

import (
	"cmp"
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/galateo/galateo/api"
	"github.com/galateo/galateo/api/console"
	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/meta"
	"github.com/galateo/galateo/engine/service/outbound"
	"github.com/galateo/galateo/engine/service/period"
	"github.com/galateo/galateo/engine/service/record"
	"github.com/galateo/galateo/engine/service/reload"
	"github.com/galateo/galateo/engine/service/review"
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
	// classifier is the YAML file of the provider of signals; "" for none.
	classifier string
	// keyFile is where a first admin key is written when the database
	// holds none; "" means galateo.key beside the SQLite file (in the
	// working directory for PostgreSQL).
	keyFile string
	// insecureNoAuth serves without keys while the database holds none,
	// on any address. Unsafe.
	insecureNoAuth bool
	// rate bounds each API key's requests.
	rate api.RateLimit
	// evalTimeout is the deadline of each evaluation of a policy; 0 means
	// engine.DefaultEvalTimeout.
	evalTimeout time.Duration
	// checkpoints, with a key and a file, signs the chain heads every
	// period and on POST /admin/checkpoint.
	checkpoints checkpointConfig
	// meta is the Facebook and Instagram connector's configuration file;
	// "" serves without it.
	meta string
	// metaEvery is how often the outbox worker looks for due rows; 0
	// means metaEvery.
	metaEvery time.Duration
	// webhookEvery is how often the outbound webhooks' worker delivers
	// what the chains hold after each subscription's cursors; 0 means
	// webhookEvery, negative turns the worker off.
	webhookEvery time.Duration
	// webhookPrivate lets the outbound webhooks reach private networks.
	webhookPrivate bool
}

const (
	// followEvery is how often a server looks for other servers'
	// activations: a revision activated on one serves on all within a
	// few seconds.
	followEvery = time.Second
	// watchDebounce lets an editor's burst of writes settle into one
	// reload.
	watchDebounce = 500 * time.Millisecond
	// metaEvery is how often the Meta outbox worker looks for due rows.
	metaEvery = time.Second
	// webhookEvery is how often the outbound webhooks' worker delivers.
	webhookEvery = 2 * time.Second
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
	classifier := classifierFlag(fs)
	fs.StringVar(&c.keyFile, "key-file", env("GALATEO_KEY_FILE", ""),
		"where a first admin key is written (mode 0600) when the database holds no API key and the address is loopback (env GALATEO_KEY_FILE; default galateo.key beside the SQLite database, or in the working directory for PostgreSQL)")
	fs.BoolVar(&c.insecureNoAuth, "insecure-no-auth", false,
		"UNSAFE: while the database holds no API key, answer every request without one, on any address; the first key created ends it")
	rate := fs.Float64("rate", 20, "requests per second each API key may make, refilled continuously; 0 for no limit (env GALATEO_RATE)")
	burst := fs.Int("burst", 40, "requests an API key may make at once before -rate applies (env GALATEO_BURST)")
	evalTimeout := fs.String("eval-timeout", env("GALATEO_EVAL_TIMEOUT", engine.DefaultEvalTimeout.String()),
		"deadline of each policy evaluation; a policy still running is cut and answered 503 evaluation-timeout (env GALATEO_EVAL_TIMEOUT)")
	fs.StringVar(&c.meta, "meta", env("GALATEO_META", ""),
		"YAML file of the Facebook and Instagram connector: pages per ente, automatic outcomes, the env variables or files of its app key and page tokens (env GALATEO_META; docs/meta.example.yaml; \"\" for none)")
	fs.DurationVar(&c.metaEvery, "meta-every", envDuration("GALATEO_META_EVERY", metaEvery),
		"how often the connector's outbox worker looks for rows due (env GALATEO_META_EVERY)")
	fs.DurationVar(&c.webhookEvery, "webhook-every", envDuration("GALATEO_WEBHOOK_EVERY", webhookEvery),
		"how often the outbound webhooks' worker sends subscribers the records after their cursors; a negative duration turns it off (env GALATEO_WEBHOOK_EVERY)")
	fs.BoolVar(&c.webhookPrivate, "webhook-private-networks", env("GALATEO_WEBHOOK_PRIVATE_NETWORKS", "") == "true",
		"let outbound webhooks reach loopback, private and link-local addresses (a receiver on the ente's own network); off, only public addresses are called (env GALATEO_WEBHOOK_PRIVATE_NETWORKS=true)")
	cp := checkpointFlags(fs, "serve")
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
	c.classifier = *classifier
	if err := rateFromEnv(fs, rate, burst); err != nil {
		return err
	}
	if *rate < 0 || *burst < 1 {
		return errors.New("-rate must be 0 or more and -burst at least 1")
	}
	c.rate = api.RateLimit{PerSecond: *rate, Burst: *burst}
	c.checkpoints = *cp
	d, err := time.ParseDuration(*evalTimeout)
	if err != nil || d <= 0 {
		return fmt.Errorf("-eval-timeout (GALATEO_EVAL_TIMEOUT) %q is not a positive duration such as 2s or 500ms", *evalTimeout)
	}
	c.evalTimeout = d
	if c.key, err = pseudonymKey(*key); err != nil {
		return err
	}
	return c.run(ctx, stderr, nil)
}

// envDuration is the duration in the environment variable name, or def
// when it is unset or not a positive duration.
func envDuration(name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(name)); err == nil && d > 0 {
		return d
	}
	return def
}

// pseudonymKey is the key of author pseudonyms given by -pseudonym-key or
// GALATEO_PSEUDONYM_KEY (hex); nil when neither is set, and the store uses
// the key it keeps.
func pseudonymKey(flagValue string) ([]byte, error) {
	if flagValue == "" {
		flagValue = env("GALATEO_PSEUDONYM_KEY", "")
	}
	if flagValue == "" {
		return nil, nil
	}
	k, err := hex.DecodeString(flagValue)
	if err != nil || len(k) < 16 {
		// The key itself is never echoed.
		return nil, errors.New("GALATEO_PSEUDONYM_KEY (-pseudonym-key) must be at least 32 hex digits")
	}
	return k, nil
}

// run serves until ctx ends. The store is opened first, so that a schema
// this galateo does not know stops it before anything else; on the way out
// the HTTP server stops taking requests and finishes those in flight, then
// the Batcher commits what is queued, then the store closes. listening, if
// set, is told the address once the server accepts connections.
func (c serveConfig) run(ctx context.Context, stderr io.Writer, listening func(addr string)) error {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	// Read before anything opens: a bad file stops the start.
	opts, err := classifierOptions(c.classifier, log)
	if err != nil {
		return err
	}
	var conn *meta.Connector
	if c.meta != "" {
		if conn, err = meta.LoadConfig(c.meta); err != nil {
			return err
		}
	}
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

	// Before the policies load, which takes a while: an address that must
	// not be served fails at once.
	keyring, err := api.NewKeyring(ctx, st)
	if err != nil {
		return err
	}
	if err := c.secure(ctx, log, st, keyring); err != nil {
		return err
	}

	// Each ente's revision must pass its Rego tests and fixtures before it
	// serves, at start as at every reload; one that fails does not stop
	// the others, and the revision the servers last activated serves in
	// its place.
	eng, reloader, results, err := reload.Start(ctx, reload.Config{
		Policies: c.policies, Fixtures: c.fixtures, Server: serverName(), Store: st, Log: log,
	}, append(opts, engine.WithHistory(api.History(record.History(st))), engine.WithEvalTimeout(cmp.Or(c.evalTimeout, engine.DefaultEvalTimeout)))...)
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

	bgDone.Go(func() { keyring.Follow(bg, api.KeyRefreshEvery, log) })
	var checkpoints *checkpointer
	if cp := c.checkpoints; cp.key != "" || cp.file != "" {
		if checkpoints, err = newCheckpointer(&cp, st); err != nil {
			return err
		}
		bgDone.Go(func() { checkpoints.loop(bg, log, cmp.Or(cp.every, time.Hour)) })
		log.Info("signing checkpoints of the chain heads", "file", cp.file, "every", cmp.Or(cp.every, time.Hour))
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

	var metaAPI *api.Meta
	if conn != nil {
		metaAPI = &api.Meta{Connector: conn, Outbox: st}
		worker := &meta.Worker{Conn: conn, Store: st, Log: log, Chain: batcher,
			Decide: &record.Service{Engine: eng, Store: st, Recorder: batcher}}
		workerCtx, stopWorker := context.WithCancel(context.Background())
		workerDone := make(chan struct{})
		go func() {
			defer close(workerDone)
			worker.Run(workerCtx, cmp.Or(c.metaEvery, metaEvery))
		}()
		// Stopped before the Batcher closes: its decisions are recorded.
		defer func() { stopWorker(); <-workerDone }()
		log.Info("Facebook and Instagram connector on", "config", c.meta, "graph", conn.GraphURL)
	}

	if c.webhookEvery >= 0 {
		hooks := &outbound.Worker{Store: st, Log: log, PrivateNetworks: c.webhookPrivate}
		hooksCtx, stopHooks := context.WithCancel(context.Background())
		hooksDone := make(chan struct{})
		go func() {
			defer close(hooksDone)
			hooks.Run(hooksCtx, cmp.Or(c.webhookEvery, webhookEvery))
		}()
		defer func() { stopHooks(); <-hooksDone }()
	}

	srv := &http.Server{
		Addr: c.addr,
		Handler: api.New(eng, api.Options{
			Logger: log, Store: st, Recorder: batcher, Versions: st, Reloader: reloader,
			Fixtures: c.fixtures, Keys: keyring, Rate: c.rate, Checkpointer: checkpointerOrNil(checkpoints),
			Reviews: &review.Service{Store: st, Judge: eng}, Transparency: api.Report(st), Meta: metaAPI,
			Subscriptions: st, Policies: c.policies, Verifier: st,
			Console: console.New(console.Options{Logger: log}),
		}),
		// A slow client cannot hold a connection: headers within 5 s, the
		// whole body (64 KiB at most) within 15 s, the answer written within
		// 30 s (POST /replay and GET /diff extend their own, see
		// api.LongRunningTimeout), and an idle keep-alive closed after 2 min.
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
	apply := func(ctx context.Context) {
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
	apply(ctx)
	period.Every(ctx, every, apply)
}

// serverName names this process in the activations it records.
func serverName() string {
	host, err := os.Hostname()
	if err != nil {
		host = "unknown"
	}
	return fmt.Sprintf("%s:%d", host, os.Getpid())
}

// secure makes sure the server does not answer strangers. With an API key
// in the database, every request needs one. Without any, it refuses to
// listen beyond loopback (unless -insecure-no-auth), and on loopback it
// creates a first admin key and writes it to a 0600 file, so that make run
// stays two commands and the API is never open, not even on a laptop.
func (c serveConfig) secure(ctx context.Context, log *slog.Logger, st *store.SQL, keys *api.Keyring) error {
	if n := keys.Valid(); n > 0 {
		if c.insecureNoAuth {
			log.Warn("-insecure-no-auth is ignored: the database holds API keys, so every request needs one")
		}
		log.Info("API keys required", "keys", n)
		return nil
	}
	if c.insecureNoAuth {
		keys.OpenWhileEmpty()
		log.Warn("UNSAFE: -insecure-no-auth and no API key: anyone who reaches this address may call every endpoint, for every ente, until a key is created", "addr", c.addr)
		return nil
	}
	if !loopbackAddr(c.addr) {
		return fmt.Errorf("refusing to listen on %s: the database holds no API key, so anyone who reaches that address could "+
			"decide, read every ente's decisions and reload the policies. Create a key first (galateo keys create -name admin -enti '*' "+
			"-roles decide,audit,admin), or listen on loopback (127.0.0.1), where serve writes a first admin key to a file, "+
			"or pass -insecure-no-auth (unsafe)", c.addr)
	}
	path := c.keyPath()
	k, secret, err := api.CreateKey(ctx, st, "first admin key (galateo serve)", []string{api.AllEnti}, api.Roles, time.Now())
	if err != nil {
		return fmt.Errorf("create a first API key: %w", err)
	}
	if err := writeKeyFile(path, secret); err != nil {
		// Nobody holds the key: take it back rather than leave it valid.
		_, _ = st.RevokeKey(ctx, k.ID, time.Now())
		return fmt.Errorf("write the first API key: %w", err)
	}
	if err := keys.Refresh(ctx); err != nil {
		return err
	}
	log.Warn("the database held no API key: created admin key "+k.ID+" for every ente and role and wrote it to "+path+
		" (mode 0600); listening on loopback only. Send it as Authorization: Bearer $(cat "+path+")",
		"key_id", k.ID, "key_file", path, "addr", c.addr)
	return nil
}

// keyPath is where the first admin key is written.
func (c serveConfig) keyPath() string {
	switch {
	case c.keyFile != "":
		return c.keyFile
	case isPostgres(c.db):
		return "galateo.key"
	}
	return filepath.Join(filepath.Dir(sqlitePath(c.db)), "galateo.key")
}

// writeKeyFile writes a key readable by its owner only. A file left by an
// earlier database is replaced: its key is not in this one.
func writeKeyFile(path, key string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(key + "\n"); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// rateFromEnv applies GALATEO_RATE and GALATEO_BURST to the flags not given.
func rateFromEnv(fs *flag.FlagSet, rate *float64, burst *int) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if v := os.Getenv("GALATEO_RATE"); v != "" && !given["rate"] {
		r, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return fmt.Errorf("GALATEO_RATE %q is not a number", v)
		}
		*rate = r
	}
	if v := os.Getenv("GALATEO_BURST"); v != "" && !given["burst"] {
		b, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("GALATEO_BURST %q is not a whole number", v)
		}
		*burst = b
	}
	return nil
}

// loopbackAddr reports whether a listen address is on loopback only; ":8080"
// (every interface) is not.
func loopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	return err == nil && loopback(host)
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
