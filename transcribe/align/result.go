package align

// Word statuses.
const (
	// StatusMatched: the word was recognised in the speech (Score at least
	// Options.MinSimilarity) or, at the first or last words of a passage,
	// paired with the recognised word said in its place (Score below).
	StatusMatched = "matched"
	// StatusInterpolated: the word sits between two matched neighbours of one
	// spoken passage (misrecognised or dropped by the recogniser); its time
	// is taken from the speech between them.
	StatusInterpolated = "interpolated"
	// StatusMissing: no time; the word was not found in the speech.
	StatusMissing = "missing"
)

// Passage statuses of sentences and quotations.
const (
	// StatusSpoken: at least MinSpokenCoverage of the words have a time.
	StatusSpoken = "spoken"
	// StatusPartial: some words have a time.
	StatusPartial = "partial"
	// StatusNotInAudio: no word has a time.
	StatusNotInAudio = "not_in_audio"
)

// Result is the article with time on it. Its JSON is the aligned-article
// format of the CLI and the HTTP API.
type Result struct {
	// Duration of the recording in seconds, from the transcript.
	Duration   float64         `json:"duration"`
	Paragraphs []Paragraph     `json:"paragraphs"`
	Words      []TimedWord     `json:"words"`
	Sentences  []TimedSentence `json:"sentences"`
	Quotes     []TimedPassage  `json:"quotes"`
	Unmatched  []Unmatched     `json:"unmatched"`
}

// TimedWord is one article word, in article order.
type TimedWord struct {
	Text      string `json:"text"`
	CharStart int    `json:"char_start"`
	CharEnd   int    `json:"char_end"`
	// Start and End are seconds from the beginning of the recording, or null
	// when Status is missing.
	Start  *float64 `json:"start"`
	End    *float64 `json:"end"`
	Status string   `json:"status"`
	// Score is the similarity of the article word to the recognised word
	// paired with it, 0 to 1; 0 for missing and interpolated words.
	Score    float64 `json:"score"`
	Sentence int     `json:"sentence"`
	// Quote is the index in Quotes, or null outside quotations.
	Quote *int `json:"quote"`
}

// TimedPassage is a sentence or a quotation with its time.
type TimedPassage struct {
	Text      string `json:"text"`
	CharStart int    `json:"char_start"`
	CharEnd   int    `json:"char_end"`
	// Start is the earliest and End the latest time of its words (seconds), or null.
	Start *float64 `json:"start"`
	End   *float64 `json:"end"`
	// Coverage is the fraction of its words with a time (matched or interpolated), 0 to 1.
	Coverage float64 `json:"coverage"`
	Status   string  `json:"status"`
}

// TimedSentence is a sentence of the article.
type TimedSentence struct {
	TimedPassage
	Paragraph int `json:"paragraph"`
	// Prose is false for datelines, bylines, share buttons and embeds.
	Prose bool `json:"prose"`
}

// Unmatched is a stretch of speech that the article does not report.
type Unmatched struct {
	Start float64 `json:"start"`
	End   float64 `json:"end"`
	Text  string  `json:"text"`
}
