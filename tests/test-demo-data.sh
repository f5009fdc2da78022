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

cli=("$builddir/app/cli/liaison-cli" --data-dir "$data_dir" --passphrase-file "$top/build-aux/demo-passphrase")
count () { python3 -c 'import json, sys; d = json.load(sys.stdin); print(len(d if isinstance(d, list) else next(v for v in d.values() if isinstance(v, list))))'; }

actors=$("${cli[@]}" actors list --json | count)
notifications=$("${cli[@]}" notify list --json | count)
reports=$("${cli[@]}" report list --json | count)
echo "demo data: $actors actors, $notifications notifications, $reports reports"

# Encrypted, with the demo passphrase only.
[ -f "$data_dir/vault.key" ] || { echo "the demo folder has no key file" >&2; exit 1; }
if head -c 16 "$data_dir/liaison.db" | grep -q "SQLite format 3"; then
  echo "the demo database is in clear" >&2; exit 1
fi
if "$builddir/app/cli/liaison-cli" --data-dir "$data_dir" actors list >/dev/null 2>&1; then
  echo "the demo folder opened with the test passphrase" >&2; exit 1
fi

[ "$actors" -ge 10 ] || { echo "expected at least 10 actors, got $actors" >&2; exit 1; }
[ "$notifications" -ge 3 ] || { echo "expected at least 3 notifications, got $notifications" >&2; exit 1; }
[ "$reports" -ge 3 ] || { echo "expected at least 3 reports, got $reports" >&2; exit 1; }

# Retention: the demo operation's own rules are in place.
rules=$("${cli[@]}" retention list --json)
python3 - "$rules" <<'PY'
import json, sys
rules = {(r["record_type"], r["operation"]): r["days"] for r in json.loads(sys.argv[1])}
for key, days in ((("incident", "korvania"), 180), (("movement-notification", "korvania"), 14)):
    if rules.get(key) != days:
        sys.exit(f"the demo retention rule {key} is {rules.get(key)}, not {days}")
PY
