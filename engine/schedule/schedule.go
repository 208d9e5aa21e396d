// Package schedule knows when an ente's channels are staffed: weekly hours,
// Italian national holidays, Easter Monday and the patron saint's day. It
// turns an ente's schedule data into facts (staffed now, next staffed moment,
// response due time in working hours) so that policies never read a clock.
package schedule

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Config is the schedule part of an ente's data together with the shared
// calendar of policies/lib. Field names follow the YAML files.
type Config struct {
	Timezone string              `json:"timezone"`
	Hours    map[string][]string `json:"hours"`  // "monday": ["09:00-13:00"]
	Patron   *Holiday            `json:"patron"` // the comune's patron saint's day
	Holidays []Holiday           `json:"holidays"`
	// EasterMonday adds Lunedì dell'Angelo, the only movable national holiday.
	EasterMonday bool `json:"easter_monday"`
}

// Holiday is a yearly date, "MM-DD", observed from year From on (0: always).
type Holiday struct {
	Date string `json:"date"`
	Name string `json:"name"`
	From int    `json:"from,omitempty"`
}

type span struct{ from, to int } // minutes after midnight, to exclusive

type holiday struct {
	month time.Month
	day   int
	from  int
	name  string
}

// Schedule answers questions about staffed time. The zero value is never staffed.
type Schedule struct {
	loc      *time.Location
	week     [7][]span
	holidays []holiday
	easter   bool
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// New checks cfg and builds its schedule.
func New(cfg Config) (*Schedule, error) {
	tz := cfg.Timezone
	if tz == "" {
		tz = "Europe/Rome"
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, fmt.Errorf("timezone %q: %w", tz, err)
	}
	s := &Schedule{loc: loc, easter: cfg.EasterMonday}
	for day, spans := range cfg.Hours {
		wd, ok := weekdays[strings.ToLower(day)]
		if !ok {
			return nil, fmt.Errorf("hours: unknown day %q (use monday ... sunday)", day)
		}
		for _, sp := range spans {
			p, err := parseSpan(sp)
			if err != nil {
				return nil, fmt.Errorf("hours.%s: %w", day, err)
			}
			s.week[wd] = append(s.week[wd], p)
		}
	}
	all := cfg.Holidays
	if cfg.Patron != nil {
		all = append(append([]Holiday(nil), all...), *cfg.Patron)
	}
	for _, h := range all {
		var m, d int
		if _, err := fmt.Sscanf(h.Date, "%d-%d", &m, &d); err != nil || m < 1 || m > 12 || d < 1 || d > 31 {
			return nil, fmt.Errorf("holiday %q: date %q is not MM-DD", h.Name, h.Date)
		}
		s.holidays = append(s.holidays, holiday{month: time.Month(m), day: d, from: h.From, name: h.Name})
	}
	return s, nil
}

func parseSpan(s string) (span, error) {
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		return span{}, fmt.Errorf("%q is not HH:MM-HH:MM", s)
	}
	f, err1 := clock(from)
	t, err2 := clock(to)
	if err1 != nil || err2 != nil || f >= t {
		return span{}, fmt.Errorf("%q is not HH:MM-HH:MM with start before end", s)
	}
	return span{f, t}, nil
}

func clock(s string) (int, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		return 0, fmt.Errorf("no colon")
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 24 || mm < 0 || mm > 59 || hh*60+mm > 24*60 {
		return 0, fmt.Errorf("bad time")
	}
	return hh*60 + mm, nil
}

// Location is the ente's time zone.
func (s *Schedule) Location() *time.Location { return s.loc }

// Holiday reports whether t's day (in the ente's zone) is a holiday, and which.
func (s *Schedule) Holiday(t time.Time) (string, bool) {
	t = t.In(s.loc)
	y, m, d := t.Date()
	for _, h := range s.holidays {
		if h.month == m && h.day == d && (h.from == 0 || y >= h.from) {
			return h.name, true
		}
	}
	if s.easter {
		em, ed := easterMonday(y)
		if m == em && d == ed {
			return "Lunedì dell'Angelo", true
		}
	}
	return "", false
}

// easterMonday returns the day after Easter Sunday in the Gregorian calendar
// (the anonymous Gregorian computus, Meeus/Jones/Butcher).
func easterMonday(y int) (time.Month, int) {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	t := time.Date(y, time.Month(month), day+1, 0, 0, 0, 0, time.UTC)
	return t.Month(), t.Day()
}

// spansOn returns the staffed spans of t's day, none on holidays.
func (s *Schedule) spansOn(t time.Time) []span {
	if _, ok := s.Holiday(t); ok {
		return nil
	}
	return s.week[t.Weekday()]
}

// Staffed reports whether someone watches the channels at t.
func (s *Schedule) Staffed(t time.Time) bool {
	t = t.In(s.loc)
	min := t.Hour()*60 + t.Minute()
	for _, sp := range s.spansOn(t) {
		if min >= sp.from && min < sp.to {
			return true
		}
	}
	return false
}

// searchDays bounds every search: a schedule with no staffed hour in a year
// has none at all.
const searchDays = 370

// Next returns the first staffed moment at or after t, and false when the
// schedule has no staffed hours at all.
func (s *Schedule) Next(t time.Time) (time.Time, bool) {
	start, _, ok := s.Span(t)
	return start, ok
}

// AddWorking returns the moment when d of working time has passed after t.
// Working time is every hour of a working day — a day with staffed hours
// that is not a holiday — as in "risposta entro 24 ore lavorative": 24
// working hours from Friday 10:00 fall on Monday 10:00.
func (s *Schedule) AddWorking(t time.Time, d time.Duration) (time.Time, bool) {
	t = t.In(s.loc)
	left := d
	day := midnight(t)
	for i := 0; i < searchDays*2; i++ {
		next := midnight(day.AddDate(0, 0, 1))
		if len(s.spansOn(day)) > 0 {
			start := day
			if t.After(start) {
				start = t
			}
			if avail := next.Sub(start); avail >= left {
				return start.Add(left), true
			} else if avail > 0 {
				left -= avail
			}
		}
		day = next
	}
	return time.Time{}, false
}

// AddStaffed returns the moment when d of staffed time has passed after t:
// only the hours in which someone watches the channels count.
func (s *Schedule) AddStaffed(t time.Time, d time.Duration) (time.Time, bool) {
	t = t.In(s.loc)
	day := midnight(t)
	left := d
	for i := 0; i < searchDays*4; i++ {
		for _, sp := range s.spansOn(day) {
			start, end := at(day, sp.from), at(day, sp.to)
			if !t.Before(end) {
				continue
			}
			if t.After(start) {
				start = t
			}
			if avail := end.Sub(start); avail >= left {
				return start.Add(left), true
			} else {
				left -= avail
			}
		}
		day = midnight(day.AddDate(0, 0, 1))
	}
	return time.Time{}, false
}

func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// Span returns the staffed span in which content posted at t will be seen:
// the current one when staffed, else the next. ok is false when the
// schedule has no staffed hours at all.
func (s *Schedule) Span(t time.Time) (start, end time.Time, ok bool) {
	t = t.In(s.loc)
	day := midnight(t)
	for i := 0; i < searchDays; i++ {
		for _, sp := range s.spansOn(day) {
			st := at(day, sp.from)
			en := at(day, sp.to)
			if t.Before(en) {
				if t.After(st) {
					st = t
				}
				return st, en, true
			}
		}
		day = midnight(day.AddDate(0, 0, 1))
	}
	return time.Time{}, time.Time{}, false
}

// at is minutes after midnight of day, on the wall clock (DST-safe).
func at(day time.Time, minutes int) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d, 0, minutes, 0, 0, day.Location())
}
