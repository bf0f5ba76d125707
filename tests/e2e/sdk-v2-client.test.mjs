// SPDX-License-Identifier: GPL-3.0-or-later
// The official TypeScript SDK 2.x client (@modelcontextprotocol/client + core) against the demo
// service.
//
// 2.4.0 negotiates 2026-07-28 only when asked: ClientOptions.versionNegotiation {mode: 'auto'}
// probes with server/discover and falls back to initialize; {mode: {pin: '2026-07-28'}} requires the
// modern era. Without versionNegotiation it runs the plain legacy initialize, offering the first
// pre-2026 entry of ClientOptions.supportedProtocolVersions (ProtocolOptions, default
// SUPPORTED_PROTOCOL_VERSIONS, i.e. 2025-11-25) and accepting only answers from that list — so
// supportedProtocolVersions: [rev] pins a legacy revision.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
    Client,
    ProtocolError,
    ProtocolErrorCode,
    StreamableHTTPClientTransport,
    SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/client';
import { useGateway } from './lib/gateway.mjs';
import { DEMO_TOOLS, LEGACY_REVISIONS, MODERN, resultText } from './lib/rpc.mjs';

const gw = useGateway();
const clientInfo = { name: 'portcullis-e2e-sdk-v2', version: '1.0.0' };

// The list/call checks every revision must pass. `expect` holds what to look for in the gateway log.
function toolChecks(getClient, revision, eventFilter) {
    test('tools/list returns the six demo tools', async () => {
        const { tools } = await getClient().listTools();
        assert.deepEqual(
            tools.map((t) => t.name),
            DEMO_TOOLS,
        );
        const forecast = tools.find((t) => t.name === 'getForecast');
        assert.deepEqual(forecast.inputSchema.required, ['city']);
        const ev = await gw.waitForEvent({ rpcMethod: 'tools/list', ...eventFilter() });
        assert.equal(ev.protocol, revision, 'gateway log: protocol of tools/list');
    });

    test('tools/call getForecast succeeds', async () => {
        const result = await getClient().callTool({ name: 'getForecast', arguments: { city: 'Lisbon', days: 2 } });
        assert.notEqual(result.isError, true, resultText(result));
        const parsed = JSON.parse(result.content.find((c) => c.type === 'text').text);
        assert.equal(parsed.days.length, 2);
        if (revision === '2025-03-26') {
            assert.equal(result.structuredContent, undefined);
        } else {
            assert.equal(result.structuredContent?.city, 'Lisbon');
            assert.equal(result.structuredContent?.days?.length, 2);
        }
        const ev = await gw.waitForEvent({ rpcMethod: 'tools/call', tool: 'getForecast', ...eventFilter() });
        assert.equal(ev.protocol, revision, 'gateway log: protocol of tools/call');
        assert.equal(ev.status, 200);
    });

    test('tools/call getItem for an unknown id is a tool error naming 404', async () => {
        const result = await getClient().callTool({ name: 'getItem', arguments: { itemId: 999999 } });
        assert.equal(result.isError, true);
        assert.match(resultText(result), /404/);
    });

    test('tools/call with invalid arguments is a tool error naming the field', async () => {
        const result = await getClient().callTool({ name: 'getForecast', arguments: { units: 'metric' } });
        assert.equal(result.isError, true);
        assert.match(resultText(result), /city/);
    });

    test('tools/call of an unknown tool rejects with ProtocolError -32602', async () => {
        await assert.rejects(getClient().callTool({ name: 'noSuchTool', arguments: {} }), (err) => {
            assert.ok(err instanceof ProtocolError, `expected ProtocolError, got ${err?.name}: ${err?.message}`);
            assert.equal(err.code, ProtocolErrorCode.InvalidParams);
            return true;
        });
    });
}

describe(`SDK 2.x, versionNegotiation auto → ${MODERN} via server/discover`, () => {
    let client;
    let startIndex;

    before(async () => {
        startIndex = gw.events.length;
        client = new Client(clientInfo, { versionNegotiation: { mode: 'auto' } });
        await client.connect(new StreamableHTTPClientTransport(new URL(gw.mcpUrl())));
    });

    after(async () => {
        await client?.close().catch(() => {});
    });

    test('negotiates 2026-07-28 through server/discover', async () => {
        assert.equal(client.getProtocolEra(), 'modern');
        assert.equal(client.getNegotiatedProtocolVersion(), MODERN);
        const discover = client.getDiscoverResult();
        assert.ok(discover, 'discover result recorded');
        assert.ok(discover.supportedVersions.includes(MODERN), JSON.stringify(discover.supportedVersions));
        assert.equal(discover.resultType, 'complete');
        assert.ok(Number.isInteger(discover.ttlMs) && discover.ttlMs >= 0);
        assert.ok(['public', 'private'].includes(discover.cacheScope));
        assert.equal(client.getServerVersion()?.name, 'portcullis', 'serverInfo from discover _meta');
        const ev = await gw.waitForEvent((e) => gw.events.indexOf(e) >= startIndex && e.rpcMethod === 'server/discover');
        assert.equal(ev.protocol, MODERN);
        assert.equal(ev.status, 200);
        const initialize = gw.events.slice(startIndex).filter((e) => e.rpcMethod === 'initialize');
        assert.deepEqual(initialize, [], 'no initialize on the modern path');
    });

    toolChecks(() => client, MODERN, () => ({ protocol: MODERN }));

    test('modern requests carry no session', () => {
        const modern = gw.events.slice(startIndex).filter((e) => e.protocol === MODERN);
        assert.ok(modern.length >= 4);
        for (const e of modern)
            assert.equal(e.session, undefined, JSON.stringify(e));
    });
});

describe(`SDK 2.x, versionNegotiation pin ${MODERN}`, () => {
    let client;

    before(async () => {
        client = new Client(clientInfo, { versionNegotiation: { mode: { pin: MODERN } } });
        await client.connect(new StreamableHTTPClientTransport(new URL(gw.mcpUrl())));
    });

    after(async () => {
        await client?.close().catch(() => {});
    });

    test('pinned connect succeeds on the modern era', async () => {
        assert.equal(client.getProtocolEra(), 'modern');
        assert.equal(client.getNegotiatedProtocolVersion(), MODERN);
        const { tools } = await client.listTools({}, { cacheMode: 'bypass' });
        assert.equal(tools.length, DEMO_TOOLS.length);
    });
});

for (const revision of LEGACY_REVISIONS) {
    describe(`SDK 2.x, supportedProtocolVersions [${revision}] (legacy initialize)`, () => {
        let client;
        let transport;

        before(async () => {
            assert.ok(SUPPORTED_PROTOCOL_VERSIONS.includes(revision));
            client = new Client(clientInfo, { supportedProtocolVersions: [revision] });
            transport = new StreamableHTTPClientTransport(new URL(gw.mcpUrl()));
            await client.connect(transport);
        });

        after(async () => {
            await transport?.terminateSession().catch(() => {});
            await client?.close().catch(() => {});
        });

        test(`negotiates ${revision}`, async () => {
            assert.equal(client.getProtocolEra(), 'legacy');
            assert.equal(client.getNegotiatedProtocolVersion(), revision);
            assert.equal(transport.protocolVersion, revision);
            assert.ok(transport.sessionId, 'session id');
            assert.equal(client.getServerVersion()?.name, 'portcullis');
            const ev = await gw.waitForEvent({ rpcMethod: 'initialize', session: transport.sessionId.slice(0, 8) });
            assert.equal(ev.protocol, revision);
        });

        toolChecks(() => client, revision, () => ({ session: transport.sessionId.slice(0, 8) }));
    });
}
