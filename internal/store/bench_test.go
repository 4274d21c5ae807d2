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

// BenchmarkSendReply measures what recording a sent reply costs the
// sender, with an outbox of replies with their 7 KB messages and batches
// of 50 as the daemon claims them: "commit per reply" records each in a
// transaction of its own; "sent log" appends it to the sent log, which
// the end of each batch folds into the table in one commit, as the daemon
// does.
func BenchmarkSendReply(b *testing.B) {
	const batch = 50
	for _, mode := range []string{"commit per reply", "sent log"} {
		b.Run(mode, func(b *testing.B) {
			db, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), nil)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			ctx := context.Background()
			raw := make([]byte, 7<<10)
			for i := range b.N {
				err := db.Tx(ctx, func(tx *store.Tx) error {
					_, err := tx.Enqueue(&store.OutboxItem{MessageID: fmt.Sprintf("r%d@regbot", i), Kind: "confirmation",
						To: fmt.Sprintf("person%d@example.org", i), Raw: raw})
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			now := time.Now()
			lease := now.Add(10 * time.Minute)
			b.ReportAllocs()
			b.ResetTimer()
			for sent := 0; sent < b.N; {
				b.StopTimer()
				items, err := db.ClaimDue(ctx, now, lease, "bench", batch)
				if err != nil || len(items) == 0 {
					b.Fatalf("ClaimDue() = %d, %v", len(items), err)
				}
				b.StartTimer()
				for _, it := range items {
					if mode == "commit per reply" {
						err = db.MarkSent(ctx, it.ID)
					} else {
						err = db.RecordSent(it.ID, now)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
				if mode == "sent log" {
					if err := db.EndBatch(ctx, "bench", nil); err != nil {
						b.Fatal(err)
					}
				}
				sent += len(items)
			}
		})
	}
}
