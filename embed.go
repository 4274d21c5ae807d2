// Package regbot only carries defaults that are embedded into the binary; the
// program lives in cmd/ and internal/. It sits at the module root because
// go:embed cannot reach files above the package directory, and
// config.example.yaml belongs at the root where people look for it.
package regbot

import _ "embed"

// DefaultConfigYAML is config.example.yaml as it was at build time. It is the
// configuration a fresh install runs with and what internal/config.Default
// parses, so the documented example cannot drift from the real defaults.
//
//go:embed config.example.yaml
var DefaultConfigYAML []byte
