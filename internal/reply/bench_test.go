package reply

import "testing"

// BenchmarkRender renders a confirmation with its calendar and builds the
// message, as the desk does for every registration.
func BenchmarkRender(b *testing.B) {
	r, err := New("")
	if err != nil {
		b.Fatal(err)
	}
	var d Data
	for _, s := range SampleData() {
		if s.Kind == KindConfirmation {
			d = s
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		m, err := r.Render(d)
		if err != nil {
			b.Fatal(err)
		}
		raw, err := m.Bytes()
		if err != nil || len(raw) == 0 {
			b.Fatalf("Bytes() = %d bytes, %v", len(raw), err)
		}
	}
}
