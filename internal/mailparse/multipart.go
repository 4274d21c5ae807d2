package mailparse

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"sync"
)

// multipartReader splits a multipart body at its boundary lines. Unlike
// mime/multipart it never fails on what it finds between them: parts
// without a header, preamble lines of any length, missing final boundaries
// and boundaries that begin with another one ("--b" inside "--b-1") are all
// read, line ends may be CRLF, LF or mixed, and memory stays at one buffer
// whatever the size of a part.
type multipartReader struct {
	br        *bufio.Reader
	dash      []byte // "--" + boundary
	lineStart bool   // the next read starts a line
	done      bool   // the final boundary or the end of input was reached
	final     bool   // the final boundary was seen
	eof       bool   // the input ended inside a part or the preamble
	err       error  // read error of the input, other than EOF
	parts     int
	cur       *mpPart
	scratch   []byte

	// preamble keeps the start of what precedes the first boundary, so
	// that a body without any boundary can still be read as text.
	preamble    []byte
	preambleMax int
}

type lineKind int

const (
	lineBody lineKind = iota
	lineDelim
	lineFinal
	lineEOF
)

var errNoBoundary = errors.New("multipart boundary not found")

var mpBufPool = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 16<<10) }}

func newMultipartReader(r io.Reader, boundary string, preambleMax int) *multipartReader {
	br := mpBufPool.Get().(*bufio.Reader)
	br.Reset(r)
	return &multipartReader{
		br:          br,
		dash:        []byte("--" + boundary),
		lineStart:   true,
		preambleMax: preambleMax,
	}
}

// release returns the buffer to the pool; mr must not be used afterwards.
func (mr *multipartReader) release() {
	mr.br.Reset(nil)
	mpBufPool.Put(mr.br)
	mr.br = nil
}

// next reads one line, or the next piece of a line longer than the buffer,
// and classifies it. content excludes the line end, which is returned in eol.
func (mr *multipartReader) next() (content, eol []byte, kind lineKind) {
	if mr.eof || mr.err != nil {
		return nil, nil, lineEOF
	}
	start := mr.lineStart
	l, err := mr.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		mr.lineStart = false
		if start && bytes.HasPrefix(l, mr.dash) && bytes.HasPrefix(l[len(mr.dash):], []byte("--")) {
			mr.skipLine()
			return nil, nil, lineFinal
		}
		return l, nil, lineBody
	}
	mr.lineStart = true
	if err != nil {
		if err != io.EOF {
			mr.err = err
		}
		mr.eof = true
		if len(l) == 0 {
			return nil, nil, lineEOF
		}
	}
	content = l
	if n := len(content); n > 0 && content[n-1] == '\n' {
		content = content[:n-1]
		if n := len(content); n > 0 && content[n-1] == '\r' {
			content = content[:n-1]
		}
	}
	eol = l[len(content):]
	if start && bytes.HasPrefix(content, mr.dash) {
		rest := content[len(mr.dash):]
		if bytes.HasPrefix(rest, []byte("--")) {
			return nil, nil, lineFinal
		}
		if len(bytes.Trim(rest, " \t\r")) == 0 {
			return nil, nil, lineDelim
		}
	}
	return content, eol, lineBody
}

// skipLine discards the rest of an overlong line.
func (mr *multipartReader) skipLine() {
	for {
		_, err := mr.br.ReadSlice('\n')
		if !errors.Is(err, bufio.ErrBufferFull) {
			if err != nil {
				if err != io.EOF {
					mr.err = err
				}
				mr.eof = true
			}
			return
		}
	}
}

// NextPart returns the next part. It returns io.EOF after the last part,
// errNoBoundary when the input ended before any boundary line, and a read
// error of the input as it is.
func (mr *multipartReader) NextPart() (*mpPart, error) {
	if mr.cur != nil {
		_, _ = io.Copy(io.Discard, mr.cur)
		mr.cur = nil
	}
	if mr.err != nil {
		return nil, mr.err
	}
	if mr.done {
		return nil, io.EOF
	}
	if mr.parts == 0 {
		// Skip the preamble.
		for {
			content, eol, kind := mr.next()
			switch kind {
			case lineBody:
				if len(mr.preamble) < mr.preambleMax {
					mr.preamble = append(mr.preamble, content...)
					mr.preamble = append(mr.preamble, eol...)
				}
				continue
			case lineFinal:
				mr.done, mr.final = true, true
				return nil, io.EOF
			case lineEOF:
				mr.done = true
				if mr.err != nil {
					return nil, mr.err
				}
				return nil, errNoBoundary
			}
			break // lineDelim
		}
	}
	mr.parts++
	mr.preamble = nil
	mr.cur = &mpPart{mr: mr}
	return mr.cur, nil
}

// mpPart reads the raw bytes of one part, header included, up to the
// line end before the next boundary line.
type mpPart struct {
	mr     *multipartReader
	buf    []byte
	eol    [2]byte // the line end held back: it belongs to a boundary
	neol   int
	closed bool
}

func (p *mpPart) Read(b []byte) (int, error) {
	mr := p.mr
	for len(p.buf) == 0 {
		if p.closed {
			if mr.err != nil {
				return 0, mr.err
			}
			return 0, io.EOF
		}
		content, eol, kind := mr.next()
		switch kind {
		case lineDelim:
			p.closed = true
		case lineFinal:
			p.closed = true
			mr.done, mr.final = true, true
		case lineEOF:
			p.closed = true
			mr.done = true
		default:
			mr.scratch = append(mr.scratch[:0], p.eol[:p.neol]...)
			mr.scratch = append(mr.scratch, content...)
			p.neol = copy(p.eol[:], eol)
			p.buf = mr.scratch
		}
	}
	n := copy(b, p.buf)
	p.buf = p.buf[n:]
	return n, nil
}
