#!/usr/bin/env bash
# Mixed load (reviews, ratings, votes) on the running local stack for MINUTES minutes, a SIGKILL of the stack's JVM
# and its PostgreSQL half-way (a power cut), a restart, and ./reviewflow check once the load is over.
#   ./reviewflow up        (in another terminal; state in .reviewflow/)
#   bench/mixed-load-with-crash.sh [minutes=5]
# Prints when the stack was killed, how long it took to be healthy again, and what the check found.
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-5}
END=$(( $(date +%s) + MINUTES * 60 ))
LOG=.reviewflow/logs/mixed-load.log
loop() {
  # each run is cut off at the end; a run that fails while the stack is down is started again
  while [ "$(date +%s)" -lt "$END" ]; do
    timeout $(( END - $(date +%s) + 5 )) ./reviewflow bench --warmup=0 --seconds=20 --markdown=/dev/null "$@" \
      >> "$LOG" 2>&1 || true
  done
}
loop --scenarios=votes --connections=16 &
VOTES=$!
loop --scenarios=reviews,ratings --connections=8 &
INTAKE=$!
sleep $(( MINUTES * 30 ))
POSTMASTER=$(head -1 .reviewflow/postgres/postmaster.pid)
STACK=$(pgrep -f "dev.reviewflow.local.LocalStack up")
echo "$(date +%T) SIGKILL of PostgreSQL ($POSTMASTER) and of the stack ($STACK)"
kill -9 "$POSTMASTER" $STACK
KILLED=$(date +%s)
./reviewflow up > .reviewflow/logs/mixed-load-restart.log 2>&1 &
until grep -q "healthy in" .reviewflow/logs/mixed-load-restart.log 2>/dev/null; do sleep 1; done
echo "$(date +%T) healthy again $(( $(date +%s) - KILLED )) s after the kill (the load kept running)"
wait $VOTES $INTAKE
echo "$(date +%T) load over; the table of each run is in $LOG"
./reviewflow check
