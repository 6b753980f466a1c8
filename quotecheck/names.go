package quotecheck

// IsGivenName reports whether key (an arabic.Key) is a given name that
// starts a person's name («محمد», «عبد», «أبو»), from the list the speaker
// attribution reads names with.
func IsGivenName(key string) bool { return givenNames[key] || nameParticles[key] }

// IsTitleHead reports whether key names a function («وزير», «والي»).
func IsTitleHead(key string) bool { return titleHeads[key] }

// IsStopWord reports whether key is a function word that ends a name, or
// a speech verb.
func IsStopWord(key string) bool {
	_, verb := speechVerbs[key]
	return stopWords[key] || verb
}
