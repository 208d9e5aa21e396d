package report

import (
	"strconv"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		xs   []float64
		want string
	}{
		{nil, "none"},
		{[]float64{5}, "5"},
		{[]float64{30, 10, 20}, "20"},
		{[]float64{10, 40, 20, 30}, "25"},
		{[]float64{1.04, 1.06}, "1.1"}, // rounded to a tenth
	} {
		got := "none"
		if m := median(c.xs); m != nil {
			got = strconv.FormatFloat(*m, 'f', -1, 64)
		}
		if got != c.want {
			t.Errorf("median(%v) = %s, want %s", c.xs, got, c.want)
		}
	}
}

func TestMonth(t *testing.T) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Skip("no zoneinfo:", err)
	}
	from, to, err := Month("2026-03", rome)
	if err != nil {
		t.Fatal(err)
	}
	// March begins in winter time and ends in summer time.
	if from.Format(time.RFC3339) != "2026-03-01T00:00:00+01:00" || to.Format(time.RFC3339) != "2026-04-01T00:00:00+02:00" {
		t.Errorf("March 2026: %s to %s", from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	for _, bad := range []string{"2026-13", "novembre", "2026-1", ""} {
		if _, _, err := Month(bad, rome); err == nil {
			t.Errorf("month %q: no error", bad)
		}
	}
}
