package daemon

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

func TestProcessGone(t *testing.T) {
	if _, err := os.Stat("/proc/self/ns/pid"); err != nil {
		t.Skip("no /proc here: claims are left to their lease")
	}
	self := processID()
	f := strings.Split(self, "/")
	if len(f) != 4 {
		t.Fatalf("processID() = %q, want host/namespace/pid/start", self)
	}
	// A process that has ended; its start time is read while it exists.
	cmd := exec.Command("sh", "-c", "exit 0")
	if err := cmd.Start(); err != nil {
		t.Skip("cannot start a process:", err)
	}
	child, childStart := cmd.Process.Pid, startTime(cmd.Process.Pid)
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if childStart == "" {
		t.Fatalf("no start time for process %d", child)
	}
	with := func(i int, v string) string {
		g := append([]string(nil), f...)
		g[i] = v
		return strings.Join(g, "/")
	}
	tests := []struct {
		name, owner string
		want        bool
	}{
		{"this process", self, false},
		{"an ended process", strings.Join([]string{f[0], f[1], strconv.Itoa(child), childStart}, "/"), true},
		{"its pid given to another process", with(3, f[3]+"0"), true},
		{"another host", with(0, f[0]+"-other"), false},
		{"another pid namespace", with(1, "1"), false},
		{"written without /proc", f[0] + "/" + f[2], false},
		{"garbage", "x", false},
		{"bad pid", with(2, "-5"), false},
	}
	for _, tt := range tests {
		if got := processGone(tt.owner); got != tt.want {
			t.Errorf("%s: processGone(%q) = %v, want %v", tt.name, tt.owner, got, tt.want)
		}
	}
}
