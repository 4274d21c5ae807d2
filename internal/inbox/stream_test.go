package inbox_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/inbox"
	"github.com/heinlein/regbot/internal/mailtest"
)

const attachmentSize = 5 << 20 // 5 MiB

// largeMail is a mail with a 5 MiB attachment, the same on every call.
func largeMail() []byte {
	data := make([]byte, attachmentSize)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range data {
		data[i] = byte(rng.Uint32())
	}
	var b bytes.Buffer
	b.WriteString("From: a@example.org\r\nTo: mail@heinlein-support.de\r\nSubject: Anmeldung mit Anhang\r\n" +
		"Message-ID: <large@example.org>\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" +
		"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAnbei das Formular.\r\n" +
		"--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n" +
		"Content-Disposition: attachment; filename=\"formular.pdf\"\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n--b--\r\n")
	return b.Bytes()
}

const helperEnv = "REGBOT_INBOX_TEST_HELPER"

// TestHelperIMAPServer is not a test: TestFetchStreamsLargeMail runs it in a
// child process, so that the server's allocations do not count.
func TestHelperIMAPServer(t *testing.T) {
	if os.Getenv(helperEnv) != "large-mail" {
		t.Skip("helper process for TestFetchStreamsLargeMail")
	}
	srv := mailtest.StartIMAP(t)
	srv.Append(t, "INBOX", largeMail(), nil, time.Time{})
	fmt.Printf("\nADDR %s\n", srv.Addr)
	_, _ = io.Copy(io.Discard, os.Stdin) // until the parent is done
}

// TestFetchStreamsLargeMail fetches a mail with a 5 MiB attachment and
// checks that the client allocates far less than the mail's size. The
// in-memory server copies every message it sends, so it runs in a child
// process (runtime.MemStats counts the whole process).
func TestFetchStreamsLargeMail(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	raw := largeMail()
	want := sha256.Sum256(raw)
	size := len(raw)
	raw = nil

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperIMAPServer$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"=large-mail")
	cmd.Stderr = newTestOutput(t)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start helper: %v", err)
	}
	t.Cleanup(func() {
		stdin.Close()
		_ = cmd.Wait()
	})
	addrCh := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if addr, ok := strings.CutPrefix(sc.Text(), "ADDR "); ok {
				addrCh <- addr
			}
		}
		close(addrCh)
	}()
	addr := receive(t, addrCh, 2*timeout, "the helper's address")
	if addr == "" {
		t.Fatalf("helper process ended without an address")
	}

	c, err := inbox.Dial(t.Context(), inbox.Options{
		Addr: addr, Security: "none",
		Username: mailtest.DefaultIMAPUsername, Password: mailtest.DefaultIMAPPassword,
	})
	if err != nil {
		t.Fatalf("Dial() = %v", err)
	}
	defer c.Close()
	mails, err := c.Pending(t.Context())
	if err != nil || len(mails) != 1 {
		t.Fatalf("Pending() = %v, %v, want one mail", mails, err)
	}
	if mails[0].Size != int64(size) {
		t.Errorf("Size = %d, want %d", mails[0].Size, size)
	}

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	h := sha256.New()
	var n int64
	err = c.Fetch(t.Context(), mails[0].UID, func(r io.Reader) error {
		var err error
		n, err = io.Copy(h, r)
		return err
	})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatalf("Fetch() = %v", err)
	}
	if n != int64(size) || !bytes.Equal(h.Sum(nil), want[:]) {
		t.Fatalf("Fetch() streamed %d bytes with another hash, want the %d bytes appended", n, size)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("Fetch of a %d byte mail allocated %d bytes", size, alloc)
	if limit := uint64(size / 10); alloc > limit {
		t.Errorf("Fetch allocated %d bytes for a %d byte mail, want < %d (streaming)", alloc, size, limit)
	}
}
