package schedule

import (
	"testing"
	"time"
)

func massa(t *testing.T) *Schedule {
	t.Helper()
	s, err := New(Config{
		Timezone: "Europe/Rome",
		Hours: map[string][]string{
			"monday": {"09:00-13:00"}, "tuesday": {"09:00-13:00", "15:00-17:00"}, "wednesday": {"09:00-13:00"},
			"thursday": {"09:00-13:00", "15:00-17:00"}, "friday": {"09:00-13:00"},
		},
		Holidays:     []Holiday{{Date: "12-25", Name: "Natale"}, {Date: "12-26", Name: "Santo Stefano"}, {Date: "10-04", Name: "San Francesco", From: 2026}, {Date: "01-01", Name: "Capodanno"}},
		EasterMonday: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func ts(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestStaffed(t *testing.T) {
	s := massa(t)
	cases := map[string]bool{
		"2026-11-23T10:15:00+01:00": true,  // Monday morning
		"2026-11-23T13:00:00+01:00": false, // span end is exclusive
		"2026-11-23T16:00:00+01:00": false, // Monday afternoon
		"2026-11-24T16:00:00+01:00": true,  // Tuesday afternoon
		"2026-11-26T15:30:00+01:00": true,  // Thursday afternoon
		"2026-11-22T10:00:00+01:00": false, // Sunday
		"2026-12-25T10:00:00+01:00": false, // Christmas, a Friday
		"2026-04-06T10:00:00+02:00": false, // Easter Monday 2026
		"2027-03-29T10:00:00+02:00": false, // Easter Monday 2027
		"2025-10-06T10:00:00+02:00": true,  // a Monday
		"2027-10-04T10:00:00+02:00": false, // 4 October, a Monday, holiday from 2026
		"2021-10-04T10:00:00+02:00": true,  // 4 October 2021, before the law
		"2026-11-23T09:15:00Z":      true,  // 10:15 in Rome
	}
	for when, want := range cases {
		if got := s.Staffed(ts(t, when)); got != want {
			t.Errorf("Staffed(%s) = %v, want %v", when, got, want)
		}
	}
}

func TestSpanAndNext(t *testing.T) {
	s := massa(t)
	cases := []struct{ now, start, end string }{
		{"2026-11-23T10:15:00+01:00", "2026-11-23T10:15:00+01:00", "2026-11-23T13:00:00+01:00"},
		{"2026-11-23T14:00:00+01:00", "2026-11-24T09:00:00+01:00", "2026-11-24T13:00:00+01:00"},
		{"2026-11-24T13:30:00+01:00", "2026-11-24T15:00:00+01:00", "2026-11-24T17:00:00+01:00"},
		{"2026-11-21T18:00:00+01:00", "2026-11-23T09:00:00+01:00", "2026-11-23T13:00:00+01:00"},
		{"2026-12-24T17:30:00+01:00", "2026-12-28T09:00:00+01:00", "2026-12-28T13:00:00+01:00"},
		// the night DST ends: Sunday 25 October 2026
		{"2026-10-24T12:00:00+02:00", "2026-10-26T09:00:00+01:00", "2026-10-26T13:00:00+01:00"},
	}
	for _, c := range cases {
		start, end, ok := s.Span(ts(t, c.now))
		if !ok || !start.Equal(ts(t, c.start)) || !end.Equal(ts(t, c.end)) {
			t.Errorf("Span(%s) = %s, %s, %v; want %s, %s", c.now, start, end, ok, c.start, c.end)
		}
		next, _ := s.Next(ts(t, c.now))
		if !next.Equal(ts(t, c.start)) {
			t.Errorf("Next(%s) = %s, want %s", c.now, next, c.start)
		}
	}
}

func TestAddWorking(t *testing.T) {
	s := massa(t)
	cases := []struct {
		now  string
		d    time.Duration
		want string
	}{
		{"2026-11-23T10:00:00+01:00", 2 * time.Hour, "2026-11-23T12:00:00+01:00"},
		{"2026-11-23T10:15:00+01:00", 24 * time.Hour, "2026-11-24T10:15:00+01:00"},
		{"2026-11-20T10:00:00+01:00", 24 * time.Hour, "2026-11-23T10:00:00+01:00"}, // Friday → Monday
		{"2026-11-21T18:00:00+01:00", 24 * time.Hour, "2026-11-24T00:00:00+01:00"}, // from Saturday: all of Monday
		{"2026-12-24T10:00:00+01:00", 24 * time.Hour, "2026-12-28T10:00:00+01:00"}, // Christmas, Santo Stefano, Sunday
		{"2026-11-23T10:00:00+01:00", 48 * time.Hour, "2026-11-25T10:00:00+01:00"},
		// the night summer time ends: Friday 10:00 plus 24 working hours is Monday 10:00
		{"2026-10-23T10:00:00+02:00", 24 * time.Hour, "2026-10-26T10:00:00+01:00"},
	}
	for _, c := range cases {
		got, ok := s.AddWorking(ts(t, c.now), c.d)
		if !ok || !got.Equal(ts(t, c.want)) {
			t.Errorf("AddWorking(%s, %s) = %s, want %s", c.now, c.d, got, c.want)
		}
	}
}

func TestAddStaffed(t *testing.T) {
	s := massa(t)
	cases := []struct {
		now  string
		d    time.Duration
		want string
	}{
		{"2026-11-23T10:00:00+01:00", 2 * time.Hour, "2026-11-23T12:00:00+01:00"},
		{"2026-11-23T12:00:00+01:00", 2 * time.Hour, "2026-11-24T10:00:00+01:00"},
		{"2026-11-24T12:00:00+01:00", 2 * time.Hour, "2026-11-24T16:00:00+01:00"},
		{"2026-11-20T12:00:00+01:00", 2 * time.Hour, "2026-11-23T10:00:00+01:00"}, // over the weekend
		// Mon 4 + Tue 6 + Wed 4 + Thu 6 + Fri 4 = 24 staffed hours
		{"2026-11-23T09:00:00+01:00", 24 * time.Hour, "2026-11-27T13:00:00+01:00"},
	}
	for _, c := range cases {
		got, ok := s.AddStaffed(ts(t, c.now), c.d)
		if !ok || !got.Equal(ts(t, c.want)) {
			t.Errorf("AddStaffed(%s, %s) = %s, want %s", c.now, c.d, got, c.want)
		}
	}
}

func TestNeverStaffed(t *testing.T) {
	s, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok := s.Span(time.Now()); ok {
		t.Error("a schedule without hours has a span")
	}
}

func TestBadConfig(t *testing.T) {
	for name, cfg := range map[string]Config{
		"day":      {Hours: map[string][]string{"lunedi": {"09:00-13:00"}}},
		"span":     {Hours: map[string][]string{"monday": {"13:00-09:00"}}},
		"clock":    {Hours: map[string][]string{"monday": {"9-13"}}},
		"holiday":  {Holidays: []Holiday{{Date: "25-12"}}},
		"timezone": {Timezone: "Europe/Atlantis"},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
