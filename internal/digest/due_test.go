package digest_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/digest"
	"github.com/heinlein/regbot/internal/store"
)

// run simulates the digest loop from from to to, waking every step and
// sending whenever Due says so; lastSent is what the store would hold. It
// returns the moments it sent, as "2006-01-02 15:04 MST" in Berlin.
func run(from, to time.Time, step time.Duration, at config.ClockTime, lastSent string) []string {
	var sent []string
	for now := from; now.Before(to); now = now.Add(step) {
		if day, due := digest.Due(lastSent, now, at, berlin); due {
			if strings.Contains(strings.Join(sent, ","), day) {
				panic("the same day twice: " + day)
			}
			lastSent = day
			sent = append(sent, now.In(berlin).Format("2006-01-02 15:04 MST"))
		}
	}
	return sent
}

func TestDueOncePerDay(t *testing.T) {
	clk := func(h, m int) config.ClockTime { return config.ClockTime{Hour: h, Minute: m} }
	day := func(month time.Month, d int) time.Time { return time.Date(2024, month, d, 0, 0, 0, 0, berlin) }
	for _, tc := range []struct {
		name     string
		from, to time.Time
		at       config.ClockTime
		want     []string
	}{
		{"spring forward at 07:00", day(time.March, 30), day(time.April, 2), clk(7, 0),
			[]string{"2024-03-30 07:00 CET", "2024-03-31 07:00 CEST", "2024-04-01 07:00 CEST"}},
		// 02:30 does not exist on 31 March: the digest is late, not skipped.
		{"spring forward at 02:30", day(time.March, 30), day(time.April, 2), clk(2, 30),
			[]string{"2024-03-30 02:30 CET", "2024-03-31 03:00 CEST", "2024-04-01 02:30 CEST"}},
		{"fall back at 07:00", day(time.October, 26), day(time.October, 29), clk(7, 0),
			[]string{"2024-10-26 07:00 CEST", "2024-10-27 07:00 CET", "2024-10-28 07:00 CET"}},
		// 02:30 happens twice on 27 October: the first one sends, the second does not.
		{"fall back at 02:30", day(time.October, 26), day(time.October, 29), clk(2, 30),
			[]string{"2024-10-26 02:30 CEST", "2024-10-27 02:30 CEST", "2024-10-28 02:30 CET"}},
		{"at midnight", day(time.March, 30), day(time.April, 2), clk(0, 0),
			[]string{"2024-03-30 00:00 CET", "2024-03-31 00:00 CET", "2024-04-01 00:00 CEST"}},
		{"one minute before midnight", day(time.October, 26), day(time.October, 29), clk(23, 59),
			[]string{"2024-10-26 23:59 CEST", "2024-10-27 23:59 CET", "2024-10-28 23:59 CET"}},
		{"new year", time.Date(2024, 12, 31, 0, 0, 0, 0, berlin), time.Date(2025, 1, 2, 0, 0, 0, 0, berlin), clk(7, 0),
			[]string{"2024-12-31 07:00 CET", "2025-01-01 07:00 CET"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := run(tc.from, tc.to, time.Minute, tc.at, "")
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("sent at\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			// A loop that wakes at odd moments sends on the same days.
			odd := run(tc.from, tc.to, 37*time.Second, tc.at, "")
			if len(odd) != len(tc.want) {
				t.Errorf("waking every 37 s: sent %d times, want %d: %v", len(odd), len(tc.want), odd)
			}
		})
	}
}

func TestDueAfterDowntime(t *testing.T) {
	seven := config.ClockTime{Hour: 7}
	for _, tc := range []struct {
		name     string
		lastSent string
		up       time.Time // the daemon comes back
		want     []string
	}{
		{"back after 3 days, past 07:00", "2024-04-01", at(time.April, 4, 10, 0), []string{"2024-04-04 10:00 CEST", "2024-04-05 07:00 CEST"}},
		{"back after 3 days, before 07:00", "2024-04-01", at(time.April, 4, 5, 0), []string{"2024-04-04 07:00 CEST", "2024-04-05 07:00 CEST"}},
		{"never sent before", "", at(time.April, 4, 12, 0), []string{"2024-04-04 12:00 CEST", "2024-04-05 07:00 CEST"}},
		{"sent today before the restart", "2024-04-04", at(time.April, 4, 7, 30), []string{"2024-04-05 07:00 CEST"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := run(tc.up, at(time.April, 6, 0, 0), time.Minute, seven, tc.lastSent)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("sent at %v, want %v", got, tc.want)
			}
		})
	}
}

func TestDueBoundaries(t *testing.T) {
	midnight, seven := config.ClockTime{}, config.ClockTime{Hour: 7}
	for _, tc := range []struct {
		name     string
		lastSent string
		now      time.Time
		at       config.ClockTime
		day      string
		due      bool
	}{
		{"last instant of a sent day", "2024-04-03", time.Date(2024, 4, 3, 23, 59, 59, 999999999, berlin), midnight, "2024-04-03", false},
		{"first instant of the next day", "2024-04-03", time.Date(2024, 4, 4, 0, 0, 0, 0, berlin), midnight, "2024-04-04", true},
		{"late in the day, not sent yet", "2024-04-02", time.Date(2024, 4, 3, 23, 59, 0, 0, berlin), seven, "2024-04-03", true},
		{"after midnight, before the time", "2024-04-03", time.Date(2024, 4, 4, 0, 0, 0, 0, berlin), seven, "2024-04-04", false},
		{"a second before the time", "2024-04-03", time.Date(2024, 4, 4, 6, 59, 59, 0, berlin), seven, "2024-04-04", false},
		{"exactly the time", "2024-04-03", time.Date(2024, 4, 4, 7, 0, 0, 0, berlin), seven, "2024-04-04", true},
		{"UTC still on the day before", "2024-04-03", time.Date(2024, 4, 3, 22, 30, 0, 0, time.UTC), midnight, "2024-04-04", true},
		{"clock went back", "2024-04-05", time.Date(2024, 4, 4, 8, 0, 0, 0, berlin), seven, "2024-04-04", false},
		{"year boundary", "2024-12-31", time.Date(2025, 1, 1, 7, 0, 0, 0, berlin), seven, "2025-01-01", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			day, due := digest.Due(tc.lastSent, tc.now, tc.at, berlin)
			if day != tc.day || due != tc.due {
				t.Errorf("Due(%q, %s) = %s, %v; want %s, %v", tc.lastSent, tc.now, day, due, tc.day, tc.due)
			}
		})
	}
}

// TestDueAcrossRestarts keeps the last day where the daemon keeps it, in
// the database, and restarts between every look at the clock.
func TestDueAcrossRestarts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regbot.db")
	c := &clock{}
	ctx := context.Background()
	look := func(now time.Time) bool {
		t.Helper()
		c.Set(now)
		db, err := store.Open(ctx, path, &store.Options{Now: c.Now})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		last, _, err := db.Reader(ctx).LastDigest()
		if err != nil {
			t.Fatal(err)
		}
		day, due := digest.Due(last, now, config.ClockTime{Hour: 7}, berlin)
		if due {
			if err := db.Tx(ctx, func(tx *store.Tx) error { return tx.MarkDigestSent(day) }); err != nil {
				t.Fatal(err)
			}
		}
		return due
	}
	for _, step := range []struct {
		now  time.Time
		want bool
	}{
		{at(time.April, 3, 6, 59), false},
		{at(time.April, 3, 7, 0), true},
		{at(time.April, 3, 7, 0), false},
		{at(time.April, 3, 7, 1), false},
		{at(time.April, 3, 23, 59), false},
		{at(time.April, 4, 0, 1), false},
		{at(time.April, 4, 7, 5), true},
		{at(time.April, 4, 18, 0), false},
		{at(time.April, 8, 9, 0), true}, // after four days off: one digest
		{at(time.April, 8, 9, 1), false},
	} {
		if got := look(step.now); got != step.want {
			t.Errorf("at %s: due = %v, want %v", step.now.Format(time.DateTime), got, step.want)
		}
	}
}
