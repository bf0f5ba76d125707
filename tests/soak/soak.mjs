// SPDX-License-Identifier: GPL-3.0-or-later
// Soak driver for tests/soak/run.sh (not in CI). One headless gateway serves a workspace with two
// services behind a flapping loopback proxy to the demo backend:
//   "keyed": API key on the endpoint, a canary secret injected to the backend (backendAuth token);
//   "oauth": OAuth2 on the endpoint, JWTs from a loopback authorization server (metadata + JWKS).
// While steady load runs, it renews the API key (portcullis --new-api-key), rotates the signing key
// of the JWKS, flaps the backend (connections cut, then refused) and rewrites the workspace
// (hot reloads). It samples the gateway's RSS and open file descriptors and checks at the end:
//   - every request got exactly one answer, with its own JSON-RPC id (no lost, no duplicated),
//     and the gateway recorded exactly one traffic event per request;
//   - RSS after warm-up (12,000 requests: the in-memory event log is full) stays within ±10 % of
//     its median, fds return to their baseline;
//   - the canary secret and the API keys never appear in stdout events, stderr, the traffic log
//     file or any answer; the gateway never crashed.
// Usage: node soak.mjs BIN SECONDS WORKDIR   (run.sh passes them)

import { spawn, execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const [bin, secondsArg, work] = process.argv.slice(2);
const DURATION_S = Number(secondsArg);
// Warm-up: the in-memory traffic log keeps the last 10,000 events, so RSS grows until it is full.
// Steady state starts once 12,000 requests were sent and at least a minute has passed.
const WARMUP_REQUESTS = 12000, WARMUP_MIN_S = 60;
const RENEW_EVERY_S = 60, ROTATE_EVERY_S = 90, FLAP_EVERY_S = 75, FLAP_DOWN_S = 5, RELOAD_EVERY_S = 45;
const KEY_LOOPS = 3, OAUTH_LOOPS = 2, PAUSE_MS = 20;
const CANARY = `soak-canary-${crypto.randomBytes(12).toString('hex')}`;
const ENV = { ...process.env, QT_QPA_PLATFORM: 'offscreen', QT_LOGGING_RULES: '*.debug=false', SOAK_CANARY: CANARY };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const elapsed = () => (Date.now() - t0) / 1000;
const log = (...a) => console.log(`[${elapsed().toFixed(0).padStart(5)} s]`, ...a);
const children = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

function startProcess(args, name) {
    const child = spawn(bin, args, { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const p = { child, stdout: '', stderr: '', name, exit: null,
                stdoutFile: fs.createWriteStream(path.join(work, `${name}.stdout`)),
                stderrFile: fs.createWriteStream(path.join(work, `${name}.stderr`)) };
    child.stdout.on('data', (d) => { p.stdoutFile.write(d); p.stdout = (p.stdout + d).slice(-20000); });
    child.stderr.on('data', (d) => { p.stderrFile.write(d); p.stderr = (p.stderr + d).slice(-20000); });
    child.on('exit', (code, signal) => { p.exit = { code, signal }; });
    return p;
}
async function waitFor(p, re, ms = 20000) {
    const deadline = Date.now() + ms;
    for (;;) {
        const m = re.exec(p.stdout) ?? re.exec(p.stderr);
        if (m) return m;
        if (p.exit || Date.now() > deadline) throw new Error(`${p.name}: no ${re} (${JSON.stringify(p.exit)})\n${p.stderr}`);
        await sleep(20);
    }
}

// --- backend: the demo backend behind a proxy that can flap --------------------------------------
const demo = startProcess(['--headless', '--demo', '--listen', '127.0.0.1:0'], 'demo');
const backendUrl = new URL((await waitFor(demo, /demo backend: (http:\/\/\S+)/))[1]);
let backendUp = true;
const proxied = new Set();
const proxy = net.createServer((client) => {
    if (!backendUp) { client.destroy(); return; }
    const upstream = net.connect(Number(backendUrl.port), backendUrl.hostname);
    proxied.add(client);
    client.on('close', () => proxied.delete(client));
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
});
await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
const proxyUrl = `http://127.0.0.1:${proxy.address().port}${backendUrl.pathname.replace(/\/$/, '')}`;
let flaps = 0;
async function flap() {
    backendUp = false;
    ++flaps;
    for (const s of proxied) s.destroy();
    await sleep(FLAP_DOWN_S * 1000);
    backendUp = true;
}

// --- authorization server with a rotating signing key -------------------------------------------
let keys = []; // {kid, privateKey, jwk}
let signing;
let rotations = 0;
function newKey() {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = `soak-${crypto.randomBytes(4).toString('hex')}`;
    return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
}
let jwksFetches = 0;
const as = http.createServer((req, res) => {
    const issuer = `http://127.0.0.1:${as.address().port}`;
    if (req.url === '/.well-known/oauth-authorization-server' || req.url === '/.well-known/openid-configuration') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks`, token_endpoint: `${issuer}/token`,
                                 response_types_supported: ['code'], subject_types_supported: ['public'],
                                 id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/jwks') {
        ++jwksFetches;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ keys: keys.map((k) => k.jwk) }));
    } else {
        res.writeHead(404).end();
    }
});
await new Promise((r) => as.listen(0, '127.0.0.1', r));
const issuer = `http://127.0.0.1:${as.address().port}`;
signing = newKey();
keys = [signing];
function rotate() {
    // Publish the next key and sign with it at once: the gateway refetches the JWKS on the unknown
    // kid. The previous key leaves the set (tokens it signed are no longer minted).
    signing = newKey();
    keys = [signing];
    ++rotations;
}
const b64 = (x) => Buffer.from(x).toString('base64url');
function mintToken(audience) {
    const now = Math.floor(Date.now() / 1000);
    const head = b64(JSON.stringify({ alg: 'RS256', typ: 'at+jwt', kid: signing.kid }));
    const body = b64(JSON.stringify({ iss: issuer, aud: audience, sub: 'soak', client_id: 'soak', scope: 'soak:call',
                                      iat: now, exp: now + 600, jti: crypto.randomUUID() }));
    const sig = crypto.sign('sha256', Buffer.from(`${head}.${body}`), signing.privateKey);
    return `${head}.${body}.${b64(sig)}`;
}

// --- workspace and gateway ------------------------------------------------------------------------
const wsFile = path.join(work, 'workspace.json');
const trafficLog = path.join(work, 'traffic.jsonl');
const demoOpenApi = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../resources/demo/demo-openapi.yaml');
let reloadMark = 0;
function workspace(keyedSecurity) {
    return {
        version: 1,
        gateway: { listen: '127.0.0.1:0', trafficLogFile: trafficLog, 'x-soak-reload': reloadMark },
        services: [
            { name: 'keyed', openapi: demoOpenApi, baseUrl: proxyUrl, timeoutMs: 5000, security: keyedSecurity,
              backendAuth: { kind: 'token', secretRef: '${env:SOAK_CANARY}', headerName: 'X-Soak-Secret' } },
            { name: 'oauth', openapi: demoOpenApi, baseUrl: proxyUrl, timeoutMs: 5000,
              security: { mode: 'oauth2', authorizationServers: [issuer], requiredScopes: ['soak:call'],
                          allowLoopbackHttpIssuers: true } },
        ],
    };
}
fs.writeFileSync(wsFile, JSON.stringify(workspace({ mode: 'none' }), null, 2));
const execFileP = promisify(execFile);
const apiKeys = [];
async function renewKey() {
    const { stdout } = await execFileP(bin, ['--config', wsFile, '--new-api-key', 'keyed'], { env: ENV });
    const key = stdout.trim();
    apiKeys.push(key);
    return key;
}
let apiKey = await renewKey();
const gw = startProcess(['--headless', '--config', wsFile, '--listen', '127.0.0.1:0', '--log-events'], 'gateway');
const base = (await waitFor(gw, /^listening on (http:\/\/\S+?)\/?$/m))[1];
const endpoint = (svc) => `${base}/mcp/${svc}`;
let reloadsSeen = () => (gw.stderr.match(/workspace reloaded/g) ?? []).length;
let reloadCount = 0;
fs.appendFileSync(path.join(work, 'gateway.pid'), `${gw.child.pid}\n`);
log(`gateway ${base} (pid ${gw.child.pid}), backend via proxy ${proxyUrl}, issuer ${issuer}; ${DURATION_S} s`);

async function rewriteWorkspace() {
    // A harmless change (an x- property) that the watcher reloads.
    const current = JSON.parse(fs.readFileSync(wsFile, 'utf8'));
    current.gateway['x-soak-reload'] = ++reloadMark;
    const tmp = `${wsFile}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(current, null, 2));
    fs.renameSync(tmp, wsFile);
}
async function waitReload(before, ms = 10000) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
        const seen = (fs.readFileSync(path.join(work, 'gateway.stderr'), 'utf8').match(/workspace reloaded/g) ?? []).length;
        if (seen > before) return seen;
        await sleep(20);
    }
    return before;
}
const reloadsSoFar = () => (fs.readFileSync(path.join(work, 'gateway.stderr'), 'utf8').match(/workspace reloaded/g) ?? []).length;

// --- load ------------------------------------------------------------------------------------------
const stats = { sent: 0, answered: 0, lost: 0, duplicated: 0, wrongId: 0, leakInAnswer: 0,
                byStatus: {}, toolErrors: 0, renewal401: 0, oauth401: 0, errors: {} };
let nextId = 1;
let running = true;
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const bump = (o, k) => { o[k] = (o[k] ?? 0) + 1; };

function call(svc, headers) {
    const id = nextId++;
    const body = JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call',
        params: { name: 'getForecast', arguments: { city: 'Lisbon', days: 1 },
                  _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} } } });
    ++stats.sent;
    return new Promise((resolve) => {
        let answers = 0;
        const req = http.request(endpoint(svc), { method: 'POST', agent, headers: {
            'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'MCP-Protocol-Version': '2026-07-28',
            'Mcp-Method': 'tools/call', 'Mcp-Name': 'getForecast', 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c) => { text += c; });
            res.on('end', () => {
                if (++answers > 1) { ++stats.duplicated; return; }
                ++stats.answered;
                bump(stats.byStatus, res.statusCode);
                if (text.includes(CANARY) || apiKeys.some((k) => text.includes(k))) ++stats.leakInAnswer;
                let json;
                try { json = JSON.parse(text); } catch { json = undefined; }
                if (res.statusCode === 200) {
                    if (json?.id !== id) ++stats.wrongId;
                    if (json?.result?.isError) ++stats.toolErrors;
                }
                resolve({ status: res.statusCode, json });
            });
        });
        req.setTimeout(30000, () => req.destroy(new Error('timeout')));
        req.on('error', (e) => { ++stats.lost; bump(stats.errors, e.code ?? e.message); resolve({ status: 0 }); });
        req.end(body);
    });
}
async function keyedLoop() {
    while (running) {
        const used = apiKey;
        const r = await call('keyed', { 'x-reshapr-key': used });
        if (r.status === 401) {
            ++stats.renewal401;
            while (running && apiKey === used) await sleep(50); // the key was renewed: wait for the new one
        }
        await sleep(PAUSE_MS);
    }
}
async function oauthLoop() {
    let token = mintToken(endpoint('oauth'));
    let mintedAt = Date.now();
    let mintedKid = signing.kid;
    while (running) {
        if (Date.now() - mintedAt > 60000 || mintedKid !== signing.kid) {
            token = mintToken(endpoint('oauth'));
            mintedAt = Date.now();
            mintedKid = signing.kid;
        }
        const r = await call('oauth', { Authorization: `Bearer ${token}` });
        if (r.status === 401) ++stats.oauth401;
        await sleep(PAUSE_MS);
    }
}

// --- resources ---------------------------------------------------------------------------------------
const samples = [];
function sample() {
    const pid = gw.child.pid;
    try {
        const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
        const rss = Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
        const fds = fs.readdirSync(`/proc/${pid}/fd`).length;
        samples.push({ t: elapsed(), rss, fds, sent: stats.sent });
    } catch { /* gone: reported below */ }
}
const sampler = setInterval(sample, 5000);
sample();

// --- chaos schedule ----------------------------------------------------------------------------------
const loops = [...Array(KEY_LOOPS)].map(keyedLoop).concat([...Array(OAUTH_LOOPS)].map(oauthLoop));
const every = (s, fn) => setInterval(() => { if (running) fn().catch((e) => log('chaos error', e.message)); }, s * 1000);
let renewals = 0;
const timers = [
    every(RENEW_EVERY_S, async () => {
        const before = reloadsSoFar();
        const key = await renewKey();
        reloadCount = await waitReload(before);
        apiKey = key;
        ++renewals;
    }),
    every(ROTATE_EVERY_S, async () => { rotate(); }),
    every(FLAP_EVERY_S, flap),
    every(RELOAD_EVERY_S, async () => { const before = reloadsSoFar(); await rewriteWorkspace(); reloadCount = await waitReload(before); }),
    setInterval(() => log(`sent ${stats.sent}, answered ${stats.answered}, lost ${stats.lost}, statuses ${JSON.stringify(stats.byStatus)}, `
                         + `RSS ${samples.at(-1)?.rss} kB, fds ${samples.at(-1)?.fds}, renewals ${renewals}, rotations ${rotations}, `
                         + `flaps ${flaps}, reloads ${reloadsSoFar()}`), 60000),
];
while (elapsed() < DURATION_S && !gw.exit) await sleep(500);
running = false;
timers.forEach(clearInterval);
await Promise.all(loops);
agent.destroy();
await sleep(3000);
sample();
clearInterval(sampler);
const crashed = gw.exit;

// --- verdict ---------------------------------------------------------------------------------------
const failures = [];
if (crashed) failures.push(`the gateway exited: ${JSON.stringify(crashed)}`);
if (stats.lost) failures.push(`${stats.lost} request(s) without an answer: ${JSON.stringify(stats.errors)}`);
if (stats.duplicated) failures.push(`${stats.duplicated} duplicated answer(s)`);
if (stats.wrongId) failures.push(`${stats.wrongId} answer(s) with another request's id`);
if (stats.answered !== stats.sent) failures.push(`sent ${stats.sent} but answered ${stats.answered}`);
const steady = samples.filter((s) => s.t >= WARMUP_MIN_S && s.sent >= WARMUP_REQUESTS);
let rssReport = 'not enough samples after warm-up';
if (steady.length < 3) failures.push(`too short to judge memory: ${steady.length} samples after warm-up`);
if (steady.length >= 3) {
    const sorted = steady.map((s) => s.rss).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    const lo = sorted[0], hi = sorted.at(-1);
    rssReport = `median ${median} kB, min ${lo} (${((lo / median - 1) * 100).toFixed(1)} %), max ${hi} (+${((hi / median - 1) * 100).toFixed(1)} %)`;
    if (hi > median * 1.1 || lo < median * 0.9) failures.push(`RSS not flat after warm-up: ${rssReport}`);
    const firstHalf = steady.slice(0, Math.floor(steady.length / 2)).map((s) => s.rss);
    const secondHalf = steady.slice(Math.floor(steady.length / 2)).map((s) => s.rss);
    const avg = (a) => a.reduce((x, y) => x + y, 0) / a.length;
    rssReport += `, steady-state trend ${((avg(secondHalf) / avg(firstHalf) - 1) * 100).toFixed(1)} % (second half vs first)`;
}
const fdsStart = steady[0]?.fds ?? samples[0]?.fds;
const fdsEnd = samples.at(-1)?.fds;
const fdsMax = Math.max(...samples.map((s) => s.fds));
if (fdsEnd !== undefined && fdsStart !== undefined && fdsEnd > fdsStart + 4)
    failures.push(`file descriptors grew: ${fdsStart} after warm-up, ${fdsEnd} at the end`);
gw.stdoutFile.end(); gw.stderrFile.end(); demo.stdoutFile.end(); demo.stderrFile.end();
await sleep(200);
const secrets = [CANARY, ...apiKeys];
const scanned = ['gateway.stdout', 'gateway.stderr', 'traffic.jsonl', 'demo.stderr'];
const canaryHits = [];
for (const f of scanned) {
    const file = path.join(work, f);
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    secrets.forEach((s, i) => { if (text.includes(s)) canaryHits.push(`${f}: ${i === 0 ? 'canary secret' : 'an API key'}`); });
}
if (stats.leakInAnswer) canaryHits.push(`${stats.leakInAnswer} answer(s)`);
if (canaryHits.length) failures.push(`secret found in: ${canaryHits.join(', ')}`);
const events = fs.readFileSync(path.join(work, 'gateway.stdout'), 'utf8').split('\n').filter((l) => l.startsWith('{')).length;
// The gateway's side of the count: one traffic event per request, no more, no fewer.
if (events !== stats.sent) failures.push(`${stats.sent} requests but ${events} traffic events`);
if (!fs.existsSync(trafficLog)) failures.push('no traffic log file was written');

const report = {
    durationS: Math.round(elapsed()), requests: stats.sent, answered: stats.answered, lost: stats.lost,
    duplicated: stats.duplicated, wrongId: stats.wrongId, byStatus: stats.byStatus, toolErrorsDuringFlaps: stats.toolErrors,
    renewal401: stats.renewal401, oauth401: stats.oauth401, trafficEvents: events,
    renewals, jwksRotations: rotations, jwksFetches, backendFlaps: flaps, reloads: reloadsSoFar(),
    warmupEndedAtS: steady[0]?.t !== undefined ? Math.round(steady[0].t) : null, rss: rssReport, fds: `after warm-up ${fdsStart}, max ${fdsMax}, end ${fdsEnd}`,
    canaryHits: canaryHits.length, scanned, samplesFile: path.join(work, 'samples.json'),
};
fs.writeFileSync(path.join(work, 'samples.json'), JSON.stringify(samples));
console.log(JSON.stringify(report, null, 1));
if (failures.length) {
    console.log(`SOAK FAILED:\n- ${failures.join('\n- ')}`);
    process.exit(1);
}
console.log('SOAK PASSED');
process.exit(0);
