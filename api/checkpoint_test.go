package api

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/galateo/galateo/store/checkpoint"
)

type fakeCheckpointer struct {
	calls int
	err   error
}

func (f *fakeCheckpointer) Checkpoint(context.Context) ([]checkpoint.Checkpoint, error) {
	f.calls++
	return []checkpoint.Checkpoint{{Ente: "massa", Seq: 3, Hash: "ab"}}, f.err
}

func TestAdminCheckpoint(t *testing.T) {
	ok := &fakeCheckpointer{}
	env := newEnv(t, envOptions{})
	env.router = New(env.decider, Options{Logger: env.logger(), Store: env.audit, Recorder: env.audit, Checkpointer: ok})
	env.run(t, httpCase{path: "/admin/checkpoint", status: http.StatusOK, check: func(t *testing.T, res *httptest.ResponseRecorder) {
		if !strings.Contains(res.Body.String(), `"ente":"massa","seq":3`) || ok.calls != 1 {
			t.Errorf("body %s after %d calls", res.Body, ok.calls)
		}
	}})
	env.run(t, httpCase{path: "/admin/checkpoint", body: `{}`, status: http.StatusUnprocessableEntity, problem: probInvalidRequest})
	if ok.calls != 1 {
		t.Errorf("a request with a body signed checkpoints")
	}

	failing := &fakeCheckpointer{err: errors.New("disk full")}
	env.router = New(env.decider, Options{Logger: env.logger(), Store: env.audit, Recorder: env.audit, Checkpointer: failing})
	env.run(t, httpCase{path: "/admin/checkpoint", status: http.StatusServiceUnavailable, problem: probNoCheckpoints})

	none := newEnv(t, envOptions{})
	none.run(t, httpCase{path: "/admin/checkpoint", status: http.StatusServiceUnavailable, problem: probNoCheckpoints})
}
