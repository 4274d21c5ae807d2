package mailparse_test

import (
	"testing"

	"github.com/heinlein/regbot/internal/mailparse"
)

// An address hidden in an encoded display name is never taken for the
// sender's: the name may carry line breaks and header text, and a reply
// must go only to the address that stands in the field itself.
func TestFromEncodedNameCannotInjectAnAddress(t *testing.T) {
	tests := []struct {
		name, from string
		email      string // "" for no address
		display    string
	}{
		{"Q-encoded CRLF Bcc", "=?utf-8?q?x=0D=0ABcc:_evil=2Dx@example.org?= <n1@example.org>", "n1@example.org", ""},
		{"bare LF and CR", "=?utf-8?q?Eve=0ABcc:_evil@example.org=0DCc:_x?= <n3@example.org>", "n3@example.org", ""},
		{"B-encoded CRLF Bcc and Cc", "=?utf-8?b?RXZlDQpCY2M6IGV2aWxAZXhhbXBsZS5vcmcNCkNjOiBldmlsMkBleGFtcGxlLm9yZw==?= <n2@example.org>", "n2@example.org", ""},
		{"encoded name with a comma", "=?utf-8?q?M=C3=BCller=2C_Hans?= <hans@example.org>", "hans@example.org", "Müller, Hans"},
		{"unquoted comma, encoded word", "M=?iso-8859-1?q?=FC?=ller, Hans <hans@example.org>", "hans@example.org", ""},
		{"whole field encoded by a broken mailer", "=?utf-8?q?Max_Muster_<max@example.org>?=", "max@example.org", "Max Muster"},
		{"encoded word in an unquoted local part", "Lina Local <l2=?utf-8?q?x=0D=0ABcc:_evil?=-v@example.org>", "", ""},
		{"encoded word in a bare address", "l2=?utf-8?q?x=0D=0ABcc:_evil?=-v@example.org", "", ""},
		{"whole field encoded with a line break", "=?utf-8?q?x=0D=0ABcc:_evil@example.org?=", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := "From: " + tt.from + "\r\nTo: mail@heinlein-support.de\r\nSubject: Anmeldung\r\n\r\nHallo\r\n"
			m, err := mailparse.ParseBytes([]byte(raw))
			if err != nil {
				t.Fatalf("ParseBytes() = %v", err)
			}
			got := m.FirstFrom()
			if got.Email != tt.email {
				t.Errorf("From address = %q, want %q (all: %+v)", got.Email, tt.email, m.From)
			}
			for _, a := range m.From {
				if a.Email != tt.email {
					t.Errorf("From lists %q, which stands only inside an encoded word", a.Email)
				}
			}
			if tt.display != "" && got.Name != tt.display {
				t.Errorf("From name = %q, want %q", got.Name, tt.display)
			}
		})
	}
}
