#!/usr/bin/env bash
# Proves the pushed image, without Docker:
#   1. reads its manifest and config from the registry (curl) and checks user, port, entrypoint, health check,
#      labels and platform;
#   2. downloads every layer, checks its digests, unpacks them in order into a root filesystem, and checks that
#      the application files belong to root and are not writable by the app's user;
#   3. runs the image's entrypoint in that root filesystem the way ECS runs the task: as the image's user, root
#      filesystem read-only, a writable tmpfs on /tmp, own PID namespace, host network, prod profile, against a
#      scratch PostgreSQL database; then checks /q/health/live and /q/health/ready answer UP, the image's health
#      probe passes, the JVM runs as that user, and SIGTERM stops it gracefully;
#   4. checks that JVM took most of its classes from the image's class-data archive (cds.sh), and reports the
#      start-up time with it.
# The fetching, unpacking and running are in lib.sh, which cds.sh uses to make the archive the same way.
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

# shellcheck source=lib.sh
. infra/image/lib.sh
[ "$(id -u)" -eq 0 ] || fail "check.sh needs root (unpacking with owners, chroot, mounts)"

image_workspace check "$DB" app.log "${SIGNOFF_CHECK_KEEP_LOG:-}"

echo "== $IMAGE: manifest and config"
image_fetch "$IMAGE" "$work"
pass "manifest $manifest_digest ($(jq -r .mediaType "$work/manifest.json")), config digest verified"

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
# The class-data archive cds.sh adds: a flag in the entrypoint, so that a run with other flags (JAVA_TOOL_OPTIONS)
# keeps it, and -Xshare left at its default (auto): an archive the JVM cannot use is ignored, never fatal.
archive="$(printf '%s\n' "${entrypoint[@]}" | sed -n 's/^-XX:SharedArchiveFile=//p')"
[[ $archive == "$workdir"/*.jsa ]] || fail "no -XX:SharedArchiveFile=$workdir/*.jsa in the entrypoint (cds.sh adds it)"
! printf '%s\n' "${entrypoint[@]}" | grep -q -- '^-Xshare:' || fail "the entrypoint sets -Xshare: the default, auto, must stay"
pass "class-data archive $archive in the entrypoint, -Xshare at its default (auto)"
[ "$(cfg '.config.Healthcheck.Test | join(" ")')" = "CMD /usr/local/bin/signoff-healthcheck /q/health/live" ] \
  || fail "Healthcheck $(cfg -c .config.Healthcheck)"
pass "Healthcheck $(cfg '.config.Healthcheck.Test | join(" ")')"
for label in title version revision; do
  [ -n "$(cfg ".config.Labels[\"org.opencontainers.image.$label\"] // empty")" ] || fail "label org.opencontainers.image.$label missing"
done
pass "labels org.opencontainers.image.{title,version,revision}: $(cfg '.config.Labels["org.opencontainers.image.version"]') $(cfg '.config.Labels["org.opencontainers.image.revision"]')"

echo "== layers"
image_unpack "$root"
pass "$img_layer_count layers, digests verified, $((img_compressed_bytes / 1024 / 1024)) MiB compressed, $(du -sm "$root" | cut -f1) MiB unpacked"
[ -f "$root$workdir/quarkus-run.jar" ] || fail "$workdir/quarkus-run.jar missing"
grep -q "^[^:]*:x:$uid:" "$root/etc/passwd" || fail "uid $uid not in /etc/passwd"
[ -z "$(find "$root$workdir" \( -not -user 0 -o -perm -o+w -o -perm -g+w \))" ] \
  || fail "files under $workdir that the app's user could change"
pass "$workdir/quarkus-run.jar present, owned by root, not writable by uid $uid"
[ -s "$root$archive" ] || fail "$archive missing"
pass "$archive present ($(du -m "$root$archive" | cut -f1) MiB)"
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
image_app_env "$DB"
# The image's entrypoint plus two diagnostics: -Xshare:on makes the JVM refuse to start, saying why, if it cannot
# map the archive (the image itself leaves -Xshare at auto), and the class-loading log tells where each class came
# from. The first changes nothing while the archive is usable; the log cost about 0.4 s of CPU time (measured when
# this was written), so the start-up time below is a little above the image's own.
mapfile -t run_argv < <(printf '%s\n' "${entrypoint[@]:0:${#entrypoint[@]}-2}" -Xshare:on \
  -Xlog:class+load=info:file=/tmp/class-load.log -jar quarkus-run.jar)
image_start "$root" "$uid" "$workdir" "$work/app.log" "" "${run_argv[@]}"
log="$work/app.log"
image_wait_ready 120
pass "ready but for SQS $(printf '%d.%02d' $((ready_ms / 1000)) $((ready_ms % 1000 / 10))) s after launch, with the archive (Quarkus: $(grep -o 'started in [0-9.]*s' "$log" | head -n1))"
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

java_pid="$(image_java_pid)"
[ -n "$java_pid" ] || fail "no java process under the sandbox"
[ "$(awk '/^Uid:/ { print $2 }' "/proc/$java_pid/status")" = "$uid" ] || fail "the JVM does not run as uid $uid"
pass "the JVM (host pid $java_pid) runs as uid $uid"
# "shared objects file (top)" is the image's archive, "shared objects file" alone the JDK's own (1,200 classes).
loaded="$(cat "/proc/$java_pid/root/tmp/class-load.log")"
classes="$(grep -c ' source: ' <<<"$loaded" || true)"
from_archive="$(grep -c ' source: shared objects file (top)$' <<<"$loaded" || true)"
# Most, not all: JDK 17 leaves out what the training start loaded but never linked, and classes made at run
# time (lambdas, proxies): 12,100 of 18,600 when this was written. A training start that no longer matches what
# the app loads shows as a falling share here.
[ "$classes" -gt 0 ] || fail "no class-loading log from the JVM"
[ "$from_archive" -ge $((classes / 2)) ] \
  || fail "only $from_archive of the $classes classes loaded came from $archive"
pass "$from_archive of the $classes classes loaded so far came from $archive"
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

image_stop 45
grep -q 'stopped in' "$log" || { tail -n 30 "$log" >&2; fail "no graceful shutdown (exit $app_status)"; }
pass "SIGTERM: graceful stop in $stop_s s ($(grep -o 'signoff stopped in [0-9.]*s' "$log"))"
echo "Image $IMAGE passed."
