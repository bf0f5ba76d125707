#!/usr/bin/env bash
# Prepares the benchmark's peer: the MCP server that openapi-mcp-generator (pinned in ./package.json)
# generates from the demo's OpenAPI document with the streamable-http transport, installed from the
# committed lockfile in ./generated-lock and built with its own build script (tsc).
# Usage: tests/bench/peer/prepare.sh OUTDIR BACKEND_BASE_URL
#   Start it with:  cd OUTDIR && node build/index.js   (it reads API_BASE_URL from OUTDIR/.env, which
#   this script writes; an API_BASE_URL in the environment wins). It listens on 127.0.0.1 on a port the
#   system chooses and logs "MCP StreamableHTTP Server running at http://localhost:PORT" on stderr.
# Idempotent: when OUTDIR already holds a build made from the same inputs (generator lockfile, OpenAPI
# document, generated project's lockfile, this script, Node major version) only .env is rewritten.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -eq 2 ] || { echo "usage: $0 OUTDIR BACKEND_BASE_URL" >&2; exit 2; }
out="$1"
backend="$2"
spec="$here/../../../resources/demo/demo-openapi.yaml"
pinned="$here/generated-lock"

# The generated project asks for Node >= 20; fall back to the e2e harness's pinned Node otherwise.
node_bin="$(command -v node || true)"
if [ -z "$node_bin" ] || [ "$("$node_bin" -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  node_bin="$here/../../e2e/node_modules/.bin/node"
  [ -x "$node_bin" ] || { echo "prepare.sh: needs Node >= 20 (or tests/e2e installed)" >&2; exit 1; }
  PATH="$(dirname "$(readlink -f "$node_bin")"):$PATH"
  export PATH
fi

key="$(cat "$here/package-lock.json" "$spec" "$pinned/package.json" "$pinned/package-lock.json" "$here/prepare.sh" \
  | sha256sum | cut -d' ' -f1) node$(node -p 'process.versions.node.split(".")[0]')"
stamp="$out/.portcullis-peer-prepared"

write_env() { printf 'API_BASE_URL=%s\n' "$backend" >"$out/.env"; }

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ] && [ -f "$out/build/index.js" ]; then
  write_env
  exit 0
fi
if [ -e "$out" ]; then
  # Only ever delete a directory this script made (or an empty one).
  if [ -f "$stamp" ] || [ -z "$(ls -A "$out")" ]; then
    rm -rf "$out"
  else
    echo "prepare.sh: $out exists and was not made by this script; refusing to overwrite it" >&2
    exit 1
  fi
fi

# The generator itself, at the version in ./package-lock.json.
if [ "$(node -p 'try{require(process.argv[1]).version}catch{""}' \
        "$here/node_modules/openapi-mcp-generator/package.json")" != \
     "$(node -p 'require(process.argv[1]).packages["node_modules/openapi-mcp-generator"].version' \
        "$here/package-lock.json")" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
stamp="$out/.portcullis-peer-prepared"
# Port 0: the system picks a free port when the server starts. The base URL baked in is the
# document's own servers entry; the real one comes from API_BASE_URL at run time.
genlog="$(mktemp)"
"$here/node_modules/.bin/openapi-mcp-generator" -i "$spec" -o "$out" -t streamable-http -p 0 >"$genlog" 2>&1 \
  || { cat "$genlog" >&2; rm -f "$genlog"; exit 1; }
rm -f "$genlog"
echo incomplete >"$stamp" # marks the directory as this script's until the build is done

# The generated project must ask for exactly the dependencies the committed lockfile pins (the
# SDK at 1.24.3: from 1.25 on, the generated server fails every request after the first one with
# "ReadableStream is locked"). Any other difference means the generator's output changed.
node -e '
  const [gen, pin] = process.argv.slice(1).map(f => require(f));
  const names = p => ["dependencies", "devDependencies"].map(k => Object.keys(p[k] || {}).sort().join(","));
  if (JSON.stringify(names(gen)) !== JSON.stringify(names(pin))) {
    console.error("prepare.sh: the generated package.json lists other dependencies than generated-lock/package.json:");
    console.error(JSON.stringify({generated: names(gen), pinned: names(pin)}));
    process.exit(1);
  }' "$out/package.json" "$pinned/package.json"
cp "$pinned/package.json" "$pinned/package-lock.json" "$out/"

# Listen on loopback only (as generated it listens on every interface).
perl -0pi -e 's/(serve\(\{\n\s*fetch: app\.fetch,\n\s*port)\n/$1,\n    hostname: "127.0.0.1"\n/' \
  "$out/src/streamable-http.ts"
grep -q 'hostname: "127.0.0.1"' "$out/src/streamable-http.ts" \
  || { echo "prepare.sh: could not bind the generated server to 127.0.0.1" >&2; exit 1; }

(cd "$out" && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build)
write_env
echo "$key" >"$stamp"
