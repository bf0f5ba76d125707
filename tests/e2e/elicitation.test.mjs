// SPDX-License-Identifier: GPL-3.0-or-later
// Elicited backend credentials end to end with the official SDK 2.x client and a scripted person.
//
//   SDK client ──x-reshapr-key──▶ portcullis /mcp/{tok,oauth} ──credential──▶ Node backend (this file)
//        │ URL-mode elicitation                 ▲ /elicit/ pages, /elicit/callback
//        ▼                                      │
//   scripted person (lib/person.mjs: own cookie jar, forms, redirects) ──▶ oauth2-mock-server (/authorize)
//
// Both wire forms: versionNegotiation pinned to 2026-07-28 (input_required + requestState; the SDK's
// driver retries on its own as soon as the handler answers accept, before the page is finished, and
// must get input_required again), and supportedProtocolVersions pinned to 2025-11-25 (-32042
// UrlElicitationRequiredError, notifications/elicitation/complete on the GET stream, retry).
// elicitedToken: the person types the value on the gateway's page; the backend checks X-API-Key.
// elicitedOAuth2: the backend's authorization server is oauth2-mock-server 8.2.3. Its /authorize
// auto-approves (redirects at once with code and state). It verifies PKCE only when the token
// request carries a code_verifier (S256 against the stored challenge; a code redeemed without a
// verifier is not refused), so this suite asserts that the gateway sent S256 and a verifier and that
// the server accepted it; the refusal of a missing or wrong verifier is proven by the C++ tests
// against OAuthCodeServer (tst_elicitationbroker, tst_elicitationwire). The backend accepts only
// bearer tokens that server issued.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OAuth2Issuer, OAuth2Service } from 'oauth2-mock-server';
import { Client, StreamableHTTPClientTransport, UrlElicitationRequiredError } from '@modelcontextprotocol/client';
import { DEMO_OPENAPI, newApiKey, startConfiguredGateway, stopCleanly } from './lib/workspace.mjs';
import { ScriptedPerson } from './lib/person.mjs';
import { MODERN, resultText } from './lib/rpc.mjs';

const TOKEN_VALUE = 'CANARY-e2e-elicited-token-93f1c2';
const clientInfo = { name: 'portcullis-e2e-elicitation', version: '1.0.0' };

/** The backend: GET /v1/forecast, answering only with the expected credential, echoing it back. */
async function startBackend() {
    const backend = {
        requests: [], // {path, apiKey, authorization}
        accept: () => false,
    };
    const server = http.createServer((req, res) => {
        const apiKey = req.headers['x-api-key'];
        const authorization = req.headers.authorization;
        backend.requests.push({ path: req.url, apiKey, authorization });
        const url = new URL(req.url, 'http://backend');
        if (url.pathname !== '/v1/forecast') {
            res.writeHead(404).end();
            return;
        }
        if (!backend.accept(req)) {
            res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
            return;
        }
        const days = Number(url.searchParams.get('days') ?? 1);
        const body = {
            city: url.searchParams.get('city'),
            units: 'metric',
            days: Array.from({ length: days }, (_, i) => ({ date: `2026-12-0${i + 1}`, summary: 'sunny', high: 20, low: 10 })),
            // A careless backend echoing the credential it received: the gateway must redact it.
            seen: apiKey ?? authorization ?? '',
        };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise((resolve, reject) => server.listen(0, '127.0.0.1').once('listening', resolve).once('error', reject));
    backend.url = `http://127.0.0.1:${server.address().port}`;
    backend.stop = () => new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
    });
    return backend;
}

/** oauth2-mock-server behind our own http server, logging /authorize and /token. */
async function startAuthorizationServer() {
    const issuer = new OAuth2Issuer();
    await issuer.keys.generate('RS256');
    const service = new OAuth2Service(issuer);
    const as = { authorize: [], tokenRequests: [], issued: new Map(), seq: 0, lifetimeSeconds: 3600 };
    const server = http.createServer((req, res) => {
        if (req.url.startsWith('/authorize'))
            as.authorize.push(new URL(req.url, 'http://as').searchParams);
        service.requestHandler(req, res);
    });
    service.on('beforeResponse', (response, req) => {
        if (response.statusCode !== 200 || !response.body.access_token)
            return;
        as.tokenRequests.push({ ...req.body });
        as.issued.set(response.body.access_token, { grant: req.body.grant_type, seq: ++as.seq });
        response.body.expires_in = as.lifetimeSeconds;
    });
    await new Promise((resolve, reject) => server.listen(0, '127.0.0.1').once('listening', resolve).once('error', reject));
    as.url = `http://127.0.0.1:${server.address().port}`;
    issuer.url = as.url;
    as.stop = () => new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
    });
    return as;
}

/** Records every JSON body the MCP client receives, to prove no credential reaches it. */
function recordingFetch(seen) {
    return async (url, init) => {
        const response = await fetch(url, init);
        if ((response.headers.get('content-type') ?? '').startsWith('application/json'))
            response.clone().text().then((t) => seen.push(t), () => {});
        return response;
    };
}

describe('elicited backend credentials with the SDK 2.x client and a scripted person', () => {
    let backend;
    let as;
    let dir;
    let gw;
    let key;
    const received = []; // JSON bodies the MCP clients received

    before(async () => {
        backend = await startBackend();
        as = await startAuthorizationServer();
        dir = mkdtempSync(path.join(os.tmpdir(), 'portcullis-e2e-elicit-'));
        const file = path.join(dir, 'workspace.json');
        const service = (name, backendAuth) => ({ name, openapi: DEMO_OPENAPI, baseUrl: backend.url, security: { mode: 'none' }, backendAuth });
        writeFileSync(file, JSON.stringify({
            version: 1,
            gateway: { listen: '127.0.0.1:0' },
            services: [
                service('tok', { kind: 'elicitedToken', headerName: 'X-API-Key' }),
                service('oauth', {
                    kind: 'elicitedOAuth2',
                    issuer: as.url,
                    clientId: 'e2e-backend-client',
                    scopes: ['read', 'offline_access'],
                    allowLoopbackHttpTokenEndpoint: true,
                }),
            ],
        }, null, 2));
        key = await newApiKey(file, 'tok'); // switches the service to apiKey with this key
        // The same key on both services: the same person (the key id) on both.
        const ws = JSON.parse(readFileSync(file, 'utf8'));
        ws.services[1].security = ws.services[0].security;
        writeFileSync(file, JSON.stringify(ws, null, 2));
        gw = await startConfiguredGateway(file);
    });

    after(async () => {
        await stopCleanly(gw);
        await backend?.stop();
        await as?.stop();
        if (dir)
            rmSync(dir, { recursive: true, force: true });
    });

    function transport(service) {
        return new StreamableHTTPClientTransport(new URL(gw.mcpUrl(service)), {
            requestInit: { headers: { 'x-reshapr-key': key } },
            fetch: recordingFetch(received),
        });
    }

    /** A raw 2026-07-28 tools/call of `service` (for what the SDK never sends). */
    async function rawCall(service, { capabilities = { elicitation: { url: {} } }, extra = {} } = {}) {
        const res = await fetch(gw.mcpUrl(service), {
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
                id: 9,
                method: 'tools/call',
                params: {
                    name: 'getForecast',
                    arguments: { city: 'Lisbon' },
                    ...extra,
                    _meta: {
                        'io.modelcontextprotocol/protocolVersion': MODERN,
                        'io.modelcontextprotocol/clientCapabilities': capabilities,
                        'io.modelcontextprotocol/clientInfo': clientInfo,
                    },
                },
            }),
        });
        const text = await res.text();
        received.push(text);
        return { status: res.status, body: JSON.parse(text) };
    }

    test('2026-07-28 without elicitation.url: HTTP 400, -32021 naming the capability; nothing reaches the backend', async () => {
        const before = backend.requests.length;
        const { status, body } = await rawCall('tok', { capabilities: {} });
        assert.equal(status, 400);
        assert.equal(body.error?.code, -32021);
        assert.deepEqual(body.error?.data?.requiredCapabilities, { elicitation: { url: {} } });
        assert.equal(backend.requests.length, before);
    });

    test('2026-07-28 with a forged requestState: -32602 "Invalid or expired requestState"', async () => {
        const { status, body } = await rawCall('tok', { extra: { requestState: 'v1.AAAAforged' } });
        assert.equal(status, 200);
        assert.equal(body.error?.code, -32602);
        assert.equal(body.error?.message, 'Invalid or expired requestState');
    });

    test('elicitedToken, 2026-07-28: input_required, the SDK retries early, the person types the value', async () => {
        backend.accept = (req) => req.headers['x-api-key'] === TOKEN_VALUE;
        const person = new ScriptedPerson();
        const urls = [];
        let personDone;
        // The person submits only once the SDK's early retry has been answered input_required
        // again, so the pending-flow answer is exercised whatever the machine's speed.
        let secondRound;
        const retried = new Promise((resolve) => { secondRound = resolve; });
        const client = new Client(clientInfo, {
            versionNegotiation: { mode: { pin: MODERN } },
            capabilities: { elicitation: { url: {} } },
        });
        client.setRequestHandler('elicitation/create', async (request) => {
            assert.equal(request.params.mode, 'url');
            urls.push(request.params.url);
            if (!personDone) {
                // The person starts on the page while the client already answers accept.
                personDone = (async () => {
                    const page = await person.get(request.params.url);
                    assert.equal(page.status, 200, page.body);
                    assert.match(page.headers.get('set-cookie') ?? '', /HttpOnly; SameSite=Lax/);
                    await retried;
                    const done = await person.submit(page, 'submit', { credential: TOKEN_VALUE });
                    assert.equal(done.status, 200, done.body);
                })();
                return { action: 'accept' };
            }
            secondRound();
            await personDone;
            return { action: 'accept' };
        });
        await client.connect(transport('tok'));
        try {
            assert.equal(client.getNegotiatedProtocolVersion(), MODERN);
            const firstEvent = gw.events.length;
            const before = backend.requests.length;
            const result = await client.callTool({ name: 'getForecast', arguments: { city: 'Lisbon', days: 2 } });
            assert.notEqual(result.isError, true, resultText(result));
            assert.ok(urls.length >= 2, `the early retry was answered input_required again (${urls.length} rounds)`);
            assert.ok(urls.every((u) => u === urls[0]), 'one flow for the whole call');
            assert.match(urls[0], new RegExp(`^http://127\\.0\\.0\\.1:${gw.port}/elicit/[A-Za-z0-9_-]+$`));
            const sent = backend.requests.slice(before);
            assert.equal(sent.length, 1, 'the backend is called once, with the credential');
            assert.equal(sent[0].apiKey, TOKEN_VALUE);
            assert.equal(sent[0].authorization, undefined);
            assert.equal(result.structuredContent?.seen, '[redacted]');
            assert.ok(!JSON.stringify(result).includes(TOKEN_VALUE));
            // Stored for this person: the next call asks nothing.
            const again = await client.callTool({ name: 'getForecast', arguments: { city: 'Porto' } });
            assert.notEqual(again.isError, true, resultText(again));
            assert.equal(urls.length >= 2, true);
            const refused = gw.events.slice(firstEvent).filter((e) => /requestState refused/.test(e.detail ?? ''));
            assert.deepEqual(refused, [], 'every requestState the SDK echoed was accepted');
        } finally {
            await client.close().catch(() => {});
        }
    });

    test('elicitedToken, 2025-11-25: -32042, notifications/elicitation/complete, the retry succeeds', async () => {
        // A new person (another key would be another person; here the credential is dropped first).
        backend.accept = (req) => req.headers['x-api-key'] === `${TOKEN_VALUE}-2`;
        const client = new Client(clientInfo, { supportedProtocolVersions: ['2025-11-25'], capabilities: { elicitation: { url: {} } } });
        const completed = [];
        client.setNotificationHandler('notifications/elicitation/complete', (n) => {
            completed.push(n.params.elicitationId);
        });
        const t = transport('tok');
        await client.connect(t);
        try {
            assert.equal(client.getNegotiatedProtocolVersion(), '2025-11-25');
            // The stored value is refused by the backend now: dropped, and the person is asked again.
            let error;
            try {
                await client.callTool({ name: 'getForecast', arguments: { city: 'Lisbon' } });
            } catch (err) {
                error = err;
            }
            assert.ok(error instanceof UrlElicitationRequiredError, `expected -32042, got ${error?.name}: ${error?.message}`);
            const [elicitation] = error.elicitations;
            assert.equal(elicitation.mode, 'url');
            assert.ok(elicitation.elicitationId);
            // Give the SDK's GET stream a moment to be open before the flow completes.
            await new Promise((r) => setTimeout(r, 300));
            const person = new ScriptedPerson();
            const page = await person.get(elicitation.url);
            assert.equal(page.status, 200, page.body);
            const done = await person.submit(page, 'submit', { credential: `${TOKEN_VALUE}-2` });
            assert.equal(done.status, 200, done.body);
            const deadline = Date.now() + 5000;
            while (!completed.includes(elicitation.elicitationId) && Date.now() < deadline)
                await new Promise((r) => setTimeout(r, 25));
            assert.deepEqual(completed, [elicitation.elicitationId], 'notifications/elicitation/complete on the GET stream');
            const result = await client.callTool({ name: 'getForecast', arguments: { city: 'Lisbon' } });
            assert.notEqual(result.isError, true, resultText(result));
            assert.equal(backend.requests.at(-1).apiKey, `${TOKEN_VALUE}-2`);
            assert.ok(!JSON.stringify(result).includes(TOKEN_VALUE));
        } finally {
            await t.terminateSession().catch(() => {});
            await client.close().catch(() => {});
        }
    });

    test('elicitedOAuth2, 2026-07-28: code + PKCE S256 at oauth2-mock-server, refresh after expiry, 401 asks again', async () => {
        as.lifetimeSeconds = 2; // the gateway refreshes at half the lifetime
        let minCodeSeq = 0; // the backend accepts only tokens issued after this point
        backend.accept = (req) => {
            const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
            const t = m && as.issued.get(m[1]);
            // After minCodeSeq is set, only a token from a new authorization code will do.
            return Boolean(t) && t.seq > minCodeSeq && (minCodeSeq === 0 || t.grant === 'authorization_code');
        };
        let rounds = 0;
        let flows = 0;
        const person = new ScriptedPerson();
        const client = new Client(clientInfo, {
            versionNegotiation: { mode: { pin: MODERN } },
            capabilities: { elicitation: { url: {} } },
        });
        const started = new Map(); // url -> promise
        client.setRequestHandler('elicitation/create', async (request) => {
            ++rounds;
            const url = request.params.url;
            if (!started.has(url)) {
                ++flows;
                started.set(url, (async () => {
                    const intro = await person.get(url);
                    assert.equal(intro.status, 200, intro.body);
                    const done = await person.submit(intro, 'continue');
                    assert.equal(done.status, 200, done.body);
                    assert.deepEqual(done.hops.map((h) => new URL(h).pathname), [new URL(url).pathname, '/authorize', '/elicit/callback']);
                })());
                return { action: 'accept' };
            }
            await started.get(url);
            return { action: 'accept' };
        });
        await client.connect(transport('oauth'));
        try {
            const result = await client.callTool({ name: 'getForecast', arguments: { city: 'Lisbon', days: 1 } });
            assert.notEqual(result.isError, true, resultText(result));
            assert.equal(flows, 1);
            const authorize = as.authorize.at(-1);
            assert.equal(authorize.get('response_type'), 'code');
            assert.equal(authorize.get('code_challenge_method'), 'S256');
            assert.match(authorize.get('code_challenge'), /^[A-Za-z0-9_-]{43}$/);
            assert.equal(authorize.get('client_id'), 'e2e-backend-client');
            assert.equal(authorize.get('scope'), 'read offline_access');
            assert.equal(authorize.get('redirect_uri'), `http://127.0.0.1:${gw.port}/elicit/callback`);
            const redeemed = as.tokenRequests.filter((r) => r.grant_type === 'authorization_code');
            assert.equal(redeemed.length, 1);
            assert.match(redeemed[0].code_verifier, /^[A-Za-z0-9_-]{43,128}$/, 'PKCE verifier sent (and matched: the server answered 200)');
            const firstToken = [...as.issued.keys()].at(-1);
            assert.equal(backend.requests.at(-1).authorization, `Bearer ${firstToken}`);
            assert.equal(result.structuredContent?.seen, '[redacted]');
            assert.ok(!JSON.stringify(result).includes(firstToken));

            // Refresh after expiry: one refresh_token grant, the backend gets the new token.
            await new Promise((r) => setTimeout(r, 1500));
            const refreshed = await client.callTool({ name: 'getForecast', arguments: { city: 'Porto', days: 1 } });
            assert.notEqual(refreshed.isError, true, resultText(refreshed));
            assert.ok(as.tokenRequests.some((r) => r.grant_type === 'refresh_token'), 'refreshed');
            const secondToken = [...as.issued.keys()].at(-1);
            assert.notEqual(secondToken, firstToken);
            assert.equal(backend.requests.at(-1).authorization, `Bearer ${secondToken}`);
            assert.equal(flows, 1, 'no new page for a refresh');

            // The backend now refuses every token issued so far: one refresh inside the call, then
            // the backend's 401 as a tool error; the next call drops the token and asks the person.
            minCodeSeq = as.seq;
            const refreshesBefore = as.tokenRequests.filter((r) => r.grant_type === 'refresh_token').length;
            const refusedOnce = await client.callTool({ name: 'getForecast', arguments: { city: 'Faro', days: 1 } });
            assert.equal(refusedOnce.isError, true, resultText(refusedOnce));
            assert.match(resultText(refusedOnce), /401/);
            assert.equal(as.tokenRequests.filter((r) => r.grant_type === 'refresh_token').length, refreshesBefore + 1,
                'one forced refresh inside the refused call');
            const asked = await client.callTool({ name: 'getForecast', arguments: { city: 'Faro', days: 1 } });
            assert.notEqual(asked.isError, true, resultText(asked));
            assert.equal(flows, 2, 'a new flow after the backend refused the token');
            assert.equal(as.tokenRequests.filter((r) => r.grant_type === 'authorization_code').length, 2);
            assert.ok(rounds >= 3);
        } finally {
            await client.close().catch(() => {});
        }
    });

    test('no credential value in any MCP response or gateway event', () => {
        const values = [TOKEN_VALUE, ...as.issued.keys()];
        for (const text of received)
            for (const v of values)
                assert.ok(!text.includes(v), `an MCP response carried a credential: ${text.slice(0, 200)}`);
        const events = JSON.stringify(gw.events);
        for (const v of values)
            assert.ok(!events.includes(v), 'a gateway event carried a credential');
        const stages = gw.events.filter((e) => e.elicitation).map((e) => e.elicitation.stage);
        assert.ok(stages.includes('requested') && stages.includes('completed') && stages.includes('refreshed'), stages.join(','));
    });
});
