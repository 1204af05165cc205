package webhook

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stdTime is the reference parseTime must agree with: how encoding/json
// reads a time.Time.
func stdTime(b []byte) (time.Time, error) {
	var t time.Time
	err := t.UnmarshalText(b)
	return t, err
}

// sameTime asserts that parseTime and the standard library agree on b: the
// same error or none, and the same time. A UTC time must be the same
// time.Time (== compares the instant, the location and the monotonic
// reading); one with an offset, which the standard library gives a new
// zone each time, the same instant in a zone of the same name and offset.
func sameTime(t *testing.T, b []byte) {
	t.Helper()
	got, gotErr := parseTime(b)
	want, wantErr := stdTime(b)
	require.Equal(t, wantErr == nil, gotErr == nil, "%q: error %v, standard library %v", b, gotErr, wantErr)
	if wantErr != nil {
		assert.Equal(t, wantErr.Error(), gotErr.Error(), "%q", b)
		return
	}
	if want.Location() == time.UTC {
		assert.True(t, got == want, "%q: %v, standard library %v", b, got, want)
		return
	}
	gotName, gotOffset := got.Zone()
	wantName, wantOffset := want.Zone()
	assert.True(t, got.Equal(want) && gotName == wantName && gotOffset == wantOffset, "%q: %v, standard library %v", b, got, want)
}

// TestParseTime holds parseTime to the standard library on the form utcTime
// reads, at the edge of every range it checks, and on forms it leaves to
// the standard library.
func TestParseTime(t *testing.T) {
	for _, s := range []string{
		"2019-11-06T07:18:36.916Z", "2019-11-06T07:18:36Z", "2019-11-06T07:18:36.1Z",
		"2019-11-06T07:18:36.123456789Z", "2019-11-06T07:18:36.1234567891Z", // ten digits: the standard library's
		"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
		// The ranges: month, day (leap years included), hour, minute, second.
		"2019-00-06T07:18:36Z", "2019-13-06T07:18:36Z", "2019-12-00T07:18:36Z", "2019-12-32T07:18:36Z",
		"2019-04-30T07:18:36Z", "2019-04-31T07:18:36Z", "2019-06-31T07:18:36Z", "2019-09-31T07:18:36Z", "2019-11-31T07:18:36Z",
		"2019-02-28T00:00:00Z", "2019-02-29T00:00:00Z", "2020-02-29T00:00:00Z", "2020-02-30T00:00:00Z",
		"1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
		"2019-11-06T23:59:59Z", "2019-11-06T24:00:00Z", "2019-11-06T07:60:36Z", "2019-11-06T07:18:60Z",
		// Not digits where digits go, and wrong separators.
		"2019-11-06T07:18:3aZ", "201a-11-06T07:18:36Z", "2019-1/-06T07:18:36Z", "2019-11-06T07:18:36.9a9Z", "2019-11-06T07:18:36.9/9Z", "2019-11-06T0/:18:36Z",
		"2019/11/06T07:18:36Z", "2019-11-06 07:18:36Z", "2019-11-06t07:18:36Z", "2019-11-06T07-18-36Z",
		"2019-11-06T07:18:36.Z", "2019-11-06T07:18:36,916Z", "2019-11-06T07:18:36x916Z",
		// Other zones, and not quite the form.
		"2019-11-06T07:18:36z", "2019-11-06T07:18:36+00:00", "2019-11-06T07:18:36.916-05:30", "2019-11-06T07:18:36",
		"2019-11-06T07:18:36ZZ", "2019-11-06T7:18:36Z", "2019-11-06", "", "Z",
	} {
		sameTime(t, []byte(s))
	}
	// Every day of a leap year and of a common one.
	for _, year := range []int{2019, 2020} {
		for month := 1; month <= 12; month++ {
			for day := 28; day <= 32; day++ {
				sameTime(t, fmt.Appendf(nil, "%04d-%02d-%02dT12:00:00.5Z", year, month, day))
			}
		}
	}
}

// TestUTCTime holds that utcTime reads Veriff's form itself rather than
// leaving it to the standard library, up to the edge of every range it
// checks (a check one step too tight would still give the right time,
// through the standard library, but not from utcTime), and leaves what it
// does not know.
func TestUTCTime(t *testing.T) {
	for _, s := range []string{"2019-11-06T07:18:36.916Z", "2019-11-06T07:18:36Z", "2020-02-29T23:59:59.123456789Z",
		"0000-01-01T00:00:00.0Z", "9999-12-31T23:59:59.9Z", "2019-04-30T12:00:00Z", "2019-02-28T12:00:00Z", "2000-02-29T12:00:00Z"} {
		_, ok := utcTime([]byte(s))
		assert.True(t, ok, s)
	}
	for _, s := range []string{"2019-11-06T07:18:36+00:00", "2019-11-06T07:18:36.1234567891Z", "2019-02-29T00:00:00Z", "2019-11-06T07:18:36.Z"} {
		_, ok := utcTime([]byte(s))
		assert.False(t, ok, s)
	}
}

// FuzzParseTime holds parseTime to the standard library on any input.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2019-11-06T07:18:36.916Z", "2020-02-29T23:59:59Z", "2019-11-06T07:18:36.123456789Z", "2019-11-06T07:18:36+01:00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		sameTime(t, b)
	})
}
