#!/usr/bin/env bash
# Mixed load (reviews, ratings, votes) on the running local stack for MINUTES minutes, a SIGKILL of the stack's JVM
# and its PostgreSQL half-way (a power cut), a restart, and ./reviewflow check once the load is over.
#   ./reviewflow up        (in another terminal; state in .reviewflow/)
#   bench/mixed-load-with-crash.sh [minutes=5]
# Prints when the stack was killed, how long it took to be healthy again, and what the check found.
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-5}
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
END=$(( $(date +%s) + MINUTES * 60 ))
LOG=.reviewflow/logs/mixed-load.log
loop() {
  # each run is cut off at the end; a run that fails while the stack is down is started again
  while [ "$(date +%s)" -lt "$END" ]; do
    (cd bench && timeout $(( END - $(date +%s) + 5 )) "$JAVA" "$@" >> "../$LOG" 2>&1) || true
  done
}
loop VoteLoad.java 1500 16 &
VOTES=$!
loop IntakeLoad.java 400 8 &
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
echo "$(date +%T) load over; requests/s of each run in $LOG"
./reviewflow check
