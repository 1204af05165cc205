package reconcile

import (
	"bytes"
	"encoding/json"

	"github.com/veriffkit/webhook"
)

// Fold folds p, a decision or a Full Auto decision that a poll returned,
// into s as if it had been delivered, and reports whether s changed: the
// time to set Session.Changed, and to act on the session's new status.
// SessionState is a join, so a decision folded twice, or polled and also
// delivered in either order, changes s once. An error is
// SessionState.Apply's, and leaves s as it was.
func Fold(s *webhook.SessionState, p webhook.Payload) (changed bool, err error) {
	before, err := json.Marshal(s)
	if err != nil {
		return false, err
	}
	next := *s
	if err := next.Apply(p); err != nil {
		return false, err
	}
	after, err := json.Marshal(next)
	if err != nil {
		return false, err
	}
	*s = next
	return !bytes.Equal(before, after), nil
}
