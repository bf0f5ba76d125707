// SPDX-License-Identifier: GPL-3.0-or-later
// Every kind of message the gateway emits, in every revision it serves, validated against the
// official MCP JSON schema of that revision (shared/mcp/schema-<revision>.json) with ajv: the
// envelope against JSONRPCMessage and the revision's response/error type, the payload against the
// specific result or error type. The requests this suite sends are validated too, so the gateway
// is judged on well-formed input.
//
// Known deviation (documented, asserted to be the only one): in 2025-03-26 and 2025-06-18 an
// error answering a message whose id could not be read (parse error, invalid id, a batch, a
// notification) carries `"id": null`, as JSON-RPC 2.0 §5 requires, while those two schemas only
// allow string|integer ids. Such a message must validate once `id` is replaced by an integer,
// and must carry exactly `"id": null`. HTTP-level refusals whose body is never parsed (415, 406)
// may instead leave the id out, as the 2025 transport text allows ("a JSON-RPC error response
// that has no id"); they are the same deviation and are listed as such. From 2025-11-25 on, the
// id is omitted, which the schemas allow, so no deviation is accepted there.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useGateway } from './lib/gateway.mjs';
import { schemaFor } from './lib/schemas.mjs';
import {
    CLIENT_INFO,
    LEGACY_REVISIONS,
    MODERN,
    modernHeaders,
    modernRequest,
    openLegacySession,
    post,
    postModern,
    readSseEvents,
    show,
} from './lib/rpc.mjs';

const gw = useGateway();
const OLD_SCHEMA_REVISIONS = ['2025-03-26', '2025-06-18'];
const deviations = [];
const expectedDeviations = [];
let validatedMessages = 0;

function envelopeDefs(revision, msg) {
    if (Array.isArray(msg))
        return ['JSONRPCMessage', 'JSONRPCBatchResponse'];
    if (!('result' in msg) && !('error' in msg))
        return ['JSONRPCMessage', 'JSONRPCNotification'];
    const old = OLD_SCHEMA_REVISIONS.includes(revision);
    if ('error' in msg)
        return ['JSONRPCMessage', old ? 'JSONRPCError' : 'JSONRPCErrorResponse'];
    return ['JSONRPCMessage', old ? 'JSONRPCResponse' : 'JSONRPCResultResponse'];
}

/**
 * All schema errors of `msg` in `revision`: envelope defs plus `checks`, a list of
 * [definition, value-picker] pairs (e.g. ['CallToolResult', (m) => m.result]).
 */
function schemaErrors(revision, msg, checks) {
    const s = schemaFor(revision);
    const errors = [];
    for (const def of envelopeDefs(revision, msg))
        errors.push(...s.errors(def, msg));
    for (const [def, pick] of checks)
        errors.push(...s.errors(def, pick(msg)));
    return errors;
}

/** Replace every unreadable (null or missing) id of an error response (or batch item) by an integer. */
function withIntegerIds(msg) {
    const fix = (m) => (m && 'error' in m && (m.id === null || !('id' in m)) ? { ...m, id: 0 } : m);
    return Array.isArray(msg) ? msg.map(fix) : fix(msg);
}

/**
 * Assert that `msg` conforms to the revision's schema. `unreadableId` marks an error answering a
 * message whose id could not be read: 'null' — JSON-RPC level, old revisions need "id": null;
 * 'absent-or-null' — an HTTP-level refusal, old revisions may also omit the id. From 2025-11-25
 * on the id must be omitted in both cases.
 */
function assertConforms(revision, label, msg, checks = [], { unreadableId = false } = {}) {
    assert.ok(msg !== undefined && msg !== null, `${revision} ${label}: no JSON body`);
    validatedMessages++;
    const old = OLD_SCHEMA_REVISIONS.includes(revision);
    if (unreadableId) {
        const items = Array.isArray(msg) ? msg.filter((m) => 'error' in m && typeof m.id !== 'string' && typeof m.id !== 'number') : [msg];
        assert.ok(items.length > 0, `${revision} ${label}: an error without a readable id`);
        for (const m of items) {
            if (!old)
                assert.ok(!('id' in m), `${revision} ${label}: the id must be omitted (not null) from 2025-11-25 on, got ${JSON.stringify(m)}`);
            else if (unreadableId === 'null')
                assert.ok('id' in m && m.id === null, `${revision} ${label}: JSON-RPC 2.0 §5 and the gateway's rule for ${revision} want "id": null, got ${JSON.stringify(m)}`);
            else
                assert.ok(!('id' in m) || m.id === null, `${revision} ${label}: id must be null or absent, got ${JSON.stringify(m)}`);
        }
        if (old)
            expectedDeviations.push(`${revision} ${label}`);
    }
    const errors = schemaErrors(revision, msg, checks);
    if (errors.length > 0 && old && unreadableId) {
        const remaining = schemaErrors(revision, withIntegerIds(msg), checks);
        assert.deepEqual(remaining, [], `${revision} ${label}: errors besides the unreadable id\n${JSON.stringify(msg)}`);
        deviations.push(`${revision} ${label}`);
        return;
    }
    assert.deepEqual(errors, [], `${revision} ${label} does not conform\n${JSON.stringify(msg).slice(0, 2000)}`);
}

/** Our own requests must be valid too (envelope + specific request type). */
function assertValidRequest(revision, def, body) {
    const s = schemaFor(revision);
    const errors = [...s.errors('JSONRPCMessage', body), ...s.errors(def, body)];
    assert.deepEqual(errors, [], `test request is not valid ${revision} ${def}: ${JSON.stringify(body)}`);
}

const result = (m) => m.result;
const error = (m) => m.error;

for (const revision of LEGACY_REVISIONS) {
    describe(`revision ${revision}`, () => {
        let session;
        const old = OLD_SCHEMA_REVISIONS.includes(revision);

        before(async () => {
            const init = {
                jsonrpc: '2.0',
                id: 0,
                method: 'initialize',
                params: { protocolVersion: revision, capabilities: {}, clientInfo: CLIENT_INFO },
            };
            assertValidRequest(revision, 'InitializeRequest', init);
            session = await openLegacySession(gw.mcpUrl(), revision);
        });

        after(async () => {
            await session?.close();
        });

        async function call(method, params, def) {
            const body = { jsonrpc: '2.0', id: session.nextId, method, ...(params !== undefined ? { params } : {}) };
            if (def)
                assertValidRequest(revision, def, body);
            const res = await session.request(method, params);
            assert.match(res.contentType, /^application\/json/, show(res));
            return res;
        }

        test('initialize result', () => {
            assertConforms(revision, 'initialize', session.initialize.json, [['InitializeResult', result]]);
        });

        test('tools/list result', async () => {
            const res = await call('tools/list', undefined, 'ListToolsRequest');
            assert.equal(res.status, 200, show(res));
            assertConforms(revision, 'tools/list', res.json, [['ListToolsResult', result]]);
            for (const tool of res.json.result.tools)
                assert.deepEqual(schemaFor(revision).errors('Tool', tool), []);
        });

        test('tools/call results: success, backend 404, backend 503, invalid arguments', async () => {
            const cases = [
                ['getForecast', { city: 'Lisbon', days: 2, units: 'imperial' }, false],
                ['listItems', { limit: 2 }, false],
                ['createItem', { name: 'bolt', quantity: 3, tags: ['hardware'] }, false],
                ['getItem', { itemId: 999999 }, true],
                ['simulateStatus', { code: 503 }, true],
                ['getForecast', { days: 2 }, true],
                ['getForecast', { city: 'Lisbon', days: 9 }, true],
            ];
            for (const [name, args, isError] of cases) {
                const res = await call('tools/call', { name, arguments: args }, 'CallToolRequest');
                assert.equal(res.status, 200, show(res));
                assert.equal(res.json.result?.isError === true, isError, `${name} ${JSON.stringify(args)}: ${show(res)}`);
                if (revision === '2025-03-26')
                    assert.equal(res.json.result.structuredContent, undefined, 'no structuredContent in 2025-03-26');
                assertConforms(revision, `tools/call ${name}`, res.json, [['CallToolResult', result]]);
            }
        });

        test('ping result', async () => {
            const res = await call('ping', undefined, 'PingRequest');
            assert.equal(res.status, 200, show(res));
            assertConforms(revision, 'ping', res.json, [['EmptyResult', result]]);
        });

        test('JSON-RPC errors with a readable id: -32602 unknown tool / bad arguments, -32601, -32600', async () => {
            const unknownTool = await call('tools/call', { name: 'noSuchTool', arguments: {} }, 'CallToolRequest');
            assert.equal(unknownTool.json?.error?.code, -32602, show(unknownTool));
            assertConforms(revision, 'error -32602 unknown tool', unknownTool.json);

            const badArgs = await call('tools/call', { name: 'getForecast', arguments: 'city=Lisbon' });
            assert.equal(badArgs.json?.error?.code, -32602, show(badArgs));
            assertConforms(revision, 'error -32602 arguments not an object', badArgs.json);

            const unknownMethod = await call('nonexistent/method');
            assert.equal(unknownMethod.status, 200);
            assert.equal(unknownMethod.json?.error?.code, -32601, show(unknownMethod));
            assertConforms(revision, 'error -32601', unknownMethod.json);

            const invalid = await session.postRaw({ jsonrpc: '1.0', id: 41, method: 'ping' });
            assert.equal(invalid.json?.error?.code, -32600, show(invalid));
            assert.equal(invalid.json.id, 41);
            assertConforms(revision, 'error -32600 readable id', invalid.json);
        });

        test('JSON-RPC error with an unreadable id: -32600 invalid id', async () => {
            const invalidId = await session.postRaw({ jsonrpc: '2.0', id: { nested: true }, method: 'ping' });
            assert.equal(invalidId.status, 400, show(invalidId));
            assert.equal(invalidId.json?.error?.code, -32600, show(invalidId));
            assertConforms(revision, 'error -32600 unreadable id', invalidId.json, [], { unreadableId: 'null' });
        });

        test('JSON-RPC error with an unreadable id: -32700 parse error', async () => {
            const parse = await session.postRaw('{"jsonrpc":"2.0","id":5,"method":"tools/list"');
            assert.equal(parse.status, 400, show(parse));
            assert.equal(parse.json?.error?.code, -32700, show(parse));
            assertConforms(revision, 'error -32700 parse error', parse.json, [], { unreadableId: 'null' });
        });

        if (revision === '2025-03-26') {
            test('batch responses', async () => {
                const batch = [
                    { jsonrpc: '2.0', id: 'list', method: 'tools/list' },
                    { jsonrpc: '2.0', id: 'ping', method: 'ping' },
                    { jsonrpc: '2.0', id: 'call', method: 'tools/call', params: { name: 'getItem', arguments: { itemId: 1 } } },
                    { jsonrpc: '2.0', id: 'nope', method: 'tools/call', params: { name: 'noSuchTool' } },
                    { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'zzz' } },
                ];
                assert.deepEqual(schemaFor(revision).errors('JSONRPCBatchRequest', batch), []);
                const res = await session.postRaw(batch);
                assert.equal(res.status, 200, show(res));
                assert.deepEqual(
                    res.json.map((m) => m.id),
                    ['list', 'ping', 'call', 'nope'],
                );
                assertConforms(revision, 'batch', res.json, [
                    ['ListToolsResult', (m) => m[0].result],
                    ['EmptyResult', (m) => m[1].result],
                    ['CallToolResult', (m) => m[2].result],
                    ['JSONRPCError', (m) => m[3]],
                ]);
            });

            test('batch with an item whose id is unreadable', async () => {
                const res = await session.postRaw([
                    { jsonrpc: '2.0', id: 1, method: 'ping' },
                    { jsonrpc: '2.0', id: [1], method: 'ping' },
                ]);
                assert.equal(res.status, 200, show(res));
                assert.equal(res.json.length, 2, show(res));
                assert.equal(res.json[1].error?.code, -32600, show(res));
                assertConforms(revision, 'batch item with unreadable id', res.json, [], { unreadableId: 'null' });
            });

            test('empty batch is refused', async () => {
                const res = await session.postRaw([]);
                assert.equal(res.status, 400, show(res));
                assert.equal(res.json?.error?.code, -32600, show(res));
                assertConforms(revision, 'empty batch', res.json, [], { unreadableId: 'null' });
            });
        } else {
            test('a batch is refused with an id-less error', async () => {
                const res = await session.postRaw([{ jsonrpc: '2.0', id: 1, method: 'ping' }]);
                assert.equal(res.status, 400, show(res));
                assert.equal(res.json?.error?.code, -32600, show(res));
                assertConforms(revision, 'batch refused', res.json, [], { unreadableId: 'null' });
            });

            test('a notification with a wrong MCP-Protocol-Version is refused with an id-less error', async () => {
                const res = await session.postRaw(
                    { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } },
                    { 'MCP-Protocol-Version': 'bogus' },
                );
                assert.equal(res.status, 400, show(res));
                if (res.json !== undefined)
                    assertConforms(revision, 'notification refused', res.json, [], { unreadableId: 'null' });
            });
        }

        test('error bodies of transport refusals (415, 406) are JSON-RPC errors', async () => {
            const body = { jsonrpc: '2.0', id: 9, method: 'ping' };
            const wrongType = await post(gw.mcpUrl(), body, { ...session.headers(), 'Content-Type': 'text/plain' });
            assert.equal(wrongType.status, 415, show(wrongType));
            assertConforms(revision, '415 body', wrongType.json, [], { unreadableId: 'absent-or-null' });
            const wrongAccept = await post(gw.mcpUrl(), body, { ...session.headers(), Accept: 'application/json' });
            assert.equal(wrongAccept.status, 406, show(wrongAccept));
            assertConforms(revision, '406 body', wrongAccept.json, [], { unreadableId: 'absent-or-null' });
        });

        if (!old) {
            test('2025-11-25 id-less errors are fine for the schema', () => {
                assert.ok(schemaFor(revision).errors('JSONRPCErrorResponse', { jsonrpc: '2.0', error: { code: -32700, message: 'x' } }).length === 0);
            });
        }
    });
}

describe(`revision ${MODERN}`, () => {
    const revision = MODERN;

    async function send(body, headerOverrides = {}) {
        const res = await postModern(gw.mcpUrl(), body, headerOverrides);
        assert.match(res.contentType, /^application\/json/, show(res));
        return res;
    }

    test('server/discover result', async () => {
        const body = modernRequest('server/discover');
        assertValidRequest(revision, 'DiscoverRequest', body);
        const res = await send(body);
        assert.equal(res.status, 200, show(res));
        assertConforms(revision, 'server/discover', res.json, [
            ['DiscoverResultResponse', (m) => m],
            ['DiscoverResult', result],
        ]);
    });

    test('tools/list result', async () => {
        const body = modernRequest('tools/list');
        assertValidRequest(revision, 'ListToolsRequest', body);
        const res = await send(body);
        assert.equal(res.status, 200, show(res));
        assertConforms(revision, 'tools/list', res.json, [
            ['ListToolsResultResponse', (m) => m],
            ['ListToolsResult', result],
        ]);
    });

    test('tools/call results: success, backend 404, backend 503, invalid arguments', async () => {
        const cases = [
            ['getForecast', { city: 'Lisbon', days: 2 }, false],
            ['createItem', { name: 'nut', tags: [] }, false],
            ['deleteItem', { itemId: 424242 }, true],
            ['simulateStatus', { code: 503 }, true],
            ['getForecast', { units: 'kelvin' }, true],
        ];
        for (const [name, args, isError] of cases) {
            const body = modernRequest('tools/call', { name, arguments: args });
            assertValidRequest(revision, 'CallToolRequest', body);
            const res = await send(body);
            assert.equal(res.status, 200, show(res));
            assert.equal(res.json.result?.isError === true, isError, `${name}: ${show(res)}`);
            assertConforms(revision, `tools/call ${name}`, res.json, [
                ['CallToolResultResponse', (m) => m],
                ['CallToolResult', result],
            ]);
        }
    });

    test('-32602 unknown tool and missing clientCapabilities', async () => {
        const unknownTool = await send(modernRequest('tools/call', { name: 'noSuchTool', arguments: {} }));
        assert.equal(unknownTool.json?.error?.code, -32602, show(unknownTool));
        assertConforms(revision, 'error -32602 unknown tool', unknownTool.json, [['InvalidParamsError', error]]);

        const noCaps = await send(modernRequest('tools/list', {}, { capabilities: undefined }));
        assert.equal(noCaps.status, 400, show(noCaps));
        assert.equal(noCaps.json?.error?.code, -32602, show(noCaps));
        assertConforms(revision, 'error -32602 missing capabilities', noCaps.json, [['InvalidParamsError', error]]);
    });

    test('-32601 unknown method', async () => {
        const res = await send(modernRequest('nonexistent/method'));
        assert.equal(res.status, 404, show(res));
        assertConforms(revision, 'error -32601', res.json, [['MethodNotFoundError', error]]);
    });

    test('-32020 header mismatch', async () => {
        const res = await send(modernRequest('tools/call', { name: 'getForecast', arguments: { city: 'Lisbon' } }), {
            'Mcp-Name': 'getItem',
        });
        assert.equal(res.status, 400, show(res));
        assertConforms(revision, 'error -32020', res.json, [['HeaderMismatchError', (m) => m]]);
    });

    test('-32022 unsupported protocol version', async () => {
        const res = await send(modernRequest('tools/list', {}, { version: '2099-12-31' }));
        assert.equal(res.status, 400, show(res));
        assertConforms(revision, 'error -32022', res.json, [['UnsupportedProtocolVersionError', (m) => m]]);
    });

    test('-32700 parse error and -32600 invalid request', async () => {
        const headers = modernHeaders(modernRequest('tools/list'));
        const parse = await post(gw.mcpUrl(), '{"jsonrpc":"2.0",', headers);
        assert.equal(parse.status, 400, show(parse));
        assertConforms(revision, 'error -32700', parse.json, [['ParseError', error]], { unreadableId: 'null' });

        const invalid = await post(gw.mcpUrl(), { jsonrpc: '2.0', id: 3, method: 42, params: {} }, headers);
        assert.equal(invalid.status, 400, show(invalid));
        assert.equal(invalid.json?.id, 3, show(invalid));
        assertConforms(revision, 'error -32600', invalid.json, [['InvalidRequestError', error]]);

        const invalidId = await post(gw.mcpUrl(), { jsonrpc: '2.0', id: 1.5, method: 'tools/list', params: {} }, headers);
        assert.equal(invalidId.status, 400, show(invalidId));
        assertConforms(revision, 'error -32600 unreadable id', invalidId.json, [['InvalidRequestError', error]], {
            unreadableId: 'null',
        });
    });

    test('subscriptions/listen acknowledged notification', async () => {
        const body = modernRequest('subscriptions/listen', { notifications: { toolsListChanged: true, promptsListChanged: true } }, { id: 77 });
        assertValidRequest(revision, 'SubscriptionsListenRequest', body);
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
            const [first] = await readSseEvents(res, { count: 1 });
            const msg = JSON.parse(first.data);
            assertConforms(revision, 'subscriptions acknowledged', msg, [['SubscriptionsAcknowledgedNotification', (m) => m]]);
            assert.equal(msg.params._meta['io.modelcontextprotocol/subscriptionId'], 77);
            assert.equal(msg.params.notifications.promptsListChanged, undefined, 'the demo has no prompts');
        } finally {
            controller.abort();
        }
    });
});

test('the null-id deviation is the only one and appears exactly where expected', () => {
    assert.ok(validatedMessages >= 60, `validated ${validatedMessages} messages`);
    assert.deepEqual([...deviations].sort(), [...expectedDeviations].sort());
    for (const d of deviations)
        assert.ok(OLD_SCHEMA_REVISIONS.some((r) => d.startsWith(r)), d);
});
