package webhook_test

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/dns/dnsmessage"

	"github.com/newsscribe/newsscribe/webhook"
)

// TestCheckAddr: every address inside the network is refused, also when
// IPv6 wraps an IPv4 one in a form netip does not unmap (issue 24:
// IPv4-compatible, IPv4-translated and site-local addresses passed).
func TestCheckAddr(t *testing.T) {
	for _, tc := range []struct {
		addr string
		ok   bool
	}{
		{"93.184.215.14", true},
		{"1.1.1.1", true},
		{"2606:2800:220:1:248:1893:25c8:1946", true},
		{"127.0.0.1", false},
		{"10.1.2.3", false},
		{"169.254.169.254", false},
		{"::ffff:127.0.0.1", false},        // IPv4-mapped
		{"::127.0.0.1", false},             // IPv4-compatible loopback
		{"::a9fe:a9fe", false},             // IPv4-compatible metadata
		{"::ffff:0:7f00:1", false},         // IPv4-translated loopback
		{"::ffff:0:a9fe:a9fe", false},      // IPv4-translated metadata
		{"fec0::1", false},                 // site-local
		{"fd00:ec2::254", false},           // unique-local metadata
		{"fe80::1", false},                 // link-local
		{"64:ff9b::a9fe:a9fe", false},      // NAT64
		{"2002:a9fe:a9fe::1", false},       // 6to4
		{"::", false},                      // unspecified
		{"ff02::1", false},                 // multicast
		{"100::1", false},                  // discard
		{"2001:db8::1", false},             // documentation
		{"4000::1", false},                 // unassigned
		{"::1", false},                     // loopback
		{"::ffff:0:5db8:d70e", false},      // IPv4-translated, even of a public address
		{"::5db8:d70e", false},             // IPv4-compatible, even of a public address
		{"fc00:ffff::a9fe:a9fe", false},    // unique-local
		{"2001:0:4136:e378::1", false},     // Teredo
		{"240.0.0.1", false},               // reserved
		{"100.64.0.1", false},              // CGNAT
		{"192.0.0.170", false},             // IETF
		{"198.18.0.1", false},              // benchmarking
		{"0.1.2.3", false},                 // this network
		{"224.0.0.1", false},               // multicast
		{"255.255.255.255", false},         // broadcast
		{"2600:1f18:ffff:ffff::1", true},   // a public IPv6 address
		{"2a00:1450:4001:80b::200e", true}, // another
	} {
		err := webhook.CheckAddr(netip.MustParseAddr(tc.addr))
		if (err == nil) != tc.ok {
			t.Errorf("CheckAddr(%s) = %v, want allowed %v", tc.addr, err, tc.ok)
		}
		if err != nil && !errors.Is(err, webhook.ErrForbiddenAddress) {
			t.Errorf("CheckAddr(%s) = %v, want ErrForbiddenAddress", tc.addr, err)
		}
		// The same literal in a callback URL is refused before any work.
		host := tc.addr
		if strings.Contains(host, ":") {
			host = "[" + host + "]"
		}
		err = webhook.Policy{}.CheckURL(context.Background(), "http://"+host+"/hook")
		if (err == nil) != tc.ok {
			t.Errorf("CheckURL(http://%s/hook) = %v, want allowed %v", host, err, tc.ok)
		}
	}
}

// fakeDNS answers every A query with addr (and AAAA with nothing), on a
// loopback UDP port; it returns a resolver that asks it.
func fakeDNS(t *testing.T, addr string) *net.Resolver {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	ip := netip.MustParseAddr(addr).As4()
	go func() {
		buf := make([]byte, 1500)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			var p dnsmessage.Parser
			h, err := p.Start(buf[:n])
			if err != nil {
				continue
			}
			q, err := p.Question()
			if err != nil {
				continue
			}
			b := dnsmessage.NewBuilder(nil, dnsmessage.Header{ID: h.ID, Response: true, Authoritative: true})
			b.EnableCompression()
			b.StartQuestions()
			b.Question(q)
			b.StartAnswers()
			if q.Type == dnsmessage.TypeA {
				b.AResource(dnsmessage.ResourceHeader{Name: q.Name, Class: dnsmessage.ClassINET, TTL: 60}, dnsmessage.AResource{A: ip})
			}
			msg, err := b.Finish()
			if err == nil {
				pc.WriteTo(msg, from)
			}
		}
	}()
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp", pc.LocalAddr().String())
	}}
}

// TestCheckURLNamesNoResolvedAddress: a name resolving inside the network
// is refused without saying what it resolves to, or what kind of address
// that is (issue 24: the refusal was a DNS oracle for internal names).
func TestCheckURLNamesNoResolvedAddress(t *testing.T) {
	p := webhook.Policy{Resolver: fakeDNS(t, "10.20.30.40")}
	err := p.CheckURL(context.Background(), "https://cms.example.org/hook")
	if !errors.Is(err, webhook.ErrForbiddenAddress) {
		t.Fatalf("got %v, want ErrForbiddenAddress", err)
	}
	for _, leak := range []string{"10.20.30.40", "private", "10."} {
		if strings.Contains(err.Error(), leak) {
			t.Errorf("the refusal %q says %q", err, leak)
		}
	}
	if pub := webhook.PublicError(errors.Join(errors.New("dial tcp 10.20.30.40:443"), webhook.ErrForbiddenAddress)); strings.Contains(pub, "10.20") {
		t.Errorf("PublicError = %q, names the address", pub)
	}
}

// TestGate: a destination gets PerHost places at once, the others stay
// free; a slow one gets the short timeout until it answers in time.
func TestGate(t *testing.T) {
	g := &webhook.Gate{PerHost: 2, Timeout: 10 * time.Second, SlowTimeout: 2 * time.Second, SlowFor: time.Minute}
	now := time.Unix(1_800_000_000, 0)
	slow := webhook.Destination("https://a.slow.example.co.uk/hook/1")
	if other := webhook.Destination("https://b.example.co.uk:8443/x"); other != slow || slow != "example.co.uk" {
		t.Fatalf("destinations %q and %q, want both example.co.uk", slow, other)
	}
	if d := webhook.Destination("http://[2001:db8::1]:8080/"); d != "2001:db8::1" {
		t.Errorf("IP destination %q", d)
	}
	_, done1, ok1 := g.Acquire(slow, now)
	_, done2, ok2 := g.Acquire(slow, now)
	_, _, ok3 := g.Acquire(slow, now)
	if !ok1 || !ok2 || ok3 {
		t.Fatalf("places for one destination: %v %v %v, want two", ok1, ok2, ok3)
	}
	if timeout, done, ok := g.Acquire("cms.example.com", now); !ok || timeout != 10*time.Second {
		t.Fatalf("another destination: %v %v", ok, timeout)
	} else {
		done(false, now)
	}
	done1(true, now) // timed out
	done2(true, now)
	timeout, done, ok := g.Acquire(slow, now.Add(time.Second))
	if !ok || timeout != 2*time.Second {
		t.Fatalf("after a slow attempt: %v %v, want the 2 s timeout", ok, timeout)
	}
	done(false, now.Add(2*time.Second)) // answered in time
	if timeout, _, _ := g.Acquire(slow, now.Add(3*time.Second)); timeout != 10*time.Second {
		t.Errorf("after a quick answer: %v, want 10 s again", timeout)
	}
}
