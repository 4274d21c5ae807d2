package lexicon

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Grüße aus dem Büro", "gruesse aus dem buero"},
		{"GRÜSSE", "gruesse"},
		{"Bu\u0308ro", "buero"}, // decomposed umlaut
		{"„Runder Tisch“ – am 18.4.", `"runder tisch" - am 18.4.`},
		{"Yılmaz  Şahin\u00a0Élodie", "yilmaz sahin elodie"},
		{"  mehrere\n\n Zeilen\t", "mehrere zeilen"},
		{"Wir warten…", "wir warten..."},
		{"\xff", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
