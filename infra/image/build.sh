#!/usr/bin/env bash
# Builds the Signoff container image without a Docker daemon and pushes it to a registry:
#   1. the base image tarball (build-base.sh; needs root the first time and once a week),
#   2. `./mvnw package -Pimage`: the production build (Maven profile `production`, no sandbox inside; the enforcer
#      stops a build with -Dquarkus.profile=sandbox), which Quarkus' Jib extension layers onto that base and pushes.
#
# Usage: bash infra/image/build.sh                 # to the local registry 127.0.0.1:5000 (started if needed)
#        SIGNOFF_IMAGE_REGISTRY=<host> bash infra/image/build.sh   # to another registry, e.g. ECR (see
#                                                                  # docs/deployment.md, "Building the image")
# Extra Maven arguments are passed on, e.g. -Dquarkus.container-image.tag=1.0.0
# The pushed image's digest ends up in target/jib-image.digest.
set -euo pipefail
cd "$(dirname "$0")/../.."

REGISTRY="${SIGNOFF_IMAGE_REGISTRY:-127.0.0.1:5000}"

bash infra/image/build-base.sh >/dev/null

args=(-Dquarkus.container-image.registry="$REGISTRY")
case "$REGISTRY" in
  127.0.0.1:* | localhost:*)
    bash infra/image/registry.sh start
    # The local registry speaks plain HTTP; never allow that towards a real registry.
    args+=(-Dquarkus.container-image.insecure=true)
    ;;
esac
if revision="$(git rev-parse HEAD 2>/dev/null)"; then
  args+=("-Dquarkus.container-image.labels.\"org.opencontainers.image.revision\"=$revision")
fi

# Tests are the job of `./mvnw verify`; this only packages and containerizes.
./mvnw -B -ntp package -Pimage -Dmaven.test.skip=true "${args[@]}" "$@"
echo "Pushed $(cat target/jib-image.digest) to $REGISTRY"
