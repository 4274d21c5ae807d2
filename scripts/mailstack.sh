#!/usr/bin/env bash
# scripts/mailstack.sh - a real mail server on loopback for regbot's end-to-end
# tests (e2e/): Postfix (SMTP in, submission) and Dovecot (LMTP, IMAP, IMAPS).
#
#   bash scripts/mailstack.sh start            install Postfix/Dovecot from Debian if missing,
#                                              configure, start, wait until ready (as root)
#   bash scripts/mailstack.sh stop [--purge]   stop exactly what start started (--purge: and
#                                              delete the state directory)
#   bash scripts/mailstack.sh status           running or not; exit 0 up, 1 partly up, 3 down
#   bash scripts/mailstack.sh selftest         6 end-to-end checks with swaks and curl
#
# Everything lives in $MAILSTACK_DIR (default /tmp/regbot-mailstack): config,
# maildirs, queue, logs, and the throwaway CA the tests trust (tls/ca.pem).
# Ports (all 127.0.0.1 only; override with the variables in brackets):
#   IMAP 1143 [IMAP_PORT], IMAPS 1993 [IMAPS_PORT], SMTP 2525 [SMTP_PORT] (mail for
#   example.org and heinlein-support.de, no auth needed), submission 1587
#   [SUBMISSION_PORT] (STARTTLS + AUTH), SMTPS 1465 [SMTPS_PORT].
# Every address at those domains is a mailbox, password "test" [MAILSTACK_PASS].
# Mail for remote.example [MAILSTACK_REMOTE_DOMAIN] leaves Postfix through its
# SMTP client, as replies to the outside world do, and ends in smtp-sink (from
# the Debian postfix package) on 127.0.0.1:2526 [SINK_PORT], which takes and
# discards it: the load benchmark's stand-in for the recipients' own servers.
# No mail ever leaves the machine. The scripts doing the Postfix and Dovecot
# work are copies of the shared mailstack tool (start.sh with one addition for
# the relay): see scripts/mailstack/ORIGIN.md and README.md there.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export MAILSTACK_DIR=${MAILSTACK_DIR:-/tmp/regbot-mailstack}

usage() {
  sed -n '4,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
}

# pid from FILE if that process is alive and its command name is COMM
alive_pid() {
  local f=$1 comm=$2 pid
  [[ -r $f && -s $f ]] || return 1
  pid=$(tr -dc 0-9 <"$f" | head -c 10); [[ -n $pid ]] || return 1
  [[ -r /proc/$pid/comm && $(cat "/proc/$pid/comm") == "$comm" ]] || return 1
  echo "$pid"
}

# true if 127.0.0.1:PORT greets with a line starting with WANT (then says goodbye)
greets() {
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    IFS= read -r -t 2 line <&3 || exit 1
    [[ $line == "$2"* ]] || exit 1
    printf "%s\r\n" "$3" >&3' _ "$1" "$2" "$3" 2>/dev/null
}

remote_domain=${MAILSTACK_REMOTE_DOMAIN:-remote.example}
sink_port=${SINK_PORT:-2526}
export MAILSTACK_RELAY_DOMAIN=$remote_domain MAILSTACK_RELAY_TO="[127.0.0.1]:$sink_port"
sink_pidfile() { echo "${MAILSTACK_DIR%/}/run/smtp-sink.pid"; }

# remote_start starts the sink that mail for $remote_domain is relayed to
# (start.sh configures Postfix for it through MAILSTACK_RELAY_*).
remote_start() {
  local d=${MAILSTACK_DIR%/} pid
  local line="  remote      $remote_domain -> Postfix smtp client -> smtp-sink 127.0.0.1:$sink_port (discards)"
  if pid=$(alive_pid "$(sink_pidfile)" smtp-sink); then
    echo "$line"
    return 0
  fi
  if timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$sink_port" 2>/dev/null; then
    echo "mailstack: port $sink_port (SINK_PORT) is in use by something else" >&2
    return 1
  fi
  # -u: smtp-sink refuses to run as root; the daemon must not hold our
  # stdout (callers wait for its end).
  setsid smtp-sink -u postfix "127.0.0.1:$sink_port" 256 </dev/null >>"$d/log/smtp-sink.log" 2>&1 &
  echo $! >"$(sink_pidfile)"
  local i
  for i in $(seq 1 50); do
    greets "$sink_port" "220" "QUIT" && { echo "$line"; return 0; }
    sleep 0.1
  done
  echo "mailstack: smtp-sink did not start, see $d/log/smtp-sink.log" >&2
  return 1
}

remote_stop() {
  local pid
  if pid=$(alive_pid "$(sink_pidfile)" smtp-sink); then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do [[ -d /proc/$pid ]] || break; sleep 0.1; done
  fi
  rm -f "$(sink_pidfile)"
}

status() {
  local d=${MAILSTACK_DIR%/} up=0 total=0 pid
  local imap=${IMAP_PORT:-1143} smtp=${SMTP_PORT:-2525} sub=${SUBMISSION_PORT:-1587}
  echo "mailstack state directory: $d"
  check() { # label command...
    local label=$1; shift
    total=$((total + 1))
    if "$@"; then up=$((up + 1)); printf '  up    %s\n' "$label"; else printf '  down  %s\n' "$label"; fi
  }
  if pid=$(alive_pid "$d/run/dovecot/master.pid" dovecot); then
    check "dovecot master (pid $pid)" true
  else
    check "dovecot master (no live pid in $d/run/dovecot/master.pid)" false
  fi
  if pid=$(alive_pid "$d/spool/postfix/pid/master.pid" master); then
    check "postfix master (pid $pid)" true
  else
    check "postfix master (no live pid in $d/spool/postfix/pid/master.pid)" false
  fi
  check "IMAP 127.0.0.1:$imap" greets "$imap" "* OK" "a LOGOUT"
  check "SMTP 127.0.0.1:$smtp" greets "$smtp" "220" "QUIT"
  check "submission 127.0.0.1:$sub" greets "$sub" "220" "QUIT"
  check "smtp-sink for $remote_domain 127.0.0.1:$sink_port" greets "$sink_port" "220" "QUIT"
  if [[ -s $d/tls/ca.pem ]]; then echo "  test CA: $d/tls/ca.pem"; else echo "  test CA: none yet ($d/tls/ca.pem is written by start)"; fi
  if (( up == total )); then
    echo "mailstack is running"
    return 0
  elif (( up == 0 )); then
    echo "mailstack is not running (start it with: bash scripts/mailstack.sh start)"
    return 3
  fi
  echo "mailstack is partly running ($up of $total checks up); restart it with: bash scripts/mailstack.sh stop; bash scripts/mailstack.sh start"
  return 1
}

case ${1:-} in
  start)    shift; bash "$here/mailstack/start.sh" "$@"; remote_start ;;
  stop)     shift; remote_stop; exec bash "$here/mailstack/stop.sh" "$@" ;;
  selftest) shift; exec bash "$here/mailstack/selftest.sh" "$@" ;;
  status)   status ;;
  -h|--help|help) usage ;;
  *) usage; exit 2 ;;
esac
