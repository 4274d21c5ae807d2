package daemon

import (
	"fmt"
	"os"
	"strings"
)

// processID names this process in the outbox's claims: host, PID
// namespace, PID and the process's start time, so that a PID the kernel
// hands out again is not taken for the old process. Without /proc it is
// just host and PID, and processGone then never releases its claims.
func processID() string {
	host, _ := os.Hostname()
	pid := os.Getpid()
	ns, start := pidNamespace(), startTime(pid)
	if ns == "" || start == "" {
		return fmt.Sprintf("%s/%d", host, pid)
	}
	return fmt.Sprintf("%s/%s/%d/%s", host, ns, pid, start)
}

// processGone reports whether owner, as processID wrote it, is a process
// of this host and PID namespace that no longer runs. It reports false
// whenever it cannot tell, which leaves the claim to its lease.
func processGone(owner string) bool {
	f := strings.Split(owner, "/")
	if len(f) != 4 {
		return false
	}
	host, _ := os.Hostname()
	if f[0] != host || f[1] != pidNamespace() || f[1] == "" {
		return false
	}
	var pid int
	if _, err := fmt.Sscanf(f[2], "%d", &pid); err != nil || pid <= 0 {
		return false
	}
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		return false // no /proc: cannot tell
	}
	return startTime(pid) != f[3]
}

// pidNamespace identifies this process's PID namespace ("" without /proc).
func pidNamespace() string {
	ns, err := os.Readlink("/proc/self/ns/pid")
	if err != nil {
		return ""
	}
	return strings.Trim(strings.TrimPrefix(ns, "pid:"), "[]")
}

// startTime is when process pid started, in clock ticks after boot (field
// 22 of /proc/PID/stat); "" when there is no such process.
func startTime(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ""
	}
	// The command name (field 2) may hold spaces and parentheses.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return ""
	}
	fields := strings.Fields(string(b[i+1:]))
	if len(fields) < 20 {
		return ""
	}
	return fields[19]
}
