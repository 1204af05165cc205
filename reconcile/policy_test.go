package reconcile

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/veriffkit/webhook"
)

const day = 24 * time.Hour

var t0 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// randomPolicy returns a valid policy with every field set.
func randomPolicy(r *rand.Rand) Policy {
	quiet := time.Duration(1+r.IntN(120)) * time.Minute
	maxi := quiet + time.Duration(r.Int64N(int64(12*time.Hour)))
	window := maxi + time.Duration(r.Int64N(int64(15*day)))
	p := Policy{Quiet: quiet, MaxInterval: maxi, Window: window, Jitter: 0.001 + 0.999*r.Float64(), Budget: 1 + r.IntN(500),
		RateLimitPause: time.Duration(1+r.IntN(60)) * time.Second, MaxRateLimitPause: time.Hour}
	return p
}

// schedule polls s on time, with no answer ever changing it, and returns
// the times of its polls and the plan that ended them.
func schedule(t *testing.T, p Policy, s Session) ([]time.Time, Plan) {
	t.Helper()
	var polls []time.Time
	for range 100000 {
		pl := p.Plan(s, s.LastPoll)
		if pl.Action == Stop {
			return polls, pl
		}
		require.Equal(t, Wait, pl.Action, "asked at the last poll, the next is later")
		require.True(t, pl.At.After(s.LastPoll))
		// Just before it is due: wait, for the same time; at it: poll.
		require.Equal(t, Plan{Action: Wait, At: pl.At}, p.Plan(s, pl.At.Add(-1)))
		require.Equal(t, Plan{Action: PollNow, At: pl.At}, p.Plan(s, pl.At))
		polls = append(polls, pl.At)
		s.LastPoll, s.Polls = pl.At, s.Polls+1
	}
	t.Fatal("the schedule does not end")
	return nil, Plan{}
}

func TestDefaultPolicy(t *testing.T) {
	require.NoError(t, DefaultPolicy.Validate())
	assert.Equal(t, 37, DefaultPolicy.SchedulePolls(), "the count the docs give")
	assert.Equal(t, 2*DefaultPolicy.SchedulePolls(), DefaultPolicy.Budget, "the budget is twice one window's schedule")
	assert.Equal(t, 8*day, DefaultPolicy.Window, "Veriff's 7 days and a day")
	assert.Equal(t, DefaultPolicy, Policy{}.norm(), "the zero Policy is the default")

	// Without jitter, the schedule is the one the docs describe.
	p := DefaultPolicy
	p.Jitter = 1e-300 // not 0, which takes the default
	polls, end := schedule(t, p, Session{ID: "s", Created: t0})
	assert.Equal(t, WindowOver, end.Reason)
	require.Len(t, polls, 37)
	var gaps []time.Duration
	prev := t0
	for _, at := range polls {
		gaps = append(gaps, at.Sub(prev))
		prev = at
	}
	want := []time.Duration{10 * time.Minute, 20 * time.Minute, 40 * time.Minute, 80 * time.Minute, 160 * time.Minute, 320 * time.Minute}
	assert.Equal(t, want, gaps[:6])
	for _, g := range gaps[6:36] {
		assert.Equal(t, 6*time.Hour, g)
	}
	assert.Equal(t, t0.Add(8*day), polls[36], "the last look at the window's end")
}

// TestScheduleProperties: for random policies and sessions, polled on
// time and never changing: the first poll comes after Quiet, the polls
// are never further apart than MaxInterval stretched by the jitter, the
// last is at the end of the window, their number is at most
// SchedulePolls, and nothing follows.
func TestScheduleProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		p := randomPolicy(r)
		p.Budget = 1 << 20
		require.NoError(t, p.Validate())
		s := Session{ID: fmt.Sprintf("session-%d", i), Created: t0.Add(time.Duration(r.Int64N(int64(day))))}
		anchor := s.Created
		if r.IntN(2) == 0 {
			s.Changed = s.Created.Add(time.Duration(r.Int64N(int64(3 * day))))
			anchor = s.Changed
		}
		polls, end := schedule(t, p, s)
		require.Equal(t, WindowOver, end.Reason, "%+v", p)
		require.NotEmpty(t, polls)
		f := p.stretch(s.ID)
		assert.False(t, polls[0].Before(anchor.Add(p.Quiet)), "first poll before Quiet: %+v", p)
		assert.False(t, polls[0].After(anchor.Add(scale(p.Quiet, f))), "first poll later than Quiet stretched")
		maxGap := scale(p.MaxInterval, 1+p.Jitter)
		prev := anchor
		for _, at := range polls {
			assert.LessOrEqual(t, at.Sub(prev), maxGap, "%+v", p)
			prev = at
		}
		assert.Equal(t, anchor.Add(p.Window), polls[len(polls)-1], "the last poll is at the window's end")
		assert.LessOrEqual(t, len(polls), p.SchedulePolls(), "jitter only stretches: %+v", p)

		unjittered := p
		unjittered.Jitter = 1e-300
		polls, _ = schedule(t, unjittered, Session{ID: "x", Created: t0})
		assert.Equal(t, unjittered.SchedulePolls(), len(polls), "SchedulePolls counts the schedule: %+v", p)
	}
}

// TestDecisionFound: a decision that Veriff makes at any time within the
// window, and whose webhook never comes, is found by the first poll after
// it, at most MaxInterval (stretched) later, polls made on time or late.
func TestDecisionFound(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 2000 {
		p := randomPolicy(r)
		p.Budget = 1 << 20
		if i%4 == 0 {
			p = DefaultPolicy
		}
		s := Session{ID: fmt.Sprintf("s%d", i), Created: t0}
		end := t0.Add(p.Window)
		decided := t0.Add(time.Duration(r.Int64N(int64(p.Window))))
		late := time.Duration(0)
		if i%2 == 1 {
			late = time.Duration(r.Int64N(int64(p.Quiet))) // the poller is behind
		}
		found := time.Time{}
		for now := t0; ; {
			pl := p.Plan(s, now)
			if pl.Action == Stop {
				break
			}
			if pl.Action == Wait {
				now = pl.At.Add(late)
				continue
			}
			s.Polls, s.LastPoll = s.Polls+1, now
			if !now.Before(decided) {
				found = now
				s.Status, s.Changed = webhook.StatusApproved, now
			}
		}
		require.False(t, found.IsZero(), "decision at %v not found: %+v", decided.Sub(t0), p)
		bound := decided.Add(scale(p.MaxInterval, 1+p.Jitter))
		if decided.Before(t0.Add(p.Quiet)) {
			bound = t0.Add(scale(p.Quiet, 1+p.Jitter))
		}
		if bound.After(end) {
			bound = end
		}
		bound = bound.Add(late)
		assert.False(t, found.After(bound), "decision at %v found at %v, after %v: %+v", decided.Sub(t0), found.Sub(t0), bound.Sub(t0), p)
	}
}

// simulation runs a policy on one session, polled on time, and
// reports the polls made and when the decision was found.
type simulation struct {
	p       Policy
	s       Session
	decided time.Time // when Veriff decides
	status  webhook.Status
	changes []time.Time // when deliveries change the state
	polls   []time.Time
	found   time.Time
	stopped Plan
}

func (sim *simulation) run(t *testing.T) {
	t.Helper()
	now := sim.s.Created
	for {
		for len(sim.changes) > 0 && !sim.changes[0].After(now) {
			sim.s.Changed = sim.changes[0]
			sim.changes = sim.changes[1:]
		}
		pl := sim.p.Plan(sim.s, now)
		if pl.Action == Stop {
			sim.stopped = pl
			return
		}
		if pl.Action == Wait {
			now = pl.At
			if len(sim.changes) > 0 && sim.changes[0].Before(now) {
				now = sim.changes[0]
			}
			continue
		}
		sim.polls = append(sim.polls, now)
		sim.s.Polls, sim.s.LastPoll = sim.s.Polls+1, now
		if !sim.decided.IsZero() && !now.Before(sim.decided) && sim.found.IsZero() {
			sim.found = now
			sim.s.Status, sim.s.Changed = sim.status, now
		}
		require.Less(t, len(sim.polls), 10000)
	}
}

// TestPolicyEdges: the cases the issue names, on the default policy.
func TestPolicyEdges(t *testing.T) {
	p := DefaultPolicy
	jitterMax := scale(p.MaxInterval, 1+p.Jitter)

	t.Run("never started", func(t *testing.T) {
		// Created, and nothing ever again: polled for the window, then
		// given up, within the schedule's count.
		sim := &simulation{p: p, s: Session{ID: "never", Created: t0}}
		sim.run(t)
		assert.Equal(t, Plan{Action: Stop, Reason: WindowOver}, sim.stopped)
		assert.LessOrEqual(t, len(sim.polls), p.SchedulePolls())
		assert.Equal(t, t0.Add(8*day), sim.polls[len(sim.polls)-1])
	})
	t.Run("expired at 7 days", func(t *testing.T) {
		// Never started, expired by Veriff after 7 days [V-old], the
		// webhook lost: found within MaxInterval of it, before the window
		// ends.
		sim := &simulation{p: p, s: Session{ID: "expired", Created: t0}, decided: t0.Add(RetryWindow), status: webhook.StatusExpired}
		sim.run(t)
		require.False(t, sim.found.IsZero())
		assert.LessOrEqual(t, sim.found.Sub(sim.decided), jitterMax)
		assert.Equal(t, Plan{Action: Stop, Reason: Final}, sim.stopped)
		assert.LessOrEqual(t, len(sim.polls), p.SchedulePolls())
	})
	t.Run("review lasts a day", func(t *testing.T) {
		// Started, submitted and review delivered in the first minutes;
		// the final decision a day later, its webhook lost: the review's
		// change restarts the schedule, and the decision is found within
		// MaxInterval.
		created := t0
		review := created.Add(5 * time.Minute)
		sim := &simulation{p: p, s: Session{ID: "review", Created: created, Status: webhook.StatusReview},
			changes: []time.Time{created.Add(time.Minute), created.Add(4 * time.Minute), review},
			decided: review.Add(day), status: webhook.StatusApproved}
		sim.run(t)
		require.False(t, sim.found.IsZero())
		assert.LessOrEqual(t, sim.found.Sub(sim.decided), jitterMax)
		assert.False(t, sim.polls[0].Before(review.Add(p.Quiet)), "no poll while the session is busy")
		assert.LessOrEqual(t, len(sim.polls), 12, "a day of review costs a dozen polls at most")
	})
	t.Run("decided before quiet", func(t *testing.T) {
		// The usual session: its decision webhook arrives within minutes,
		// and it is never polled.
		s := Session{ID: "usual", Created: t0, Changed: t0.Add(7 * time.Minute), Status: webhook.StatusApproved}
		assert.Equal(t, Plan{Action: Stop, Reason: Final}, p.Plan(s, t0.Add(8*time.Minute)))
	})
	t.Run("review after the window", func(t *testing.T) {
		// A decision later than the window after the last change is not
		// found: the policy gives up, and says so.
		sim := &simulation{p: p, s: Session{ID: "late", Created: t0, Status: webhook.StatusReview},
			decided: t0.Add(9 * day), status: webhook.StatusApproved}
		sim.run(t)
		assert.True(t, sim.found.IsZero())
		assert.Equal(t, WindowOver, sim.stopped.Reason)
	})
}

// TestPlanStops: a final status, a 404 and a spent budget stop a session
// whatever else holds; a status that is not final (or unknown) does not.
func TestPlanStops(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 1000 {
		p := randomPolicy(r)
		s := Session{ID: fmt.Sprint(i), Created: t0, Polls: r.IntN(p.Budget + 2)}
		if r.IntN(2) == 0 {
			s.LastPoll = t0.Add(time.Duration(r.Int64N(int64(2 * p.Window))))
		}
		now := t0.Add(time.Duration(r.Int64N(int64(3 * p.Window))))
		statuses := []webhook.Status{"", webhook.StatusStarted, webhook.StatusSubmitted, webhook.StatusReview,
			webhook.StatusResubmissionRequested, "inflow_completed", webhook.StatusApproved, webhook.StatusDeclined,
			webhook.StatusExpired, webhook.StatusAbandoned}
		s.Status = statuses[r.IntN(len(statuses))]
		s.NotFound = r.IntN(4) == 0
		pl := p.Plan(s, now)
		switch {
		case s.Status.IsFinal():
			assert.Equal(t, Plan{Action: Stop, Reason: Final}, pl)
		case s.NotFound:
			assert.Equal(t, Plan{Action: Stop, Reason: NotFound}, pl)
		case s.Polls >= p.Budget:
			assert.Equal(t, Plan{Action: Stop, Reason: BudgetSpent}, pl)
		default:
			assert.NotEqual(t, Final, pl.Reason)
			if pl.Action != Stop {
				assert.True(t, pl.At.After(s.LastPoll), "never twice for one due time")
				assert.Equal(t, pl.Action == PollNow, !pl.At.After(now))
			} else {
				assert.Equal(t, WindowOver, pl.Reason)
				assert.False(t, s.LastPoll.Before(t0.Add(p.norm().Window)), "stopped before the window's last look")
			}
		}
	}
}

// TestBudget: however often a session changes, it is polled at most
// Budget times.
func TestBudget(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for i := range 200 {
		p := DefaultPolicy
		p.Budget = 1 + r.IntN(60)
		var changes []time.Time
		at := t0
		for range r.IntN(200) {
			at = at.Add(time.Duration(r.Int64N(int64(12 * time.Hour))))
			changes = append(changes, at)
		}
		sim := &simulation{p: p, s: Session{ID: fmt.Sprint(i), Created: t0}, changes: changes}
		sim.run(t)
		assert.LessOrEqual(t, len(sim.polls), p.Budget)
		if len(sim.polls) == p.Budget {
			assert.Equal(t, BudgetSpent, sim.stopped.Reason)
		}
	}
}

// TestLatePollsDoNotBurst: a poller far behind (down for a day) makes one
// poll, not the ones it missed.
func TestLatePollsDoNotBurst(t *testing.T) {
	p := DefaultPolicy
	s := Session{ID: "behind", Created: t0}
	now := t0.Add(3 * day)
	pl := p.Plan(s, now)
	require.Equal(t, PollNow, pl.Action)
	s.Polls, s.LastPoll = 1, now
	pl = p.Plan(s, now)
	require.Equal(t, Wait, pl.Action)
	assert.Greater(t, pl.At.Sub(now), time.Duration(0))
	assert.LessOrEqual(t, pl.At.Sub(now), scale(p.MaxInterval, 1+p.Jitter))
}

func TestJitterSpreads(t *testing.T) {
	p := DefaultPolicy
	seen := map[time.Time]bool{}
	for i := range 100 {
		pl := p.Plan(Session{ID: fmt.Sprintf("session-%d", i), Created: t0, LastPoll: t0.Add(2 * day)}, t0)
		seen[pl.At] = true
		assert.False(t, pl.At.Before(t0.Add(2*day)))
	}
	assert.Greater(t, len(seen), 90, "sessions created together poll at their own times")
}

// TestSchedulePollsExact compares SchedulePolls with the schedule walked,
// over every small policy in whole minutes: steps that land on the
// window's end and steps that do not.
func TestSchedulePollsExact(t *testing.T) {
	m := time.Minute
	for q := 1; q <= 4; q++ {
		for mx := q; mx <= 9; mx++ {
			for w := mx; w <= 24; w++ {
				p := Policy{Quiet: time.Duration(q) * m, MaxInterval: time.Duration(mx) * m, Window: time.Duration(w) * m, Jitter: 1e-300}
				polls, _ := schedule(t, p, Session{ID: "x", Created: t0})
				require.Equal(t, len(polls), p.SchedulePolls(), "%+v", p)
			}
		}
	}
}

func TestValidate(t *testing.T) {
	for _, p := range []Policy{
		{Quiet: -1}, {MaxInterval: -1}, {Window: -1}, {Budget: -1}, {RateLimitPause: -1}, {MaxRateLimitPause: -1},
		{Quiet: time.Hour, MaxInterval: time.Minute},
		{MaxInterval: time.Hour, Window: time.Minute},
		{Window: 11 * 365 * day},
		{Jitter: -0.1}, {Jitter: 1.5},
		{RateLimitPause: time.Hour, MaxRateLimitPause: time.Minute},
		{MaxRateLimitPause: 25 * time.Hour}, {RateLimitPause: 25 * time.Hour, MaxRateLimitPause: 25 * time.Hour},
	} {
		err := p.Validate()
		require.ErrorIs(t, err, ErrInvalidPolicy, "%+v", p)
		// Plan clamps it, and still ends.
		polls, _ := schedule(t, p, Session{ID: "x", Created: t0})
		assert.LessOrEqual(t, len(polls), p.norm().Budget)
	}
	require.NoError(t, Policy{Quiet: time.Hour}.Validate(), "zero fields take the defaults")
	require.NoError(t, Policy{}.Validate())
	require.NoError(t, Policy{Window: 10 * 365 * day}.Validate(), "10 years is the longest window")
	require.NoError(t, Policy{RateLimitPause: time.Minute, MaxRateLimitPause: time.Minute}.Validate())
	require.NoError(t, Policy{RateLimitPause: day, MaxRateLimitPause: day}.Validate(), "a day is the longest pause")
	require.NoError(t, Policy{Quiet: time.Minute, MaxInterval: time.Minute, Window: time.Minute, Jitter: 1}.Validate())
	// A tiny schedule over a long window is counted without walking it.
	assert.Equal(t, 31536000, Policy{Quiet: time.Second, MaxInterval: time.Second, Window: 365 * day}.SchedulePolls())
}

func TestStrings(t *testing.T) {
	assert.Equal(t, []string{"wait", "poll", "stop", "Action(9)"}, []string{Wait.String(), PollNow.String(), Stop.String(), Action(9).String()})
	assert.Equal(t, []string{"running", "final", "not found", "window over", "budget spent", "Reason(9)"},
		[]string{Running.String(), Final.String(), NotFound.String(), WindowOver.String(), BudgetSpent.String(), Reason(9).String()})
	assert.Equal(t, []string{"failed", "decided", "pending", "gone", "unauthorized", "rate limited", "Outcome(9)"},
		[]string{Failed.String(), Decided.String(), Pending.String(), Gone.String(), Unauthorized.String(), RateLimited.String(), Outcome(9).String()})
}

// TestPlanZeroCreated: a session whose Created was never set is polled
// once at most, then stops; before, the skip to the first poll after the
// last one overflowed from year 1 and every Plan said PollNow, for a due
// time in year -292, until the budget was spent.
func TestPlanZeroCreated(t *testing.T) {
	var p Policy
	s := Session{ID: "no-created", Status: webhook.StatusSubmitted}
	first := p.Plan(s, t0)
	assert.Equal(t, PollNow, first.Action, "never polled: once")
	s.Polls, s.LastPoll = 1, t0
	assert.Equal(t, Plan{Action: Stop, Reason: WindowOver}, p.Plan(s, t0))
	assert.Equal(t, Plan{Action: Stop, Reason: WindowOver}, p.Plan(s, t0.Add(time.Hour)))
}
