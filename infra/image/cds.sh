#!/usr/bin/env bash
# Gives the image Jib just pushed a class-data-sharing archive, so that its JVM maps some 13,000 classes instead of
# loading and verifying them at each start (about a second of the app's 4-5 s start-up, docs/performance.md):
#   1. unpacks the image into a root filesystem and does a training start of its entrypoint there (lib.sh, as
#      check.sh runs it, against a scratch PostgreSQL database) with -XX:ArchiveClassesAtExit; once it is ready,
#      SIGTERM stops it and the JVM writes a JDK 17 dynamic archive at exit;
#   2. pushes the same image plus one layer, $WORKDIR/signoff.jsa, with -XX:SharedArchiveFile=... in its entrypoint,
#      under the same tag, and writes its digest to target/jib-image.digest.
# Why in the image's own root filesystem, and why a layer on top rather than a second Jib build: an archive is only
# used by the very JVM build that wrote it, with the class path as given (`-jar quarkus-run.jar` from the working
# directory) and jars of the size and modification time it recorded. Jib takes the mtimes of target/quarkus-app,
# which every Maven build rewrites (and Quarkus' generated-bytecode.jar differs in size from build to build), so
# a rebuild would not match; the layers below this one are the very ones the training start ran from. An archive
# that does not match anyway (a later layer replacing a jar, say) is ignored by the JVM (-Xshare:auto, the
# default) and the app starts as without it; check.sh makes sure it is used.
#
# Usage (as root, like check.sh; build.sh runs it): bash infra/image/cds.sh
# Reads target/jib-image.digest and target/quarkus-artifact.properties (the image and tag Jib pushed to the local
# registry). SIGNOFF_CDS_KEEP_LOG=<file> keeps the training start's output. Needs PostgreSQL on 127.0.0.1:5432
# (user postgres, trust auth); creates and drops the database signoff_image_cds.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=lib.sh
. infra/image/lib.sh

PORT="${SIGNOFF_CDS_PORT:-18081}"
MANAGEMENT_PORT="${SIGNOFF_CDS_MANAGEMENT_PORT:-19001}"
DB=signoff_image_cds
ARCHIVE=signoff.jsa
export PGOPTIONS='--client-min-messages=warning'
[ "$(id -u)" -eq 0 ] || fail "cds.sh needs root (unpacking with owners, chroot, mounts)"

# 127.0.0.1:5000/signoff:0.1.0-SNAPSHOT, as Quarkus records it (with the properties format's escaped colons).
name="$(sed -n 's/^metadata\.container-image=//p' target/quarkus-artifact.properties | sed 's/\\//g')"
[ -n "$name" ] || fail "no metadata.container-image in target/quarkus-artifact.properties: run build.sh"
registry="${name%%/*}" repo_tag="${name#*/}"
repo="${repo_tag%:*}" tag="${repo_tag##*:}"
image="$registry/$repo@$(cat target/jib-image.digest)"

image_workspace cds "$DB" train.log "${SIGNOFF_CDS_KEEP_LOG:-}"
started=$SECONDS

image_fetch "$image" "$work"
workdir="$(cfg .config.WorkingDir)"
uid="$(cfg .config.User)" && uid="${uid%%:*}"
mapfile -t entrypoint < <(cfg '.config.Entrypoint[]')
[ "${entrypoint[-2]}" = -jar ] && [ "${entrypoint[-1]}" = quarkus-run.jar ] || fail "Entrypoint ${entrypoint[*]}"
! printf '%s\n' "${entrypoint[@]}" | grep -q -- '^-XX:SharedArchiveFile=' \
  || fail "$image has an archive already (its entrypoint: ${entrypoint[*]})"
image_unpack "$root"

echo "== training start of $image"
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" -c "create database $DB" >/dev/null
mkdir "$work/out"
chown "$uid" "$work/out"
image_app_env "$DB"
# The entrypoint as it is, with the archive flag where the image will carry -XX:SharedArchiveFile (before -jar).
image_start "$root" "$uid" "$workdir" "$work/train.log" "$work/out" "${entrypoint[@]:0:${#entrypoint[@]}-2}" \
  "-XX:ArchiveClassesAtExit=/tmp/out/$ARCHIVE" -jar quarkus-run.jar
image_wait_ready 180
# What a running task answers first, so that its classes are in the archive too.
health /q/health/live >/dev/null || fail "/q/health/live did not answer 200"
curl -fsS --max-time 5 -o /dev/null "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" || fail "/q/metrics did not answer"
pass "ready but for SQS after $((ready_ms / 1000)).$((ready_ms % 1000 / 100)) s (without an archive)"
# The JVM writes the archive after the shutdown hooks, on its way out; that takes a few seconds.
image_stop 120
[ -s "$work/out/$ARCHIVE" ] || { tail -n 30 "$work/train.log" >&2; fail "no archive written (exit $app_status)"; }
grep -q 'stopped in' "$work/train.log" || { tail -n 30 "$work/train.log" >&2; fail "no graceful shutdown (exit $app_status)"; }
pass "SIGTERM: stopped and wrote $ARCHIVE ($(du -m "$work/out/$ARCHIVE" | cut -f1) MiB) in $stop_s s"
# The JVM's own verdict on the archive against these jars (class path, sizes, mtimes): the image's layers below
# the archive are the ones this root filesystem was unpacked from, so the image's JVM sees the same.
image_start "$root" "$uid" "$workdir" "$work/verify.log" "$work/out" "${entrypoint[@]:0:${#entrypoint[@]}-2}" \
  "-XX:SharedArchiveFile=/tmp/out/$ARCHIVE" -XX:+PrintSharedArchiveAndExit -jar quarkus-run.jar
wait "$app_pid" || { grep -v '^ *[0-9]*: ' "$work/verify.log" | tail -n 20 >&2; fail "the JVM rejects the archive"; }
app_pid=""
pass "the image's JVM accepts the archive for its class path: $(grep -c '^ *[0-9]*: ' "$work/verify.log" || true) classes"

echo "== adding the archive as a layer"
# Owned by root and read-only for the app's user, as the rest of $workdir; a fixed mtime, as Jib's.
install -D -m 0644 -o 0 -g 0 "$work/out/$ARCHIVE" "$work/layer$workdir/$ARCHIVE"
tar -C "$work/layer" --numeric-owner --mtime=@1 -cf "$work/layer.tar" "${workdir#/}/$ARCHIVE"
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -c1-64)"
gzip -n -6 "$work/layer.tar"
layer="$work/layer.tar.gz"
layer_digest="sha256:$(sha256sum "$layer" | cut -c1-64)"
jq -c --arg diff "$diff_id" --arg flag "-XX:SharedArchiveFile=$workdir/$ARCHIVE" '
  .rootfs.diff_ids += [$diff]
  | .history += [{created: .created, created_by: "infra/image/cds.sh: class-data archive of a training start"}]
  | .config.Entrypoint = .config.Entrypoint[:-2] + [$flag] + .config.Entrypoint[-2:]' \
  "$work/config.json" >"$work/config.new.json"
config_digest="sha256:$(sha256sum "$work/config.new.json" | cut -c1-64)"
jq -c --arg cd "$config_digest" --argjson cs "$(stat -c %s "$work/config.new.json")" \
  --arg ld "$layer_digest" --argjson ls "$(stat -c %s "$layer")" '
  .config.digest = $cd | .config.size = $cs
  | .layers += [{mediaType: .layers[-1].mediaType, size: $ls, digest: $ld}]' \
  "$work/manifest.json" >"$work/manifest.new.json"

# The registry API's monolithic upload: POST for an upload URL, PUT the blob to it with its digest.
push_blob() {
  local location sep
  curl -fsS -o /dev/null -I "$img_api/blobs/$2" 2>/dev/null && return 0
  location="$(curl -fsS -X POST -D - -o /dev/null "$img_api/blobs/uploads/" | tr -d '\r' \
    | sed -n 's/^[Ll]ocation: *//p')"
  [ -n "$location" ] || fail "the registry gave no upload location"
  [[ $location == http* ]] || location="${img_api%%/v2/*}$location"
  [[ $location == *\?* ]] && sep='&' || sep='?'
  curl -fsS -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$1" "$location${sep}digest=$2" >/dev/null
}
push_blob "$layer" "$layer_digest"
push_blob "$work/config.new.json" "$config_digest"
new_digest="sha256:$(sha256sum "$work/manifest.new.json" | cut -c1-64)"
pushed="$(curl -fsS -X PUT -D - -o /dev/null -H "Content-Type: $(jq -r .mediaType "$work/manifest.new.json")" \
  --data-binary "@$work/manifest.new.json" "$img_api/manifests/$tag" | tr -d '\r' \
  | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: *//p')"
[ "$pushed" = "$new_digest" ] || fail "the registry stored the manifest as '$pushed', not $new_digest"
echo "$new_digest" >target/jib-image.digest
pass "pushed $registry/$repo:$tag = $new_digest (+$(($(stat -c %s "$layer") / 1024 / 1024)) MiB compressed) in $((SECONDS - started)) s"
