#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the hand-made seeds of corpus/<target>/ (fuzz_jwt's come from make-jwt-seeds.py).
# Each seed is a meaningful shape: the valid case, and the attacks the unit must refuse.
# Usage: python3 tests/fuzz/make-seeds.py
import json, pathlib, shutil

here = pathlib.Path(__file__).resolve().parent
root = here.parent.parent

def put(target, name, data):
    d = here / "corpus" / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())

# fuzz_httpframer: byte 0 = control (0x80 tight limits; low bits pick the slice length).
H = "Host: 127.0.0.1:8765\r\n"
frames = {
    "get": "GET /mcp/demo HTTP/1.1\r\n" + H + "\r\n",
    "post-cl": "POST /mcp/demo HTTP/1.1\r\n" + H + "Content-Length: 5\r\n\r\nhello",
    "pipelined": ("POST /mcp/a HTTP/1.1\r\n" + H + "Content-Length: 2\r\n\r\n{}") * 2 + "GET / HTTP/1.1\r\n" + H + "\r\n",
    "chunked": "POST /mcp/demo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n0\r\n\r\n",
    "chunked-trailer": "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nX-T: 1\r\n\r\n",
    "chunk-size-max": "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n1\r\nA\r\n7fffffffffffffff\r\n",
    "chunk-size-overflow": "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n",
    "chunk-size-negative": "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n-1\r\n",
    "chunk-size-0x": "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n",
    "cl-te": "POST / HTTP/1.1\r\n" + H + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "te-cl": "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n",
    "te-identity-chunked": "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: identity, chunked\r\n\r\n0\r\n\r\n",
    "te-chunked-twice": "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "te-space-colon": "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n",
    "te-vtab": "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding:\x0bchunked\r\n\r\n0\r\n\r\n",
    "cl-dup-diff": "POST / HTTP/1.1\r\n" + H + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab",
    "cl-list": "POST / HTTP/1.1\r\n" + H + "Content-Length: 2, 2\r\n\r\nab",
    "cl-plus": "POST / HTTP/1.1\r\n" + H + "Content-Length: +2\r\n\r\nab",
    "cl-huge": "POST / HTTP/1.1\r\n" + H + "Content-Length: 99999999999999999999999\r\n\r\n",
    "obs-fold": "GET / HTTP/1.1\r\n" + H + "X-A: 1\r\n  continued\r\n\r\n",
    "bare-lf": "GET / HTTP/1.1\n" + H + "\n",
    "bare-cr": "GET / HTTP/1.1\r" + H + "\r\n",
    "nul-in-value": "GET / HTTP/1.1\r\n" + H + "X-A: a\x00b\r\n\r\n",
    "no-host": "GET / HTTP/1.1\r\n\r\n",
    "two-hosts": "GET / HTTP/1.1\r\n" + H + H + "\r\n",
    "http10-te": "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "http2-version": "GET / HTTP/2.0\r\n" + H + "\r\n",
    "absolute-form": "GET http://127.0.0.1:8765/mcp/demo HTTP/1.1\r\n" + H + "\r\n",
    "expect-continue": "POST / HTTP/1.1\r\n" + H + "Expect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
    "long-request-line": "GET /" + "a" * 9000 + " HTTP/1.1\r\n" + H + "\r\n",
    "many-fields": "GET / HTTP/1.1\r\n" + H + "".join("X-%d: v\r\n" % i for i in range(120)) + "\r\n",
    "long-field": "GET / HTTP/1.1\r\n" + H + "X-Big: " + "b" * 8100 + "\r\n\r\n",
    "double-space": "GET  / HTTP/1.1\r\n" + H + "\r\n",
    "lowercase-method-version": "get / http/1.1\r\n" + H + "\r\n",
}
for name, text in frames.items():
    put("fuzz_httpframer", name, b"\x00" + text.encode("latin-1"))
    put("fuzz_httpframer", name + "-tight-sliced", b"\x85" + text.encode("latin-1"))

# fuzz_httpresponseparser: byte 0 = control (0x01 HEAD, 0x02 tight caps, the rest picks slices).
resp = {
    "200-cl": "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: application/json\r\n\r\n\"hi!\"",
    "chunked": "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\nabcd\r\n0\r\n\r\n",
    "chunked-trailers": "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nX-T: 1\r\n\r\n",
    "chunked-upper-hex-spaces": "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n A \r\n0123456789\r\n0\r\n\r\n",
    "chunk-size-overflow": "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n",
    "chunk-size-negative": "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\n",
    "chunk-bad-framing": "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcd\r\n0\r\n\r\n",
    "100-continue-then-200": "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
    "many-interim": "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" * 20 + "HTTP/1.1 204 No Content\r\n\r\n",
    "204-with-body": "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello",
    "304": "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n",
    "http10-close": "HTTP/1.0 200 OK\r\n\r\nuntil the connection closes",
    "cl-negative": "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
    "cl-plus": "HTTP/1.1 200 OK\r\nContent-Length: +3\r\n\r\nabc",
    "cl-huge": "HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775807\r\n\r\n",
    "cl-dup": "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 30\r\n\r\nabc",
    "te-gzip": "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nxx",
    "te-gzip-chunked": "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
    "cl-and-te": "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "status-garbage": "HTTP/1.1 2x0 OK\r\n\r\n",
    "status-huge": "HTTP/1.1 99999999999 OK\r\n\r\n",
    "no-colon-field": "HTTP/1.1 200 OK\r\nBroken field\r\n\r\n",
    "bare-lf-head": "HTTP/1.1 200 OK\nContent-Length: 0\n\n",
    "head-9k": "HTTP/1.1 200 OK\r\nX-Big: " + "x" * 9000 + "\r\n\r\n",
    "connection-close": "HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}",
}
for name, text in resp.items():
    put("fuzz_httpresponseparser", name, b"\x00" + text.encode("latin-1"))
    put("fuzz_httpresponseparser", name + "-tight-sliced", b"\x0e" + text.encode("latin-1"))
put("fuzz_httpresponseparser", "head-request-with-body", b"\x01" + resp["200-cl"].encode())
# The chunk-size overflow reproduced in review (signed overflow in the chunk arithmetic): a crash
# until the parser bounds the size before adding it.
put("fuzz_httpresponseparser", "crash-chunk-size-overflow",
    b"\x00HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nA\r\n7fffffffffffffff\r\n")

# fuzz_jsonrpc: POST bodies.
M = "io.modelcontextprotocol/protocolVersion"
rpc = {
    "initialize-2025-03-26": {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                              "params": {"protocolVersion": "2025-03-26", "capabilities": {}, "clientInfo": {"name": "c", "version": "1"}}},
    "initialize-2025-11-25": {"jsonrpc": "2.0", "id": "a", "method": "initialize", "params": {"protocolVersion": "2025-11-25"}},
    "initialize-unknown-rev": {"jsonrpc": "2.0", "id": 2, "method": "initialize", "params": {"protocolVersion": "2099-01-01"}},
    "stateless-tools-call": {"jsonrpc": "2.0", "id": 3, "method": "tools/call",
                             "params": {"name": "get_pet", "arguments": {"id": 1}, "_meta": {M: "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}}},
    "stateless-legacy-rev": {"jsonrpc": "2.0", "id": 4, "method": "tools/list", "params": {"_meta": {M: "2025-06-18"}}},
    "batch": [{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}, {"jsonrpc": "2.0", "method": "notifications/initialized"},
              {"jsonrpc": "2.0", "id": 9, "result": {}}],
    "notification-cancelled": {"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 3}},
    "response-error": {"jsonrpc": "2.0", "id": {"x": 1}, "error": {"code": -1, "message": "m"}},
    "id-float": {"jsonrpc": "2.0", "id": 1.5, "method": "ping"},
    "id-huge": {"jsonrpc": "2.0", "id": 1e300, "method": "ping"},
    "id-bool": {"jsonrpc": "2.0", "id": True, "method": "ping"},
    "params-array": {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": [1, 2]},
    "jsonrpc-1": {"jsonrpc": "1.0", "id": 1, "method": "ping"},
    "empty-method": {"jsonrpc": "2.0", "id": 1, "method": ""},
}
for name, doc in rpc.items():
    put("fuzz_jsonrpc", name, json.dumps(doc))
put("fuzz_jsonrpc", "deep-nesting", '{"jsonrpc":"2.0","id":1,"method":"x","params":{"a":' + "[" * 2000 + "]" * 2000 + "}}")
put("fuzz_jsonrpc", "lone-surrogate", '{"jsonrpc":"2.0","id":"\\ud800","method":"\\udfff\\u0000"}')
put("fuzz_jsonrpc", "dup-keys", '{"jsonrpc":"2.0","id":1,"id":"x","method":"ping","method":"initialize"}')
put("fuzz_jsonrpc", "big-batch", json.dumps([{"jsonrpc": "2.0", "id": i, "method": "ping"} for i in range(150)]))

# fuzz_yamltojson: YAML and JSON documents.
yaml = {
    "anchors-aliases": "base: &b {type: object, properties: {a: {type: string}}}\nother: *b\nlist: [*b, *b]\n",
    "merge-key": "defaults: &d {timeout: 1, retries: 2}\nservice:\n  <<: *d\n  retries: 3\n",
    "billion-laughs": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
    "undefined-alias": "a: *nowhere\n",
    "tags": "a: !!binary aGVsbG8=\nb: !custom {x: 1}\nc: !!str 1.10\nd: !!int 0x1F\n",
    "scalars": "v: 1.10\nn: ~\nb: yes\nf: .inf\nnan: .NaN\nbig: 1e999\nhex: 0x7fffffffffffffffff\noct: 0o17\n",
    "multi-document": "a: 1\n---\nb: 2\n...\n",
    "duplicate-keys": "a: 1\na: 2\n",
    "complex-key": "? [a, b]\n: value\n{x: 1}: y\n",
    "block-scalars": "a: |\n  line1\n  line2\nb: >-\n  folded\n  text\n",
    "deep-flow": "a: " + "[" * 3000 + "]" * 3000 + "\n",
    "deep-block": "".join("  " * i + "k:\n" for i in range(400)),
    "json-bom": "\ufeff{\"openapi\": \"3.0.0\"}",
    "json-deep": "{\"a\":" + "[" * 3000 + "]" * 3000 + "}",
    "tabs-and-cr": "a:\t1\r\nb: 2\r",
}
for name, text in yaml.items():
    put("fuzz_yamltojson", name, text)

# fuzz_openapi: the test documents plus $ref and YAML traps.
for f in (root / "tests" / "data" / "openapi").glob("*.*"):
    shutil.copy(f, here / "corpus" / "fuzz_openapi" / f.name)
shutil.copy(root / "resources" / "demo" / "demo-openapi.yaml", here / "corpus" / "fuzz_openapi" / "demo-openapi.yaml")
api = """openapi: 3.0.3
info: {title: t, version: 1.0}
paths:
  /a/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    get:
      operationId: getA
      parameters: [{$ref: '#/components/parameters/q'}]
      responses: {'200': {description: ok}}
    post:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}
      responses: {'200': {description: ok}}
components:
  parameters:
    q: {name: q, in: query, schema: {type: array, items: {type: string}}, style: form, explode: false}
  schemas:
    A: {type: object, properties: {self: {$ref: '#/components/schemas/A'}, b: {$ref: '#/components/schemas/B'}}}
    B: {allOf: [{$ref: '#/components/schemas/A'}], uniqueItems: true}
"""
put("fuzz_openapi", "ref-cycle-allof", api)
put("fuzz_openapi", "ref-self", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {$ref: '#/paths'}\n")
put("fuzz_openapi", "ref-escape-dir", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /x: {$ref: '../../../etc/passwd#/x'}\n")
put("fuzz_openapi", "ref-pointer-escapes", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      responses: {$ref: '#/x~1y~0z/%25'}\nx/y~z: {'%': {}}\n")
put("fuzz_openapi", "anchors-in-paths", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a: &op {get: {operationId: same, responses: {'200': {description: d}}}}\n  /b: *op\n  /c: *op\n")
put("fuzz_openapi", "servers-variables", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\nservers: [{url: 'http://{h}:{p}/{b}', variables: {h: {default: 127.0.0.1}, p: {default: '80', enum: ['80']}, b: {default: v1}}}]\npaths: {}\n")
laughs = "".join(f"    l{i}: &l{i} [" + ", ".join([f"*l{i-1}"] * 9) + "]\n" for i in range(1, 7))
put("fuzz_openapi", "billion-laughs-schema", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\n"
    "x-laughs:\n    l0: &l0 [x, x, x, x, x, x, x, x, x]\n" + laughs + "paths:\n  /x:\n    post:\n"
    "      requestBody: {content: {application/json: {schema: {type: object, properties: {a: {type: array, default: *l6}}}}}}\n"
    "      responses: {'200': {description: d}}\n")
put("fuzz_openapi", "multipart", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /up:\n    post:\n      requestBody: {content: {multipart/form-data: {schema: {type: object, properties: {f: {type: string, format: binary}}}}}}\n      responses: {'200': {description: d}}\n")

# fuzz_workspaceloader: workspace files of every kind.
def ws(service, gateway=None):
    doc = {"version": 1, "services": [dict({"name": "svc", "openapi": "api.yaml"}, **service)]}
    if gateway: doc["gateway"] = gateway
    return json.dumps(doc, indent=1)
K = "keychain:portcullis/svc"
work = {
    "demo": (root / "resources" / "demo" / "demo-workspace.json").read_text(),
    "gateway-all": ws({}, {"listen": "[::1]:0", "allowedHosts": ["a"], "allowedOrigins": ["http://x"], "maxBodyBytes": 1024,
                           "maxConnections": 1, "idleTimeoutMs": 100, "maxSessions": 1, "sessionIdleTimeoutMs": 1000,
                           "metrics": True, "trafficLogFile": "traffic.log"}),
    "apikey": ws({"security": {"mode": "apiKey", "apiKeyHashes": ["sha256:" + "0" * 64]}}),
    "oauth2": ws({"security": {"mode": "oauth2", "authorizationServers": ["https://as.test"], "requiredScopes": ["read"],
                               "toolScopes": {"t": ["admin"]}, "resourceUrl": "http://127.0.0.1:8765/mcp/svc",
                               "requireAtJwtType": False, "allowLoopbackHttpIssuers": True,
                               "introspection": {"endpoint": "https://as.test/i", "clientId": "c", "clientSecretRef": K}}}),
    "basic": ws({"backendAuth": {"kind": "basic", "username": "u", "secretRef": "${env:PW}"}}),
    "token": ws({"backendAuth": {"kind": "token", "secretRef": K, "headerName": "X-Api-Key"}}),
    "client-cert": ws({"baseUrl": "https://127.0.0.1:1", "backendAuth": {"kind": "clientCertificate", "certificateRef": K, "caCertificateRef": K}}),
    "client-credentials": ws({"backendAuth": {"kind": "oauth2ClientCredentials", "tokenEndpoint": "https://as.test/t", "clientId": "c",
                                              "secretRef": K, "scopes": ["a"], "resource": "r", "audience": "a",
                                              "allowLoopbackHttpTokenEndpoint": True}}),
    "service-options": ws({"baseUrl": "http://127.0.0.1:9/v1", "timeoutMs": 100, "maxResponseBytes": 1024, "toolNaming": "verbPath",
                           "include": ["GET /a"], "exclude": ["x"], "x-note": 1}),
    "mode-typo": ws({"security": {"mode": "apikey"}}),
    "secret-inline": ws({"backendAuth": {"kind": "token", "secret": "hunter2"}}),
    "env-ref-bad": ws({"backendAuth": {"kind": "token", "secretRef": "${env:1BAD}"}}),
    "dup-service": json.dumps({"version": 1, "services": [{"name": "a", "openapi": "x"}, {"name": "a", "openapi": "y"}]}),
    "version-float": '{"version":1.0000000000000002,"services":[]}',
    "huge-ints": ws({"timeoutMs": 1e300, "maxResponseBytes": -9223372036854775808}),
}
for name, text in work.items():
    put("fuzz_workspaceloader", name, text)
print("seeds written")
