package store

import (
	"fmt"
	"time"
)

// timeLayout is RFC 3339 in UTC with exactly nine fractional digits. The
// fixed width makes text order equal time order, which every "<=", "since"
// and ORDER BY on a time column relies on (time.RFC3339Nano drops trailing
// zeros and would sort "…:05.5Z" before "…:05Z").
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// dbTime is the one way a time.Time goes into the database: the zero time
// is NULL, anything else UTC text in timeLayout.
func dbTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(timeLayout)
}

// dbSince is the lower bound for "at or after t" comparisons: the zero time
// means "since ever" and is the empty string, which every stored time
// exceeds.
func dbSince(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

// scanTime is the one way a time comes out of the database: NULL is the
// zero time, text is parsed as RFC 3339 and returned in UTC.
type scanTime struct{ t *time.Time }

func (s scanTime) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*s.t = time.Time{}
		return nil
	case string:
		return s.parse(v)
	case []byte:
		return s.parse(string(v))
	default:
		return fmt.Errorf("scan time: unexpected %T", v)
	}
}

func (s scanTime) parse(v string) error {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return fmt.Errorf("scan time: %w", err)
	}
	*s.t = t.UTC()
	return nil
}

// at wraps a destination for Scan.
func at(t *time.Time) scanTime { return scanTime{t} }
