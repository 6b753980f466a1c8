package livetest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"

	"github.com/coder/websocket"

	"github.com/newsscribe/newsscribe/live"
)

// Sender streams audio to a live session's WebSocket as the newsroom page
// does: every frame is kept until the server acknowledges it; after a
// dropped connection, Dial opens a new one and sends again from the frame
// the server's hello names.
type Sender struct {
	// URL is ws://…/v1/live/{id}/audio?token=…; Header goes with the
	// handshake (an Origin, an Authorization).
	URL    string
	Header http.Header

	mu     sync.Mutex
	frames [][]byte
	next   uint64 // the server's next expected frame (last hello or ack)
	conn   *websocket.Conn
	gen    int
	acked  chan struct{}
	// Dials counts the connections opened.
	Dials int
}

// Dial opens a connection, reads hello, and sends the frames not yet
// stored.
func (s *Sender) Dial(ctx context.Context) error {
	c, _, err := websocket.Dial(ctx, s.URL, &websocket.DialOptions{HTTPHeader: s.Header})
	if err != nil {
		return err
	}
	var hello live.Control
	if err := read(ctx, c, &hello); err != nil || hello.Type != "hello" {
		c.CloseNow()
		return fmt.Errorf("hello: %+v, %v", hello, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Dials++
	s.gen++
	s.conn, s.next = c, hello.Next
	if s.acked == nil {
		s.acked = make(chan struct{}, 1)
	}
	for seq := hello.Next; seq < uint64(len(s.frames)); seq++ {
		if err := c.Write(ctx, websocket.MessageBinary, s.frames[seq]); err != nil {
			s.conn = nil
			return err
		}
	}
	go s.readAcks(c, s.gen)
	return nil
}

func read(ctx context.Context, c *websocket.Conn, v any) error {
	typ, b, err := c.Read(ctx)
	if err != nil {
		return err
	}
	if typ != websocket.MessageText {
		return fmt.Errorf("binary message from the server")
	}
	return json.Unmarshal(b, v)
}

func (s *Sender) readAcks(c *websocket.Conn, gen int) {
	for {
		var m live.Control
		if err := read(context.Background(), c, &m); err != nil {
			s.mu.Lock()
			if s.gen == gen {
				s.conn = nil
			}
			s.mu.Unlock()
			return
		}
		s.mu.Lock()
		if m.Next > s.next {
			s.next = m.Next
		}
		s.mu.Unlock()
		select {
		case s.acked <- struct{}{}:
		default:
		}
	}
}

// Send queues a frame of samples and writes it when connected; it reports
// whether the write went out (a dropped connection keeps the frame for
// the next Dial).
func (s *Sender) Send(ctx context.Context, samples []float32) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	seq := uint64(len(s.frames))
	s.frames = append(s.frames, live.AppendFrame(nil, seq, samples))
	if s.conn == nil {
		return false
	}
	if err := s.conn.Write(ctx, websocket.MessageBinary, s.frames[seq]); err != nil {
		s.conn.CloseNow()
		s.conn = nil
		return false
	}
	return true
}

// Connected reports whether a connection is open.
func (s *Sender) Connected() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conn != nil
}

// Drop closes the connection without a closing handshake, as a network
// failure does: frames in flight may or may not have arrived.
func (s *Sender) Drop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn != nil {
		s.conn.CloseNow()
		s.conn = nil
	}
}

// Sent is the number of frames queued; Acked the number the server has
// stored, as far as the sender knows.
func (s *Sender) Sent() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.frames)
}

// Acked is the number of frames the server said it stored.
func (s *Sender) Acked() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return int(s.next)
}

// Wait blocks until every frame queued is acknowledged, or ctx is done.
func (s *Sender) Wait(ctx context.Context) error {
	for {
		if s.Acked() >= s.Sent() {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%d of %d frames acknowledged: %w", s.Acked(), s.Sent(), ctx.Err())
		case <-s.acked:
		}
	}
}

// Close closes the connection normally.
func (s *Sender) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn != nil {
		s.conn.Close(websocket.StatusNormalClosure, "")
		s.conn = nil
	}
}
