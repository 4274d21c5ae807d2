package main

import (
	"fmt"
	"os"

	"github.com/heinlein/regbot/internal/automail"
	"github.com/heinlein/regbot/internal/mailparse"
)

func main() {
	for _, f := range os.Args[1:] {
		b, _ := os.ReadFile(f)
		m, _ := mailparse.ParseBytes(b)
		v := automail.Classify(m, automail.Options{OwnAddresses: []string{"mail@heinlein-support.de"}, OwnDomains: []string{"heinlein-support.de"}})
		fmt.Printf("%s: kind=%q\n  cues=%q\n", f, v.Kind, v.Cues)
		if v.Bounce != nil {
			fmt.Printf("  bounce=%+v\n", *v.Bounce)
		}
	}
}
