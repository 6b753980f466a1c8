package webhook

import (
	"net"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/publicsuffix"
)

// Gate shares the delivery workers out between destinations (issue 24: 24
// callbacks to one slow receiver held all four workers, and an honest
// CMS's event waited 40 s instead of 0.5 s). At most PerHost deliveries
// to one destination run at once; a destination whose last attempt timed
// out or was slow gets SlowTimeout instead of the usual timeout for the
// next SlowFor. A destination is a host's registrable domain
// (example.co.uk for a.b.example.co.uk), so that the names under
// one domain share its places, or an IP address. It is safe for
// concurrent use; its zero value has the defaults.
type Gate struct {
	// PerHost is the most deliveries to one destination at once.
	// Defaults to DefaultPerHost.
	PerHost int
	// Timeout bounds an attempt to a destination that answers in time.
	// Defaults to DefaultTimeout (Policy's).
	Timeout time.Duration
	// SlowTimeout bounds an attempt to a destination that was slow.
	// Defaults to DefaultSlowTimeout.
	SlowTimeout time.Duration
	// SlowFor is how long a slow destination keeps SlowTimeout after its
	// last slow attempt. Defaults to DefaultSlowFor.
	SlowFor time.Duration

	mu   sync.Mutex
	busy map[string]int
	slow map[string]time.Time // until when
}

// Defaults of Gate.
const (
	DefaultPerHost     = 2
	DefaultSlowTimeout = 3 * time.Second
	DefaultSlowFor     = 15 * time.Minute
)

// Destination is the key Gate shares places by: the registrable domain of
// rawURL's host, or its IP address ("" for a URL without a host).
func Destination(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if host == "" || net.ParseIP(host) != nil {
		return host
	}
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return d
	}
	return host
}

// Acquire takes a place for a delivery to destination dest. It returns
// false when PerHost deliveries to it are running; otherwise the attempt's
// timeout and done, to call with whether the attempt was slow (timed out,
// or took longer than half the usual timeout) when it ends.
func (g *Gate) Acquire(dest string, now time.Time) (timeout time.Duration, done func(slow bool, at time.Time), ok bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.busy == nil {
		g.busy, g.slow = map[string]int{}, map[string]time.Time{}
	}
	if g.busy[dest] >= g.perHost() {
		return 0, nil, false
	}
	g.busy[dest]++
	timeout = g.timeout()
	if until, ok := g.slow[dest]; ok {
		if now.Before(until) {
			timeout = min(timeout, g.slowTimeout())
		} else {
			delete(g.slow, dest)
		}
	}
	var once sync.Once
	return timeout, func(slow bool, at time.Time) {
		once.Do(func() {
			g.mu.Lock()
			defer g.mu.Unlock()
			if g.busy[dest]--; g.busy[dest] <= 0 {
				delete(g.busy, dest)
			}
			if slow {
				g.slow[dest] = at.Add(g.slowFor())
			} else {
				delete(g.slow, dest)
			}
		})
	}, true
}

// SlowAfter is how long an attempt may take before its destination
// counts as slow: half the usual timeout.
func (g *Gate) SlowAfter() time.Duration { return g.timeout() / 2 }

func (g *Gate) perHost() int {
	if g.PerHost > 0 {
		return g.PerHost
	}
	return DefaultPerHost
}

func (g *Gate) timeout() time.Duration { return Policy{Timeout: g.Timeout}.timeout() }

func (g *Gate) slowTimeout() time.Duration {
	if g.SlowTimeout > 0 {
		return g.SlowTimeout
	}
	return DefaultSlowTimeout
}

func (g *Gate) slowFor() time.Duration {
	if g.SlowFor > 0 {
		return g.SlowFor
	}
	return DefaultSlowFor
}
