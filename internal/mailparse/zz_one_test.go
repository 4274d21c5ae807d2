package mailparse

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestZZOne(t *testing.T) {
	raw, _ := os.ReadFile(os.Getenv("ZZ"))
	m, err := ParseBytes(raw)
	b, _ := json.MarshalIndent(toGolden(m), "", "  ")
	fmt.Println(string(b), err)
}
