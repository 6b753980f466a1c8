package webhook

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// ErrForbiddenAddress is wrapped by errors for a destination inside the
// network: loopback, private, link-local, CGNAT, unique-local, metadata and
// other special-purpose addresses.
var ErrForbiddenAddress = errors.New("address not allowed for webhooks")

// forbidden are special-purpose ranges beyond what netip's predicates name
// (loopback, private, link-local, multicast, unspecified).
var forbidden = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64: may embed any IPv4
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("2002::/16"),       // 6to4: may embed any IPv4
	netip.MustParsePrefix("2001::/32"),       // Teredo
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("100::/64"),        // discard
}

// globalUnicast is the only IPv6 range assigned for public unicast
// (RFC 4291 2.4); everything outside it — IPv4-compatible ::a.b.c.d,
// IPv4-translated ::ffff:0:a.b.c.d, site-local fec0::/10, unique-local,
// link-local, multicast, discard — is refused whatever it embeds.
var globalUnicast = netip.MustParsePrefix("2000::/3")

// CheckAddr returns an error wrapping ErrForbiddenAddress when a is not a
// public unicast address. IPv4-mapped IPv6 addresses are judged as IPv4;
// any other IPv6 address must be global unicast (2000::/3) and outside the
// special-purpose ranges within it. The cloud metadata addresses
// (169.254.169.254, fd00:ec2::254) fall in the link-local and unique-local
// ranges. The error names the address: it is for the server's log, not
// for callers (PublicError).
func CheckAddr(a netip.Addr) error {
	a = a.Unmap()
	why := ""
	switch {
	case !a.IsValid():
		why = "invalid"
	case a.IsLoopback():
		why = "loopback"
	case a.IsPrivate():
		why = "private" // 10/8, 172.16/12, 192.168/16, fc00::/7
	case a.IsLinkLocalUnicast():
		why = "link-local" // 169.254/16 (metadata), fe80::/10
	case a.IsMulticast(), a.IsLinkLocalMulticast(), a.IsInterfaceLocalMulticast():
		why = "multicast"
	case a.IsUnspecified():
		why = "unspecified"
	case a.Is6() && !globalUnicast.Contains(a):
		why = "not IPv6 global unicast (2000::/3)"
	default:
		for _, p := range forbidden {
			if p.Contains(a) {
				why = "special-purpose (" + p.String() + ")"
				break
			}
		}
	}
	if why == "" {
		return nil
	}
	return fmt.Errorf("%w: %s is %s", ErrForbiddenAddress, a, why)
}

// Policy is what the sending client may reach.
type Policy struct {
	// AllowPrivate lets webhooks reach loopback and private addresses (a
	// receiver on the same machine or network). Off by default.
	AllowPrivate bool
	// Timeout bounds one attempt: connect, send, the answer's headers and
	// the small part of its body that is read. Defaults to DefaultTimeout.
	Timeout time.Duration
	// Resolver resolves host names for CheckURL. Defaults to net.DefaultResolver.
	Resolver Resolver
}

// Resolver looks up a host's addresses; *net.Resolver is one.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// MaxRedirects is how many redirects a delivery follows (each one checked).
const MaxRedirects = 3

// DefaultTimeout is Policy.Timeout's default (and Gate.Timeout's).
const DefaultTimeout = 10 * time.Second

func (p Policy) timeout() time.Duration {
	if p.Timeout > 0 {
		return p.Timeout
	}
	return DefaultTimeout
}

// control is the dialer's Control: it runs after DNS resolution, for the
// address actually connected to, so a name that resolves (or re-resolves)
// to an internal address is refused.
func (p Policy) control(_, address string, _ syscall.RawConn) error {
	if p.AllowPrivate {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
	}
	return CheckAddr(ap.Addr())
}

// Client returns the HTTP client deliveries use: no proxy (a proxy would
// connect on our behalf, unchecked), every dialled address checked, at most
// MaxRedirects redirects each to http(s), short timeouts, no keep-alive
// pool shared with anything else.
func (p Policy) Client() *http.Client {
	d := &net.Dialer{Timeout: 5 * time.Second, Control: p.control}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: p.timeout(),
		MaxIdleConns:          16,
		IdleConnTimeout:       30 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{
		Transport: tr,
		Timeout:   p.timeout(),
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > MaxRedirects {
				return fmt.Errorf("webhook: more than %d redirects", MaxRedirects)
			}
			return p.checkURL(req.Context(), req.URL, false)
		},
	}
}

// CheckURL validates a callback URL when it is submitted: absolute http or
// https, no user info, and (unless AllowPrivate) a host whose addresses are
// all public — a literal IP is checked as it is, a name is resolved. The
// error is one line meant for the API's 400 answer.
func (p Policy) CheckURL(ctx context.Context, raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("callback_url: not a URL: %q", raw)
	}
	return p.checkURL(ctx, u, true)
}

func (p Policy) checkURL(ctx context.Context, u *url.URL, resolve bool) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("callback_url: want an http:// or https:// URL, got %q", u.Redacted())
	}
	if u.Host == "" || u.Hostname() == "" {
		return fmt.Errorf("callback_url: %q has no host", u.Redacted())
	}
	if u.User != nil {
		return errors.New("callback_url: user names and passwords in the URL are not allowed; authenticate with the signature")
	}
	if p.AllowPrivate {
		return nil
	}
	host := u.Hostname()
	if a, err := netip.ParseAddr(host); err == nil {
		if err := CheckAddr(a); err != nil {
			return fmt.Errorf("callback_url: %w", err)
		}
		return nil
	}
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return fmt.Errorf("callback_url: %w: %s is loopback", ErrForbiddenAddress, host)
	}
	if !resolve {
		return nil // the dialer checks what the name resolves to
	}
	var r Resolver = net.DefaultResolver
	if p.Resolver != nil {
		r = p.Resolver
	}
	rctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	addrs, err := r.LookupNetIP(rctx, "ip", host)
	if err != nil || len(addrs) == 0 {
		return fmt.Errorf("callback_url: host %s does not resolve", host)
	}
	for _, a := range addrs {
		if CheckAddr(a) != nil {
			// Never which address, nor why: the answer would tell the
			// caller what a name resolves to inside the network.
			return fmt.Errorf("callback_url: host %s resolves to an %w", host, ErrForbiddenAddress)
		}
	}
	return nil
}

// PublicError is the message of a delivery error as callers may see it
// (the delivery log of GET …/webhooks): a refused address is only said to
// be not allowed, without the address a name resolved to or redirected
// to. Other errors are err's own message.
func PublicError(err error) string {
	if errors.Is(err, ErrForbiddenAddress) {
		return "webhook post: the destination's " + ErrForbiddenAddress.Error()
	}
	return err.Error()
}
