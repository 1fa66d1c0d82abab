#!/usr/bin/env bash
# Builds Signoff's base image without Docker: a minimal Debian bookworm root filesystem (debootstrap, variant
# minbase) with OpenJDK 17 (JRE, headless), CA certificates, a non-root user 185:185 and a health probe, packed as
# a `docker save`-style tarball that Jib reads through `quarkus.jib.base-jvm-image=tar://...`.
#
# Usage: bash infra/image/build-base.sh [--rebuild]   (as root when it has to build: debootstrap, chroot)
# Output: infra/image/build/signoff-base.tar (git-ignored). It is rebuilt when this script changes, when it is
# older than SIGNOFF_BASE_MAX_AGE_DAYS (default 7, so security updates arrive), or with --rebuild.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
OUT_DIR="${SIGNOFF_IMAGE_BUILD_DIR:-$HERE/build}"
TARBALL="$OUT_DIR/signoff-base.tar"
STAMP="$OUT_DIR/signoff-base.stamp"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SECURITY_MIRROR="${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
SUITE=bookworm
MAX_AGE_DAYS="${SIGNOFF_BASE_MAX_AGE_DAYS:-7}"
APP_UID=185
WORKDIR=/opt/signoff

log() { printf '==> %s\n' "$*" >&2; }

recipe="$(cat "$HERE/build-base.sh" "$HERE/healthcheck.sh" | sha256sum | cut -c1-64)"
if [ "${1:-}" != "--rebuild" ] && [ -s "$TARBALL" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$recipe" ] \
  && [ -z "$(find "$TARBALL" -mtime "+$MAX_AGE_DAYS")" ]; then
  log "Base image is up to date: $TARBALL"
  echo "$TARBALL"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || { echo "build-base.sh needs root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install debootstrap" >&2; exit 1; }
mkdir -p "$OUT_DIR"
work="$(mktemp -d "$OUT_DIR/work.XXXXXX")"
rootfs="$work/rootfs"
cleanup() {
  for m in proc dev; do mountpoint -q "$rootfs/$m" 2>/dev/null && umount -l "$rootfs/$m"; done
  rm -rf "$work"
}
trap cleanup EXIT

log "debootstrap $SUITE (minbase) from $MIRROR"
debootstrap --variant=minbase --components=main "$SUITE" "$rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
  || { tail -n 40 "$work/debootstrap.log" >&2; exit 1; }

# Security and point-release updates too: debootstrap installs from the release suite only.
cat >"$rootfs/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $SECURITY_MIRROR $SUITE-security main
EOF
cat >"$rootfs/etc/apt/apt.conf.d/90signoff" <<'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
EOF
cat >"$rootfs/etc/dpkg/dpkg.cfg.d/90signoff-nodoc" <<'EOF'
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-exclude=/usr/share/lintian/*
EOF

mount -t proc proc "$rootfs/proc"
mount --bind /dev "$rootfs/dev"
in_root() { chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"; }

log "Installing openjdk-17-jre-headless and ca-certificates (with $SUITE-security updates)"
{
  in_root apt-get update -qq
  in_root apt-get -y -qq upgrade
  in_root apt-get -y -qq install openjdk-17-jre-headless ca-certificates
} >"$work/apt.log" 2>&1 || { tail -n 40 "$work/apt.log" >&2; exit 1; }

in_root groupadd --system --gid "$APP_UID" signoff
in_root useradd --system --uid "$APP_UID" --gid "$APP_UID" --home-dir "$WORKDIR" --no-create-home \
  --shell /usr/sbin/nologin signoff
mkdir -p "$rootfs$WORKDIR"
install -m 0755 "$HERE/healthcheck.sh" "$rootfs/usr/local/bin/signoff-healthcheck"

java_home="$(dirname "$(dirname "$(readlink -f "$rootfs/usr/bin/java" | sed "s|^$rootfs||")")")"
java_version="openjdk-17-jre-headless $(in_root dpkg-query -W -f '${Version}' openjdk-17-jre-headless)"
packages="$(in_root dpkg-query -W -f '${Package}\n' | wc -l)"

umount "$rootfs/proc"
umount "$rootfs/dev"
# What a container never needs: package indexes and caches, logs, docs; /dev is mounted by the runtime.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old \
  "$rootfs"/var/log/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* \
  "$rootfs"/usr/share/lintian "$rootfs"/tmp/* "$rootfs"/root/.bash_history
find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
find "$rootfs/dev" -mindepth 1 -delete
# debootstrap copies the build machine's name and resolver; the container runtime mounts its own over these.
: >"$rootfs/etc/hostname"
: >"$rootfs/etc/resolv.conf"
chmod 0644 "$rootfs/etc/hostname" "$rootfs/etc/resolv.conf"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$rootfs/etc/hosts"
chmod 1777 "$rootfs/tmp"

log "Packing the layer"
# Fixed order, owners and times: the same packages give the same layer.
epoch="$(stat -c %Y "$rootfs/var/lib/dpkg/status")"
(cd "$rootfs" && tar --sort=name --numeric-owner --mtime="@$epoch" --xattrs --xattrs-include='security.capability' \
  -cf "$work/layer.tar" $(ls -A))
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -c1-64)"
gzip -n -6 "$work/layer.tar"

created="$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)"
jq -n --arg diff "$diff_id" --arg created "$created" --arg home "$java_home" --arg wd "$WORKDIR" \
  --arg user "$APP_UID" --arg java "$java_version" '{
  architecture: "amd64", os: "linux", created: $created,
  config: {
    User: $user,
    WorkingDir: $wd,
    Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", ("JAVA_HOME=" + $home), "LANG=C.UTF-8"],
    Healthcheck: {
      Test: ["CMD", "/usr/local/bin/signoff-healthcheck", "/q/health/live"],
      Interval: 30000000000, Timeout: 5000000000, StartPeriod: 90000000000, Retries: 3
    },
    Labels: {
      "dev.signoff.base": "debian bookworm, debootstrap minbase",
      "dev.signoff.base.jre": $java
    }
  },
  rootfs: {type: "layers", diff_ids: [$diff]},
  history: [{created: $created, created_by: "infra/image/build-base.sh: debootstrap bookworm minbase + openjdk-17-jre-headless"}]
}' >"$work/config.json"
jq -n '[{Config: "config.json", RepoTags: ["signoff-base:bookworm-jre17"], Layers: ["layer.tar.gz"]}]' \
  >"$work/manifest.json"

tar -C "$work" -cf "$TARBALL.tmp" manifest.json config.json layer.tar.gz
mv "$TARBALL.tmp" "$TARBALL"
echo "$recipe" >"$STAMP"
log "Base image: $TARBALL ($(du -h "$TARBALL" | cut -f1) compressed, $packages packages, $java_version)"
echo "$TARBALL"
