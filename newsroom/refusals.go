package newsroom

import (
	"errors"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Refusal is err as the refusal of what a caller sent when it is a lower
// layer's bound on it (issue 24) — a field the store will not keep
// (*store.FieldError: errcode.TooLarge past a size, else InvalidValue,
// naming the field), a transcript or an edit past transcribe's limits
// (*transcribe.LimitError: TooLarge), a search of more than
// store.MaxQueryTerms words (BadQuery, naming q) — and err itself
// otherwise. The limits stay with the packages that own the work; this is
// their one translation into error codes.
func Refusal(err error) error {
	var (
		fe *store.FieldError
		le *transcribe.LimitError
	)
	switch {
	case err == nil:
		return nil
	case errors.As(err, &fe) && errors.Is(err, store.ErrTooLarge):
		return refuse(errcode.TooLarge, fe.Field, err.Error())
	case errors.As(err, &fe):
		return refuse(errcode.InvalidValue, fe.Field, err.Error())
	case errors.As(err, &le):
		return refuse(errcode.TooLarge, "", le.Error())
	case errors.Is(err, store.ErrQueryTooLong):
		return refuse(errcode.BadQuery, "q", "q: "+err.Error())
	}
	return err
}
