package classify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"
)

// maxResponse bounds what is read of an answer: scores are a few hundred
// bytes, and a server that sends more is not answering the question.
const maxResponse = 1 << 20

// post sends body as JSON to path under the base URL and decodes a 2xx
// answer into out. Errors never quote the answer, which may echo the text.
func (p *Provider) post(ctx context.Context, path string, body, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("encode request: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.base+path, bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if p.key != "" {
		req.Header.Set("Authorization", "Bearer "+p.key)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return fmt.Errorf("no answer: %w", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	if err != nil {
		return fmt.Errorf("POST %s: read answer: %w", path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("POST %s: HTTP %d", path, resp.StatusCode)
	}
	if len(raw) > maxResponse {
		return fmt.Errorf("POST %s: answer larger than %d bytes", path, maxResponse)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("POST %s: answer is not the expected JSON: %w", path, jsonReason(err))
	}
	return nil
}

// jsonReason keeps what a JSON error says about the shape of an answer,
// not its content.
func jsonReason(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Errorf("invalid JSON at byte %d", syntax.Offset)
	case errors.As(err, &typ):
		return fmt.Errorf("%s is %s, not %s", typ.Field, typ.Value, typ.Type)
	}
	return errors.New("invalid JSON")
}

// moderate asks a moderation endpoint and maps its category scores.
func (p *Provider) moderate(ctx context.Context, text string) (map[string]float64, error) {
	body := map[string]any{"input": text}
	if p.cfg.Model != "" {
		body["model"] = p.cfg.Model
	}
	var resp struct {
		Results []struct {
			CategoryScores map[string]float64 `json:"category_scores"`
		} `json:"results"`
	}
	if err := p.post(ctx, "/v1/moderations", body, &resp); err != nil {
		return nil, err
	}
	if len(resp.Results) != 1 {
		return nil, fmt.Errorf("moderation: %d results for one input", len(resp.Results))
	}
	return mapCategories(resp.Results[0].CategoryScores, p.cfg.Moderation.Signals)
}

// mapCategories gives each signal the highest score of its categories; a
// signal none of whose categories was scored is left out.
func mapCategories(scores map[string]float64, signals map[string][]string) (map[string]float64, error) {
	out := map[string]float64{}
	for name, cats := range signals {
		for _, c := range cats {
			v, ok := scores[c]
			if !ok {
				continue
			}
			if !inUnit(v) {
				return nil, fmt.Errorf("moderation: category %s scored %g, outside [0,1]", c, v)
			}
			if cur, seen := out[name]; !seen || v > cur {
				out[name] = v
			}
		}
	}
	if len(out) == 0 {
		return nil, errors.New("moderation: no category of the configured signals was scored")
	}
	return out, nil
}

// chat asks a chat model for the scores as a JSON object.
func (p *Provider) chat(ctx context.Context, text string) (map[string]float64, error) {
	body := map[string]any{
		"model": p.cfg.Model,
		"messages": []map[string]string{
			{"role": "system", "content": p.prompt},
			{"role": "user", "content": text},
		},
		"temperature": 0,
		"max_tokens":  p.cfg.Chat.MaxTokens,
	}
	if *p.cfg.Chat.JSONMode {
		body["response_format"] = map[string]string{"type": "json_object"}
	}
	var resp struct {
		Choices []struct {
			Message struct {
				Content *string `json:"content"`
			} `json:"message"`
		} `json:"choices"`
	}
	if err := p.post(ctx, "/v1/chat/completions", body, &resp); err != nil {
		return nil, err
	}
	if len(resp.Choices) == 0 || resp.Choices[0].Message.Content == nil {
		return nil, errors.New("chat: the answer has no message")
	}
	return parseScores(*resp.Choices[0].Message.Content, p.cfg.Chat.Signals)
}

// parseScores reads the model's message: one JSON object and nothing else
// (a Markdown code fence around it is taken off). Each asked signal it
// scores must be a number in [0,1], or the whole answer is refused: a model
// that breaks the format once is not trusted for its other numbers. Names
// not asked for are ignored.
func parseScores(msg string, asked []string) (map[string]float64, error) {
	msg = unfence(strings.TrimSpace(msg))
	dec := json.NewDecoder(strings.NewReader(msg))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil || obj == nil {
		return nil, errors.New("chat: the message is not a JSON object")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("chat: the message has more than one JSON object")
	}
	out := map[string]float64{}
	for _, name := range asked {
		v, ok := obj[name]
		if !ok {
			continue
		}
		n, ok := v.(json.Number)
		if !ok {
			return nil, fmt.Errorf("chat: %s is not a number", name)
		}
		f, err := n.Float64()
		if err != nil || !inUnit(f) {
			return nil, fmt.Errorf("chat: %s scored %s, outside [0,1]", name, n)
		}
		out[name] = f
	}
	if len(out) == 0 {
		return nil, errors.New("chat: the message scores none of the signals asked for")
	}
	return out, nil
}

// unfence takes off a ```json ... ``` fence that chat models like to add.
func unfence(s string) string {
	if !strings.HasPrefix(s, "```") || !strings.HasSuffix(s, "```") || len(s) < 6 {
		return s
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "```"), "```")
	s = strings.TrimPrefix(s, "json")
	return strings.TrimSpace(s)
}

func inUnit(v float64) bool { return v >= 0 && v <= 1 && !math.IsNaN(v) }
