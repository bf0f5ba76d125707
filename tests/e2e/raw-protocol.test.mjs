// SPDX-License-Identifier: GPL-3.0-or-later
// Transport rules of the MCP endpoint checked with plain HTTP, table by table: 2026-07-28 header
// mirroring and _meta negotiation, legacy sessions, batches, media types, Host/Origin, methods,
// subscriptions/listen. References: shared/docs/mcp-gateway-spec.md (legacy) and
// shared/docs/mcp-2026-07-28.md (modern).

import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, useGateway } from './lib/gateway.mjs';
import {
    ACCEPT_BOTH,
    CLIENT_INFO,
    META_SUBSCRIPTION_ID,
    META_VERSION,
    MODERN,
    base64Header,
    foreignSessionId,
    modernHeaders,
    modernRequest,
    openLegacySession,
    post,
    postModern,
    rawHttp,
    readSseEvents,
    resultText,
    show,
} from './lib/rpc.mjs';

const gw = useGateway();
const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: ACCEPT_BOTH };

function assertRpcError(res, httpStatus, code) {
    assert.equal(res.status, httpStatus, show(res));
    assert.match(res.contentType, /^application\/json/, show(res));
    assert.equal(res.json?.jsonrpc, '2.0', show(res));
    assert.equal(res.json?.error?.code, code, show(res));
    assert.equal(typeof res.json.error.message, 'string');
    assert.equal(res.json.result, undefined);
}

describe('2026-07-28: mirrored headers (MCP-Protocol-Version, Mcp-Method, Mcp-Name)', () => {
    const call = () => modernRequest('tools/call', { name: 'getForecast', arguments: { city: 'Lisbon', days: 1 } });
    // [label, body factory, header overrides (undefined deletes), expected HTTP status, expected error code or 'ok']
    const cases = [
        ['all headers match', call, {}, 200, 'ok'],
        ['missing MCP-Protocol-Version', call, { 'MCP-Protocol-Version': undefined }, 400, -32020],
        ['MCP-Protocol-Version differs from _meta', call, { 'MCP-Protocol-Version': '2025-11-25' }, 400, -32020],
        ['missing Mcp-Method', call, { 'Mcp-Method': undefined }, 400, -32020],
        ['wrong Mcp-Method', call, { 'Mcp-Method': 'tools/list' }, 400, -32020],
        ['Mcp-Method differs only in case', call, { 'Mcp-Method': 'Tools/Call' }, 400, -32020],
        ['missing Mcp-Name on tools/call', call, { 'Mcp-Name': undefined }, 400, -32020],
        ['wrong Mcp-Name', call, { 'Mcp-Name': 'getItem' }, 400, -32020],
        ['Mcp-Name differs only in case', call, { 'Mcp-Name': 'getforecast' }, 400, -32020],
        ['base64 Mcp-Name equal to params.name', call, { 'Mcp-Name': base64Header('getForecast') }, 200, 'ok'],
        ['base64 Mcp-Method equal to method', call, { 'Mcp-Method': base64Header('tools/call') }, 200, 'ok'],
        ['base64 Mcp-Name of another tool', call, { 'Mcp-Name': base64Header('getItem') }, 400, -32020],
        ['malformed base64 Mcp-Name', call, { 'Mcp-Name': '=?base64?***?=' }, 400, -32020],
        ['tools/list needs no Mcp-Name', () => modernRequest('tools/list'), {}, 200, 'ok'],
        ['tools/list with wrong Mcp-Method', () => modernRequest('tools/list'), { 'Mcp-Method': 'tools/call' }, 400, -32020],
        ['server/discover', () => modernRequest('server/discover'), {}, 200, 'ok'],
        [
            'server/discover without MCP-Protocol-Version',
            () => modernRequest('server/discover'),
            { 'MCP-Protocol-Version': undefined },
            400,
            -32020,
        ],
    ];
    for (const [label, body, overrides, status, expected] of cases) {
        test(`${label} → ${status}${expected === 'ok' ? '' : ` ${expected}`}`, async () => {
            const res = await postModern(gw.mcpUrl(), body(), overrides);
            if (expected === 'ok') {
                assert.equal(res.status, 200, show(res));
                assert.ok(res.json?.result, show(res));
                assert.equal(res.json.result.resultType, 'complete');
                assert.equal(res.json.result.isError, undefined, show(res));
            } else {
                assertRpcError(res, status, expected);
                assert.equal(res.json.id, 1, 'the request id was readable, so it is echoed');
                if (expected === -32020)
                    assert.equal(res.json.error.data, undefined, 'HeaderMismatch has no data');
            }
            assert.equal(res.headers.get('mcp-session-id'), null, 'no session in 2026-07-28');
        });
    }
});

test('2026-07-28: header names are case-insensitive', async () => {
    const body = JSON.stringify(modernRequest('tools/call', { name: 'getForecast', arguments: { city: 'Lisbon' } }));
    const res = await rawHttp(gw.mcpUrl(), {
        method: 'POST',
        headers: {
            'content-type': 'application/json',
            ACCEPT: ACCEPT_BOTH,
            'mcp-protocol-version': MODERN,
            'MCP-METHOD': 'tools/call',
            'mCp-NaMe': 'getForecast',
            'Content-Length': Buffer.byteLength(body),
        },
        body,
    });
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.equal(res.json.result.resultType, 'complete');
});

describe('2026-07-28: _meta, version and routing rules (conformance suite server-stateless)', () => {
    const metaWithout = (key) => {
        const meta = modernRequest('server/discover').params._meta;
        delete meta[key];
        return meta;
    };
    // [label, body, header overrides (undefined deletes), expected HTTP status, expected error code]
    const cases = [
        // A 2026-07-28 request (by its MCP-Protocol-Version header) missing a required _meta key is a
        // params error, not an invalid request, and never falls through to the session rules.
        ['no _meta at all', { jsonrpc: '2.0', id: 1, method: 'server/discover', params: {} }, {}, 400, -32602],
        ['no params at all', { jsonrpc: '2.0', id: 1, method: 'server/discover' }, {}, 400, -32602],
        [
            '_meta without protocolVersion',
            { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: metaWithout(META_VERSION) } },
            {},
            400,
            -32602,
        ],
        [
            '_meta protocolVersion that is not a string',
            modernRequest('server/discover', {}, { version: 20260728 }),
            { 'MCP-Protocol-Version': MODERN },
            400,
            -32602,
        ],
        // The header must equal _meta before the version is judged: a mismatch is -32020 even
        // when the _meta version is unknown.
        [
            'unknown _meta version with a 2026-07-28 header',
            modernRequest('server/discover', {}, { version: 'v999.0.0' }),
            { 'MCP-Protocol-Version': MODERN },
            400,
            -32020,
        ],
        [
            'unknown _meta version without the header',
            modernRequest('server/discover', {}, { version: 'v999.0.0' }),
            { 'MCP-Protocol-Version': undefined },
            400,
            -32020,
        ],
        [
            'unknown version in both',
            modernRequest('server/discover', {}, { version: 'v999.0.0' }),
            { 'MCP-Protocol-Version': 'v999.0.0' },
            400,
            -32022,
        ],
        // initialize does not exist in 2026-07-28.
        [
            'initialize as a 2026-07-28 request',
            modernRequest('initialize', { protocolVersion: MODERN, capabilities: {}, clientInfo: CLIENT_INFO }),
            {},
            404,
            -32601,
        ],
        ['logging/setLevel as a 2026-07-28 request', modernRequest('logging/setLevel', { level: 'info' }), {}, 404, -32601],
    ];
    for (const [label, body, overrides, status, code] of cases) {
        test(`${label} → ${status} ${code}`, async () => {
            const headers = { ...JSON_HEADERS, 'MCP-Protocol-Version': MODERN, 'Mcp-Method': body.method, ...overrides };
            for (const [k, v] of Object.entries(headers)) {
                if (v === undefined)
                    delete headers[k];
            }
            const res = await post(gw.mcpUrl(), body, headers);
            assertRpcError(res, status, code);
            assert.equal(res.json.id, 1, 'the request id was readable, so it is echoed');
            assert.equal(res.headers.get('mcp-session-id'), null, 'no session in 2026-07-28');
        });
    }

    test('-32022 lists exactly the versions server/discover lists and echoes the request', async () => {
        const discover = await postModern(gw.mcpUrl(), modernRequest('server/discover'));
        assert.equal(discover.status, 200, show(discover));
        for (const requested of ['2027-01-01', '2025-11-25', 'v999.0.0']) {
            const res = await postModern(gw.mcpUrl(), modernRequest('tools/list', {}, { version: requested }));
            assertRpcError(res, 400, -32022);
            assert.deepEqual(res.json.error.data.supported, discover.json.result.supportedVersions, show(res));
            assert.equal(res.json.error.data.requested, requested, show(res));
        }
    });

    test('legacy initialize still opens a session, even with a 2026-07-28 MCP-Protocol-Version header', async () => {
        const res = await post(
            gw.mcpUrl(),
            { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: CLIENT_INFO } },
            { ...JSON_HEADERS, 'MCP-Protocol-Version': MODERN },
        );
        assert.equal(res.status, 200, show(res));
        assert.equal(res.json.result.protocolVersion, '2025-11-25');
        assert.ok(res.headers.get('mcp-session-id'));
    });
});

describe('2026-07-28: _meta negotiation and routing', () => {
    test('unsupported _meta protocol version → 400 -32022 with data.supported', async () => {
        const body = modernRequest('tools/list', {}, { version: '2027-01-01' });
        const res = await postModern(gw.mcpUrl(), body);
        assertRpcError(res, 400, -32022);
        assert.ok(Array.isArray(res.json.error.data?.supported), show(res));
        assert.deepEqual(res.json.error.data.supported, [MODERN], show(res));
        assert.equal(res.json.error.data.requested, '2027-01-01');
    });

    test('a legacy version in _meta is not served statelessly → 400 -32022', async () => {
        const body = modernRequest('tools/list', {}, { version: '2025-11-25' });
        const res = await postModern(gw.mcpUrl(), body);
        assertRpcError(res, 400, -32022);
        assert.ok(res.json.error.data.supported.includes(MODERN));
        assert.equal(res.json.error.data.requested, '2025-11-25');
    });

    test('missing clientCapabilities → 400 -32602', async () => {
        const body = modernRequest('tools/list', {}, { capabilities: undefined });
        assert.equal(body.params._meta['io.modelcontextprotocol/clientCapabilities'], undefined);
        const res = await postModern(gw.mcpUrl(), body);
        assertRpcError(res, 400, -32602);
    });

    test('clientCapabilities that is not an object → 400 -32602', async () => {
        const body = modernRequest('tools/list', {}, { capabilities: 'all' });
        const res = await postModern(gw.mcpUrl(), body);
        assertRpcError(res, 400, -32602);
    });

    test('unknown method → 404 -32601', async () => {
        const res = await postModern(gw.mcpUrl(), modernRequest('nonexistent/method'));
        assertRpcError(res, 404, -32601);
        assert.equal(res.json.id, 1);
    });

    test('ping does not exist in 2026-07-28 → 404 -32601', async () => {
        const res = await postModern(gw.mcpUrl(), modernRequest('ping'));
        assertRpcError(res, 404, -32601);
    });

    test('notification → 202 with an empty body', async () => {
        const body = { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 7, _meta: modernRequest('x').params._meta } };
        const res = await post(gw.mcpUrl(), body, JSON_HEADERS);
        assert.equal(res.status, 202, show(res));
        assert.equal(res.text, '');
    });

    test('a stray Mcp-Session-Id is ignored and never echoed', async () => {
        const res = await postModern(gw.mcpUrl(), modernRequest('tools/list'), { 'Mcp-Session-Id': foreignSessionId() });
        assert.equal(res.status, 200, show(res));
        assert.equal(res.headers.get('mcp-session-id'), null);
    });

    test('tools/call result carries resultType and serverInfo _meta', async () => {
        const res = await postModern(
            gw.mcpUrl(),
            modernRequest('tools/call', { name: 'getForecast', arguments: { city: 'Lisbon', days: 2 } }),
        );
        assert.equal(res.status, 200, show(res));
        const r = res.json.result;
        assert.equal(r.resultType, 'complete');
        assert.equal(r.structuredContent.days.length, 2);
        assert.equal(r._meta?.['io.modelcontextprotocol/serverInfo']?.name, 'portcullis');
    });

    test('tools/list carries ttlMs, cacheScope and resultType', async () => {
        const res = await postModern(gw.mcpUrl(), modernRequest('tools/list'));
        assert.equal(res.status, 200, show(res));
        const r = res.json.result;
        assert.ok(Number.isInteger(r.ttlMs) && r.ttlMs >= 0, show(res));
        assert.ok(['public', 'private'].includes(r.cacheScope), show(res));
        assert.equal(r.resultType, 'complete');
        assert.equal(r.tools.length, 6);
    });

    test('server/discover advertises 2026-07-28 with cache hints', async () => {
        const res = await postModern(gw.mcpUrl(), modernRequest('server/discover'));
        assert.equal(res.status, 200, show(res));
        const r = res.json.result;
        assert.ok(r.supportedVersions.includes(MODERN));
        assert.ok(r.capabilities?.tools);
        assert.ok(Number.isInteger(r.ttlMs) && r.ttlMs >= 0);
        assert.ok(['public', 'private'].includes(r.cacheScope));
        assert.equal(r.resultType, 'complete');
    });

    test('subscriptions/listen → SSE whose first event is notifications/subscriptions/acknowledged', async () => {
        const body = modernRequest('subscriptions/listen', { notifications: { toolsListChanged: true } }, { id: 'listen-1' });
        const controller = new AbortController();
        const res = await fetch(gw.mcpUrl(), {
            method: 'POST',
            headers: modernHeaders(body),
            body: JSON.stringify(body),
            signal: controller.signal,
        });
        try {
            assert.equal(res.status, 200);
            assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
            const [first] = await readSseEvents(res, { count: 1, timeoutMs: 5000 });
            assert.ok(first, 'an event arrives');
            const msg = JSON.parse(first.data);
            assert.equal(msg.jsonrpc, '2.0');
            assert.equal(msg.method, 'notifications/subscriptions/acknowledged');
            assert.equal(msg.id, undefined, 'a notification has no id');
            assert.equal(msg.params?._meta?.[META_SUBSCRIPTION_ID], 'listen-1');
            assert.equal(typeof msg.params?.notifications, 'object');
            for (const key of Object.keys(msg.params.notifications))
                assert.ok(['toolsListChanged'].includes(key), `honours only requested types, got ${key}`);
        } finally {
            controller.abort();
        }
    });
});

describe('legacy sessions (2025-03-26 / 2025-06-18 / 2025-11-25)', () => {
    const listBody = { jsonrpc: '2.0', id: 1, method: 'tools/list' };

    test('non-initialize request without Mcp-Session-Id → 400', async () => {
        const res = await post(gw.mcpUrl(), listBody, { ...JSON_HEADERS, 'MCP-Protocol-Version': '2025-06-18' });
        assert.equal(res.status, 400, show(res));
    });

    test('unknown Mcp-Session-Id → 404', async () => {
        const res = await post(gw.mcpUrl(), listBody, {
            ...JSON_HEADERS,
            'Mcp-Session-Id': foreignSessionId(),
            'MCP-Protocol-Version': '2025-06-18',
        });
        assert.equal(res.status, 404, show(res));
    });

    test('GET without a session → 400; with an unknown session → 404', async () => {
        const noSession = await fetch(gw.mcpUrl(), { headers: { Accept: 'text/event-stream' } });
        await noSession.body?.cancel();
        assert.equal(noSession.status, 400);
        const unknown = await fetch(gw.mcpUrl(), {
            headers: { Accept: 'text/event-stream', 'Mcp-Session-Id': foreignSessionId() },
        });
        await unknown.body?.cancel();
        assert.equal(unknown.status, 404);
    });

    // [offered revision, expected answer]: echo a served legacy revision, otherwise the newest legacy one.
    const negotiation = [
        ['2025-03-26', '2025-03-26'],
        ['2025-06-18', '2025-06-18'],
        ['2025-11-25', '2025-11-25'],
        ['2026-07-28', '2025-11-25'],
        ['1999-01-01', '2025-11-25'],
    ];
    for (const [offered, answered] of negotiation) {
        test(`initialize offering ${offered} → ${answered} with a session id`, async () => {
            const res = await post(
                gw.mcpUrl(),
                { jsonrpc: '2.0', id: 'init', method: 'initialize', params: { protocolVersion: offered, capabilities: {}, clientInfo: CLIENT_INFO } },
                JSON_HEADERS,
            );
            assert.equal(res.status, 200, show(res));
            assert.equal(res.json.id, 'init');
            assert.equal(res.json.result.protocolVersion, answered);
            const sid = res.headers.get('mcp-session-id');
            assert.match(sid ?? '', /^[\x21-\x7e]{16,}$/, 'visible-ASCII session id of some length');
            await fetch(gw.mcpUrl(), { method: 'DELETE', headers: { 'Mcp-Session-Id': sid } }).then((r) => r.body?.cancel());
        });
    }

    for (const revision of ['2025-03-26', '2025-11-25']) {
        test(`${revision} session: bogus MCP-Protocol-Version → 400, matching one → 200`, async () => {
            const session = await openLegacySession(gw.mcpUrl(), revision);
            const bad = await session.request('tools/list', undefined, { 'MCP-Protocol-Version': 'bogus' });
            assert.equal(bad.status, 400, show(bad));
            const good = await session.request('tools/list', undefined, { 'MCP-Protocol-Version': revision });
            assert.equal(good.status, 200, show(good));
            assert.equal(await session.close(), 204);
        });
    }

    describe('in a 2025-06-18 session', () => {
        let session;
        before(async () => {
            session = await openLegacySession(gw.mcpUrl(), '2025-06-18');
        });

        test('ping → empty result', async () => {
            const res = await session.request('ping');
            assert.equal(res.status, 200, show(res));
            assert.deepEqual(res.json.result, {});
        });

        for (const bad of ['bogus', '1999-01-01', '']) {
            test(`MCP-Protocol-Version "${bad}" → 400`, async () => {
                const res = await session.request('tools/list', undefined, { 'MCP-Protocol-Version': bad });
                assert.equal(res.status, 400, show(res));
            });
        }

        test('a JSON-RPC batch → 400 (batches exist only in 2025-03-26)', async () => {
            const res = await session.postRaw([
                { jsonrpc: '2.0', id: 1, method: 'tools/list' },
                { jsonrpc: '2.0', id: 2, method: 'ping' },
            ]);
            assert.equal(res.status, 400, show(res));
        });

        test('unknown method → 200 with -32601 (never 404 for legacy clients)', async () => {
            const res = await session.request('nonexistent/method');
            assertRpcError(res, 200, -32601);
        });

        test('DELETE → 204, then the session is gone (404)', async () => {
            assert.equal(await session.close(), 204);
            const res = await session.request('tools/list');
            assert.equal(res.status, 404, show(res));
            const again = await fetch(gw.mcpUrl(), { method: 'DELETE', headers: session.headers() });
            await again.body?.cancel();
            assert.equal(again.status, 404);
        });
    });

    describe('in a 2025-03-26 session', () => {
        let session;
        before(async () => {
            session = await openLegacySession(gw.mcpUrl(), '2025-03-26');
        });

        test('batch [tools/list, ping, notification] → array of 2 responses in order', async () => {
            const res = await session.postRaw([
                { jsonrpc: '2.0', id: 'a', method: 'tools/list' },
                { jsonrpc: '2.0', id: 'b', method: 'ping' },
                { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'zzz' } },
            ]);
            assert.equal(res.status, 200, show(res));
            assert.ok(Array.isArray(res.json), show(res));
            assert.deepEqual(
                res.json.map((r) => r.id),
                ['a', 'b'],
            );
            assert.equal(res.json[0].result.tools.length, 6);
            assert.deepEqual(res.json[1].result, {});
        });

        test('batch of notifications only → 202', async () => {
            const res = await session.postRaw([{ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } }]);
            assert.equal(res.status, 202, show(res));
            assert.equal(res.text, '');
        });

        test('batch with tools/call of the demo API', async () => {
            const res = await session.postRaw([
                { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'getItem', arguments: { itemId: 999999 } } },
                { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'getForecast', arguments: { city: 'Lisbon', days: 3 } } },
            ]);
            assert.equal(res.status, 200, show(res));
            assert.deepEqual(
                res.json.map((r) => r.id),
                [1, 2],
            );
            assert.equal(res.json[0].result.isError, true);
            assert.match(resultText(res.json[0].result), /404/);
            assert.equal(res.json[1].result.structuredContent, undefined, 'no structuredContent in 2025-03-26');
            assert.equal(JSON.parse(resultText(res.json[1].result)).days.length, 3);
        });

        test('requests without MCP-Protocol-Version are fine in 2025-03-26', async () => {
            const res = await session.request('tools/list');
            assert.equal(res.status, 200, show(res));
        });
    });
});

describe('HTTP framing of the endpoint', () => {
    const body = () => modernRequest('tools/list');

    test('wrong Content-Type → 415', async () => {
        const res = await postModern(gw.mcpUrl(), body(), { 'Content-Type': 'text/plain' });
        assert.equal(res.status, 415, show(res));
    });

    test('missing Content-Type → 415', async () => {
        const b = body();
        const res = await fetch(gw.mcpUrl(), {
            method: 'POST',
            headers: { ...modernHeaders(b), 'Content-Type': '' },
            body: new Blob([JSON.stringify(b)]),
        }).then((r) => r.text().then((text) => ({ status: r.status, text })));
        assert.equal(res.status, 415, res.text);
    });

    test('Content-Type with charset parameter is accepted', async () => {
        const res = await postModern(gw.mcpUrl(), body(), { 'Content-Type': 'application/json; charset=utf-8' });
        assert.equal(res.status, 200, show(res));
    });

    // [label, Accept value, expected status]
    const acceptCases = [
        ['application/json only', 'application/json', 406],
        ['text/event-stream only', 'text/event-stream', 406],
        ['text/html', 'text/html', 406],
        ['missing', undefined, 406],
        ['both, with q-values', 'application/json;q=0.9, text/event-stream;q=0.8', 200],
        ['*/*', '*/*', 200],
    ];
    for (const [label, accept, status] of acceptCases) {
        test(`Accept ${label} → ${status}`, async () => {
            // node:http, because fetch() adds "Accept: */*" when none is given.
            const b = JSON.stringify(body());
            const headers = { ...modernHeaders(body()), 'Content-Length': Buffer.byteLength(b) };
            delete headers.Accept;
            if (accept !== undefined)
                headers.Accept = accept;
            const res = await rawHttp(gw.mcpUrl(), { method: 'POST', headers, body: b });
            assert.equal(res.status, status, `${res.status} ${res.text.slice(0, 300)}`);
        });
    }

    test('invalid JSON → 400 -32700', async () => {
        const res = await post(gw.mcpUrl(), '{"jsonrpc": "2.0", "id": 1, "method": ', {
            ...JSON_HEADERS,
            'MCP-Protocol-Version': MODERN,
            'Mcp-Method': 'tools/list',
        });
        assertRpcError(res, 400, -32700);
        assert.ok(!('id' in res.json) || res.json.id === null, `parse error id must be absent or null: ${show(res)}`);
    });

    test('JSON that is not a JSON-RPC message → 400 -32600', async () => {
        const res = await post(gw.mcpUrl(), { hello: 'world' }, JSON_HEADERS);
        assertRpcError(res, 400, -32600);
    });

    // [label, method, expected status]
    for (const method of ['PUT', 'PATCH']) {
        test(`${method} → 405 with Allow`, async () => {
            const res = await fetch(gw.mcpUrl(), { method, headers: JSON_HEADERS, body: '{}' });
            await res.body?.cancel();
            assert.equal(res.status, 405);
            const allow = (res.headers.get('allow') ?? '').split(',').map((s) => s.trim());
            assert.ok(allow.includes('POST'), `Allow: ${res.headers.get('allow')}`);
        });
    }
});

describe('Host and Origin validation (DNS rebinding)', () => {
    const body = JSON.stringify(modernRequest('tools/list'));
    const headers = (extra) => ({ ...modernHeaders(modernRequest('tools/list')), 'Content-Length': Buffer.byteLength(body), ...extra });

    // [label, extra headers, expected status]
    const cases = [
        ['Host 127.0.0.1:PORT', (p) => ({ Host: `127.0.0.1:${p}` }), 200],
        ['Host localhost:PORT', (p) => ({ Host: `localhost:${p}` }), 200],
        ['Host evil.example', () => ({ Host: 'evil.example' }), 403],
        ['Host evil.example:PORT', (p) => ({ Host: `evil.example:${p}` }), 403],
        ['Host 127.0.0.1.evil.example', (p) => ({ Host: `127.0.0.1.evil.example:${p}` }), 403],
        ['Host localhost.evil.example', () => ({ Host: 'localhost.evil.example' }), 403],
        ['Origin http://evil.example', (p) => ({ Host: `127.0.0.1:${p}`, Origin: 'http://evil.example' }), 403],
        ['Origin https://localhost.evil.example', (p) => ({ Host: `127.0.0.1:${p}`, Origin: 'https://localhost.evil.example' }), 403],
        ['Origin null', (p) => ({ Host: `127.0.0.1:${p}`, Origin: 'null' }), 403],
        ['Origin http://localhost:PORT', (p) => ({ Host: `127.0.0.1:${p}`, Origin: `http://localhost:${p}` }), 200],
        ['Origin http://127.0.0.1:PORT', (p) => ({ Host: `127.0.0.1:${p}`, Origin: `http://127.0.0.1:${p}` }), 200],
    ];
    for (const [label, extra, status] of cases) {
        test(`${label} → ${status}`, async () => {
            const res = await rawHttp(gw.mcpUrl(), { method: 'POST', headers: headers(extra(gw.port)), body });
            assert.equal(res.status, status, `${res.status} ${res.text.slice(0, 300)}`);
        });
    }

    test('foreign Origin via fetch → 403', async () => {
        const res = await postModern(gw.mcpUrl(), modernRequest('tools/list'), { Origin: 'http://attacker.example' });
        assert.equal(res.status, 403, show(res));
    });

    test('foreign Host is refused before the MCP layer (no version of the request is served)', async () => {
        const init = JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'initialize',
            params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: CLIENT_INFO },
        });
        const res = await rawHttp(gw.mcpUrl(), {
            method: 'POST',
            headers: { ...JSON_HEADERS, Host: 'evil.example', 'Content-Length': Buffer.byteLength(init) },
            body: init,
        });
        assert.equal(res.status, 403);
        assert.equal(res.headers['mcp-session-id'], undefined, 'no session minted for a rebinding attempt');
    });
});

test('every exchange was logged with the service name', async () => {
    await gw.waitForEvent({ rpcMethod: 'tools/list', protocol: MODERN });
    const mcp = gw.events.filter((e) => e.path === '/mcp/demo' && e.kind === 'mcp');
    assert.ok(mcp.length > 20, `only ${mcp.length} events`);
    for (const e of mcp)
        assert.equal(e.service, 'demo', JSON.stringify(e));
    assert.ok(gw.events.some((e) => e.status === 403), 'rejections are logged too');
});

test('without --log-events stdout holds only the listening line; SIGINT exits 0', async () => {
    const quiet = await startGateway({ logEvents: false });
    try {
        const res = await postModern(quiet.mcpUrl(), modernRequest('tools/list'));
        assert.equal(res.status, 200, show(res));
    } finally {
        const exit = await quiet.stop(5000, 'SIGINT');
        assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null }, quiet.stderr.slice(-2000));
    }
    assert.deepEqual(quiet.events, []);
    assert.deepEqual(quiet.strayStdout, []);
});
