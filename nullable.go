package webhook

// NullFloat is a JSON number that may be absent or null.
type NullFloat struct {
	Value float64
	Valid bool // false when absent or null
}

// NullBool is a JSON boolean that may be absent or null.
type NullBool struct {
	Value bool
	Valid bool // false when absent or null
}
