package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"
)

// The decoder walks the yaml.Node tree itself instead of calling
// yaml.Decoder.Decode with KnownFields(true): that stops at the first bad
// value and reports unknown keys by line only. Walking lets every problem be
// reported at once, each with line, column and field path, and lets unknown
// keys come with a suggestion. Leaves are still decoded by yaml (Node.Decode)
// or by the types' own UnmarshalYAML.
type decoder struct {
	file     string
	problems []*Problem
	pos      map[string]position // field path → key (or list item) position
	failed   map[string]bool     // field paths that could not be decoded
	active   map[*yaml.Node]bool // aliases being expanded, to stop cycles
	visited  int                 // values decoded, to stop alias bombs
}

// maxValues bounds the work aliases can cause: a list of aliases to lists of
// aliases grows exponentially, while a real config has a few hundred values.
const maxValues = 100_000

func newDecoder(file string) *decoder {
	return &decoder{
		file:   file,
		pos:    map[string]position{},
		failed: map[string]bool{},
		active: map[*yaml.Node]bool{},
	}
}

func (d *decoder) add(at position, field, msg, hint string) {
	d.problems = append(d.problems, &Problem{File: d.file, Line: at.line, Column: at.col, Field: field, Msg: msg, Hint: hint})
}

// bad records a problem with the value at field; validation skips such fields
// so one mistake is not reported twice (once as malformed, once as missing).
func (d *decoder) bad(at position, field, msg, hint string) {
	d.failed[field] = true
	d.add(at, field, msg, hint)
}

// hasFailed reports whether field or one of its ancestors could not be decoded.
func (d *decoder) hasFailed(field string) bool {
	for ; field != ""; field = parent(field) {
		if d.failed[field] {
			return true
		}
	}
	return false
}

var lineRE = regexp.MustCompile(`^yaml: line (\d+): `)

// parse reads exactly one YAML document. It returns nil and records a problem
// for a syntax error; an empty file yields an empty mapping.
func (d *decoder) parse(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
		}
		d.syntax(err, data)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.add(posOf(&extra), "", "the file holds more than one YAML document", `remove the "---" line and merge everything into one document`)
	} else if !errors.Is(err, io.EOF) {
		d.syntax(err, data)
		return nil
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		return doc.Content[0]
	}
	return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
}

func (d *decoder) syntax(err error, data []byte) {
	msg := err.Error()
	at := position{}
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		at.line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	hint := "check indentation, colons and quotes there; values containing \": \" or starting with a special character need quotes"
	// yaml reports a tab in the indentation only as a character that "cannot
	// start any token", which sends people looking for the wrong thing.
	if strings.Contains(msg, "cannot start any token") {
		for i, l := range bytes.Split(data, []byte("\n")) {
			if bytes.HasPrefix(bytes.TrimLeft(l, " "), []byte("\t")) {
				at.line = i + 1
				hint = "YAML indentation must use spaces, not tabs"
				break
			}
		}
	}
	d.add(at, "", "invalid YAML: "+msg, hint)
}

// value decodes n into v. path names v for messages, at is where to report
// problems with v: the key for a mapping value, the item for a list item.
func (d *decoder) value(n *yaml.Node, v reflect.Value, path string, at position) {
	if d.visited++; d.visited == maxValues {
		d.bad(at, path, fmt.Sprintf("the file expands to more than %d values", maxValues), "use fewer aliases (*name)")
	}
	if d.visited >= maxValues {
		return
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil || d.active[n] {
			d.bad(at, path, fmt.Sprintf("alias *%s refers to itself", n.Value), "an anchor cannot contain an alias to itself")
			return
		}
		d.active[n] = true
		d.value(n.Alias, v, path, at)
		delete(d.active, n)
		return
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return // an empty value keeps the default
	}
	if v.CanAddr() {
		if u, ok := v.Addr().Interface().(yaml.Unmarshaler); ok {
			if err := u.UnmarshalYAML(n); err != nil {
				var ve *valueError
				if errors.As(err, &ve) {
					d.bad(at, path, ve.msg, ve.hint)
				} else {
					d.bad(at, path, err.Error(), "")
				}
			}
			return
		}
	}
	if v.Type() == reflect.TypeFor[time.Duration]() {
		d.duration(n, v, path, at)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.mapping(n, v, path, at)
	case reflect.Slice:
		d.list(n, v, path, at)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.bad(at, path, "expected text, got "+describe(n), "write a single value; quote it if it contains \": \"")
			return
		}
		v.SetString(n.Value)
	case reflect.Int, reflect.Int64:
		i, ok := wholeNumber(n)
		if !ok || v.OverflowInt(i) {
			d.bad(at, path, "expected a whole number, got "+describe(n), "write digits only, like 40")
			return
		}
		v.SetInt(i)
	case reflect.Bool:
		var b bool
		if n.Kind != yaml.ScalarNode || n.Decode(&b) != nil {
			d.bad(at, path, "expected true or false, got "+describe(n), "write true or false")
			return
		}
		v.SetBool(b)
	default:
		panic(fmt.Sprintf("config: no decoder for %s at %s", v.Type(), path))
	}
}

// wholeNumber accepts YAML integers and, because quoting a number is a
// harmless habit, quoted decimal digits; it refuses 40.5 rather than
// truncating it the way yaml.v3 would.
func wholeNumber(n *yaml.Node) (int64, bool) {
	if n.Kind != yaml.ScalarNode {
		return 0, false
	}
	var i int64
	switch n.ShortTag() {
	case "!!int":
		return i, n.Decode(&i) == nil
	case "!!str":
		i, err := strconv.ParseInt(strings.TrimSpace(n.Value), 10, 64)
		return i, err == nil
	}
	return 0, false
}

func (d *decoder) duration(n *yaml.Node, v reflect.Value, path string, at position) {
	hint := "write a number with a unit, like 60s, 5m or 1h"
	if n.Kind != yaml.ScalarNode {
		d.bad(at, path, "expected a duration, got "+describe(n), hint)
		return
	}
	dur, err := time.ParseDuration(strings.TrimSpace(n.Value))
	if err != nil {
		if _, nerr := strconv.Atoi(n.Value); nerr == nil {
			hint = fmt.Sprintf("add a unit: %ss means %s seconds", n.Value, n.Value)
		}
		d.bad(at, path, quote(n.Value)+" is not a duration", hint)
		return
	}
	v.SetInt(int64(dur))
}

func (d *decoder) list(n *yaml.Node, v reflect.Value, path string, at position) {
	items := n.Content
	switch {
	case n.Kind == yaml.SequenceNode:
	case n.Kind == yaml.ScalarNode && v.Type().Elem().Kind() == reflect.String:
		// A single address or alias is common enough to accept as a list of one.
		items = []*yaml.Node{n}
	default:
		d.bad(at, path, "expected a list, got "+describe(n), "write one item per line, each starting with \"- \", or [a, b]")
		return
	}
	s := reflect.MakeSlice(v.Type(), len(items), len(items))
	for i, item := range items {
		ip := fmt.Sprintf("%s[%d]", path, i)
		ipos := posOf(item)
		d.pos[ip] = ipos
		elem := s.Index(i)
		if def, ok := elem.Addr().Interface().(interface{ setDefaults() }); ok {
			def.setDefaults()
		}
		d.value(item, elem, ip, ipos)
	}
	v.Set(s)
}

type entry struct{ key, val *yaml.Node }

func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string, at position) {
	if n.Kind != yaml.MappingNode {
		where := path
		if where == "" {
			where = "the top of the file"
		}
		d.bad(at, path, "expected a mapping (key: value lines), got "+describe(n),
			"indent the keys of "+where+" below it, or write {key: value}")
		return
	}
	fs := fieldsOf(v.Type())
	for _, e := range d.entries(n, path) {
		name := e.key.Value
		field := join(path, name)
		f, ok := fs.byName[name]
		if !ok {
			d.unknown(e.key, path, name, fs.names)
			continue
		}
		d.pos[field] = posOf(e.key)
		d.value(e.val, v.FieldByIndex(f), field, posOf(e.key))
	}
}

// entries lists the key/value pairs of a mapping with YAML merge keys ("<<:
// *defaults") expanded: explicit keys override merged ones, and among merged
// mappings the first one listed wins, as the YAML merge spec says.
func (d *decoder) entries(n *yaml.Node, path string) []entry {
	var own, merged []entry
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.ShortTag() == "!!merge" {
			merged = append(merged, d.merge(val, path)...)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			d.add(posOf(k), path, "keys must be plain words, got "+describe(k), "write key: value")
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.add(posOf(k), join(path, k.Value), fmt.Sprintf("key %q appears twice (first on line %d)", k.Value, first.Line), "delete one of them")
			continue
		}
		seen[k.Value] = k
		own = append(own, entry{k, val})
	}
	for _, e := range merged {
		if _, dup := seen[e.key.Value]; !dup {
			seen[e.key.Value] = e.key
			own = append(own, e)
		}
	}
	return own
}

func (d *decoder) merge(n *yaml.Node, path string) []entry {
	if d.visited++; d.visited == maxValues {
		d.add(posOf(n), path, fmt.Sprintf("the file expands to more than %d values", maxValues), "use fewer aliases (*name)")
	}
	if d.visited >= maxValues {
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil || d.active[n] {
			d.add(posOf(n), path, fmt.Sprintf("alias *%s refers to itself", n.Value), "an anchor cannot merge itself")
			return nil
		}
		d.active[n] = true
		defer delete(d.active, n)
		return d.merge(n.Alias, path)
	case yaml.MappingNode:
		return d.entries(n, path)
	case yaml.SequenceNode:
		var out []entry
		for _, item := range n.Content {
			if item.Kind == yaml.SequenceNode {
				d.add(posOf(item), path, "cannot merge a list", "merge mappings: <<: *name or <<: [*a, *b]")
				continue
			}
			out = append(out, d.merge(item, path)...)
		}
		return out
	}
	d.add(posOf(n), path, "cannot merge "+describe(n), "merge mappings: <<: *name or <<: [*a, *b]")
	return nil
}

// passwordKeys are what people write when they try to put a password inline.
var passwordKeys = []string{"password", "passwd", "pass", "pw", "secret"}

func (d *decoder) unknown(k *yaml.Node, path, name string, known []string) {
	field := join(path, name)
	at := posOf(k)
	msg := fmt.Sprintf("unknown key %q", name)
	if slices.Contains(passwordKeys, strings.ToLower(name)) {
		section := path
		if !slices.Contains(known, "password_env") {
			section = "imap or smtp"
		}
		d.add(at, field, msg, fmt.Sprintf(
			"passwords never go into the config file: delete this line and set password_env in %s to the name of an environment variable that holds the password, or password_file to a file that holds it",
			section))
		return
	}
	if s := suggest(name, known); s != "" {
		d.add(at, field, fmt.Sprintf("%s (did you mean %q?)", msg, s), "")
		return
	}
	if s, ok := synonyms[strings.ToLower(name)]; ok && slices.Contains(known, s) {
		d.add(at, field, fmt.Sprintf("%s (did you mean %q?)", msg, s), "")
		return
	}
	if homes := schemaIndex()[name]; len(homes) > 0 {
		d.add(at, field, msg, fmt.Sprintf("%s belongs under %s; check the indentation", name, strings.Join(homes, " or ")))
		return
	}
	d.add(at, field, msg, "known keys here: "+strings.Join(known, ", "))
}

// synonyms catch words that are no typo of the key but mean it.
var synonyms = map[string]string{
	"address": "email", "mail": "email", "e_mail": "email", "email": "address",
	"tz": "timezone", "zone": "timezone",
	"seats": "capacity", "places": "capacity", "max_participants": "capacity",
	"begin": "start", "from": "start", "until": "end", "to": "end", "finish": "end",
	"registration_deadline": "deadline", "anmeldeschluss": "deadline",
	"name": "title", "alias": "aliases",
	"user": "username", "login": "username",
}

type structFields struct {
	byName map[string][]int
	names  []string // in declaration order, for "known keys" hints
}

var fieldCache sync.Map // reflect.Type → structFields

// fieldsOf maps YAML keys to struct fields. Fields of an ",inline" struct are
// included, but an outer field with the same key wins: that is how rawConfig
// replaces Config.Events with its own list.
func fieldsOf(t reflect.Type) structFields {
	if c, ok := fieldCache.Load(t); ok {
		return c.(structFields)
	}
	fs := structFields{byName: map[string][]int{}}
	var inline []reflect.StructField
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if opts == "inline" {
			inline = append(inline, f)
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fs.byName[name] = f.Index
		fs.names = append(fs.names, name)
	}
	for _, in := range inline {
		sub := fieldsOf(in.Type)
		for _, name := range sub.names {
			if _, ok := fs.byName[name]; ok {
				continue
			}
			fs.byName[name] = append(slices.Clone(in.Index), sub.byName[name]...)
			fs.names = append(fs.names, name)
		}
	}
	fieldCache.Store(t, fs)
	return fs
}

// schemaIndex maps every key to the sections it belongs in ("imap", "events
// entries"), to tell someone whose key is right but misplaced.
var schemaIndex = sync.OnceValue(func() map[string][]string {
	idx := map[string][]string{}
	var walk func(t reflect.Type, section string)
	walk = func(t reflect.Type, section string) {
		fs := fieldsOf(t)
		for _, name := range fs.names {
			home := section
			if home == "" {
				home = "the top level"
			}
			if !slices.Contains(idx[name], home) {
				idx[name] = append(idx[name], home)
			}
			ft := t.FieldByIndex(fs.byName[name]).Type
			switch {
			case ft.Kind() == reflect.Struct && !reflect.PointerTo(ft).Implements(reflect.TypeFor[yaml.Unmarshaler]()) && ft != reflect.TypeFor[time.Duration]():
				walk(ft, join(section, name))
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
				walk(ft.Elem(), join(section, name)+"[]")
			}
		}
	}
	walk(reflect.TypeFor[rawConfig](), "")
	return idx
})

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
