package web

import "io/fs"

// CaptionFonts is the fonts the binary ships for the page (Noto Naskh
// Arabic and Noto Serif for Latin text, WOFF2, SIL Open Font License), as a
// file system with the font files at its root: clips burn their captions
// in these faces (libass reads WOFF2 through FreeType), so a clip looks
// like the page and needs no system font.
func CaptionFonts() fs.FS {
	sub, err := fs.Sub(assets, "static/fonts")
	if err != nil {
		panic(err) // the path is a constant inside the embedded tree
	}
	return sub
}
