#!/usr/bin/env bash
# Dynamic scan: wapiti against a local server with demo data, logged in as the demo caseworker.
# Scans 127.0.0.1 only. Writes scan-report/wapiti.json and a summary (scan-report/summary.txt).
#
# The server runs as in production (DEBUG off, gunicorn, whitenoise, manifest static files) on a
# throw-away SQLite database, except: plain HTTP on localhost (OPVANG_HTTPS=false) and the second
# factor off (OPVANG_REQUIRE_2FA=false) because a scanner cannot read an authenticator app.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${SCAN_PORT:-8765}"
BASE_URL="http://127.0.0.1:${PORT}"
OUT="scan-report"
SCAN_VENV=".venv-scan"
mkdir -p "$OUT"
work="$(mktemp -d)"

if [ ! -x "$SCAN_VENV/bin/wapiti" ]; then
  python3 -m venv "$SCAN_VENV"
  "$SCAN_VENV/bin/pip" install -q --upgrade pip
  "$SCAN_VENV/bin/pip" install -q "wapiti3==3.2.3"
fi

export DEBUG=false OPVANG_HTTPS=false OPVANG_REQUIRE_2FA=false
export SECRET_KEY="scan-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(64))')"
export ALLOWED_HOSTS=127.0.0.1 DATABASE_URL="sqlite:///${work}/scan.sqlite3"
unset CELERY_BROKER_URL REDIS_URL
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py seed_demo >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0

.venv/bin/gunicorn opvang.wsgi --bind "127.0.0.1:${PORT}" --workers 2 --log-level warning &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 30); do curl -fs -o /dev/null "$BASE_URL/login/" && break; sleep 1; done

# Log in like a browser: fetch the CSRF cookie, post the form, keep the session cookie.
password="$(.venv/bin/python manage.py shell -c 'from demo.network import DEMO_PASSWORD; print(DEMO_PASSWORD)' 2>/dev/null | tail -n1)"
jar="$work/cookies.txt"
curl -fs -c "$jar" -o /dev/null "$BASE_URL/login/"
csrf="$(awk '$6 == "csrftoken" {print $7}' "$jar")"
code="$(curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' -H "Referer: $BASE_URL/login/" \
  --data-urlencode "csrfmiddlewaretoken=$csrf" --data-urlencode "username=begeleider" \
  --data-urlencode "password=$password" "$BASE_URL/login/")"
[ "$code" = 302 ] || { echo "login as begeleider failed (HTTP $code)"; exit 1; }
session="$(awk '$6 == "sessionid" {print $7}' "$jar")"
csrf="$(awk '$6 == "csrftoken" {print $7}' "$jar")"

# Logout, language switch and password change are excluded so the scan stays logged in as it was.
"$SCAN_VENV/bin/wapiti" -u "$BASE_URL/" --scope folder \
  -m xss,sql,csrf,crlf,redirect,http_headers,cookieflags,csp \
  -C "sessionid=${session}; csrftoken=${csrf}" --drop-set-cookie \
  -x "$BASE_URL/logout/" -x "$BASE_URL/language/" -x "$BASE_URL/password/" -x "$BASE_URL/admin/*" \
  --max-scan-time "${SCAN_SECONDS:-900}" --flush-session --no-bugreport \
  -f json -o "$OUT/wapiti.json" -v 1 | tee "$OUT/wapiti.log"

# Summary: findings per category (vulnerabilities and anomalies).
.venv/bin/python - "$OUT/wapiti.json" <<'PY' | tee "$OUT/summary.txt"
import json, sys
report = json.load(open(sys.argv[1]))
info = report.get("infos", {})
print(f"wapiti {info.get('version', '?')} against {info.get('target', '?')}, scope {info.get('scope', '?')}")
print(f"crawled URLs: {info.get('crawled_pages_nbr', '?')}")
for section in ("vulnerabilities", "anomalies", "additionals"):
    for category, items in sorted(report.get(section, {}).items()):
        if items:
            print(f"{section}: {category}: {len(items)}")
            for item in items[:5]:
                print(f"    {item.get('method', '')} {item.get('path', '')} {item.get('info', '')[:160]}")
total = sum(len(v) for v in report.get("vulnerabilities", {}).values())
print(f"total vulnerabilities: {total}")
PY
