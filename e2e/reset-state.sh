#!/usr/bin/env bash
# Empties Levqor state directories (e.g. .levqor/e2e) so a run starts from a fresh embedded database:
# magic-link rate limits, sign-in lockouts and mail from an earlier run cannot leak into this one.
# A PostgreSQL still serving one of them (an earlier run that was killed) is stopped first — only a
# postmaster whose command line names that data directory. A stale postmaster.pid could otherwise point
# at a recycled PID and make PostgreSQL refuse to start.
set -euo pipefail

for home in "$@"; do
  case "$home" in
  */.levqor/*) ;;
  *)
    echo "reset-state: refusing to delete $home (not under a .levqor directory)" >&2
    exit 2
    ;;
  esac
  pidfile="$home/pg/postmaster.pid"
  if [ -f "$pidfile" ]; then
    pid=$(head -n1 "$pidfile" || true)
    if [[ "$pid" =~ ^[0-9]+$ ]] && [ -r "/proc/$pid/cmdline" ] &&
      tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "-D $home/pg"; then
      echo "reset-state: stopping PostgreSQL left running by an earlier run (pid $pid, $home/pg)"
      kill -INT "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
      done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$home"
done
