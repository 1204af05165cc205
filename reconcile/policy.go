package reconcile

import (
	"errors"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/veriffkit/webhook"
)

// RetryWindow is how long Veriff goes on sending a decision webhook that
// got no 2xx: "about once an hour for up to 7 days" [V] (Veriff's help
// centre). It is also how long a session nobody finishes waits before it
// is expired or abandoned, "after 7 days" [V-old].
const RetryWindow = 7 * 24 * time.Hour

// Policy says when a session is polled. Its zero fields take
// DefaultPolicy's values, so Policy{Quiet: time.Minute} changes only
// Quiet; a value out of range is clamped as Validate describes.
//
// The polls of one session start once it has been quiet for Quiet (no
// change to its state, from a delivery or a poll, since it was created or
// last changed), and follow at intervals that double from Quiet up to
// MaxInterval, each stretched by the session's own jitter; a last poll
// comes at the end of Window, and then none. A change starts the schedule
// again. Budget caps the polls of one session over its whole life.
type Policy struct {
	// Quiet is how long a session goes without a change before its first
	// poll. A decision usually follows the end-user's submission within
	// "seconds to minutes" [V], and its webhook is sent at once [V]: a
	// session whose webhooks arrive is final before it is polled.
	// Default 10 minutes.
	Quiet time.Duration
	// MaxInterval caps the time between two polls of a session, so a
	// decision whose webhook is lost is found at most MaxInterval (and its
	// jitter) after Veriff made it. Default 6 hours.
	MaxInterval time.Duration
	// Window is how long after its last change (or its creation) a
	// session is polled. Default 8 days: Veriff's 7 days of retries, and
	// of a session's life before it expires (RetryWindow), and a day's
	// margin [I].
	Window time.Duration
	// Budget caps the polls of one session, every poll counted whatever
	// its answer (Session.Polls; a poll that asks for the Full Auto
	// decision too makes two requests, Result.Requests). Default 74,
	// twice what the default schedule makes in one window without a
	// change (see SchedulePolls).
	Budget int
	// Jitter stretches every interval of a session by a fraction between
	// 0 and Jitter that is fixed for the session (taken from its id), so
	// that sessions created together drift apart. Default 0.1; the
	// largest is 1.
	Jitter float64
	// RateLimitPause is how long every poll pauses after a 429 that asks
	// for no particular wait (no Retry-After), doubled at each 429 in a
	// row up to MaxRateLimitPause (at most a day). Defaults 30 seconds
	// and 15 minutes.
	RateLimitPause, MaxRateLimitPause time.Duration
}

// DefaultPolicy is the policy of the zero Policy's fields.
var DefaultPolicy = Policy{
	Quiet:             10 * time.Minute,
	MaxInterval:       6 * time.Hour,
	Window:            RetryWindow + 24*time.Hour,
	Budget:            74,
	Jitter:            0.1,
	RateLimitPause:    30 * time.Second,
	MaxRateLimitPause: 15 * time.Minute,
}

// maxWindow bounds Window (and so every duration of a policy), so that no
// sum of them overflows.
const maxWindow = 10 * 365 * 24 * time.Hour

// ErrInvalidPolicy reports a Policy whose values Validate refuses.
var ErrInvalidPolicy = errors.New("reconcile: invalid policy")

// Validate reports a policy whose values are out of range: a negative
// duration or budget, MaxInterval below Quiet, Window below MaxInterval or
// above 10 years, Jitter outside 0 to 1, MaxRateLimitPause below
// RateLimitPause, either over a day. Zero values are not errors: they take DefaultPolicy's.
// Plan clamps such values rather than fail: a negative one takes the
// default, and the others the nearest value in range.
func (p Policy) Validate() error {
	if p.Quiet < 0 || p.MaxInterval < 0 || p.Window < 0 || p.Budget < 0 || p.RateLimitPause < 0 || p.MaxRateLimitPause < 0 {
		return fmt.Errorf("%w: a negative value in %+v", ErrInvalidPolicy, p)
	}
	n := p.defaults()
	switch {
	case p.MaxInterval != 0 && p.MaxInterval < n.Quiet:
		return fmt.Errorf("%w: MaxInterval %v is below Quiet %v", ErrInvalidPolicy, p.MaxInterval, n.Quiet)
	case p.Window != 0 && p.Window < n.MaxInterval:
		return fmt.Errorf("%w: Window %v is below MaxInterval %v", ErrInvalidPolicy, p.Window, n.MaxInterval)
	case p.Window > maxWindow:
		return fmt.Errorf("%w: Window %v is over 10 years", ErrInvalidPolicy, p.Window)
	case p.Jitter < 0 || p.Jitter > 1 || p.Jitter != p.Jitter:
		return fmt.Errorf("%w: Jitter %v is not between 0 and 1", ErrInvalidPolicy, p.Jitter)
	case p.MaxRateLimitPause != 0 && p.MaxRateLimitPause < n.RateLimitPause:
		return fmt.Errorf("%w: MaxRateLimitPause %v is below RateLimitPause %v", ErrInvalidPolicy, p.MaxRateLimitPause, n.RateLimitPause)
	case p.MaxRateLimitPause > maxRetryAfter || p.RateLimitPause > maxRetryAfter:
		return fmt.Errorf("%w: a rate-limit pause over a day", ErrInvalidPolicy)
	}
	return nil
}

// norm returns p with its zero and negative values replaced by the
// defaults and the others clamped into range.
func (p Policy) norm() Policy {
	p = p.defaults()
	p.Jitter = min(max(p.Jitter, 0), 1)
	p.Window = min(p.Window, maxWindow)
	p.Quiet = min(p.Quiet, p.Window)
	p.MaxInterval = min(max(p.MaxInterval, p.Quiet), p.Window)
	p.RateLimitPause = min(p.RateLimitPause, maxRetryAfter)
	p.MaxRateLimitPause = min(max(p.MaxRateLimitPause, p.RateLimitPause), maxRetryAfter)
	return p
}

// defaults returns p with its zero and negative values replaced by the
// defaults.
func (p Policy) defaults() Policy {
	def := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&p.Quiet, DefaultPolicy.Quiet)
	def(&p.MaxInterval, DefaultPolicy.MaxInterval)
	def(&p.Window, DefaultPolicy.Window)
	def(&p.RateLimitPause, DefaultPolicy.RateLimitPause)
	def(&p.MaxRateLimitPause, DefaultPolicy.MaxRateLimitPause)
	if p.Budget <= 0 {
		p.Budget = DefaultPolicy.Budget
	}
	if p.Jitter == 0 || p.Jitter != p.Jitter { // 0 or NaN
		p.Jitter = DefaultPolicy.Jitter
	}
	return p
}

// Session is what Plan needs to know of one session: what the
// application's registry and its folded state hold.
type Session struct {
	// ID is Veriff's session id.
	ID string
	// Created is when the application created the session. Required: a
	// zero Created puts the session's window in year 1, so that it is
	// polled once at most and then stops as WindowOver.
	Created time.Time
	// Changed is when the session's state last changed, by a delivery or
	// a poll; zero when it never did. A delivery that changes nothing (a
	// duplicate, a retry) is not a change.
	Changed time.Time
	// Status is the folded state's status (webhook.SessionState.Status).
	Status webhook.Status
	// Polls counts the polls made so far, whatever their answers.
	Polls int
	// LastPoll is when the last poll was made; zero when none was.
	LastPoll time.Time
	// NotFound is true once a poll was answered 404: Veriff does not know
	// the session (deleted, or created by another integration).
	NotFound bool
}

// Action is what Plan says to do with a session.
type Action uint8

// The actions.
const (
	// Wait: do not poll before Plan.At, then ask Plan again.
	Wait Action = iota
	// PollNow: poll now (Plan.At is when the schedule wanted it).
	PollNow
	// Stop: never poll this session again; Plan.Reason says why.
	Stop
)

// String returns the action's name in lower case: "wait", "poll" or
// "stop".
func (a Action) String() string {
	switch a {
	case Wait:
		return "wait"
	case PollNow:
		return "poll"
	case Stop:
		return "stop"
	}
	return fmt.Sprintf("Action(%d)", uint8(a))
}

// Reason says why Plan stops a session.
type Reason uint8

// The reasons.
const (
	// Running: the session is not stopped.
	Running Reason = iota
	// Final: its status is final (approved, declined, expired,
	// abandoned); nothing a poll could tell changes it.
	Final
	// NotFound: Veriff answered 404 for it.
	NotFound
	// WindowOver: Window passed since its last change. A session stopped
	// for this reason, with a status that is not final, is one whose
	// decision no poll found: Veriff never gave one, or every poll failed
	// (keep the last poll's error to tell which). Flag it to a person.
	WindowOver
	// BudgetSpent: it was polled Budget times. As for WindowOver, a
	// session stopped for this reason with a status that is not final has
	// a decision nobody knows: flag it to a person.
	BudgetSpent
)

// String returns the reason's name in lower case, such as "window over".
func (r Reason) String() string {
	switch r {
	case Running:
		return "running"
	case Final:
		return "final"
	case NotFound:
		return "not found"
	case WindowOver:
		return "window over"
	case BudgetSpent:
		return "budget spent"
	}
	return fmt.Sprintf("Reason(%d)", uint8(r))
}

// Plan is what to do with one session now.
type Plan struct {
	// Action is what to do: Wait, PollNow or Stop.
	Action Action
	// At is when the next poll is due: for Wait, in the future; for PollNow,
	// now or in the past. Zero for Stop.
	At time.Time
	// Reason is why a session stops; Running for Wait and PollNow.
	Reason Reason
}

// Plan says what to do with s at now: poll it, wait, or stop for good. It
// is a pure function of its arguments: the caller keeps Session's fields
// (in its registry), asks again after every poll and every change, and
// may ask as often as it likes.
func (p Policy) Plan(s Session, now time.Time) Plan {
	p = p.norm()
	switch {
	case s.Status.IsFinal():
		return Plan{Action: Stop, Reason: Final}
	case s.NotFound:
		return Plan{Action: Stop, Reason: NotFound}
	case s.Polls >= p.Budget:
		return Plan{Action: Stop, Reason: BudgetSpent}
	}
	at, ok := p.next(s)
	switch {
	case !ok:
		return Plan{Action: Stop, Reason: WindowOver}
	case at.After(now):
		return Plan{Action: Wait, At: at}
	}
	return Plan{Action: PollNow, At: at}
}

// next returns the time of the first poll of s's schedule after its last
// poll, or false when the schedule is over.
func (p Policy) next(s Session) (time.Time, bool) {
	anchor := s.Created
	if s.Changed.After(anchor) {
		anchor = s.Changed
	}
	end := anchor.Add(p.Window)
	f := p.stretch(s.ID)
	t, d := anchor, p.Quiet
	for {
		step := scale(d, f)
		t = t.Add(step)
		if t.After(end) {
			break
		}
		if t.After(s.LastPoll) {
			return t, true
		}
		if d == p.MaxInterval {
			if !s.LastPoll.Before(end) {
				break // and no skip: from a zero Created, it would overflow
			}
			// Every later step is the same: skip to the first after the
			// last poll (less than a Window away, so no overflow).
			t = t.Add((s.LastPoll.Sub(t)/step + 1) * step)
			if t.After(end) {
				break
			}
			return t, true
		}
		d = min(2*d, p.MaxInterval)
	}
	if s.LastPoll.Before(end) {
		return end, true // a last look at the end of the window
	}
	return time.Time{}, false
}

// stretch returns the factor of a session's intervals: between 1 and
// 1+Jitter, fixed by its id.
func (p Policy) stretch(id string) float64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	u := float64(h.Sum64()>>11) / (1 << 53) // in [0, 1)
	return 1 + p.Jitter*u
}

func scale(d time.Duration, f float64) time.Duration {
	return max(time.Duration(float64(d)*f), 1)
}

// SchedulePolls returns how many polls the policy makes of a session that
// never changes, when every poll is made on time and none is answered:
// the most a session costs in one window. DefaultPolicy makes 37 (six
// while the intervals double from 10 minutes to 6 hours, then one every 6
// hours, and the last at the window's end).
func (p Policy) SchedulePolls() int {
	p = p.norm()
	n, t, d, end := 0, time.Duration(0), p.Quiet, p.Window
	for d < p.MaxInterval && t+d <= end {
		n, t, d = n+1, t+d, min(2*d, p.MaxInterval)
	}
	n += int((end - t) / d) // the steps of MaxInterval
	if (end-t)%d != 0 {
		n++ // and the last look at the window's end
	}
	return n
}
