#!/usr/bin/env bash
# Proves the pushed image, without Docker:
#   1. reads its manifest and config from the registry (curl) and checks user, port, entrypoint, health check,
#      labels and platform;
#   2. downloads every layer, checks its digests, unpacks them in order into a root filesystem, and checks that
#      the application files belong to root and are not writable by the app's user;
#   3. runs the image's entrypoint in that root filesystem the way ECS runs the task: as the image's user, root
#      filesystem read-only, a writable tmpfs on /tmp, own PID namespace, host network, prod profile, against a
#      scratch PostgreSQL database; then checks /q/health/live and /q/health/ready answer UP, the image's health
#      probe passes, the JVM runs as that user, and SIGTERM stops it gracefully.
#
# Usage (as root: unpacking with owners, chroot and mounts need it):
#   bash infra/image/check.sh [registry/repository@digest|:tag]
# Default: the image build.sh pushed last (target/jib-image.digest) in 127.0.0.1:5000/signoff.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth); creates and drops the database signoff_image.
set -euo pipefail
cd "$(dirname "$0")/../.."

IMAGE="${1:-127.0.0.1:5000/signoff@$(cat target/jib-image.digest 2>/dev/null)}"
PORT="${SIGNOFF_CHECK_PORT:-18080}"
MANAGEMENT_PORT="${SIGNOFF_CHECK_MANAGEMENT_PORT:-19000}"
DB=signoff_image
export PGOPTIONS='--client-min-messages=warning'
EXPECTED_USER="$(sed -n '/^  ContainerUser:/,/Default:/s/.*Default: "\([0-9:]*\)"/\1/p' infra/cloudformation/signoff-service.yaml)"

registry="${IMAGE%%/*}"
rest="${IMAGE#*/}"
if [[ $rest == *@* ]]; then repo="${rest%@*}" ref="${rest#*@}"; else repo="${rest%:*}" ref="${rest##*:}"; fi
api="http://$registry/v2/$repo"

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok   $*"; }
[ "$(id -u)" -eq 0 ] || fail "check.sh needs root (unpacking with owners, chroot, mounts)"

work="$(mktemp -d "${TMPDIR:-/tmp}/signoff-image-check.XXXXXX")"
root="$work/rootfs"
app_pid=""
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    # The JVM is PID 1 of its namespace: killing it ends everything in there, then unshare exits.
    pkill -KILL -P "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  if [ -n "${SIGNOFF_CHECK_KEEP_LOG:-}" ] && [ -f "$work/app.log" ]; then cp "$work/app.log" "$SIGNOFF_CHECK_KEEP_LOG"; fi
  rm -rf "$work"
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== $IMAGE: manifest and config"
curl -fsS -D "$work/manifest.headers" -o "$work/manifest.json" \
  -H 'Accept: application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' \
  "$api/manifests/$ref"
manifest_digest="sha256:$(sha256sum "$work/manifest.json" | cut -c1-64)"
if [[ $ref == sha256:* ]]; then
  [ "$manifest_digest" = "$ref" ] || fail "manifest digest $manifest_digest is not $ref"
fi
pass "manifest $manifest_digest ($(jq -r .mediaType "$work/manifest.json"))"

config_digest="$(jq -r .config.digest "$work/manifest.json")"
curl -fsS -o "$work/config.json" "$api/blobs/$config_digest"
[ "sha256:$(sha256sum "$work/config.json" | cut -c1-64)" = "$config_digest" ] || fail "config digest mismatch"
cfg() { jq -r "$1" "$work/config.json"; }

[ "$(cfg '.os + "/" + .architecture')" = linux/amd64 ] || fail "platform $(cfg '.os + "/" + .architecture')"
pass "platform linux/amd64 (the task definition's X86_64)"
user="$(cfg .config.User)"
uid="${user%%:*}"
[[ $uid =~ ^[0-9]+$ ]] && [ "$uid" -ne 0 ] || fail "User '$user' is not a numeric non-root user"
[ "$user" = "$EXPECTED_USER" ] || fail "User '$user' differs from ContainerUser's default '$EXPECTED_USER' in signoff-service.yaml"
pass "User $user: numeric, non-root, the default ContainerUser of signoff-service.yaml"
[ "$(cfg '.config.ExposedPorts | keys | join(",")')" = 8080/tcp ] || fail "ExposedPorts $(cfg '.config.ExposedPorts')"
pass "ExposedPorts 8080/tcp"
workdir="$(cfg .config.WorkingDir)"
mapfile -t entrypoint < <(cfg '.config.Entrypoint[]')
[ "${entrypoint[0]}" = java ] && [ "${entrypoint[-2]}" = -jar ] && [ "${entrypoint[-1]}" = quarkus-run.jar ] \
  || fail "Entrypoint ${entrypoint[*]}"
printf '%s\n' "${entrypoint[@]}" | grep -qx -- '-XX:MaxRAMPercentage=75.0' || fail "no -XX:MaxRAMPercentage in the entrypoint"
pass "Entrypoint ${entrypoint[*]} (in $workdir)"
[ "$(cfg '.config.Healthcheck.Test | join(" ")')" = "CMD /usr/local/bin/signoff-healthcheck /q/health/live" ] \
  || fail "Healthcheck $(cfg -c .config.Healthcheck)"
pass "Healthcheck $(cfg '.config.Healthcheck.Test | join(" ")')"
for label in title version revision; do
  [ -n "$(cfg ".config.Labels[\"org.opencontainers.image.$label\"] // empty")" ] || fail "label org.opencontainers.image.$label missing"
done
pass "labels org.opencontainers.image.{title,version,revision}: $(cfg '.config.Labels["org.opencontainers.image.version"]') $(cfg '.config.Labels["org.opencontainers.image.revision"]')"

echo "== layers"
mkdir -p "$root"
mapfile -t layers < <(jq -r '.layers[].digest' "$work/manifest.json")
mapfile -t diff_ids < <(cfg '.rootfs.diff_ids[]')
[ "${#layers[@]}" -eq "${#diff_ids[@]}" ] || fail "${#layers[@]} layers but ${#diff_ids[@]} diff_ids"
total=0
for i in "${!layers[@]}"; do
  blob="$work/layer-$i"
  curl -fsS -o "$blob" "$api/blobs/${layers[$i]}"
  [ "sha256:$(sha256sum "$blob" | cut -c1-64)" = "${layers[$i]}" ] || fail "layer $i: blob digest mismatch"
  [ "sha256:$(gzip -dc "$blob" | sha256sum | cut -c1-64)" = "${diff_ids[$i]}" ] || fail "layer $i: diff_id mismatch"
  # Jib's layers carry libarchive's creation-time PAX records, which GNU tar does not know and may ignore.
  ! tar -tzf "$blob" --warning=no-unknown-keyword | grep -q '\.wh\.' \
    || fail "layer $i has whiteouts, which this check does not apply"
  tar -xzf "$blob" -C "$root" --numeric-owner --same-permissions --warning=no-unknown-keyword
  total=$((total + $(stat -c %s "$blob")))
  rm -f "$blob"
done
pass "${#layers[@]} layers, digests verified, $((total / 1024 / 1024)) MiB compressed, $(du -sm "$root" | cut -f1) MiB unpacked"
[ -f "$root$workdir/quarkus-run.jar" ] || fail "$workdir/quarkus-run.jar missing"
grep -q "^[^:]*:x:$uid:" "$root/etc/passwd" || fail "uid $uid not in /etc/passwd"
[ -z "$(find "$root$workdir" \( -not -user 0 -o -perm -o+w -o -perm -g+w \))" ] \
  || fail "files under $workdir that the app's user could change"
pass "$workdir/quarkus-run.jar present, owned by root, not writable by uid $uid"
# The image is the production build: nothing of the sandbox (src/sandbox) nor its libraries (ProductionPackageIT
# checks the same on target/quarkus-app).
sandbox_libs="$(find "$root$workdir/lib" -name '*.jar' -printf '%f\n' \
  | grep -E '^(org\.elasticmq|org\.apache\.pekko|org\.scala-lang|org\.gaul|org\.apache\.jclouds|com\.h2database)\.|^io\.quarkus\.quarkus-jdbc-h2-' || true)"
[ -z "$sandbox_libs" ] || fail "sandbox libraries in the image: $(echo $sandbox_libs)"
app_entries="$(for jar in "$root$workdir"/app/*.jar "$root$workdir"/quarkus/*.jar; do jar tf "$jar"; done)"
grep -q '^dev/signoff/intake/.*\.class$' <<<"$app_entries" || fail "no Signoff classes in $workdir/app"
sandbox_entries="$(grep -E '^(dev/signoff/sandbox/|sandbox/|templates/SandboxPage/)' <<<"$app_entries" || true)"
[ -z "$sandbox_entries" ] || fail "sandbox entries in the image: $(echo $sandbox_entries | cut -c1-300)"
pass "no sandbox class, resource or library under $workdir"

echo "== running the image's entrypoint as uid $uid, read-only root filesystem"
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" -c "create database $DB" >/dev/null
pass "database $DB created"
mapfile -t image_env < <(cfg '.config.Env[]')
# What the task definition sets, with local stand-ins: this database, no identity provider (both OIDC tenants
# off), and an SQS endpoint that refuses connections (intake logs and retries; readiness reports SQS DOWN, the rest UP).
app_env=(
  "${image_env[@]}"
  QUARKUS_HTTP_PORT="$PORT"
  QUARKUS_MANAGEMENT_HOST=127.0.0.1
  QUARKUS_MANAGEMENT_PORT="$MANAGEMENT_PORT"
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB"
  QUARKUS_DATASOURCE_USERNAME=postgres
  QUARKUS_DATASOURCE_PASSWORD=
  SIGNOFF_INTAKE_QUEUE_URL=http://127.0.0.1:9/000000000000/signoff-review
  QUARKUS_SQS_ENDPOINT_OVERRIDE=http://127.0.0.1:9
  SIGNOFF_SECURITY_TOKEN_KEYS_1="$(head -c 32 /dev/urandom | base64)"
  SIGNOFF_SECURITY_ACTIVE_TOKEN_KEY=1
  QUARKUS_OIDC_TENANT_ENABLED=false
  QUARKUS_OIDC_API_TENANT_ENABLED=false
  QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)"
  AWS_REGION=eu-west-1
  AWS_ACCESS_KEY_ID=image-check
  AWS_SECRET_ACCESS_KEY=image-check
)
log="$work/app.log"
# unshare: own mount and PID namespaces, so the mounts vanish with the app and the JVM is PID 1 as in a container.
unshare --mount --pid --fork --kill-child bash -c '
  set -e
  root=$1 uid=$2 workdir=$3; shift 3
  mount --bind "$root" "$root"
  mount -t proc proc "$root/proc"
  mount --rbind /dev "$root/dev"
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/tmp"
  for f in hosts resolv.conf; do mount --bind "/etc/$f" "$root/etc/$f"; done
  mount -o remount,bind,ro "$root"
  gid=$(awk -F: -v u="$uid" "\$3 == u { print \$4 }" "$root/etc/passwd")
  exec chroot --userspec="$uid:$gid" --groups="$gid" "$root" /bin/sh -c "cd \"\$0\" && exec \"\$@\"" "$workdir" "$@"
' check "$root" "$uid" "$workdir" /usr/bin/env -i "${app_env[@]}" "${entrypoint[@]}" >"$log" 2>&1 &
app_pid=$!

health() { curl -fsS --max-time 3 "http://127.0.0.1:$PORT$1" 2>/dev/null; }
# Readiness with its body when DOWN (503) too: there is no SQS here, so the sqs check is DOWN and the rest must be UP.
readiness() { curl -sS --max-time 5 "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null; }
up_but_sqs() { [ -n "$1" ] && jq -e '[.checks[] | select(.name != "sqs") | .status] | length > 0 and all(. == "UP")' <<<"$1" >/dev/null 2>&1; }
started=$SECONDS
until body="$(readiness)" && up_but_sqs "$body"; do
  kill -0 "$app_pid" 2>/dev/null || { cat "$log" >&2; fail "the app exited"; }
  [ $((SECONDS - started)) -lt 120 ] || { tail -n 60 "$log" >&2; fail "not ready within 120 s: $body"; }
  sleep 1
done
pass "ready but for SQS after $((SECONDS - started)) s"
body="$(health /q/health/live)" || fail "/q/health/live did not answer 200"
[ "$(jq -r .status <<<"$body")" = UP ] || fail "/q/health/live: $body"
pass "/q/health/live UP: $(jq -c '[.checks[] | .name + "=" + .status]' <<<"$body")"
body="$(readiness)"
[ "$(jq -r '.checks[] | select(.name == "sqs") | .status' <<<"$body")" = DOWN ] \
  || fail "/q/health/ready does not report the unreachable SQS: $body"
pass "/q/health/ready: SQS DOWN (none here), the rest UP: $(jq -c '[.checks[] | .name + "=" + .status]' <<<"$body")"
metrics="$(curl -fsS --max-time 5 "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics")" || fail "/q/metrics did not answer on $MANAGEMENT_PORT"
for series in signoff_intake_requests_total signoff_dispatch_failures_total signoff_dlq_depth; do
  grep -q "^$series" <<<"$metrics" || fail "/q/metrics has no $series"
done
# The app's port sends a stranger to the login page, never the metrics.
curl -sSL --max-time 5 "http://127.0.0.1:$PORT/q/metrics" 2>/dev/null | grep -q '^signoff_' \
  && fail "/q/metrics answers on the app's port"
pass "/q/metrics on the management port only"

java_pid="$(pgrep -P "$app_pid" -x java || true)"
[ -n "$java_pid" ] || fail "no java process under the sandbox"
[ "$(awk '/^Uid:/ { print $2 }' "/proc/$java_pid/status")" = "$uid" ] || fail "the JVM does not run as uid $uid"
pass "the JVM (host pid $java_pid) runs as uid $uid"
grep -q 'Profile prod activated' "$log" || fail "not the prod profile: $(grep -m1 'Profile' "$log")"
migrated="$(grep -o 'Successfully applied [0-9]* migrations*' "$log")" || fail "Flyway did not migrate the new database"
pass "prod profile; Flyway: $migrated; $(grep -o 'Started [0-9]* intake poller(s)' "$log")"

# As the runtime's exec would: in the app's namespaces and root, as its user.
as_app() { nsenter --target "$java_pid" --mount --pid --root --wd --setuid "$uid" --setgid "$gid" /usr/bin/env -i "$@"; }
gid="$(awk '/^Gid:/ { print $2 }' "/proc/$java_pid/status")"
as_app QUARKUS_HTTP_PORT="$PORT" /usr/local/bin/signoff-healthcheck /q/health/live \
  || fail "the image's health probe failed against the running app"
! as_app QUARKUS_HTTP_PORT=9 /usr/local/bin/signoff-healthcheck /q/health/live 2>/dev/null \
  || fail "the image's health probe passed against a closed port"
pass "the image's HEALTHCHECK probe passes inside the container, and fails against a closed port"
! as_app /usr/bin/touch "$workdir/probe" 2>/dev/null || fail "the app's user can write to $workdir"
# As root in there, so that only the read-only mount, not a permission, can refuse the write.
readonly_error="$(nsenter --target "$java_pid" --mount --root /usr/bin/touch /etc/probe 2>&1)" \
  && fail "the root filesystem is writable"
[[ $readonly_error == *"Read-only file system"* ]] || fail "writing to /etc: $readonly_error"
as_app /usr/bin/touch /tmp/probe || fail "/tmp is not writable"
pass "root filesystem read-only, /tmp writable (as ReadonlyRootFilesystem with the tmp volume in the task)"

kill -TERM "$java_pid"
stopped=$SECONDS
while kill -0 "$app_pid" 2>/dev/null; do
  [ $((SECONDS - stopped)) -lt 45 ] || { tail -n 30 "$log" >&2; fail "no exit within 45 s of SIGTERM"; }
  sleep 0.5
done
wait "$app_pid" && status=0 || status=$?
app_pid=""
grep -q 'stopped in' "$log" || { tail -n 30 "$log" >&2; fail "no graceful shutdown (exit $status)"; }
pass "SIGTERM: graceful stop in $((SECONDS - stopped)) s ($(grep -o 'signoff stopped in [0-9.]*s' "$log"))"
echo "Image $IMAGE passed."
