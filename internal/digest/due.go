package digest

import (
	"time"

	"github.com/heinlein/regbot/internal/config"
)

// Due says whether the digest for the local calendar day of now is due:
// once the wall clock in loc shows at (or later) on that day, and no digest
// was sent for it yet. lastSentDay is the last day a digest went out
// ("YYYY-MM-DD", "" for never; store.Reader.LastDigest), so the answer
// survives restarts. day is the local day of now, "YYYY-MM-DD".
//
// The rule compares the wall clock, not instants, which makes the daylight
// saving changes harmless: on the spring day whose 02:30 does not exist the
// digest for at = 02:30 goes out at 03:00, the first minute whose wall clock
// is past 02:30 (late rather than skipped); on the autumn day whose 02:30
// occurs twice it goes out at the first 02:30, and the second finds the day
// sent. After downtime it is one digest for today, as soon as today's at has
// come, not one per missed day. A nil loc means UTC.
func Due(lastSentDay string, now time.Time, at config.ClockTime, loc *time.Location) (day string, due bool) {
	if loc == nil {
		loc = time.UTC
	}
	local := now.In(loc)
	day = local.Format(time.DateOnly)
	if lastSentDay >= day { // sent today (or the clock went back)
		return day, false
	}
	h, m, _ := local.Clock()
	return day, h > at.Hour || (h == at.Hour && m >= at.Minute)
}
