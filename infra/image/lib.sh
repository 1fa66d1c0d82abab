# What check.sh and cds.sh share, sourced by both (not run on its own): reading a pushed image from a plain-HTTP
# registry, unpacking its layers into a root filesystem, and running its entrypoint there the way ECS runs the task
# (as the image's user, root filesystem read-only, a writable tmpfs on /tmp, own PID namespace, host network).
# The caller runs as root with `set -euo pipefail`, sets PORT and MANAGEMENT_PORT, and calls image_workspace first.

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok   $*"; }

# image_fetch IMAGE WORK: registry/repository@digest (or :tag) -> WORK/manifest.json and WORK/config.json, digests
# checked. Sets img_work, img_api (the repository's API URL), img_ref and manifest_digest.
image_fetch() {
  local image=$1 registry rest repo
  img_work=$2
  registry="${image%%/*}"
  rest="${image#*/}"
  if [[ $rest == *@* ]]; then repo="${rest%@*}" img_ref="${rest#*@}"; else repo="${rest%:*}" img_ref="${rest##*:}"; fi
  img_api="http://$registry/v2/$repo"
  curl -fsS -o "$img_work/manifest.json" \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' \
    "$img_api/manifests/$img_ref"
  manifest_digest="sha256:$(sha256sum "$img_work/manifest.json" | cut -c1-64)"
  if [[ $img_ref == sha256:* ]]; then
    [ "$manifest_digest" = "$img_ref" ] || fail "manifest digest $manifest_digest is not $img_ref"
  fi
  local config_digest
  config_digest="$(jq -r .config.digest "$img_work/manifest.json")"
  curl -fsS -o "$img_work/config.json" "$img_api/blobs/$config_digest"
  [ "sha256:$(sha256sum "$img_work/config.json" | cut -c1-64)" = "$config_digest" ] || fail "config digest mismatch"
}
cfg() { jq -r "$1" "$img_work/config.json"; }

# image_unpack ROOT: downloads every layer, checks both digests, unpacks them in order into ROOT (owners, modes
# and modification times as in the layers: a class-data archive is only valid for jars of the same size and
# mtime). Sets img_layer_count and img_compressed_bytes.
image_unpack() {
  local root=$1 i blob
  mkdir -p "$root"
  local -a layers diff_ids
  mapfile -t layers < <(jq -r '.layers[].digest' "$img_work/manifest.json")
  mapfile -t diff_ids < <(cfg '.rootfs.diff_ids[]')
  [ "${#layers[@]}" -eq "${#diff_ids[@]}" ] || fail "${#layers[@]} layers but ${#diff_ids[@]} diff_ids"
  img_compressed_bytes=0
  for i in "${!layers[@]}"; do
    blob="$img_work/layer-$i"
    curl -fsS -o "$blob" "$img_api/blobs/${layers[$i]}"
    [ "sha256:$(sha256sum "$blob" | cut -c1-64)" = "${layers[$i]}" ] || fail "layer $i: blob digest mismatch"
    [ "sha256:$(gzip -dc "$blob" | sha256sum | cut -c1-64)" = "${diff_ids[$i]}" ] || fail "layer $i: diff_id mismatch"
    # Jib's layers carry libarchive's creation-time PAX records, which GNU tar does not know and may ignore.
    ! tar -tzf "$blob" --warning=no-unknown-keyword | grep -q '\.wh\.' \
      || fail "layer $i has whiteouts, which this check does not apply"
    tar -xzf "$blob" -C "$root" --numeric-owner --same-permissions --warning=no-unknown-keyword
    img_compressed_bytes=$((img_compressed_bytes + $(stat -c %s "$blob")))
    rm -f "$blob"
  done
  img_layer_count=${#layers[@]}
}

# image_app_env DB: sets app_env to the image's environment plus what the task definition sets, with local
# stand-ins: database DB on 127.0.0.1:5432, no identity provider (both OIDC tenants off), and an SQS endpoint that
# refuses connections (intake logs and retries; readiness reports SQS DOWN, the rest UP).
image_app_env() {
  local -a image_env
  mapfile -t image_env < <(cfg '.config.Env[]')
  app_env=(
    "${image_env[@]}"
    QUARKUS_HTTP_PORT="$PORT"
    QUARKUS_MANAGEMENT_HOST=127.0.0.1
    QUARKUS_MANAGEMENT_PORT="$MANAGEMENT_PORT"
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$1"
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
}

# image_start ROOT UID WORKDIR LOG OUT_DIR COMMAND...: runs COMMAND (with app_env) in ROOT in the background,
# output to LOG; sets app_pid and app_started_ns. OUT_DIR, unless empty, is a host directory mounted writable at
# /tmp/out, for what the JVM writes that must outlive the container (cds.sh's archive).
image_start() {
  local root=$1 uid=$2 workdir=$3 log=$4 out=$5
  shift 5
  app_started_ns=$(date +%s%N)
  # unshare: own mount and PID namespaces, so the mounts vanish with the app and the JVM is PID 1 as in a container.
  unshare --mount --pid --fork --kill-child bash -c '
    set -e
    root=$1 uid=$2 workdir=$3 out=$4; shift 4
    mount --bind "$root" "$root"
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/tmp"
    if [ -n "$out" ]; then mkdir "$root/tmp/out" && mount --bind "$out" "$root/tmp/out"; fi
    for f in hosts resolv.conf; do mount --bind "/etc/$f" "$root/etc/$f"; done
    mount -o remount,bind,ro "$root"
    gid=$(awk -F: -v u="$uid" "\$3 == u { print \$4 }" "$root/etc/passwd")
    exec chroot --userspec="$uid:$gid" --groups="$gid" "$root" /bin/sh -c "cd \"\$0\" && exec \"\$@\"" "$workdir" "$@"
  ' image "$root" "$uid" "$workdir" "$out" /usr/bin/env -i "${app_env[@]}" "$@" >"$log" 2>&1 &
  app_pid=$!
  app_log=$log
}

health() { curl -fsS --max-time 3 "http://127.0.0.1:$PORT$1" 2>/dev/null; }
# Readiness with its body when DOWN (503) too: there is no SQS here, so the sqs check is DOWN and the rest must be UP.
readiness() { curl -sS --max-time 5 "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null; }
up_but_sqs() { [ -n "$1" ] && jq -e '[.checks[] | select(.name != "sqs") | .status] | length > 0 and all(. == "UP")' <<<"$1" >/dev/null 2>&1; }

# image_wait_ready TIMEOUT_S: until readiness is UP but for SQS; sets ready_ms, the time since image_start (polled
# every 0.2 s, so it is start-up time to within that).
image_wait_ready() {
  local body
  until body="$(readiness)" && up_but_sqs "$body"; do
    kill -0 "$app_pid" 2>/dev/null || { cat "$app_log" >&2; fail "the app exited"; }
    [ $(($(date +%s%N) - app_started_ns)) -lt $(($1 * 1000000000)) ] \
      || { tail -n 60 "$app_log" >&2; fail "not ready within $1 s: $body"; }
    sleep 0.2
  done
  ready_ms=$((($(date +%s%N) - app_started_ns) / 1000000))
}

# The JVM's host pid: the child of unshare, PID 1 in its namespace.
image_java_pid() { pgrep -P "$app_pid" -x java || true; }

# image_stop TIMEOUT_S: SIGTERM to the JVM, as ECS stops a task, and wait for it to exit; sets stop_s.
image_stop() {
  local java_pid started=$SECONDS
  java_pid="$(image_java_pid)"
  [ -n "$java_pid" ] || fail "no java process under the sandbox"
  kill -TERM "$java_pid"
  while kill -0 "$app_pid" 2>/dev/null; do
    [ $((SECONDS - started)) -lt "$1" ] || { tail -n 30 "$app_log" >&2; fail "no exit within $1 s of SIGTERM"; }
    sleep 0.5
  done
  wait "$app_pid" && app_status=0 || app_status=$?
  app_pid=""
  stop_s=$((SECONDS - started))
}

# For the EXIT trap: the JVM is PID 1 of its namespace, so killing it ends everything in there, then unshare exits.
image_kill() {
  if [ -n "${app_pid:-}" ] && kill -0 "$app_pid" 2>/dev/null; then
    pkill -KILL -P "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
}

# image_workspace NAME DB LOG KEEP: a scratch directory $work (the root filesystem to unpack at $root) that goes on
# exit with the app and the database DB; the app's log, $work/LOG, is copied to KEEP first when KEEP is set.
image_workspace() {
  work="$(mktemp -d "${TMPDIR:-/tmp}/signoff-image-$1.XXXXXX")"
  root="$work/rootfs"
  img_db="$2" img_log="$work/$3" img_keep="$4"
  trap image_cleanup EXIT
}

image_cleanup() {
  image_kill
  if [ -n "$img_keep" ] && [ -f "$img_log" ]; then cp "$img_log" "$img_keep"; fi
  rm -rf "$work"
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $img_db" >/dev/null 2>&1 || true
}
