package webhooktest

import (
	"crypto/rand"
	"fmt"
	mrand "math/rand/v2"
	"sync"
)

// IDs makes the ids of sessions, attempts and end-users: UUID v4, as Veriff
// documents its ids, either random or, from a seed, the same sequence on
// every run. It is safe for concurrent use.
type IDs struct {
	mu sync.Mutex
	r  *mrand.Rand // nil: crypto/rand
}

// RandomIDs returns an IDs whose ids are random.
func RandomIDs() *IDs { return &IDs{} }

// SeededIDs returns an IDs whose ids, and every choice a Session makes with
// it (names, documents, addresses), follow from seed: the same seed gives
// the same bodies.
func SeededIDs(seed uint64) *IDs {
	return &IDs{r: mrand.New(mrand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// UUID returns a new UUID v4 in its usual lowercase form.
func (g *IDs) UUID() string {
	var b [16]byte
	g.mu.Lock()
	if g.r == nil {
		_, _ = rand.Read(b[:]) // never fails (crypto/rand panics rather)
	} else {
		for i := range b {
			b[i] = byte(g.r.Uint32())
		}
	}
	g.mu.Unlock()
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 9562 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// intn returns a number in [0, n), from the seed when there is one.
func (g *IDs) intn(n int) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.r == nil {
		return mrand.IntN(n)
	}
	return g.r.IntN(n)
}
