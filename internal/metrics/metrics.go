// Package metrics owns what regbot tells monitoring: the Prometheus
// figures (mails by outcome, replies sent and failed, outbox depth, IMAP
// reconnects, the last successful poll) and the /healthz answer, served on
// a configurable address that is loopback by default.
package metrics

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics collects the figures of one daemon.
type Metrics struct {
	reg        *prometheus.Registry
	mails      *prometheus.CounterVec
	replies    *prometheus.CounterVec
	copies     *prometheus.CounterVec
	reconnects prometheus.Counter
	lastPoll   atomic.Int64 // unix seconds, 0 = never
	now        func() time.Time
}

// New creates the collectors. outboxDepth is asked at every scrape for the
// number of replies waiting to be sent.
func New(now func() time.Time, outboxDepth func() float64) *Metrics {
	if now == nil {
		now = time.Now
	}
	m := &Metrics{reg: prometheus.NewRegistry(), now: now}
	m.mails = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "regbot_mails_total", Help: "Mails handled, by outcome (register, info_request, cancel, delete_request, question, auto_reply, bounce, spam, failed, set_aside).",
	}, []string{"outcome"})
	m.replies = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "regbot_replies_total", Help: "Replies handed to the SMTP server (result=sent) or refused (result=failed).",
	}, []string{"result"})
	m.copies = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "regbot_sent_copies_total", Help: "Copies of sent replies stored in the Sent folder (result=stored) or given up (result=lost).",
	}, []string{"result"})
	m.reconnects = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "regbot_imap_reconnects_total", Help: "Reconnections to the IMAP server after a lost connection or a failed attempt.",
	})
	lastPoll := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "regbot_imap_last_poll_timestamp_seconds", Help: "When the mailbox was last searched for new mail successfully (Unix time).",
	}, func() float64 { return float64(m.lastPoll.Load()) })
	depth := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "regbot_outbox_depth", Help: "Replies waiting to be sent.",
	}, func() float64 {
		if outboxDepth == nil {
			return 0
		}
		return outboxDepth()
	})
	m.reg.MustRegister(m.mails, m.replies, m.copies, m.reconnects, lastPoll, depth,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Mail counts a handled mail.
func (m *Metrics) Mail(outcome string) {
	if m != nil {
		m.mails.WithLabelValues(outcome).Inc()
	}
}

// Reply counts a delivery attempt.
func (m *Metrics) Reply(sent bool) {
	if m == nil {
		return
	}
	if sent {
		m.replies.WithLabelValues("sent").Inc()
	} else {
		m.replies.WithLabelValues("failed").Inc()
	}
}

// Copies counts copies of replies stored in the Sent folder and lost.
func (m *Metrics) Copies(stored, lost int) {
	if m == nil {
		return
	}
	m.copies.WithLabelValues("stored").Add(float64(stored))
	m.copies.WithLabelValues("lost").Add(float64(lost))
}

// Reconnect counts a reconnection.
func (m *Metrics) Reconnect() {
	if m != nil {
		m.reconnects.Inc()
	}
}

// Polled records a successful search for new mail.
func (m *Metrics) Polled(t time.Time) {
	if m != nil {
		m.lastPoll.Store(t.Unix())
	}
}

// Handler serves /metrics and /healthz. The daemon is healthy while it has
// searched the mailbox successfully within stale (three poll intervals is a
// good value): a stuck connection shows as 503.
func (m *Metrics) Handler(stale time.Duration) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		last := m.lastPoll.Load()
		if last == 0 {
			http.Error(w, "starting: the mailbox has not been searched yet", http.StatusServiceUnavailable)
			return
		}
		age := m.now().Sub(time.Unix(last, 0))
		if age > stale {
			http.Error(w, fmt.Sprintf("stale: last successful poll %s ago", age.Round(time.Second)), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintf(w, "ok: last successful poll %s ago\n", age.Round(time.Second))
	})
	return mux
}

// Serve listens on addr until ctx is done. An empty addr serves nothing.
func (m *Metrics) Serve(ctx context.Context, addr string, stale time.Duration) error {
	if addr == "" {
		return nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen for metrics on %s (set metrics.address, or empty to turn it off): %w", addr, err)
	}
	srv := &http.Server{Handler: m.Handler(stale), ReadHeaderTimeout: 5 * time.Second}
	stop := context.AfterFunc(ctx, func() {
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	})
	defer stop()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve metrics: %w", err)
	}
	return nil
}
