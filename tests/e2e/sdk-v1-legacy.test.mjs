// SPDX-License-Identifier: GPL-3.0-or-later
// The official TypeScript SDK 1.x client (@modelcontextprotocol/sdk, Streamable HTTP) against the
// demo service, once per session-based revision 2025-03-26, 2025-06-18 and 2025-11-25.
//
// SDK 1.32.2 always offers LATEST_PROTOCOL_VERSION (2025-11-25) in `initialize` and has no option
// for another one (client/index.js connect()). PinnedClient overrides Protocol#request, which
// connect() uses for the handshake, to offer the revision under test; the SDK then adopts whatever
// the server answers (transport.setProtocolVersion) as long as it is in SUPPORTED_PROTOCOL_VERSIONS.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, LATEST_PROTOCOL_VERSION, McpError, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { useGateway } from './lib/gateway.mjs';
import { DEMO_TOOLS, LEGACY_REVISIONS, readSseEvents, resultText } from './lib/rpc.mjs';

class PinnedClient extends Client {
    constructor(revision, info, options) {
        super(info, options);
        this.pinnedRevision = revision;
        this.initializeResult = undefined;
    }

    async request(request, resultSchema, options) {
        if (request.method !== 'initialize')
            return super.request(request, resultSchema, options);
        const pinned = { ...request, params: { ...request.params, protocolVersion: this.pinnedRevision } };
        this.initializeResult = await super.request(pinned, resultSchema, options);
        return this.initializeResult;
    }
}

const gw = useGateway();

test('SDK 1.x defaults: it would offer 2025-11-25 and accepts every legacy revision the gateway serves', () => {
    assert.equal(LATEST_PROTOCOL_VERSION, '2025-11-25');
    for (const revision of LEGACY_REVISIONS)
        assert.ok(SUPPORTED_PROTOCOL_VERSIONS.includes(revision), revision);
});

for (const revision of LEGACY_REVISIONS) {
    describe(`SDK 1.x client, revision ${revision}`, () => {
        let client;
        let transport;

        before(async () => {
            client = new PinnedClient(revision, { name: 'portcullis-e2e-sdk-v1', version: '1.0.0' });
            transport = new StreamableHTTPClientTransport(new URL(gw.mcpUrl()));
            await client.connect(transport);
        });

        after(async () => {
            await client?.close().catch(() => {});
        });

        test('negotiates exactly the revision it asked for', async () => {
            assert.equal(client.initializeResult?.protocolVersion, revision, 'initialize result protocolVersion');
            assert.equal(transport.protocolVersion, revision, 'transport MCP-Protocol-Version');
            assert.ok(transport.sessionId, 'session id from Mcp-Session-Id');
            const server = client.getServerVersion();
            assert.equal(server?.name, 'portcullis');
            assert.equal(typeof server?.version, 'string');
            assert.ok(client.getServerCapabilities()?.tools, 'tools capability');
            const init = await gw.waitForEvent({ rpcMethod: 'initialize', session: transport.sessionId.slice(0, 8) });
            assert.equal(init.protocol, revision, 'gateway log: negotiated protocol');
            assert.equal(init.status, 200);
        });

        test('tools/list returns the six demo tools', async () => {
            const { tools, nextCursor } = await client.listTools();
            assert.equal(nextCursor, undefined);
            assert.deepEqual(
                tools.map((t) => t.name),
                DEMO_TOOLS,
            );
            const forecast = tools.find((t) => t.name === 'getForecast');
            assert.equal(forecast.inputSchema.type, 'object');
            assert.deepEqual(forecast.inputSchema.required, ['city']);
            const ev = await gw.waitForEvent({ rpcMethod: 'tools/list', session: transport.sessionId.slice(0, 8) });
            assert.equal(ev.protocol, revision);
        });

        test('tools/call getForecast succeeds', async () => {
            const result = await client.callTool({ name: 'getForecast', arguments: { city: 'Lisbon', days: 2 } });
            assert.notEqual(result.isError, true, resultText(result));
            const text = result.content.find((c) => c.type === 'text');
            assert.ok(text, 'a text content block');
            const parsed = JSON.parse(text.text);
            assert.equal(parsed.city, 'Lisbon');
            assert.equal(parsed.days.length, 2);
            if (revision === '2025-03-26') {
                assert.equal(result.structuredContent, undefined, '2025-03-26 has no structuredContent');
            } else {
                assert.equal(result.structuredContent?.city, 'Lisbon');
                assert.equal(result.structuredContent?.days?.length, 2);
            }
            const ev = await gw.waitForEvent({
                rpcMethod: 'tools/call',
                tool: 'getForecast',
                session: transport.sessionId.slice(0, 8),
            });
            assert.equal(ev.protocol, revision, 'gateway log: protocol of tools/call');
            assert.equal(ev.status, 200);
            assert.equal(ev.backendStatus, 200);
        });

        test('tools/call getItem for an unknown id is a tool error naming 404', async () => {
            const result = await client.callTool({ name: 'getItem', arguments: { itemId: 999999 } });
            assert.equal(result.isError, true);
            assert.match(resultText(result), /404/);
        });

        test('tools/call with invalid arguments is a tool error naming the field', async () => {
            const result = await client.callTool({ name: 'getForecast', arguments: { days: 2 } });
            assert.equal(result.isError, true);
            assert.match(resultText(result), /city/);
        });

        test('tools/call of an unknown tool rejects with McpError -32602', async () => {
            await assert.rejects(client.callTool({ name: 'noSuchTool', arguments: {} }), (err) => {
                assert.ok(err instanceof McpError, `expected McpError, got ${err}`);
                assert.equal(err.code, ErrorCode.InvalidParams);
                return true;
            });
        });

        test('ping', async () => {
            assert.deepEqual(await client.ping(), {});
        });

        test('the session GET stream is text/event-stream', async () => {
            const headers = { Accept: 'text/event-stream', 'Mcp-Session-Id': transport.sessionId };
            if (revision !== '2025-03-26')
                headers['MCP-Protocol-Version'] = revision;
            const controller = new AbortController();
            const res = await fetch(gw.mcpUrl(), { headers, signal: controller.signal });
            try {
                assert.equal(res.status, 200);
                assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
                if (revision === '2025-11-25') {
                    // SEP-1699: the first event primes resumption (an id with empty data).
                    const [priming] = await readSseEvents(res, { count: 1, includeEmpty: true, timeoutMs: 3000 });
                    assert.ok(priming, 'a priming event');
                    assert.equal(priming.data, '');
                    assert.ok(priming.id, 'priming event has an id');
                }
            } finally {
                controller.abort();
            }
        });

        test('DELETE ends the session (204), after which it is unknown (404)', async () => {
            const sessionId = transport.sessionId;
            await transport.terminateSession();
            assert.equal(transport.sessionId, undefined);
            const del = await gw.waitForEvent({ method: 'DELETE', session: sessionId.slice(0, 8) });
            assert.equal(del.status, 204);
            const headers = {
                'Content-Type': 'application/json',
                Accept: 'application/json, text/event-stream',
                'Mcp-Session-Id': sessionId,
            };
            if (revision !== '2025-03-26')
                headers['MCP-Protocol-Version'] = revision;
            const res = await fetch(gw.mcpUrl(), {
                method: 'POST',
                headers,
                body: JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'tools/list' }),
            });
            await res.body?.cancel();
            assert.equal(res.status, 404);
        });
    });
}
