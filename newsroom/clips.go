package newsroom

import (
	"context"
	"errors"
	"fmt"

	"github.com/newsscribe/newsscribe/clip"
	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// ClipRequest is a clip of a done job: a quotation or a span, and how it
// looks.
type ClipRequest struct {
	// Quote is the quotation's number, 1 for the first of the alignment's
	// quotes (the numbering of the report, the CLI and the embed); the clip
	// stores its 0-based index.
	Quote *int
	// From and To are seconds; nil when not given.
	From, To *float64
	// Format, Aspect and Captions are package clip's names ("" for the
	// default); Language of the captions is "ar" (the words said, the
	// default) or "en" (the job's English machine translation).
	Format, Aspect, Captions, Language string
	Highlight                          bool
}

// CreateClip checks r against done job j — format, aspect, captions, the
// quotation or span, that words were said in it — and only then stores
// the clip and queues it. Refusals name the parameter at fault:
// errcode.InvalidValue (a time NaN, negative or past
// transcribe.MaxSeconds too), MissingParameter, NoArticle (a quotation of a
// job without an article), NoTranslation (or CheckTranslation's refusal when
// no model could make one), NoSpeech; NoRecording for an
// import without its recording; ClipLimit when the job or the server makes
// as many clips at once as store.ClipLimits allows.
func (n *Newsroom) CreateClip(ctx context.Context, j *store.Job, r ClipRequest) (*store.Clip, error) {
	format, err := clip.ParseFormat(r.Format)
	if err != nil {
		return nil, refuse(errcode.InvalidValue, "format", err.Error())
	}
	cl := &store.Clip{JobID: j.ID, Format: string(format), Highlight: r.Highlight}
	if format.Video() {
		a, err := clip.ParseAspect(r.Aspect)
		if err != nil {
			return nil, refuse(errcode.InvalidValue, "aspect", err.Error())
		}
		cl.Aspect = string(a)
	} else if r.Aspect != "" {
		return nil, refuse(errcode.InvalidValue, "aspect", "aspect is for mp4 clips; an "+string(format)+" clip has no picture")
	}
	capt, err := clip.ParseCaptions(r.Captions, format)
	if err != nil {
		return nil, refuse(errcode.InvalidValue, "captions", err.Error())
	}
	cl.Captions = string(capt)
	switch r.Language {
	case "", "ar":
	case "en":
		if capt == clip.None {
			return nil, refuse(errcode.InvalidValue, "language", "language en is for captions; this clip has none")
		}
		cl.CaptionLang = "en"
	default:
		return nil, refuse(errcode.InvalidValue, "language", "language must be ar (the words said) or en (the English machine translation)")
	}
	hasSpan := r.From != nil || r.To != nil
	switch {
	case r.Quote != nil && hasSpan:
		return nil, refuse(errcode.InvalidValue, "quote", "give quote, or from and to, not both")
	case r.Quote != nil && *r.Quote < 1:
		return nil, refuse(errcode.InvalidValue, "quote", "quote is the quotation's number: 1 for the first")
	case r.Quote != nil:
		i := *r.Quote - 1
		cl.Quote = &i
	case r.From == nil || r.To == nil:
		return nil, refuse(errcode.MissingParameter, "from", "give quote (the quotation's number, 1 for the first), or from and to (seconds or m:ss)")
	default:
		for _, t := range []struct {
			name string
			sec  float64
		}{{"from", *r.From}, {"to", *r.To}} {
			if err := clip.CheckTime(t.sec); err != nil {
				return nil, refuse(errcode.InvalidValue, t.name, t.name+": "+err.Error())
			}
		}
		cl.From, cl.To = *r.From, *r.To
	}
	param := "from"
	if cl.Quote != nil {
		param = "quote"
	}
	spec, err := n.ClipSpec(ctx, j, cl)
	switch {
	case errors.Is(err, ErrNoRecording):
		return nil, refuse(errcode.NoRecording, "", err.Error())
	case errors.Is(err, ErrNoAlignment):
		return nil, refuse(errcode.NoArticle, "quote", err.Error())
	case errors.Is(err, ErrNoTranslation):
		if _, terr := n.CheckTranslation(); terr != nil {
			return nil, terr // no model to make the translation with: say so first
		}
		return nil, refuse(errcode.NoTranslation, "language", err.Error())
	case errors.Is(err, clip.ErrNoWords):
		return nil, refuse(errcode.NoSpeech, "from", err.Error())
	case err != nil:
		return nil, refuse(errcode.InvalidValue, param, err.Error())
	}
	// The span must hold words before a job exists for it.
	if _, _, _, err := clip.Snap(spec.Words, spec.From, spec.To); err != nil {
		return nil, refuse(errcode.NoSpeech, param, err.Error())
	}
	if n.cfg.Queue == nil {
		return nil, ErrNoQueue
	}
	var limit *store.ClipLimitError
	if err := n.store.CreateClip(ctx, cl); errors.As(err, &limit) {
		return nil, refuse(errcode.ClipLimit, "", limit.Error())
	} else if err != nil {
		return nil, err
	}
	if err := n.cfg.Queue.EnqueueClip(ctx, cl.ID); err != nil {
		_ = n.store.FailClip(ctx, cl.ID, errcode.Internal, "the clip could not be queued")
		return nil, err
	}
	return cl, nil
}

// ClipSpec is the clip c of job j as package clip wants it: the words of
// the job's current transcript, the span (a quotation's, from the job's
// alignment, or c's From and To), and the card's title (the article's) and
// speaker (the quotation's, else whoever the transcript names at the
// span's start). English captions are the translation made by the
// translation model (TranslationKey). CreateClip calls it to refuse a bad clip before queuing
// it; the clip worker calls it again when it runs (a correction in between is
// captioned).
func (n *Newsroom) ClipSpec(ctx context.Context, j *store.Job, c *store.Clip) (clip.Spec, error) {
	if !j.HasRecording() {
		return clip.Spec{}, ErrNoRecording
	}
	st := n.store
	format, err := clip.ParseFormat(c.Format)
	if err != nil {
		return clip.Spec{}, err
	}
	spec := clip.Spec{From: c.From, To: c.To, Format: format, Aspect: clip.Aspect(c.Aspect),
		Captions: clip.Captions(c.Captions), Highlight: c.Highlight}
	t, _, err := st.SpokenTranscript(ctx, j)
	if err != nil {
		return clip.Spec{}, fmt.Errorf("transcript: %w", err)
	}
	spec.Words = clip.TranscriptWords(t)
	if c.CaptionLang == "en" {
		en, err := st.Transcript(ctx, n.TranslationKey(j))
		if errors.Is(err, store.ErrNotFound) {
			return clip.Spec{}, ErrNoTranslation
		}
		if err != nil {
			return clip.Spec{}, fmt.Errorf("translation: %w", err)
		}
		spec.CaptionWords = clip.TranscriptWords(en)
		if spec.CaptionWords == nil {
			spec.CaptionWords = []clip.Word{} // a silent translation: no captions, never Arabic ones
		}
	}
	if c.Quote != nil {
		r, err := st.Alignment(ctx, j.ID)
		if errors.Is(err, store.ErrNotFound) {
			return clip.Spec{}, ErrNoAlignment
		}
		if err != nil {
			return clip.Spec{}, fmt.Errorf("alignment: %w", err)
		}
		q, err := clip.QuoteSpan(r, *c.Quote)
		if err != nil {
			return clip.Spec{}, err
		}
		spec.From, spec.To, spec.Card.Speaker = q.Start, q.End, q.Speaker
		// The card says the quotation's verdict in the page's words and colours.
		style := q.Verdict.Style()
		spec.Card.Verdict, spec.Card.VerdictColor, spec.Card.VerdictTint = q.Verdict.Label().Arabic, style.Color, style.Tint
	}
	if spec.Card.Speaker == "" {
		spec.Card.Speaker = speakerAt(t, spec.From)
	}
	if j.ArticleID != "" {
		if a, err := st.Article(ctx, j.ArticleID); err == nil {
			spec.Card.Title = a.Title
		}
	}
	return spec, spec.Validate()
}

// ErrNoTranslation: English captions for a job with no translation yet.
var ErrNoTranslation = errors.New("this recording has no English translation yet: POST its /translation first, then make the clip")

// ErrNoRecording: a clip of a transcript imported without its recording.
var ErrNoRecording = errors.New("this transcription was imported without its recording: there is nothing to cut a clip from")

// ErrNoAlignment: a quotation clip of a job without an article.
var ErrNoAlignment = errors.New("this job has no article, so it has no quotations: give from and to")

// speakerAt is the speaker the transcript names for the segment at sec.
func speakerAt(t *transcribe.Transcript, sec float64) string {
	for _, s := range t.Segments {
		if s.End > sec {
			return s.Speaker
		}
	}
	return ""
}
