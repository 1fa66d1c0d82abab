#!/bin/bash
# The image's HEALTHCHECK: exits 0 when GET http://127.0.0.1:<port><path> answers 200 within 5 s.
# Bash only (/dev/tcp), so the image needs neither curl nor a second JVM. Usage: signoff-healthcheck [/q/health/live]
path="${1:-/q/health/live}"
port="${QUARKUS_HTTP_PORT:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS=' ' read -r -t 5 _ status _ <&3 || exit 1
[ "$status" = 200 ]
