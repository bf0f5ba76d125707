// SPDX-License-Identifier: GPL-3.0-or-later
// API-key renewal under load: two headless gateways share one workspace file; while 8 concurrent
// loops call tools/call (2026-07-28, plain HTTP) with key1 on gateway A, `--new-api-key demo`
// rewrites the file (key2, key1 revoked). Both gateways must hot-reload: key1 → 401 with an
// ApiKey (never Bearer) challenge, key2 → 200, and no request is ever reset or answered 5xx.
//
// Each loop stops at its first 401: the gateway throttles a peer after 20 failed attempts per
// minute (429 for every key), so the test keeps its failures from 127.0.0.1 well below that.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { newApiKey, startConfiguredGateway, startDemoBackend, stopCleanly, writeWorkspace } from './lib/workspace.mjs';
import { modernHeaders, modernRequest, post, show } from './lib/rpc.mjs';

const LOOPS = 8;
const LOAD_BEFORE_RENEWAL_MS = 1500;
const LOAD_TOTAL_MS = 3000; // key1 until the switch, then key2
const SWITCH_BUDGET_MS = 1500; // hot reload is "within a second"; some slack for a busy CI machine
const API_KEY_CHALLENGE = 'ApiKey header="x-reshapr-key"';

function callBody(id) {
    return modernRequest('tools/call', { name: 'getForecast', arguments: { city: 'Lisbon', days: 1 } }, { id });
}

/** One tools/call with `key`; never throws: {start, end, status, error, ok, res}. */
async function call(url, key, id) {
    const body = callBody(id);
    const start = performance.now();
    try {
        const res = await post(url, body, { ...modernHeaders(body), 'x-reshapr-key': key });
        const end = performance.now();
        const ok = res.status === 200 && res.json?.id === id && res.json?.result !== undefined && res.json.result.isError !== true;
        return { start, end, status: res.status, ok, res };
    } catch (err) {
        return { start, end: performance.now(), status: 0, error: `${err.name}: ${err.message} (${err.cause?.code ?? err.cause?.message ?? ''})` };
    }
}

describe('API key renewal under load, two gateways on one workspace file', () => {
    let backend;
    let ws;
    let gwA;
    let gwB;
    let key1;

    before(async () => {
        backend = await startDemoBackend();
        ws = writeWorkspace({ backendUrl: backend.backendUrl, security: { mode: 'none' } }); // --new-api-key switches it to apiKey
        key1 = await newApiKey(ws.file, 'demo');
        assert.equal(JSON.parse(readFileSync(ws.file, 'utf8')).services[0].security.mode, 'apiKey');
        [gwA, gwB] = await Promise.all([
            startConfiguredGateway(ws.file, { logEvents: false }),
            startConfiguredGateway(ws.file, { logEvents: false }),
        ]);
    });

    after(async () => {
        try {
            await stopCleanly(gwA, 'gateway A');
            await stopCleanly(gwB, 'gateway B');
            await stopCleanly(backend, 'demo backend');
        } finally {
            ws?.cleanup();
        }
    });

    test('key1 works on both gateways; the file holds only its hash', async () => {
        assert.match(key1, /^\S{16,}$/);
        const stored = JSON.parse(readFileSync(ws.file, 'utf8'));
        const hashes = stored.services[0].security.apiKeyHashes;
        assert.equal(hashes.length, 1, JSON.stringify(stored.services[0].security));
        assert.match(hashes[0], /^sha256:[0-9a-f]{64}$/);
        assert.ok(!readFileSync(ws.file, 'utf8').includes(key1), 'the key itself must not be stored');
        for (const gw of [gwA, gwB]) {
            const r = await call(gw.mcpUrl(), key1, 1);
            assert.ok(r.ok, `key1 on :${gw.port}: ${r.error ?? show(r.res)}`);
        }
    });

    test('renewal during 8 concurrent loops: no reset, no 5xx, 200 until the switch, then 401; key2 accepted', async () => {
        const results = []; // {loop, start, end, status, error, ok}
        let stop = false;
        let nextId = 100;
        const loopsDone = [];
        const key2Results = [];
        let resolveKey2;
        const key2Promise = new Promise((r) => (resolveKey2 = r));
        const t0 = performance.now();
        for (let loop = 0; loop < LOOPS; loop++) {
            loopsDone.push(
                (async () => {
                    while (!stop) {
                        const r = await call(gwA.mcpUrl(), key1, nextId++);
                        results.push({ loop, ...r, res: r.status === 200 || r.status === 401 ? undefined : r.res, wwwAuth: r.res?.headers.get('www-authenticate'), body401: r.status === 401 ? r.res.json : undefined });
                        if (r.status !== 200)
                            break; // first 401 (or anything else): key1 is done for this loop
                    }
                    if (results.at(-1)?.status !== 401)
                        return;
                    // Keep the load on with key2 until the end of the load window.
                    const key = await key2Promise;
                    while (!stop && performance.now() - t0 < LOAD_TOTAL_MS) {
                        const r = await call(gwA.mcpUrl(), key, nextId++);
                        key2Results.push({ loop, ...r, res: r.ok ? undefined : r.res });
                    }
                })(),
            );
        }

        await new Promise((r) => setTimeout(r, LOAD_BEFORE_RENEWAL_MS));
        const renewStart = performance.now();
        const key2 = await newApiKey(ws.file, 'demo').catch((err) => {
            stop = true;
            resolveKey2('renewal-failed');
            throw err;
        });
        const renewEnd = performance.now();
        resolveKey2(key2);
        assert.notEqual(key2, key1);

        // Gateway B (idle until now): poll key1 until refused.
        let bSwitch;
        let b401;
        const bDeadline = renewEnd + SWITCH_BUDGET_MS + 3000;
        while (performance.now() < bDeadline) {
            const r = await call(gwB.mcpUrl(), key1, nextId++);
            assert.ok(r.status === 200 || r.status === 401, `gateway B key1 poll: ${r.error ?? show(r.res)}`);
            if (r.status === 401) {
                bSwitch = r.end;
                b401 = r.res;
                break;
            }
            await new Promise((res) => setTimeout(res, 50));
        }

        // Let gateway A's loops run into their 401 (bounded), then stop them.
        const aDeadline = setTimeout(() => (stop = true), Math.max(LOAD_TOTAL_MS - (renewEnd - t0), SWITCH_BUDGET_MS + 3000));
        await Promise.all(loopsDone);
        clearTimeout(aDeadline);
        stop = true;

        const rel = (t) => `${Math.round(t - t0)} ms`;
        const summary = () => {
            const by = {};
            for (const r of results)
                by[r.status] = (by[r.status] ?? 0) + 1;
            return `${results.length} key1 requests on A ${JSON.stringify(by)}, ${key2Results.length} key2 requests; renewal ${rel(renewStart)}..${rel(renewEnd)}; B switched at ${bSwitch ? rel(bSwitch) : 'never'}`;
        };
        console.log(`# ${summary()}`);

        // Every request got a complete HTTP answer: 200 or 401, never a reset, never 5xx.
        const broken = results.filter((r) => r.status !== 200 && r.status !== 401);
        assert.deepEqual(broken.map((r) => ({ loop: r.loop, at: rel(r.start), status: r.status, error: r.error, body: r.res?.text?.slice(0, 300) })), [], summary());
        const badOk = results.filter((r) => r.status === 200 && !r.ok);
        assert.equal(badOk.length, 0, `200 answers without a successful result: ${summary()}`);

        // Before the renewal started, everything succeeded (and there was real load).
        const before = results.filter((r) => r.start < renewStart);
        assert.ok(before.length >= LOOPS * 2, `too little load before the renewal: ${summary()}`);
        const failedBefore = before.filter((r) => r.status !== 200);
        assert.deepEqual(failedBefore.map((r) => ({ loop: r.loop, start: rel(r.start), end: rel(r.end), status: r.status })), [], summary());

        // Gateway A: every loop ended with a 401 within the budget, with the ApiKey challenge.
        const firsts401 = results.filter((r) => r.status === 401);
        assert.equal(firsts401.length, LOOPS, `every loop must end on a 401 for key1: ${summary()}`);
        const aSwitch = Math.min(...firsts401.map((r) => r.end));
        assert.ok(aSwitch - renewEnd <= SWITCH_BUDGET_MS, `gateway A still accepted key1 ${Math.round(aSwitch - renewEnd)} ms after the renewal: ${summary()}`);
        for (const r of firsts401) {
            assert.equal(r.wwwAuth, API_KEY_CHALLENGE);
            assert.equal(r.body401?.error, 'unauthorized');
        }
        // The switch is atomic: no request that started after A's first 401 was still accepted.
        const lateOk = results.filter((r) => r.status === 200 && r.start > aSwitch);
        assert.deepEqual(lateOk.map((r) => ({ loop: r.loop, start: rel(r.start), end: rel(r.end) })), [], `key1 accepted after gateway A had refused it: ${summary()}`);
        // Requests in flight across the switch were answered completely (already implied by `broken`).
        const inFlight = results.filter((r) => r.start < aSwitch && r.end > renewStart);
        console.log(`# ${inFlight.length} requests were in flight between renewal start and A's first 401`);

        // After the switch, key2 under the same load: every call succeeds.
        const key2Bad = key2Results.filter((r) => !r.ok);
        assert.deepEqual(key2Bad.map((r) => ({ loop: r.loop, at: rel(r.start), status: r.status, error: r.error, body: r.res?.text?.slice(0, 300) })), [], summary());
        assert.ok(key2Results.length > 0, `no key2 load after the switch: ${summary()}`);

        // Gateway B refused key1 within the budget, same challenge shape, no Bearer.
        assert.ok(bSwitch !== undefined, `gateway B still accepts key1 ${Math.round(bDeadline - renewEnd)} ms after the renewal; stderr:\n${gwB.stderr.slice(-1000)}`);
        assert.ok(bSwitch - renewEnd <= SWITCH_BUDGET_MS, `gateway B switched ${Math.round(bSwitch - renewEnd)} ms after the renewal`);
        assert.equal(b401.headers.get('www-authenticate'), API_KEY_CHALLENGE);
        assert.equal(b401.json?.error, 'unauthorized', show(b401));

        // key2 works on both gateways; key1 stays refused on both.
        for (const gw of [gwA, gwB]) {
            const ok = await call(gw.mcpUrl(), key2, nextId++);
            assert.ok(ok.ok, `key2 on :${gw.port}: ${ok.error ?? show(ok.res)}`);
            const no = await call(gw.mcpUrl(), key1, nextId++);
            assert.equal(no.status, 401, `key1 on :${gw.port} after renewal: ${no.error ?? show(no.res)}`);
            const challenge = no.res.headers.get('www-authenticate') ?? '';
            assert.equal(challenge, API_KEY_CHALLENGE);
            assert.doesNotMatch(challenge, /Bearer/i);
        }

        // No gateway refused the rewritten file.
        for (const [label, gw] of [['A', gwA], ['B', gwB]])
            assert.doesNotMatch(gw.stderr, /workspace change refused/, `gateway ${label} stderr:\n${gw.stderr.slice(-1500)}`);
    });
});
