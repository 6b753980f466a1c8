package api

import (
	"github.com/gin-gonic/gin"
)

// defaultCSP is the Content-Security-Policy of every response that does not
// set its own: nothing runs, nothing loads but media from this origin (so an
// audio URL opened on its own still plays), and no one frames it. A response
// that somehow reached a browser as HTML could run no script.
const defaultCSP = "default-src 'none'; media-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox"

// documentCSP is the policy of the self-contained HTML documents the API
// renders (the aligned article, ?format=html): their inline style only, no
// script, sandboxed.
const documentCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox"

// secureHeaders sets X-Content-Type-Options: nosniff and defaultCSP on every
// response before its handler runs; the pages that need another policy (the
// newsroom page, the embed, HTML documents) replace it.
func secureHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", defaultCSP)
		c.Next()
	}
}
