#!/usr/bin/env bash
# Signoff's benchmark (bench/README.md, docs/performance.md): builds the packaged production app and the start-up
# floor (bench/floor, a bare Quarkus REST app) unless told to reuse them, then runs the Java driver
# (src/test/java/dev/signoff/bench/SignoffBench) on the test classpath. It starts
# ElasticMQ and the Step Functions stand-in itself, creates and drops the PostgreSQL database signoff_bench, and
# writes bench/results/<timestamp>.json and .md.
#   bench/run.sh [--quick] [--reuse-build] [-Dbench.<setting>=<value> ...]
set -euo pipefail
cd "$(dirname "$0")/.."

quick=() reuse=false props=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=(--quick) ;;
    --reuse-build) reuse=true ;;
    -D*) props+=("$arg") ;;
    *) echo "usage: bench/run.sh [--quick] [--reuse-build] [-Dbench.<setting>=<value> ...]" >&2; exit 2 ;;
  esac
done

if [ "$reuse" = false ] || [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -d target/test-classes/dev/signoff/bench ]; then
  echo "==> Building the production app and the test classes (./mvnw package -DskipTests)"
  ./mvnw -B -ntp -q package -DskipTests
fi
# The floor is a project of its own, not a module of the root build; reused only while nothing of it is newer.
floor_jar=bench/floor/target/quarkus-app/quarkus-run.jar
if [ "$reuse" = false ] || [ ! -f "$floor_jar" ] || [ -n "$(find bench/floor/pom.xml bench/floor/src -newer "$floor_jar" -print -quit)" ]; then
  echo "==> Building the start-up floor (./mvnw -f bench/floor/pom.xml package)"
  ./mvnw -B -ntp -q -f bench/floor/pom.xml package -DskipTests
fi
classpath_file=target/bench-classpath.txt
if [ ! -f "$classpath_file" ] || [ pom.xml -nt "$classpath_file" ]; then
  ./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
fi

echo "==> Running the benchmark ${quick[*]:-(full)}"
exec java -Xmx1g "${props[@]}" \
  -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
  dev.signoff.bench.SignoffBench "${quick[@]}"
