// SPDX-License-Identifier: GPL-3.0-or-later
// Headless service isolation: a service whose settings or document are refused is not served
// (503 with a JSON-RPC error naming the reason) while the others run; the reason and every import
// warning are printed to stderr at start and after each reload; --strict refuses the whole
// workspace instead (exit code 2).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gatewayBinary, runProcess } from './lib/gateway.mjs';
import { modernRequest, postModern, show } from './lib/rpc.mjs';
import { DEMO_OPENAPI, startConfiguredGateway, startDemoBackend, stopCleanly } from './lib/workspace.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'portcullis-e2e-isolation-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// One operation is served, one (a multipart/mixed upload) is skipped with an import warning.
const WARN_DOC = path.join(dir, 'warn.json');
writeFileSync(WARN_DOC, JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'warn', version: '1' },
    paths: {
        '/ping': { get: { operationId: 'ping', responses: { 200: { description: 'ok' } } } },
        '/batch': {
            post: {
                operationId: 'batch',
                requestBody: { required: true, content: { 'multipart/mixed': { schema: { type: 'object' } } } },
                responses: { 200: { description: 'ok' } },
            },
        },
    },
}));

function workspace(backendUrl, badSecurity) {
    return {
        version: 1,
        gateway: { listen: '127.0.0.1:0' },
        services: [
            { name: 'demo', openapi: DEMO_OPENAPI, baseUrl: backendUrl },
            { name: 'bad', openapi: DEMO_OPENAPI, baseUrl: backendUrl, security: badSecurity },
            { name: 'warn', openapi: 'warn.json', baseUrl: backendUrl },
        ],
    };
}

async function waitFor(predicate, what, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
        if (Date.now() > deadline)
            throw new assert.AssertionError({ message: `timed out waiting for ${what}` });
        await new Promise((r) => setTimeout(r, 25));
    }
}

const forecast = modernRequest('tools/call', { name: 'getForecast', arguments: { city: 'Lisbon' } });

test('a refused service answers 503, the others run; reasons and warnings on stderr', async () => {
    const backend = await startDemoBackend();
    const file = path.join(dir, 'workspace.json');
    writeFileSync(file, JSON.stringify(workspace(backend.backendUrl, { mode: 'basic' }), null, 2));
    const gw = await startConfiguredGateway(file);
    try {
        await waitFor(() => gw.stderr.includes('warning: service warn:'), 'the import warning');
        assert.match(gw.stderr,
            /error: service bad is NOT served \(its endpoint answers 503\): service 'bad': .*\$\.services\[1\]\.security\.mode: must be one of none, apiKey, oauth2/);
        assert.match(gw.stderr,
            /warning: service warn: POST \/batch: multipart\/mixed request bodies are not supported; operation skipped/);

        const bad = await postModern(gw.mcpUrl('bad'), forecast);
        assert.equal(bad.status, 503, show(bad));
        assert.equal(bad.json?.jsonrpc, '2.0', show(bad));
        assert.equal(bad.json?.id, null, show(bad));
        assert.equal(bad.json?.error?.code, -32000, show(bad));
        assert.match(bad.json.error.message, /^service 'bad' is not available: .*security\.mode/);

        const good = await postModern(gw.mcpUrl('demo'), forecast);
        assert.equal(good.status, 200, show(good));
        assert.equal(good.json?.result?.isError, undefined, show(good));

        // Reload with the service fixed: it is served.
        const before = gw.stderr.length;
        writeFileSync(file, JSON.stringify(workspace(backend.backendUrl, { mode: 'none' }), null, 2));
        await waitFor(() => gw.stderr.slice(before).includes('workspace reloaded'), 'the reload');
        const fixed = await postModern(gw.mcpUrl('bad'), forecast);
        assert.equal(fixed.status, 200, show(fixed));
        // The warnings are printed again after the reload.
        await waitFor(() => gw.stderr.slice(before).includes('warning: service warn:'), 'the warning after reload');

        // Break it again on reload: the others keep running, the reason is printed.
        const again = gw.stderr.length;
        const broken = workspace(backend.backendUrl, { mode: 'none' });
        broken.services[1].openapi = 'missing.yaml';
        writeFileSync(file, JSON.stringify(broken, null, 2));
        await waitFor(() => gw.stderr.slice(again).includes('error: service bad is NOT served'), 'the reason after reload');
        assert.match(gw.stderr.slice(again), /missing\.yaml/);
        assert.equal((await postModern(gw.mcpUrl('bad'), forecast)).status, 503);
        assert.equal((await postModern(gw.mcpUrl('demo'), forecast)).status, 200);
    } finally {
        await stopCleanly(gw);
        await stopCleanly(backend, 'demo backend');
    }
});

test('--strict refuses the whole workspace when one service is refused', async () => {
    const file = path.join(dir, 'strict.json');
    writeFileSync(file, JSON.stringify(workspace('http://127.0.0.1:9', { mode: 'apiKey' }), null, 2));
    const run = await runProcess(gatewayBinary(),
        ['--headless', '--strict', '--config', file, '--listen', '127.0.0.1:0'], {
            env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
            timeoutMs: 20000,
        });
    assert.equal(run.code, 2, `stdout: ${run.stdout}\nstderr: ${run.stderr}`);
    assert.match(run.stderr, /^error: .*\$\.services\[1\]\.security\.apiKeyHashes: apiKey mode needs at least one key hash/m);
    assert.doesNotMatch(run.stdout, /listening on/);
});
