#!/usr/bin/env bash
# The demo set that build-aux/run loads: it loads into a fresh data folder
# without an error, and every feature's part is there afterwards.
#
# Usage: test-demo-data.sh SOURCE_ROOT BUILD_ROOT
set -euo pipefail

top=$1
builddir=$2
data_dir=$(mktemp -d)
trap 'rm -rf "$data_dir"' EXIT

"$top/build-aux/demo-data" "$builddir" "$data_dir" >/dev/null

cli=("$builddir/app/cli/liaison-cli" --data-dir "$data_dir")
count () { python3 -c 'import json, sys; d = json.load(sys.stdin); print(len(d if isinstance(d, list) else next(v for v in d.values() if isinstance(v, list))))'; }

actors=$("${cli[@]}" actors list --json | count)
notifications=$("${cli[@]}" notify list --json | count)
reports=$("${cli[@]}" report list --json | count)
echo "demo data: $actors actors, $notifications notifications, $reports reports"

[ "$actors" -ge 10 ] || { echo "expected at least 10 actors, got $actors" >&2; exit 1; }
[ "$notifications" -ge 3 ] || { echo "expected at least 3 notifications, got $notifications" >&2; exit 1; }
[ "$reports" -ge 3 ] || { echo "expected at least 3 reports, got $reports" >&2; exit 1; }
