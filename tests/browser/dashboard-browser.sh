#!/bin/sh
# The HQ dashboard in headless Chromium, end to end: liaison-hq on
# 127.0.0.1, a field data folder that enrols and syncs two submitted
# reports with liaison-cli (one with <script> in its title, one in
# Arabic), an HQ user, then dashboard.mjs drives Chromium through
# playwright-core (pinned in package-lock.json, installed with `npm ci`
# into the build tree on first run).
#
# Exits 77 (skipped) with the reason when node, npm or Chromium is
# missing, or when playwright-core cannot be installed (offline).
#
# Environment: LIAISON_HQ and LIAISON_CLI (the binaries), G_TEST_BUILDDIR
# (where node_modules goes), optional CHROMIUM (default /usr/bin/chromium)
# and LIAISON_DASHBOARD_SCREENSHOTS (default: screenshots/ in the build
# tree; pictures go to its en/ and ar/ folders).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

here=$(cd "$(dirname "$0")" && pwd)

skip () {
  echo "SKIP: $*"
  exit 77
}

command -v node >/dev/null 2>&1 || skip "node is not installed (Debian package nodejs)."
command -v npm >/dev/null 2>&1 || skip "npm is not installed (Debian package npm)."
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || skip "$chromium is missing: install the Debian packages chromium and chromium-driver."
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 18 ] || skip "playwright-core needs Node.js 18 or newer; this is $(node --version)."

: "${LIAISON_HQ:?}" "${LIAISON_CLI:?}" "${G_TEST_BUILDDIR:?}"

modules="$G_TEST_BUILDDIR/browser"
mkdir -p "$modules"
if ! cmp -s "$here/package-lock.json" "$modules/package-lock.json" ||
   [ ! -f "$modules/node_modules/playwright-core/package.json" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$modules/"
  (cd "$modules" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) ||
    skip "npm ci could not install playwright-core into $modules (no access to the npm registry?)."
fi
cp "$here/dashboard.mjs" "$modules/dashboard.mjs"

screenshots=${LIAISON_DASHBOARD_SCREENSHOTS:-$G_TEST_BUILDDIR/../screenshots}
work=$(mktemp -d "${TMPDIR:-/tmp}/liaison-dashboard-browser-XXXXXX")
hq_pid=

cleanup () {
  if [ -n "$hq_pid" ]; then
    kill "$hq_pid" 2>/dev/null || true
    wait "$hq_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "# liaison-hq on 127.0.0.1"
"$LIAISON_HQ" serve --db "$work/hq.db" --listen 127.0.0.1 --port 0 --insecure-http --rate-limit 100000 \
  >"$work/hq.out" 2>"$work/hq.err" &
hq_pid=$!
for _ in $(seq 150); do
  grep -q '^Listening on ' "$work/hq.out" 2>/dev/null && break
  sleep 0.1
done
url=$(sed -n 's#^Listening on \(http://127\.0\.0\.1:[0-9]*\)/$#\1#p' "$work/hq.out")
[ -n "$url" ] || { cat "$work/hq.err"; echo "liaison-hq did not start"; exit 1; }

echo "# a field device enrols, writes two reports, submits and syncs them"
cli () {
  LIAISON_DATA_DIR="$work/field" "$LIAISON_CLI" "$@"
}
code=$("$LIAISON_HQ" enrol-code --db "$work/hq.db" --operation op-korvania --clearance confidential 2>/dev/null)
cli enrol "$url" "$code" --name "Laptop North" >/dev/null

report_title='Convoy AAR <script>alert(1)</script>'
arabic_title='تقرير الوضع الأسبوعي — الشمال'
cat >"$work/aar.json" <<JSON
{
  "kind": "aar",
  "title": "$report_title",
  "period_start": "2026-03-12",
  "period_end": "2026-03-12",
  "language": "en",
  "event": "Inter-agency convoy of 8 trucks to Ostrel district\"><img src=x onerror=alert(2)>",
  "planned": "Departure 06:00 after notification 48 hours ahead to both parties.",
  "happened": "Held 3 hours at the Kessel checkpoint: the commander had not been told.",
  "why_different": "The acknowledgement reached the brigade, not its checkpoints.",
  "sustain": "Notification sent 48 hours ahead with the full cargo list.",
  "improve": "Ask the liaison officer to confirm that checkpoints were briefed.",
  "participants": [ { "role": "CMCoord officer" }, { "role": "Convoy leader" } ],
  "lessons": [
    { "text": "An acknowledged notification does not mean the checkpoints know: ask.",
      "tags": [ "notification", "checkpoint" ] }
  ]
}
JSON
cat >"$work/sitrep.json" <<JSON
{
  "kind": "sitrep",
  "title": "$arabic_title",
  "period_start": "2026-03-09",
  "period_end": "2026-03-15",
  "language": "ar",
  "developments": "انتقل القتال إلى شمال النهر؛ نقطتا تفتيش جديدتان على طريق أوسترافا.",
  "access_constraints": "تحتاج التحركات شمال النهر إلى إخطار قبل 72 ساعة.",
  "requests_to_hq": "إثارة تأخر الإقرار مع جهة الاتصال في البعثة.",
  "lessons": [
    { "text": "الاجتماعات الأسبوعية مع ضابط الارتباط قلّصت تأخر الإقرار.", "tags": [ "حوار", "notification" ] }
  ]
}
JSON
# A photo of the checkpoint: a small PNG, made here.
python3 - "$work/checkpoint.png" <<'PY'
import struct, sys, zlib
w, h = 160, 90
rows = b"".join(b"\0" + bytes((40 + x % 120, 90, 140)) * 1 + bytes((40 + x % 120, 90, 140)) * (w - 1) for x in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) \
      + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
for kind in aar sitrep; do
  attach=
  [ "$kind" = aar ] && attach="--attach=$work/checkpoint.png"
  # shellcheck disable=SC2086
  id=$(cli report new --type "$kind" --from-json "$work/$kind.json" --operation op-korvania --sensitivity restricted $attach)
  cli report submit "$id" >/dev/null
done
cli sync >/dev/null

echo "# an HQ user"
printf '%s\n' 'correct horse battery' |
  "$LIAISON_HQ" user add amina --db "$work/hq.db" --operation op-korvania --clearance confidential >/dev/null

echo "# Chromium"
status=0
HQ_URL="$url" HQ_USER=amina HQ_PASSWORD='correct horse battery' \
REPORT_TITLE="$report_title" ARABIC_TITLE="$arabic_title" \
CHROMIUM="$chromium" SCREENSHOT_DIR="$screenshots" \
  node "$modules/dashboard.mjs" || status=$?

echo "# screenshots in $(cd "$screenshots" && pwd)"
exit $status
