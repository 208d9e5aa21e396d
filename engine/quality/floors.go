package quality

import (
	"bytes"
	"fmt"
	"maps"
	"math"
	"os"
	"slices"

	"go.yaml.in/yaml/v3"
)

// Floors are the rates the engine must keep on the functional suite, over
// every split: for hateful and offensive rows the least share of cases
// flagged and removed, for allowed rows the greatest. They are data
// (functional/floors.yaml) so that raising one is a reviewed one-line change.
type Floors struct {
	Labels          map[string]Floor `yaml:"labels"`
	Functionalities map[string]Floor `yaml:"functionalities"`
}

// Floor bounds the flagged and removed rates of one row.
type Floor struct {
	Flagged *float64 `yaml:"flagged"`
	Removed *float64 `yaml:"removed"`
}

// LoadFloors reads a floors file; a field it does not know is an error.
func LoadFloors(path string) (*Floors, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load floors: %w", err)
	}
	var f Floors
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: not a floors file: %w", path, err)
	}
	for name, fl := range f.Labels {
		if err := fl.check(); err != nil {
			return nil, fmt.Errorf("%s: labels.%s: %w", path, name, err)
		}
	}
	for name, fl := range f.Functionalities {
		if err := fl.check(); err != nil {
			return nil, fmt.Errorf("%s: functionalities.%s: %w", path, name, err)
		}
	}
	return &f, nil
}

func (f Floor) check() error {
	if f.Flagged == nil || f.Removed == nil {
		return fmt.Errorf("flagged and removed are both required")
	}
	for _, v := range []float64{*f.Flagged, *f.Removed} {
		if v < 0 || v > 1 {
			return fmt.Errorf("a rate is between 0 and 1, not %g", v)
		}
	}
	return nil
}

// floorAt is the floor at a measured rate: the hundredth below it for a
// minimum, above it for a maximum (allowed), so the rate itself passes.
func floorAt(label string, r Rate) Floor {
	round := func(v float64) *float64 {
		x := math.Floor(v*100+1e-9) / 100
		if label == Allowed {
			x = math.Ceil(v*100-1e-9) / 100
		}
		if x == 0 {
			x = 0 // the ceiling of a zero rate is -0, which prints as -0.00
		}
		return &x
	}
	return Floor{Flagged: round(r.FlaggedRate()), Removed: round(r.RemovedRate())}
}

// Check compares the report's rates over every split with the floors and
// returns one message for each rate across its floor, each label or
// functionality of the report without a floor, and each floor that names
// nothing in the report.
func (f *Floors) Check(r *SuiteReport) []string {
	var out []string
	check := func(kind string, floors map[string]Floor, rows []SuiteRow) {
		for _, row := range rows {
			fl, ok := floors[row.Name]
			if !ok {
				out = append(out, fmt.Sprintf("%s %s has no floor in floors.yaml", kind, row.Name))
				continue
			}
			rate := row.Rate(All)
			for _, m := range []struct {
				name  string
				value float64
				floor float64
			}{{"flagged", rate.FlaggedRate(), *fl.Flagged}, {"removed", rate.RemovedRate(), *fl.Removed}} {
				const eps = 1e-9
				switch {
				case row.Label == Allowed && m.value > m.floor+eps:
					out = append(out, fmt.Sprintf("%s %s (%s): %s rate %.3f above its ceiling %.2f", kind, row.Name, row.Label, m.name, m.value, m.floor))
				case row.Label != Allowed && m.value < m.floor-eps:
					out = append(out, fmt.Sprintf("%s %s (%s): %s rate %.3f below its floor %.2f", kind, row.Name, row.Label, m.name, m.value, m.floor))
				}
			}
		}
		for _, name := range slices.Sorted(maps.Keys(floors)) {
			if !slices.ContainsFunc(rows, func(row SuiteRow) bool { return row.Name == name }) {
				out = append(out, fmt.Sprintf("floors.yaml names %s %s, which the suite does not have", kind, name))
			}
		}
	}
	check("label", f.Labels, r.Labels)
	check("functionality", f.Functionalities, r.Functionalities)
	return out
}
