package align

// Verdicts of a quotation's check.
const (
	// VerdictVerbatim: said in one stretch (or, across an ellipsis, in
	// several), every word equal up to the matching key.
	VerdictVerbatim = "verbatim"
	// VerdictMinor: as verbatim, with spelling differences only.
	VerdictMinor = "minor"
	// VerdictAltered: at least one changed, added or omitted word with
	// confidence at least MinAlteredConfidence.
	VerdictAltered = "altered"
	// VerdictStitched: said in two or more stretches with other speech between
	// them, printed as one quotation without an ellipsis.
	VerdictStitched = "stitched"
	// VerdictNotSaid: not found in the recording.
	VerdictNotSaid = "not_said"
	// VerdictUnclear: differences exist only where the recogniser was unsure,
	// or the quotation is too short to tell; a person should listen.
	VerdictUnclear = "unclear"
)

// Kinds of a difference between a quotation and the speech.
const (
	// DiffSpelling: the same word spelt otherwise (a typo in the article, a
	// name written differently).
	DiffSpelling = "spelling"
	// DiffChanged: the article prints another word than the one said.
	DiffChanged = "changed"
	// DiffAdded: words printed inside the quotation that were never said.
	DiffAdded = "added"
	// DiffOmitted: words said inside the quoted stretch, left out of the
	// quotation without an ellipsis.
	DiffOmitted = "omitted"
)

// MinAlteredConfidence is the least confidence of a changed, added or
// omitted difference for the verdict altered; below it (and from
// minUnclearConfidence) the verdict is unclear.
const MinAlteredConfidence = 0.5

// Check is the verdict on one quotation: was it said as printed?
type Check struct {
	// Verdict is one of the Verdict constants.
	Verdict string `json:"verdict"`
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
	// Kind is one of the Diff constants.
	Kind string `json:"kind"`
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
