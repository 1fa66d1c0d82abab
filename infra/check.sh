#!/usr/bin/env bash
# Validates every Amazon States Language file under infra/ with asl-validator (version pinned in
# infra/package-lock.json, installed into infra/node_modules, which git ignores).
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x node_modules/.bin/asl-validator ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
validator=node_modules/.bin/asl-validator

# A validator that passes everything would make this check worthless: it must reject a broken definition.
broken='{"StartAt":"Missing","States":{"Only":{"Type":"Pass","End":true}}}'
if "$validator" --silent --json-definition "$broken" >/dev/null 2>&1; then
  echo "asl-validator accepted a definition whose StartAt names no state; refusing to trust it" >&2
  exit 1
fi

mapfile -t files < <(find . -path ./node_modules -prune -o -name '*.asl.json' -print | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "no *.asl.json files found under infra/" >&2
  exit 1
fi

failed=0
for f in "${files[@]}"; do
  if ! "$validator" --json-path "$f"; then
    failed=1
  fi
done
if [ "$failed" -ne 0 ]; then
  echo "ASL validation failed" >&2
  exit 1
fi
echo "${#files[@]} ASL files valid"
