package main

import (
	"flag"
	"fmt"
	"log/slog"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/classify"
)

// classifierFlag is -classifier, shared by serve and decide.
func classifierFlag(fs *flag.FlagSet) *string {
	return fs.String("classifier", env("GALATEO_CLASSIFIER", ""),
		"YAML file of the provider that scores requests sent without signals (env GALATEO_CLASSIFIER; docs/classifier.example.yaml)")
}

// classifierOptions are the engine options of the classifier file path,
// none when path is "". A bad file stops the command at start.
func classifierOptions(path string, log *slog.Logger) ([]engine.Option, error) {
	if path == "" {
		return nil, nil
	}
	cfg, err := classify.Load(path)
	if err != nil {
		return nil, err
	}
	p, err := classify.New(cfg, classify.WithLogger(log))
	if err != nil {
		return nil, fmt.Errorf("classifier config %s: %w", path, err)
	}
	// The key is never logged; where it comes from is.
	log.Info("classifier signals for requests without any", "provider", cfg.Name, "api", cfg.API,
		"base_url", cfg.BaseURL, "model", cfg.Model, "timeout", cfg.Timeout.String(),
		"key_from", keySource(cfg), "cache_entries", *cfg.CacheEntries,
		"breaker_failures", cfg.Breaker.Failures, "breaker_cooldown", cfg.Breaker.Cooldown.String())
	return []engine.Option{engine.WithClassifier(p)}, nil
}

func keySource(cfg classify.Config) string {
	switch {
	case cfg.APIKeyEnv != "":
		return "env " + cfg.APIKeyEnv
	case cfg.APIKeyFile != "":
		return "file " + cfg.APIKeyFile
	}
	return "none"
}
