package align

// ParseCues reads back the cues of SRT or WebVTT written by Write.
var ParseCues = parseCues

// CheckCues fails t unless r's subtitles keep the layout rules (see checkCues).
var CheckCues = checkCues
