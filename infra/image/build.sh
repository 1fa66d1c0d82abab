#!/usr/bin/env bash
# Builds the Signoff container image without a Docker daemon and pushes it to a registry:
#   1. the base image tarball (build-base.sh; needs root the first time and once a week),
#   2. `./mvnw package -Pimage`: the production build (Maven profile `production`, no sandbox inside; the enforcer
#      stops a build with -Dquarkus.profile=sandbox), which Quarkus' Jib extension layers onto that base and pushes
#      to the local registry (registry.sh),
#   3. cds.sh: a training start of that image in its own root filesystem writes a class-data archive, which goes
#      on top as one more layer (about a second off each start; needs PostgreSQL on 127.0.0.1:5432),
#   4. for another registry, a copy of the finished image there (skopeo).
# Jib never pushes anywhere but the local registry: the archive has to be added to the image it trained on, and
# cds.sh pushes with plain HTTP requests that know nothing of a real registry's authentication.
#
# Usage (as root: cds.sh runs the image in a chroot, like check.sh):
#        bash infra/image/build.sh                 # to the local registry 127.0.0.1:5000 (started if needed)
#        SIGNOFF_IMAGE_REGISTRY=<host> bash infra/image/build.sh   # to another registry, e.g. ECR (see
#                                                                  # docs/deployment.md, "Building the image")
# Extra Maven arguments are passed on, e.g. -Dquarkus.container-image.tag=1.0.0; -Dquarkus.container-image.username
# and .password are the other registry's credentials (for skopeo; without them it uses its own login or helpers).
# The pushed image's digest ends up in target/jib-image.digest.
set -euo pipefail
cd "$(dirname "$0")/../.."

LOCAL_REGISTRY="${SIGNOFF_REGISTRY_ADDR:-127.0.0.1:5000}"
REGISTRY="${SIGNOFF_IMAGE_REGISTRY:-$LOCAL_REGISTRY}"

bash infra/image/build-base.sh >/dev/null
bash infra/image/registry.sh start

# The local registry speaks plain HTTP; it is the only one Jib talks to.
args=(-Dquarkus.container-image.registry="$LOCAL_REGISTRY" -Dquarkus.container-image.insecure=true)
if revision="$(git rev-parse HEAD 2>/dev/null)"; then
  args+=("-Dquarkus.container-image.labels.\"org.opencontainers.image.revision\"=$revision")
fi
username="" password=""
for arg in "$@"; do
  case "$arg" in
    -Dquarkus.container-image.username=*) username="${arg#*=}" ;;
    -Dquarkus.container-image.password=*) password="${arg#*=}" ;;
    *) args+=("$arg") ;;
  esac
done

# Tests are the job of `./mvnw verify`; this only packages and containerizes.
./mvnw -B -ntp package -Pimage -Dmaven.test.skip=true "${args[@]}"
bash infra/image/cds.sh

if [ "$REGISTRY" != "$LOCAL_REGISTRY" ]; then
  command -v skopeo >/dev/null || { echo "skopeo is missing: apt-get install skopeo" >&2; exit 1; }
  # 127.0.0.1:5000/signoff:<tag>, as Quarkus records what Jib pushed.
  name="$(sed -n 's/^metadata\.container-image=//p' target/quarkus-artifact.properties | sed 's/\\//g')"
  copy=(--src-tls-verify=false --digestfile target/jib-image.remote.digest)
  [ -z "$username" ] || copy+=(--dest-creds "$username:$password")
  case "$REGISTRY" in 127.0.0.1:* | localhost:*) copy+=(--dest-tls-verify=false) ;; esac
  # The manifest goes over unchanged, so target/jib-image.digest names the image in both registries.
  repo_tag="${name#*/}"
  skopeo copy "${copy[@]}" "docker://$LOCAL_REGISTRY/${repo_tag%:*}@$(cat target/jib-image.digest)" "docker://$REGISTRY/$repo_tag"
  [ "$(cat target/jib-image.remote.digest)" = "$(cat target/jib-image.digest)" ] \
    || { echo "$REGISTRY stored the image as $(cat target/jib-image.remote.digest)" >&2; exit 1; }
  rm -f target/jib-image.remote.digest
fi
echo "Pushed $(cat target/jib-image.digest) to $REGISTRY"
