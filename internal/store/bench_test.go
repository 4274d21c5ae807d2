package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/store"
)

// BenchmarkHandleMail measures one daemon transaction: record the mail,
// upsert the person, add the registration, queue the reply. Run it as
//
//	go test -run '^$' -bench HandleMail -benchtime 10000x ./internal/store/
func BenchmarkHandleMail(b *testing.B) {
	db, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	raw := make([]byte, 4096)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		err := db.Tx(ctx, func(tx *store.Tx) error {
			addr := fmt.Sprintf("person%d@example.org", i)
			m := &store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: uint32(i + 1),
				MessageID: fmt.Sprintf("m%d@example.org", i), Sender: addr, Subject: "Anmeldung"}
			if _, err := tx.InsertMessage(m); err != nil {
				return err
			}
			p := &store.Person{Email: addr, Name: "Anna Müller"}
			if _, err := tx.UpsertPerson(p); err != nil {
				return err
			}
			r := &store.Registration{Event: fmt.Sprintf("event-%d", i%5), PersonID: p.ID,
				Status: store.StatusConfirmed, SourceMessageID: m.ID}
			if _, err := tx.AddRegistration(r); err != nil {
				return err
			}
			_, err := tx.Enqueue(&store.OutboxItem{MessageID: fmt.Sprintf("r%d@regbot", i), Kind: "confirmed",
				To: addr, PersonID: p.ID, RegistrationID: r.ID, SourceMessageID: m.ID, Raw: raw})
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSendReply measures what the sender does around each reply, on
// an outbox of replies with their 7 KB messages: "claim+mark" claims it
// before it goes out and marks it after (two commits), "mark+claim next"
// marks it and claims the next in one commit, as the daemon does within a
// batch.
func BenchmarkSendReply(b *testing.B) {
	for _, mode := range []string{"claim+mark", "mark+claim next"} {
		b.Run(mode, func(b *testing.B) {
			db, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), nil)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			ctx := context.Background()
			raw := make([]byte, 7<<10)
			ids := make([]int64, b.N+1)
			for i := range ids {
				err := db.Tx(ctx, func(tx *store.Tx) error {
					var err error
					ids[i], err = tx.Enqueue(&store.OutboxItem{MessageID: fmt.Sprintf("r%d@regbot", i), Kind: "confirmation",
						To: fmt.Sprintf("person%d@example.org", i), Raw: raw})
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			now := time.Now()
			lease := now.Add(10 * time.Minute)
			if ok, err := db.Claim(ctx, ids[0], now, lease, "bench"); err != nil || !ok {
				b.Fatalf("Claim() = %v, %v", ok, err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if mode == "claim+mark" {
					if err := db.MarkSent(ctx, ids[i]); err != nil {
						b.Fatal(err)
					}
					if ok, err := db.Claim(ctx, ids[i+1], now, lease, "bench"); err != nil || !ok {
						b.Fatalf("Claim() = %v, %v", ok, err)
					}
					continue
				}
				if ok, err := db.MarkSentAndClaim(ctx, ids[i], ids[i+1], now, lease, "bench"); err != nil || !ok {
					b.Fatalf("MarkSentAndClaim() = %v, %v", ok, err)
				}
			}
		})
	}
}
