package facts

// morphology is the lemmatiser's data: policies/lexicon/morphology.yaml.
type morphology struct{}

func newMorphology(raw any) (*morphology, error) {
	if raw == nil {
		return nil, nil
	}
	return &morphology{}, nil
}
