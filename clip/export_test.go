package clip

// LineChars is the caption line length of aspect a, for the tests.
func LineChars(a Aspect) int { return a.lineChars() }
