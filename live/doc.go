// Package live transcribes a speech while it is given: a stream the
// operator allowed (HLS, Icecast/HTTP audio) or the browser's microphone
// over a WebSocket becomes one 16 kHz stream, recognised on a sliding window
// (Recognizer) whose words become final by LocalAgreement (Agreement); the
// draft article's quotations are checked against what has been said so far
// (Checker), and when the session ends its recording becomes an ordinary
// transcription job (Jobs).
//
// The core — Agreement, Recognizer, the frame protocol and the playlist
// parser — is plain Go tested without HTTP; Manager and Session add the
// sources, the recording on disk, watchers and the hand-over to the queue.
// The HTTP face (SSE, WebSocket) is package api's.
package live
