// SPDX-License-Identifier: GPL-3.0-or-later
// Load phases for tests/bench/overload.sh (not a test suite). Prints one JSON object per phase.
//
//   node overload-load.mjs rate URL RATE SECONDS [MAX_SOCKETS]
//     Open loop: starts RATE tools/call per second whatever the answers (wrk2-style; latency is
//     measured from the scheduled start, so queueing in the loader counts). A request without an
//     answer 10 s after its scheduled start is abandoned (error DEADLINE). Reports status counts,
//     Retry-After on 429/503, latency percentiles, client-side errors and unanswered requests.
//   node overload-load.mjs recover URL SECONDS
//     One client on fresh connections, a call every 100 ms: seconds until 5 answers in a row were
//     200 within 100 ms.
//   node overload-load.mjs starve URL IDLE SLOW SECONDS
//     Opens IDLE silent connections and SLOW slowloris connections (one header byte every 2 s),
//     then a real client calls every 250 ms (new connection each time) for SECONDS: its statuses
//     and latencies show whether it is served or starved.

import http from 'node:http';
import net from 'node:net';

const BODY = JSON.stringify({
    jsonrpc: '2.0', id: 1, method: 'tools/call',
    params: { name: 'getForecast', arguments: { city: 'Lisbon', days: 3 },
              _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} } },
});
const HEADERS = {
    'Content-Type': 'application/json', Accept: 'application/json, text/event-stream',
    'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'tools/call', 'Mcp-Name': 'getForecast',
    'Content-Length': Buffer.byteLength(BODY),
};
const TIMEOUT_MS = 10000;

// deadline: absolute performance.now() time after which the request is abandoned (DEADLINE),
// wherever it is (queued in the loader, waiting for a connection or for the answer).
function call(url, agent, deadline = performance.now() + TIMEOUT_MS) {
    return new Promise((resolve) => {
        const started = performance.now();
        let timer;
        const done = (r) => { clearTimeout(timer); resolve(r); };
        const req = http.request(url, { method: 'POST', headers: HEADERS, agent }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c) => { body += c; });
            res.on('end', () => done({ status: res.statusCode, retryAfter: res.headers['retry-after'],
                                       ok: res.statusCode === 200 && body.includes('"structuredContent"'),
                                       ms: performance.now() - started }));
            res.on('error', (e) => done({ status: 0, error: e.code ?? e.message, ms: performance.now() - started }));
        });
        timer = setTimeout(() => req.destroy(Object.assign(new Error('deadline'), { code: 'DEADLINE' })),
                           Math.max(0, deadline - performance.now()));
        req.on('error', (e) => done({ status: 0, error: e.code ?? e.message, ms: performance.now() - started }));
        req.end(BODY);
    });
}

function percentiles(values) {
    if (!values.length) return {};
    const s = Float64Array.from(values).sort();
    const at = (p) => Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]);
    return { p50: at(50), p90: at(90), p99: at(99), max: Math.round(s[s.length - 1]) };
}

async function rate(url, perSecond, seconds, maxSockets = 512) {
    const agent = new http.Agent({ keepAlive: true, maxSockets });
    const total = Math.round(perSecond * seconds);
    const statuses = {}; const errors = {}; const latency = {}; let retryAfterMissing = 0; let lagMax = 0;
    const pending = [];
    const t0 = performance.now();
    let started = 0;
    let skipped = 0;
    // Start requests in 10 ms ticks until SECONDS are over. A loader that falls more than a second
    // behind skips the missed starts (counted) instead of queueing them: it offers what it can.
    while (performance.now() - t0 < seconds * 1000) {
        const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * perSecond));
        lagMax = Math.max(lagMax, (due - started - skipped) / perSecond);
        if (due - started - skipped > perSecond)
            skipped = due - started - perSecond;
        for (; started + skipped < due; ++started) {
            const scheduled = t0 + ((started + skipped) / perSecond) * 1000;
            pending.push(call(url, agent, scheduled + TIMEOUT_MS).then((r) => {
                const key = r.status ? String(r.status) : `error:${r.error}`;
                (r.status ? statuses : errors)[r.status || r.error] = ((r.status ? statuses : errors)[r.status || r.error] ?? 0) + 1;
                (latency[key] ??= []).push(performance.now() - scheduled);
                if ((r.status === 429 || r.status === 503) && !r.retryAfter) ++retryAfterMissing;
            }));
        }
        await new Promise((r) => setTimeout(r, 10));
    }
    const sendSeconds = (performance.now() - t0) / 1000;
    await Promise.all(pending);
    agent.destroy();
    const lat = Object.fromEntries(Object.entries(latency).map(([k, v]) => [k, percentiles(v)]));
    return { phase: 'rate', targetRate: perSecond, offeredRate: Math.round(started / sendSeconds), requests: started,
             skippedByLoader: skipped,
             statuses, errors, retryAfterMissing, latencyMsFromSchedule: lat, loaderLagMaxS: +lagMax.toFixed(2),
             drainS: +((performance.now() - t0) / 1000 - sendSeconds).toFixed(2) };
}

async function recover(url, seconds) {
    const t0 = performance.now(); let streak = 0; const seen = {};
    while (performance.now() - t0 < seconds * 1000) {
        const r = await call(url, false);
        seen[r.status || r.error] = (seen[r.status || r.error] ?? 0) + 1;
        streak = r.ok && r.ms < 100 ? streak + 1 : 0;
        if (streak >= 5)
            return { phase: 'recover', recoveredAfterS: +((performance.now() - t0) / 1000).toFixed(2), seen };
        await new Promise((res) => setTimeout(res, 100));
    }
    return { phase: 'recover', recoveredAfterS: null, seen };
}

async function starve(url, idle, slow, seconds) {
    const u = new URL(url);
    const sockets = []; let closedByServer = 0; let slowAnswered = 0; let slowEvicted = 0;
    const open = () => new Promise((resolve) => {
        const s = net.connect({ host: u.hostname, port: Number(u.port) }, () => resolve(s));
        s.on('error', () => resolve(s));
        s.on('data', (d) => {
            const text = d.toString('latin1');
            if (text.startsWith('HTTP/1.1 408')) ++slowAnswered;
            if (text.startsWith('HTTP/1.1 503')) ++slowEvicted; // evicted at the connection cap
        });
        s.on('close', () => { ++closedByServer; });
        sockets.push(s);
    });
    for (let i = 0; i < idle; ++i) await open();
    const slowSockets = [];
    for (let i = 0; i < slow; ++i) slowSockets.push(await open());
    const head = `POST ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: application/json\r\n`;
    let pos = 0;
    const drip = setInterval(() => {
        for (const s of slowSockets) if (!s.destroyed) s.write(head[pos % head.length]);
        ++pos;
    }, 2000);
    const t0 = performance.now(); const timeline = []; const statuses = {}; const okMs = [];
    while (performance.now() - t0 < seconds * 1000) {
        const r = await call(url, false);
        statuses[r.status || r.error] = (statuses[r.status || r.error] ?? 0) + 1;
        if (r.ok) okMs.push(r.ms);
        timeline.push([+((performance.now() - t0) / 1000).toFixed(1), r.status || r.error, Math.round(r.ms)]);
        await new Promise((res) => setTimeout(res, 250));
    }
    clearInterval(drip);
    for (const s of sockets) s.destroy();
    const firstOk = timeline.find(([, st]) => st === 200);
    return { phase: 'starve', idle, slow, seconds, realClient: { statuses, okLatencyMs: percentiles(okMs),
             firstServedAtS: firstOk ? firstOk[0] : null, maxMs: Math.max(...timeline.map((t) => t[2])) },
             attackerConnectionsClosedByServer: closedByServer, slowlorisAnswered408: slowAnswered,
             slowlorisAnswered503: slowEvicted,
             timelineSample: timeline.filter((_, i) => i % 8 === 0) };
}

const [mode, url, ...args] = process.argv.slice(2);
let result;
if (mode === 'rate') result = await rate(url, Number(args[0]), Number(args[1]), Number(args[2] ?? 512));
else if (mode === 'recover') result = await recover(url, Number(args[0] ?? 30));
else if (mode === 'starve') result = await starve(url, Number(args[0]), Number(args[1]), Number(args[2]));
else { console.error('usage: see the header of overload-load.mjs'); process.exit(2); }
console.log(JSON.stringify(result));
