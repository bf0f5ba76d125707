// SPDX-License-Identifier: GPL-3.0-or-later
// Elicited credentials kept in the OS keychain (`elicitation.persist`) survive a restart of the real
// binary, and `portcullis --config F --forget-credentials SERVICE [PERSON]` revokes them, so the
// next call asks again. Runs inside the suite's D-Bus session with an unlocked gnome-keyring.
//
//   raw 2026-07-28 tools/call ──x-reshapr-key──▶ portcullis /mcp/tok ──X-API-Key──▶ Node backend
//   scripted person (lib/person.mjs) ──▶ /elicit/<id> (types the value)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gatewayBinary, runProcess } from './lib/gateway.mjs';
import { DEMO_OPENAPI, newApiKey, startConfiguredGateway, stopCleanly } from './lib/workspace.mjs';
import { ScriptedPerson } from './lib/person.mjs';
import { MODERN } from './lib/rpc.mjs';

const VALUE = `CANARY-persisted-${process.pid}-${Date.now()}`;
const ENV = { ...process.env, QT_QPA_PLATFORM: 'offscreen', QT_LOGGING_RULES: '*.debug=false' };

async function startBackend() {
    const backend = { seen: [] };
    const server = http.createServer((req, res) => {
        backend.seen.push(req.headers['x-api-key']);
        if (req.headers['x-api-key'] !== VALUE) {
            res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
            return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"city":"Lisbon","days":[]}');
    });
    await new Promise((resolve, reject) => server.listen(0, '127.0.0.1').once('listening', resolve).once('error', reject));
    backend.url = `http://127.0.0.1:${server.address().port}`;
    backend.stop = () => new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
    });
    return backend;
}

describe('persisted elicited credentials and --forget-credentials', () => {
    let backend;
    let dir;
    let file;
    let key;
    let gw;

    before(async () => {
        backend = await startBackend();
        dir = mkdtempSync(path.join(os.tmpdir(), 'portcullis-e2e-persist-'));
        file = path.join(dir, 'workspace.json');
        writeFileSync(file, JSON.stringify({
            version: 1,
            gateway: { listen: '127.0.0.1:0' },
            services: [{
                // A unique name: entries from another run in the same keyring can never match.
                name: `tok${process.pid}`,
                openapi: DEMO_OPENAPI,
                baseUrl: backend.url,
                security: { mode: 'none' },
                backendAuth: { kind: 'elicitedToken', headerName: 'X-API-Key' },
                elicitation: { persist: true },
            }],
        }, null, 2));
        key = await newApiKey(file, `tok${process.pid}`);
    });

    after(async () => {
        if (gw)
            await stopCleanly(gw);
        await backend?.stop();
        if (dir)
            rmSync(dir, { recursive: true, force: true });
    });

    const service = () => `tok${process.pid}`;

    async function call() {
        const res = await fetch(gw.mcpUrl(service()), {
            method: 'POST',
            headers: {
                'content-type': 'application/json',
                accept: 'application/json, text/event-stream',
                'mcp-protocol-version': MODERN,
                'mcp-method': 'tools/call',
                'mcp-name': 'getForecast',
                'x-reshapr-key': key,
            },
            body: JSON.stringify({
                jsonrpc: '2.0',
                id: 1,
                method: 'tools/call',
                params: {
                    name: 'getForecast',
                    arguments: { city: 'Lisbon' },
                    _meta: {
                        'io.modelcontextprotocol/protocolVersion': MODERN,
                        'io.modelcontextprotocol/clientCapabilities': { elicitation: { url: {} } },
                        'io.modelcontextprotocol/clientInfo': { name: 'e2e-persist', version: '1' },
                    },
                },
            }),
        });
        const text = await res.text();
        assert.ok(!text.includes(VALUE), 'the credential never reaches the MCP client');
        assert.equal(res.status, 200, text);
        return JSON.parse(text).result;
    }

    function elicitationUrl(result) {
        assert.equal(result.resultType, 'input_required', JSON.stringify(result));
        const request = Object.values(result.inputRequests)[0];
        assert.equal(request.method, 'elicitation/create');
        assert.equal(request.params.mode, 'url');
        return request.params.url;
    }

    async function restart() {
        if (gw)
            await stopCleanly(gw);
        gw = await startConfiguredGateway(file);
    }

    test('the person types the value once; it survives a restart', async () => {
        await restart();
        const url = elicitationUrl(await call());
        const person = new ScriptedPerson();
        const page = await person.get(url);
        assert.equal(page.status, 200, page.body);
        const done = await person.submit(page, 'submit', { credential: VALUE });
        assert.equal(done.status, 200, done.body);
        const served = await call();
        assert.notEqual(served.isError, true, JSON.stringify(served));
        assert.equal(served.structuredContent?.city, 'Lisbon');

        await restart();
        const afterRestart = await call();
        assert.notEqual(afterRestart.resultType, 'input_required', 'a restart must not ask again');
        assert.notEqual(afterRestart.isError, true, JSON.stringify(afterRestart));
        assert.equal(backend.seen.at(-1), VALUE);
    });

    test('--forget-credentials drops it: the next start asks again', async () => {
        await stopCleanly(gw);
        gw = undefined;
        const unknown = await runProcess(gatewayBinary(), ['--config', file, '--forget-credentials', 'nosuch'], { env: ENV });
        assert.equal(unknown.code, 2, unknown.stderr);
        const run = await runProcess(gatewayBinary(), ['--config', file, '--forget-credentials', service()], { env: ENV });
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stderr, /Forgot 1 stored credential/);
        assert.ok(!run.stderr.includes(VALUE) && !run.stdout.includes(VALUE));
        await restart();
        elicitationUrl(await call());
    });
});
