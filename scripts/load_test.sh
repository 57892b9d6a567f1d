#!/usr/bin/env bash
# Load test: serve the app on 127.0.0.1 (embedded engine, SQLite) and run locust against it.
#   scripts/load_test.sh [USERS] [DURATION]     (defaults: 50 users, 60s)
# Figures land in var/loadtest_stats.csv; copy them to docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-50}
duration=${2:-60s}
port=${PORT:-8765}
mkdir -p var
.venv/bin/directory sync >/dev/null
.venv/bin/uvicorn --factory directory.app:create_app --host 127.0.0.1 --port "$port" \
  --workers 2 --log-level warning --no-access-log &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
.venv/bin/locust -f scripts/locustfile.py --headless -u "$users" -r 10 -t "$duration" \
  --host "http://127.0.0.1:$port" --csv var/loadtest --only-summary
