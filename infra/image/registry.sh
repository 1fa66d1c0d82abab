#!/usr/bin/env bash
# A local, plain-HTTP container registry on 127.0.0.1:5000 (Debian's docker-registry, the CNCF distribution
# registry; no Docker needed), storing under infra/image/build/registry. Jib pushes the image there and
# check.sh pulls it back.
#
# Usage: bash infra/image/registry.sh start|stop|status
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
STATE="${SIGNOFF_IMAGE_BUILD_DIR:-$HERE/build}"
ADDR="${SIGNOFF_REGISTRY_ADDR:-127.0.0.1:5000}"
PIDFILE="$STATE/registry.pid"

running() { [ -s "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
answers() { curl -fsS -o /dev/null "http://$ADDR/v2/" 2>/dev/null; }

case "${1:-start}" in
  start)
    if answers; then
      echo "registry answers at http://$ADDR/v2/"
      exit 0
    fi
    command -v docker-registry >/dev/null || { echo "docker-registry is missing: apt-get install docker-registry" >&2; exit 1; }
    mkdir -p "$STATE/registry"
    cat >"$STATE/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE/registry
  delete:
    enabled: true
http:
  addr: $ADDR
EOF
    nohup docker-registry serve "$STATE/registry.yml" >"$STATE/registry.log" 2>&1 &
    echo $! >"$PIDFILE"
    for _ in $(seq 1 50); do answers && break; sleep 0.2; done
    answers || { cat "$STATE/registry.log" >&2; echo "registry did not start" >&2; exit 1; }
    echo "registry started at http://$ADDR/v2/ (pid $(cat "$PIDFILE"))"
    ;;
  stop)
    if running; then
      kill "$(cat "$PIDFILE")"
      rm -f "$PIDFILE"
      echo "registry stopped"
    fi
    ;;
  status)
    answers && echo "registry answers at http://$ADDR/v2/" || { echo "no registry at $ADDR"; exit 1; }
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
