#!/usr/bin/env bash
# Runs a real Keycloak in the foreground for Signoff's OIDC tests, with the `signoff` realm from
# src/test/resources/keycloak/signoff-realm.json. KeycloakTestResource starts it for `mvn verify`; run it by hand
# to click through the sign-in: `bash src/test/keycloak/start-keycloak.sh [port]` (default 8180), stop with Ctrl-C.
#
# The dist zip comes from Maven Central through `mvn dependency:copy` (cached in ~/.m2) and is unpacked under
# target/keycloak. Keycloak needs Java 21+: KEYCLOAK_JAVA_HOME, else JAVA_HOME, else the newest JDK under /usr/lib/jvm.
# The H2 dev-file database is kept beside the unpacked dist, so only the first start pays for Keycloak's build,
# schema and realm import; it is dropped whenever the realm file changes. If Keycloak was killed hard and no longer
# starts, delete target/keycloak.
set -euo pipefail

VERSION="${KEYCLOAK_VERSION:-26.5.6}"
PORT="${1:-8180}"
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
WORK="$ROOT/target/keycloak"
KC_HOME="$WORK/keycloak-$VERSION"
REALM="$ROOT/src/test/resources/keycloak/signoff-realm.json"
MVN="${MVN:-mvn}"

java_major() {
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}

find_java21() {
  local candidate major
  for candidate in "${KEYCLOAK_JAVA_HOME:-}" "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major="$(java_major "$candidate")"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! KC_JAVA_HOME="$(find_java21)"; then
  echo "start-keycloak: Keycloak $VERSION needs Java 21 or newer, and none was found in KEYCLOAK_JAVA_HOME," \
    "JAVA_HOME or /usr/lib/jvm. Install a JDK 21+ (e.g. Temurin) and point KEYCLOAK_JAVA_HOME at it." >&2
  exit 3
fi

if [ ! -f "$KC_HOME/bin/kc.sh" ]; then
  mkdir -p "$WORK"
  echo "start-keycloak: fetching org.keycloak:keycloak-quarkus-dist:$VERSION:zip" >&2
  (cd "$WORK" && "$MVN" -B -q -ntp -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:zip" -DoutputDirectory="$WORK" >&2)
  zip="$WORK/keycloak-quarkus-dist-$VERSION.zip"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$zip" -d "$WORK"
  else
    (cd "$WORK" && "$KC_JAVA_HOME/bin/jar" xf "$zip")
  fi
  rm -f "$zip"
fi

mkdir -p "$KC_HOME/data/import"
if ! cmp -s "$REALM" "$KC_HOME/data/import/signoff-realm.json"; then
  rm -rf "$KC_HOME/data/h2"
  cp "$REALM" "$KC_HOME/data/import/signoff-realm.json"
fi

export JAVA_HOME="$KC_JAVA_HOME"
# C1 only: a short-lived test server is almost all start-up, where C2 compiles just cost CPU on 2 cores.
# The add-opens lets jboss-threads reset thread locals on Java 24+ (without it Keycloak's worker threads die).
export JAVA_OPTS_APPEND="${JAVA_OPTS_APPEND:--XX:TieredStopAtLevel=1 --add-opens=java.base/java.lang=ALL-UNNAMED}"
bash "$KC_HOME/bin/kc.sh" start-dev \
  --http-host=127.0.0.1 --http-port="$PORT" \
  --db=dev-file --import-realm \
  --cache=local --log-level=warn,org.keycloak.services:info,io.quarkus:info &
kc=$!
trap 'kill -TERM "$kc" 2>/dev/null; wait "$kc"; exit 143' TERM INT
# Keycloak must not outlive whoever started it: a test JVM that was killed never gets to stop it.
parent=$PPID
while kill -0 "$kc" 2>/dev/null; do
  if ! kill -0 "$parent" 2>/dev/null; then
    kill -TERM "$kc"
    wait "$kc" || true
    exit 0
  fi
  sleep 2 &
  wait $! || true
done
wait "$kc"
