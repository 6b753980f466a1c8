package api

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openapiJSON is the hand-written OpenAPI 3 description of every route;
// TestOpenAPIMatchesRoutes keeps it and the router in step.
//
//go:embed openapi.json
var openapiJSON []byte

// OpenAPI returns the OpenAPI 3 document served at /v1/openapi.json.
func OpenAPI() []byte { return openapiJSON }

func (s *server) openapi(c *gin.Context) {
	c.Data(http.StatusOK, "application/json; charset=utf-8", openapiJSON)
}
