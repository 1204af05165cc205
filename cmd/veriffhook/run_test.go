package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/veriffkit/webhook"
)

// runIn runs the command in process, for the defaults TestCLI does not
// look at.
func runIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestSendDefaults(t *testing.T) {
	rcv := newReceiver(t)
	for _, c := range []struct {
		status string
		want   webhook.ReasonCode
		args   []string
	}{
		{"declined", webhook.ReasonCodeSuspectedDocumentTampering, nil},
		{"resubmission_requested", webhook.ReasonCodeVideoOrPhotosMissing, nil},
		{"declined", 0, []string{"-reason-code", "0"}},
		{"approved", 0, nil},
	} {
		rcv.reset()
		args := append([]string{"send", "-url", rcv.URL, "-secret", secret, "-kind", "decision", "-status", c.status}, c.args...)
		code, _, stderr := runIn(t, "", args...)
		require.Equal(t, 0, code, stderr)
		p, err := webhook.ParseAny(rcv.bodiesGot()[0])
		require.NoError(t, err)
		assert.Equal(t, c.want, p.(webhook.Decision).Verification.ReasonCode, "%s %v", c.status, c.args)
	}

	rcv.reset()
	code, _, stderr := runIn(t, "", "send", "-url", rcv.URL, "-secret", secret, "-kind", "event", "-code", "7008")
	require.Equal(t, 0, code, stderr)
	p, err := webhook.ParseAny(rcv.bodiesGot()[0])
	require.NoError(t, err)
	assert.Equal(t, webhook.ActionFlowFinished, p.(webhook.Event).Action, "7008 has no documented action: flow_finished")

	t.Setenv("WEBHOOK_SECRET", secret+",old-secret")
	code, _, stderr = runIn(t, "", "send", "-url", rcv.URL, "-kind", "curp", "-curp-status", "BD")
	require.Equal(t, 0, code, "the secret from $WEBHOOK_SECRET: %s", stderr)
	code, out, _ := runIn(t, "body", "sign")
	require.Equal(t, 0, code)
	assert.Equal(t, webhook.Sign([]byte("body"), secret)+"\n", out)
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{"send", "-url", "u", "-secret", "s", "-kind", "event", "extra"},
		{"send", "-url", "u", "-secret", "s"},
		{"send", "-url", "u", "-secret", "s", "-kind", "event", "-n", "0"},
		{"send", "-bogus"},
		{"replay", "-url", "u", "-secret", "s"},
		{"replay", "-url", "u", "-secret", "s", "/nonexistent/file.json"},
		{"sign", "-secret", "s", "a", "b"},
	} {
		code, _, stderr := runIn(t, "", args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.NotEmpty(t, stderr, "%v", args)
	}
	code, _, stderr := runIn(t, "", "sign", "-secret", "s", "/nonexistent/file.json")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "no such file")
	code, _, stderr = runIn(t, "", "-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, stderr, "veriffhook scenario")
}

func TestScenarioFacts(t *testing.T) {
	code, out, _ := runIn(t, "", "scenario", "-facts")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "resubmission-limit-539\t")
	assert.Contains(t, out, "\tends declined on attempt 10, reason code 539\n")
	assert.Contains(t, out, "\t[V] up to 9 resubmissions")
}
