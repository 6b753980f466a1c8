// Package export renders what newsscribe produces into the files people
// open: a transcript as JSON, SubRip, WebVTT, plain text or a Word document
// (WriteTranscript), and an aligned article (align.Result) as its JSON,
// subtitles of the sentences said, a self-contained HTML page, the quote
// check as a plain-text report or a Word document (WriteAlignment). Every
// renderer is here, so the aligner and the transcript model know no file
// format but their own JSON; the Word files are built with export/docx.
// Labels of verdicts and differences come from package align.
package export
