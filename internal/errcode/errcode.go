// Package errcode is the closed vocabulary of the error codes newsscribe
// writes: in the API's error answers ({"error": {"code": …}}), on failed
// jobs and clips (stored with them and shown as their error's code), and on
// the public pages. The newsroom page explains some of them (util.js's
// BY_CODE); TestPageKnowsOnlyServerErrorCodes holds it to this list. The
// HTTP status of a code is the API's business (package api), not this one's.
package errcode

// Code is an error code, a snake_case word a client can branch on.
type Code string

// Codes of a request the client can fix.
const (
	BadRequest           Code = "bad_request"            // a malformed or inconsistent request
	InvalidValue         Code = "invalid_value"          // a parameter out of its range (param names it)
	MissingParameter     Code = "missing_parameter"      // a required parameter is absent
	MissingFile          Code = "missing_file"           // the form has no recording
	MissingTranscript    Code = "missing_transcript"     // an import without its transcript
	MissingURL           Code = "missing_url"            // oEmbed without ?url=
	BadFormat            Code = "bad_format"             // an output or input format not offered there
	BadFilename          Code = "bad_filename"           // a file name with control characters
	BadTranscript        Code = "bad_transcript"         // an imported transcript that does not parse
	BadEdit              Code = "bad_edit"               // a transcript edit that does not apply
	BadSpeaker           Code = "bad_speaker"            // a speaker span or name out of bounds
	BadQuery             Code = "bad_query"              // a search without words
	BadCursor            Code = "bad_cursor"             // a cursor not from a previous answer
	BadDate              Code = "bad_date"               // a date that does not parse
	BadLang              Code = "bad_lang"               // a transcript language not offered
	BadDimension         Code = "bad_dimension"          // oEmbed maxwidth or maxheight not a size
	UnsupportedFormat    Code = "unsupported_format"     // oEmbed format other than json
	UnsupportedMediaType Code = "unsupported_media_type" // a body that is not the JSON asked for
	UnknownModel         Code = "unknown_model"          // a model this server does not run
	ModelNotFound        Code = "model_not_found"        // GET /v1/models/{id} of another model
	BaseRevisionRequired Code = "base_revision_required" // an edit that names no base revision
	AlreadyTranslation   Code = "already_translation"    // a translation of a translation
	CrossOrigin          Code = "cross_origin"           // a browser request from another site
	Unauthorized         Code = "unauthorized"           // no or a wrong API key
	TooLarge             Code = "too_large"              // a body past its limit
	TooManyParts         Code = "too_many_parts"         // a form with too many parts
	BodyTimeout          Code = "body_timeout"           // a body sent too slowly
	MethodNotAllowed     Code = "method_not_allowed"     // a route without that method
	Canceled             Code = "canceled"               // the request, or its job, was canceled
	SourceNotAllowed     Code = "source_not_allowed"     // a live stream outside --live-allow, or on a private address
	NotBrowser           Code = "not_browser"            // audio sent to a live session that reads a stream
)

// Codes of a state the request meets.
const (
	NotFound      Code = "not_found"      // no such job, article, clip, route
	Conflict      Code = "conflict"       // taken, already imported, or changed meanwhile
	NotDone       Code = "not_done"       // the job or clip has no result yet
	NotFinished   Code = "not_finished"   // a job deleted while it started again
	InProgress    Code = "in_progress"    // an idempotent request still being served
	QueueFull     Code = "queue_full"     // the queue holds its maximum
	NoArticle     Code = "no_article"     // a job without an article, so no alignment
	NoRecording   Code = "no_recording"   // an article without a recording
	NoAudio       Code = "no_audio"       // the recording is no longer stored
	NoFile        Code = "no_file"        // the clip's file is no longer stored
	NoTranslation Code = "no_translation" // no English translation yet
	NoSpeech      Code = "no_speech"      // a clip span without words
	SharingOff    Code = "sharing_off"    // a server that signs no share links
	NotReady      Code = "not_ready"      // the speech engine is still loading
	LiveOff       Code = "live_off"       // a server that runs no live sessions
	LiveFull      Code = "live_full"      // the server runs its maximum of live sessions
	NotLive       Code = "not_live"       // a live session that has ended
	LiveFailed    Code = "live_failed"    // a live session that ended without a transcription
)

// Codes of a live session's stream that cannot be used.
const (
	SourceUnreachable Code = "source_unreachable" // the stream could not be fetched
	SourceUnusable    Code = "source_unusable"    // the stream sent no audio newsscribe reads
)

// Codes of a failed job (the upload's fault: the job failed at once) and
// of the server's failures.
const (
	NotAudio    Code = "not_audio"    // the upload holds no audio
	Unsupported Code = "unsupported"  // audio in a format ffmpeg cannot decode
	Corrupt     Code = "corrupt"      // audio that breaks off or does not decode
	TooLong     Code = "too_long"     // longer than the server's limit
	Empty       Code = "empty"        // an empty file, or no samples
	Timeout     Code = "timeout"      // the job ran past the job timeout
	ClipFailed  Code = "clip_failed"  // a clip could not be made
	StorageFull Code = "storage_full" // the server's disk is full
	Internal    Code = "internal"     // the server's fault; its log has details
)

// All are every code, for the tests that hold the page and the OpenAPI
// document to this list.
var All = []Code{
	BadRequest, InvalidValue, MissingParameter, MissingFile, MissingTranscript, MissingURL, BadFormat,
	BadFilename, BadTranscript, BadEdit, BadSpeaker, BadQuery, BadCursor, BadDate, BadLang, BadDimension,
	UnsupportedFormat, UnsupportedMediaType, UnknownModel, ModelNotFound, BaseRevisionRequired,
	AlreadyTranslation, CrossOrigin, Unauthorized, TooLarge, TooManyParts, BodyTimeout, MethodNotAllowed,
	Canceled, NotFound, Conflict, NotDone, NotFinished, InProgress, QueueFull, NoArticle, NoRecording,
	NoAudio, NoFile, NoTranslation, NoSpeech, SharingOff, NotAudio, Unsupported, Corrupt, TooLong, Empty,
	Timeout, ClipFailed, StorageFull, Internal,
	SourceNotAllowed, NotBrowser, NotReady, LiveOff, LiveFull, NotLive, LiveFailed, SourceUnreachable, SourceUnusable,
}
