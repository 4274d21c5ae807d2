package mailparse

import (
	"bytes"
	"encoding/base64"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"mime/quotedprintable"
	"testing"
	"testing/iotest"
)

// TestDecodersRoundTrip decodes what the standard library encodes.
func TestDecodersRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("aä =\t\r\n.-Zz\x00\xff")
	for i := range 300 {
		data := make([]byte, rng.IntN(300))
		for j := range data {
			if rng.IntN(4) == 0 {
				data[j] = byte(rng.IntN(256))
			} else {
				data[j] = alphabet[rng.IntN(len(alphabet))]
			}
		}

		var qp bytes.Buffer
		w := quotedprintable.NewWriter(&qp)
		w.Binary = true
		w.Write(data)
		w.Close()
		got, err := io.ReadAll(newQPReader(iotest.OneByteReader(bytes.NewReader(qp.Bytes()))))
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("%d: quoted-printable %q decoded to %q (%v), want %q", i, qp.Bytes(), got, err, data)
		}

		b64 := base64.StdEncoding.EncodeToString(data)
		var wrapped bytes.Buffer
		for len(b64) > 76 {
			wrapped.WriteString(b64[:76] + "\r\n")
			b64 = b64[76:]
		}
		wrapped.WriteString(b64 + "\r\n")
		d := newBase64Reader(iotest.HalfReader(bytes.NewReader(wrapped.Bytes())))
		got, err = io.ReadAll(d)
		if err != nil || !bytes.Equal(got, data) || d.bad != 0 {
			t.Fatalf("%d: base64 decoded to %q (%v, %d bad), want %q", i, got, err, d.bad, data)
		}
	}
}

// TestMultipartRoundTrip splits what mime/multipart writes.
func TestMultipartRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte("ab -\r\n")
	for i := range 200 {
		var parts [][]byte
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		for range rng.IntN(4) + 1 {
			data := make([]byte, rng.IntN(200))
			for j := range data {
				data[j] = alphabet[rng.IntN(len(alphabet))]
			}
			parts = append(parts, data)
			pw, _ := w.CreatePart(nil)
			pw.Write(data)
		}
		w.Close()
		mr := newMultipartReader(iotest.OneByteReader(&buf), w.Boundary(), 1<<10)
		for j, want := range parts {
			part, err := mr.NextPart()
			if err != nil {
				t.Fatalf("%d/%d: NextPart: %v", i, j, err)
			}
			// mime/multipart writes an empty header: a blank line.
			got, _ := io.ReadAll(part)
			if !bytes.Equal(got, append([]byte("\r\n"), want...)) {
				t.Fatalf("%d/%d: part = %q, want %q", i, j, got, want)
			}
		}
		if _, err := mr.NextPart(); err != io.EOF || !mr.final {
			t.Fatalf("%d: after the last part: %v, final %v", i, err, mr.final)
		}
		mr.release()
	}
}
