package store

import (
	"context"
	"database/sql"
	"sync"
)

// maxStmts bounds the cache; the store has far fewer distinct statements,
// so only generated SQL would reach it, and that is then run unprepared.
const maxStmts = 256

// stmtCache keeps prepared statements by their SQL. Parsing a statement
// costs SQLite more than running one of regbot's small queries: in a
// profile of a backlog run, preparing took a fifth of all CPU time.
//
// The database has one connection. A transaction holds it, so a statement
// first seen inside one cannot be prepared there for later use (preparing
// on the *sql.DB would wait for the connection the transaction holds); it
// is run unprepared, noted, and prepared once the transaction is over.
type stmtCache struct {
	mu     sync.Mutex
	stmts  map[string]*sql.Stmt
	wanted map[string]bool
	closed bool
}

func newStmtCache() *stmtCache {
	return &stmtCache{stmts: make(map[string]*sql.Stmt), wanted: make(map[string]bool)}
}

// get returns the prepared statement for query, or nil.
func (c *stmtCache) get(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stmts[query]
}

// want notes query for prepareWanted.
func (c *stmtCache) want(query string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.stmts)+len(c.wanted) < maxStmts {
		c.wanted[query] = true
	}
}

// prepare prepares query on db (which must not be held by the caller) and
// caches it; nil when that fails or the cache is full.
func (c *stmtCache) prepare(ctx context.Context, db *sql.DB, query string) *sql.Stmt {
	c.mu.Lock()
	if st := c.stmts[query]; st != nil || c.closed || len(c.stmts) >= maxStmts {
		c.mu.Unlock()
		return st
	}
	c.mu.Unlock()
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil // run unprepared; the error shows there
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.stmts[query]; old != nil || c.closed {
		st.Close()
		return old
	}
	c.stmts[query] = st
	return st
}

// prepareWanted prepares what transactions noted.
func (c *stmtCache) prepareWanted(ctx context.Context, db *sql.DB) {
	c.mu.Lock()
	var queries []string
	for q := range c.wanted {
		queries = append(queries, q)
	}
	clear(c.wanted)
	c.mu.Unlock()
	for _, q := range queries {
		c.prepare(ctx, db, q)
	}
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
	clear(c.stmts)
	c.closed = true
}

// stmt returns the prepared form of query for r, or nil to run it
// unprepared.
func (r *Reader) stmt(query string) *sql.Stmt {
	if r.cache == nil {
		return nil
	}
	st := r.cache.get(query)
	if r.tx == nil {
		if st == nil {
			st = r.cache.prepare(r.ctx, r.db, query)
		}
		return st
	}
	if st == nil {
		r.cache.want(query)
		return nil
	}
	return r.tx.StmtContext(r.ctx, st)
}
