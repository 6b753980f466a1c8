package audio

import (
	"fmt"
	"math"
)

// The resampler: streaming polyphase windowed-sinc (Kaiser window) from any
// source rate to 16 kHz.
//
// Output sample k lies at source time τ = k·M/L (in source samples), where
// L/M = 16000/rate in lowest terms. With τ = i + p/L (i integer, phase p) it
// is the dot product of the T source samples x[i-T/2+1 … i+T/2] with row p
// of a precomputed bank whose taps are h(t) = 2ν·sinc(2νt)·kaiser(t/(T/2))
// at t = m - T/2 + 1 - p/L. The filter is centred on τ, so the output has no
// delay and the first output sample is the first input sample's instant.
//
// The cut-off sits between the passband edge (7 kHz, the speech band that
// matters) and the stopband edge (8.5 kHz: a tone above it folds back to at
// most 7.5 kHz, so everything that could alias into the passband is 85 dB
// down). For sources slower than 16 kHz the same filter interpolates, with
// its band edges placed symmetrically around the source Nyquist.
//
// When L is large (an odd rate such as 44 101 Hz gives L = 16 000) the bank
// would be megabytes; then it holds resamplePhases+1 rows and each output is
// the linear interpolation of the two neighbouring rows' dot products
// (coefficient error below -130 dB).
const (
	passbandHz       = 7000.0
	stopbandHz       = 8500.0
	stopbandDB       = 85.0 // Kaiser design attenuation; the bar is 80 dB
	resamplePhases   = 1024 // rows kept when L is larger than maxExactPhases
	maxExactPhases   = 2048
	resampleBlockLen = 16384 // source samples buffered per refill
)

// resampler converts a stream of mono source samples to 16 kHz. It never
// allocates after construction. Feed it through space/commit, drain it
// with produce, and call flush once the source has ended.
type resampler struct {
	up, down int // L, M
	taps     int // T, a multiple of 8
	interp   bool
	rows     int // phases in bank
	bank     []float32

	buf  []float32 // source window: buf[pos:n] is pending
	n    int
	pos  int
	ph   int // phase numerator in [0, up)
	copy bool

	inTotal  int64
	outTotal int64
	flushed  bool
}

// newResampler builds the filter bank for rate → SampleRate.
func newResampler(rate int) (*resampler, error) {
	if rate < minSourceRate || rate > maxSourceRate {
		return nil, &UnsupportedError{What: fmt.Sprintf("sample rate %d Hz (supported: %d–%d Hz)", rate, minSourceRate, maxSourceRate)}
	}
	g := gcd(rate, SampleRate)
	r := &resampler{up: SampleRate / g, down: rate / g}
	if rate == SampleRate {
		r.copy = true
		r.buf = make([]float32, resampleBlockLen)
		return r, nil
	}
	fs := float64(rate)
	pass, stop := passbandHz, stopbandHz
	if rate < SampleRate {
		// Interpolation: keep the images of the source band out.
		pass = min(passbandHz, 0.4375*fs)
		stop = fs - pass
	}
	nu := (pass + stop) / 2 / fs               // cut-off, cycles per source sample
	width := (stop - pass) / fs                // transition, cycles per source sample
	n := (stopbandDB - 7.95) / (14.36 * width) // Kaiser's length estimate
	taps := (int(math.Ceil(n)) + 7) &^ 7
	beta := 0.1102 * (stopbandDB - 8.7)
	r.taps = taps
	r.rows = r.up
	if r.up > maxExactPhases {
		r.interp = true
		r.rows = resamplePhases + 1
	}
	r.bank = make([]float32, r.rows*taps)
	half := float64(taps) / 2
	i0b := besselI0(beta)
	tmp := make([]float64, taps)
	for p := 0; p < r.rows; p++ {
		frac := float64(p) / float64(r.up)
		if r.interp {
			frac = float64(p) / resamplePhases
		}
		row := r.bank[p*taps : (p+1)*taps]
		sum := 0.0
		for m := range tmp {
			t := float64(m) - half + 1 - frac
			x := t / half
			w := 0.0
			if x >= -1 && x <= 1 {
				w = besselI0(beta*math.Sqrt(1-x*x)) / i0b
			}
			tmp[m] = 2 * nu * sinc(2*nu*t) * w
			sum += tmp[m]
		}
		for m, v := range tmp {
			row[m] = float32(v / sum) // unity gain at DC for every phase
		}
	}
	// The window must hold T samples of history plus a refill block.
	r.buf = make([]float32, taps+resampleBlockLen)
	r.n = taps/2 - 1 // zeros before the first sample: output 0 is centred on it
	return r, nil
}

// space returns the free tail of the source window for the caller to fill;
// commit tells how many samples were written there. Call it only after
// produce returned 0, so the window is nearly drained.
func (r *resampler) space() []float32 {
	if r.copy {
		if r.pos == r.n {
			r.pos, r.n = 0, 0
		}
		return r.buf[r.n:]
	}
	if r.pos > 0 {
		r.n = copy(r.buf, r.buf[r.pos:r.n])
		r.pos = 0
	}
	return r.buf[r.n:]
}

func (r *resampler) commit(k int) {
	r.n += k
	r.inTotal += int64(k)
}

// flush marks the end of the source: the filter tail is fed zeros and
// produce delivers the last ceil(inTotal·L/M) - outTotal samples.
func (r *resampler) flush() {
	if r.flushed {
		return
	}
	r.flushed = true
	if r.copy {
		return
	}
	r.space()
	pad := r.taps / 2
	clear(r.buf[r.n : r.n+pad])
	r.n += pad
}

// want is the total number of output samples for the source seen so far.
func (r *resampler) want() int64 {
	return (r.inTotal*int64(r.up) + int64(r.down) - 1) / int64(r.down)
}

// produce writes as many 16 kHz samples into out as the buffered source
// allows and returns how many.
func (r *resampler) produce(out []float32) int {
	if r.copy {
		k := copy(out, r.buf[r.pos:r.n])
		r.pos += k
		r.outTotal += int64(k)
		return k
	}
	T := r.taps
	limit := len(out)
	if r.flushed {
		limit = int(min(int64(limit), r.want()-r.outTotal))
	}
	k := 0
	pos, ph := r.pos, r.ph
	up, down := r.up, r.down
	buf, bank := r.buf[:r.n], r.bank
	if !r.interp {
		for k < limit && pos+T <= len(buf) {
			out[k] = dot(bank[ph*T:ph*T+T], buf[pos:pos+T])
			k++
			ph += down
			pos += ph / up
			ph %= up
		}
	} else {
		scale := float64(resamplePhases) / float64(up)
		for k < limit && pos+T <= len(buf) {
			f := float64(ph) * scale
			p := int(f)
			a := float32(f - float64(p))
			x := buf[pos : pos+T]
			y0 := dot(bank[p*T:p*T+T], x)
			y1 := dot(bank[(p+1)*T:(p+2)*T], x)
			out[k] = y0 + a*(y1-y0)
			k++
			ph += down
			pos += ph / up
			ph %= up
		}
	}
	r.pos, r.ph = pos, ph
	r.outTotal += int64(k)
	return k
}

// dotGeneric is the portable inner loop: len(h) is a multiple of 8; eight
// accumulators keep the floating-point adds independent.
func dotGeneric(h, x []float32) float32 {
	x = x[:len(h)]
	var s0, s1, s2, s3, s4, s5, s6, s7 float32
	for i := 0; i+8 <= len(h); i += 8 {
		hh := h[i : i+8 : i+8]
		xx := x[i : i+8 : i+8]
		s0 += hh[0] * xx[0]
		s1 += hh[1] * xx[1]
		s2 += hh[2] * xx[2]
		s3 += hh[3] * xx[3]
		s4 += hh[4] * xx[4]
		s5 += hh[5] * xx[5]
		s6 += hh[6] * xx[6]
		s7 += hh[7] * xx[7]
	}
	return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
}

func sinc(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Sin(math.Pi*x) / (math.Pi * x)
}

// besselI0 is the modified Bessel function of the first kind, order 0.
func besselI0(x float64) float64 {
	sum, term := 1.0, 1.0
	for k := 1; k < 200; k++ {
		term *= (x / 2 / float64(k)) * (x / 2 / float64(k))
		sum += term
		if term < sum*1e-17 {
			break
		}
	}
	return sum
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
