package api

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/newsscribe/newsscribe/newsroom"
	"github.com/newsscribe/newsscribe/queue"
	"github.com/newsscribe/newsscribe/store"
)

// Metrics are the service's Prometheus metrics, on their own registry (no
// package globals).
type Metrics struct {
	reg          *prometheus.Registry
	uploadBytes  prometheus.Counter
	accepted     prometheus.Counter
	audioSeconds prometheus.Counter
	rtf          prometheus.Histogram
	finished     *prometheus.CounterVec
}

var (
	_ queue.Observer    = (*Metrics)(nil)
	_ newsroom.Observer = (*Metrics)(nil)
)

// NewMetrics creates the metrics; jobs by state and queue depth are read
// from st at scrape time, so they are right on every machine sharing a queue.
func NewMetrics(st *store.Store) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		uploadBytes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsscribe_upload_bytes_total", Help: "Bytes of audio uploaded to this process.",
		}),
		accepted: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsscribe_jobs_accepted_total", Help: "Jobs accepted (202) by this process.",
		}),
		audioSeconds: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsscribe_audio_seconds_transcribed_total", Help: "Seconds of audio recognised by this process.",
		}),
		rtf: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "newsscribe_real_time_factor",
			Help:    "Processing seconds per second of audio, per recognition.",
			Buckets: []float64{0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10},
		}),
		finished: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsscribe_jobs_finished_total", Help: "Jobs that reached a final state in this process.",
		}, []string{"status"}),
	}
	m.reg.MustRegister(m.uploadBytes, m.accepted, m.audioSeconds, m.rtf, m.finished,
		&stateCollector{st: st},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Transcribed implements queue.Observer.
func (m *Metrics) Transcribed(audioSeconds, rtf float64) {
	m.audioSeconds.Add(audioSeconds)
	if rtf > 0 {
		m.rtf.Observe(rtf)
	}
}

// Accepted implements newsroom.Observer.
func (m *Metrics) Accepted() { m.accepted.Inc() }

// Finished implements queue.Observer and newsroom.Observer.
func (m *Metrics) Finished(status store.Status) { m.finished.WithLabelValues(string(status)).Inc() }

var (
	jobsDesc  = prometheus.NewDesc("newsscribe_jobs", "Jobs by state (whole queue).", []string{"status"}, nil)
	depthDesc = prometheus.NewDesc("newsscribe_queue_depth", "Jobs waiting to run (whole queue).", nil, nil)
)

type stateCollector struct{ st *store.Store }

func (c *stateCollector) Describe(ch chan<- *prometheus.Desc) { ch <- jobsDesc; ch <- depthDesc }

func (c *stateCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.st.CountByStatus(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(jobsDesc, err)
		return
	}
	for st, n := range counts {
		ch <- prometheus.MustNewConstMetric(jobsDesc, prometheus.GaugeValue, float64(n), string(st))
	}
	ch <- prometheus.MustNewConstMetric(depthDesc, prometheus.GaugeValue, float64(counts[store.StatusQueued]))
}
