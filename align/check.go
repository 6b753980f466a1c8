package align

// MinAlteredConfidence is the least confidence of a changed, added or
// omitted difference for the verdict altered; below it (and from
// minUnclearConfidence) the verdict is unclear.
const MinAlteredConfidence = 0.5

// Check is the verdict on one quotation: was it said as printed?
type Check struct {
	// Verdict is one of the Verdict constants (verdict.go).
	Verdict Verdict `json:"verdict"`
	// Parts are the stretches of the recording the quotation was said in, in
	// article order; empty when it was not found.
	Parts []Part `json:"parts"`
	// Differences between the printed and the spoken words, in article order.
	Differences []Difference `json:"differences"`
	// Speaker is the person the article attributes the quotation to, in the
	// fullest form of the name found in the article; null when it names nobody.
	Speaker *string `json:"speaker"`
	// SpeakerRole is the speaker's function as the article gives it
	// («والي امن مراكش», «وزيرة الصحة», «رئيس الجلسة»), wherever in the
	// article; null when it gives none. A speaker the article names only by
	// function has it as both.
	SpeakerRole *string `json:"speaker_role"`
	// SpeakerSource is where the article names the speaker for this
	// quotation: rune offsets of the narration the speaker was read from —
	// the reporting clause («وأضاف رئيس الاتحادية أن»), or the sentence
	// that named the person a clause with no subject goes on with — so
	// that a reader can check the attribution at a glance; null with no
	// speaker.
	SpeakerSource *Span `json:"speaker_source"`
}

// SpeakerLine is the speaker as the writers show it: the name, and the
// role after a comma when the article gives one besides the name
// («محمد الدخيسي، والي امن مراكش»); "" for nobody.
func (c Check) SpeakerLine() string {
	switch {
	case c.Speaker == nil:
		return ""
	case c.SpeakerRole == nil || *c.SpeakerRole == *c.Speaker:
		return *c.Speaker
	}
	return *c.Speaker + "، " + *c.SpeakerRole
}

// Part is one stretch of speech that says a stretch of the quotation.
type Part struct {
	// Start and End are seconds from the beginning of the recording.
	Start float64 `json:"start"`
	End   float64 `json:"end"`
	// CharStart and CharEnd are rune offsets into the article of the quoted
	// words said in this stretch.
	CharStart int `json:"char_start"`
	CharEnd   int `json:"char_end"`
}

// Difference is one place where the quotation and the speech differ.
type Difference struct {
	// Kind is one of the Diff constants (verdict.go).
	Kind DiffKind `json:"kind"`
	// CharStart and CharEnd are rune offsets into the article of the printed
	// words; for omitted words both are the place in the quotation where the
	// words are missing.
	CharStart int `json:"char_start"`
	CharEnd   int `json:"char_end"`
	// Article is the printed text ("" for omitted words), Spoken the words
	// recognised ("" for added words).
	Article string `json:"article"`
	Spoken  string `json:"spoken"`
	// Start and End are when the spoken words were said, in seconds; for
	// added words, the moment they would have been said.
	Start float64 `json:"start"`
	End   float64 `json:"end"`
	// Confidence is the probability, 0 to 1, that the difference is real and
	// not a recognition error.
	Confidence float64 `json:"confidence"`
}
