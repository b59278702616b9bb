#!/usr/bin/env bash
# Serves the built web app on this machine only (127.0.0.1), with Debian's python:
#   bash scripts/web-serve.sh [SITE_DIR=build-web/site] [PORT=8080]
# .wasm goes out as application/wasm (WebAssembly.instantiateStreaming insists), .webmanifest as
# application/manifest+json, fonts as font/otf. Every response says Cache-Control: no-cache, so the
# browser asks again each time (a 304 when the file is unchanged): the service worker, not the HTTP
# cache, is what keeps the app offline, and a rebuilt site is seen at once by the service worker's
# update check. 127.0.0.1 counts as a secure origin, so the service worker works without HTTPS.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
site="${1:-$here/build-web/site}"
port="${2:-8080}"
if [ ! -f "$site/index.html" ]; then
  echo "没有找到 $site/index.html，请先编译网页版（bash scripts/web.sh）" >&2
  echo "no $site/index.html: build the web app first (bash scripts/web.sh)" >&2
  exit 1
fi
[ -x /usr/bin/python3 ] || { echo "缺少 /usr/bin/python3（apt-get install python3）" >&2; exit 1; }
exec /usr/bin/python3 - "$site" "$port" <<'PY'
import functools
import http.server
import sys

site, port = sys.argv[1], int(sys.argv[2])


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the page's dozen requests share connections
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".mjs": "text/javascript; charset=utf-8",
        ".json": "application/json",
        ".wasm": "application/wasm",
        ".webmanifest": "application/manifest+json",
        ".otf": "font/otf",
        ".png": "image/png",
        ".txt": "text/plain; charset=utf-8",
    }

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()


try:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=site))
except OSError as e:
    sys.exit(f"端口 {port} 无法使用（{e.strerror}），请换一个：bash scripts/web-serve.sh {site} 8081\n"
             f"port {port} is not available ({e.strerror}): pass another one")
print(f"基层网页版：http://127.0.0.1:{port}/ （只有本机可以访问，按 Ctrl+C 停止）", flush=True)
print(f"Jiceng web app: http://127.0.0.1:{port}/ (this machine only; Ctrl+C stops)", flush=True)
print(f"目录 / folder: {site}", flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
finally:
    server.server_close()
PY
