// SPDX-License-Identifier: GPL-3.0-or-later
// OAuth 2.1 endpoint security against a real authorization server (oauth2-mock-server) and the
// official SDK's ClientCredentialsProvider, which must find its way unaided:
//   401 + WWW-Authenticate resource_metadata → RFC 9728 PRM → AS metadata (RFC 8414 / OIDC)
//   → client_credentials token request with resource= (RFC 8707) → tools/list, tools/call.
// The gateway itself fetches the AS metadata and JWKS to verify the at+jwt access token.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { OAuth2Issuer, OAuth2Service } from 'oauth2-mock-server';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ClientCredentialsProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import { startConfiguredGateway, startDemoBackend, stopCleanly, writeWorkspace } from './lib/workspace.mjs';
import { resultText, show, post, modernRequest, modernHeaders } from './lib/rpc.mjs';

const CLIENT_ID = 'e2e-machine-client';
const CLIENT_SECRET = 'e2e-machine-secret';

/** oauth2-mock-server's issuer + service behind our own http server, so every request is logged. */
async function startAuthorizationServer() {
    const issuer = new OAuth2Issuer();
    await issuer.keys.generate('RS256');
    const service = new OAuth2Service(issuer);
    const log = []; // {method, path, ua}
    const tokenRequests = []; // parsed form bodies of token requests
    const server = http.createServer((req, res) => {
        log.push({ method: req.method, path: req.url, ua: req.headers['user-agent'] ?? '' });
        service.requestHandler(req, res);
    });
    await new Promise((resolve, reject) => server.listen(0, '127.0.0.1').once('listening', resolve).once('error', reject));
    const { port } = server.address();
    issuer.url = `http://127.0.0.1:${port}`;
    service.on('beforeTokenSigning', (token, req) => {
        const body = { ...req.body };
        tokenRequests.push(body);
        const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
        const clientId = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0] : body.client_id;
        token.header.typ = 'at+jwt';
        token.payload.aud = body.resource;
        token.payload.scope = body.scope;
        token.payload.sub = decodeURIComponent(clientId ?? 'unknown');
        token.payload.client_id = token.payload.sub;
    });
    return {
        issuer,
        url: issuer.url,
        log,
        tokenRequests,
        /** A token signed by this AS with arbitrary claims (for negative rows). */
        async mint(claims) {
            return issuer.buildToken({
                scopesOrTransform: (header, payload) => {
                    header.typ = 'at+jwt';
                    Object.assign(payload, claims);
                },
            });
        },
        stop: () => new Promise((resolve) => {
            server.closeAllConnections?.();
            server.close(() => resolve());
        }),
    };
}

describe('oauth2 endpoint security with client_credentials (oauth2-mock-server + SDK 1.32.2)', () => {
    let as;
    let backend;
    let ws;
    let gw;
    let endpoint;
    let prmUrl;

    before(async () => {
        as = await startAuthorizationServer();
        backend = await startDemoBackend();
        ws = writeWorkspace({
            backendUrl: backend.backendUrl,
            security: {
                mode: 'oauth2',
                authorizationServers: [as.url],
                requiredScopes: ['demo:read'],
                allowLoopbackHttpIssuers: true,
            },
        });
        gw = await startConfiguredGateway(ws.file);
        endpoint = gw.mcpUrl('demo');
        prmUrl = `http://127.0.0.1:${gw.port}/.well-known/oauth-protected-resource/mcp/demo`;
    });

    after(async () => {
        try {
            await stopCleanly(gw, 'gateway');
            await stopCleanly(backend, 'demo backend');
        } finally {
            await as?.stop();
            ws?.cleanup();
        }
    });

    test('the issuer serves OIDC discovery with issuer == its URL', async () => {
        const res = await fetch(`${as.url}/.well-known/openid-configuration`);
        assert.equal(res.status, 200);
        const doc = await res.json();
        assert.equal(doc.issuer, as.url);
        assert.equal(doc.jwks_uri, `${as.url}/jwks`);
    });

    test('no token → 401 with a Bearer challenge naming the PRM document', async () => {
        const body = modernRequest('tools/list');
        const res = await post(endpoint, body, modernHeaders(body));
        assert.equal(res.status, 401, show(res));
        const challenge = res.headers.get('www-authenticate') ?? '';
        assert.match(challenge, /^Bearer /, `challenge: ${challenge}`);
        assert.ok(challenge.includes(`resource_metadata="${prmUrl}"`), `challenge: ${challenge}`);
        assert.ok(challenge.includes('scope="demo:read"'), `challenge: ${challenge}`);
    });

    test('PRM (RFC 9728): resource is the endpoint URL, authorization_servers = [issuer]', async () => {
        const res = await fetch(prmUrl);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /application\/json/);
        const prm = await res.json();
        assert.equal(prm.resource, endpoint);
        assert.deepEqual(prm.authorization_servers, [as.url]);
        assert.ok(prm.scopes_supported?.includes('demo:read'), JSON.stringify(prm));
    });

    test('SDK ClientCredentialsProvider: 401 → PRM → AS metadata → token(resource=) → tools/list + tools/call', async () => {
        const provider = new ClientCredentialsProvider({
            clientId: CLIENT_ID,
            clientSecret: CLIENT_SECRET,
            scope: 'demo:read',
            expectedIssuer: as.url,
        });
        const transport = new StreamableHTTPClientTransport(new URL(endpoint), { authProvider: provider });
        const client = new Client({ name: 'portcullis-e2e-oauth', version: '1.0.0' });
        try {
            await client.connect(transport);
            const { tools } = await client.listTools();
            assert.ok(tools.some((t) => t.name === 'getForecast'), tools.map((t) => t.name).join(','));
            const result = await client.callTool({ name: 'getForecast', arguments: { city: 'Lisbon', days: 2 } });
            assert.notEqual(result.isError, true, JSON.stringify(result));
            assert.match(resultText(result), /Lisbon/);
        } finally {
            await client.close().catch(() => {});
        }

        // The SDK asked for a token for exactly this endpoint.
        assert.equal(as.tokenRequests.length >= 1, true, 'at least one token request');
        const tokenRequest = as.tokenRequests[0];
        assert.equal(tokenRequest.grant_type, 'client_credentials');
        assert.equal(tokenRequest.resource, endpoint, `token request: ${JSON.stringify(tokenRequest)}`);
        assert.match(tokenRequest.scope ?? '', /(^| )demo:read( |$)/);
        assert.ok(provider.tokens()?.access_token, 'the provider stored the token');

        // Discovery happened through the well-known documents (the gateway fetched the JWKS).
        const paths = as.log.map((r) => `${r.method} ${r.path}`);
        assert.ok(paths.includes('GET /.well-known/openid-configuration'), paths.join('\n'));
        assert.ok(paths.includes('GET /jwks'), `the gateway never fetched the JWKS:\n${paths.join('\n')}`);
        assert.ok(paths.includes('POST /token'), paths.join('\n'));

        // The traffic log names the principal "<issuer> <sub>" and auth "allowed".
        const ev = await gw.waitForEvent((e) => e.rpcMethod === 'tools/call' && e.tool === 'getForecast');
        assert.equal(ev.principal, `${as.url} ${CLIENT_ID}`, JSON.stringify(ev));
        assert.equal(ev.auth, 'allowed', JSON.stringify(ev));
        const listed = await gw.waitForEvent((e) => e.rpcMethod === 'tools/list');
        assert.equal(listed.auth, 'allowed', JSON.stringify(listed));
        assert.equal(listed.principal, `${as.url} ${CLIENT_ID}`, JSON.stringify(listed));
    });

    test('a valid token for another audience → 401 invalid_token', async () => {
        const token = await as.mint({
            sub: CLIENT_ID,
            scope: 'demo:read',
            aud: `http://127.0.0.1:${gw.port}/mcp/other`,
        });
        const body = modernRequest('tools/list');
        const res = await post(endpoint, body, { ...modernHeaders(body), Authorization: `Bearer ${token}` });
        assert.equal(res.status, 401, show(res));
        assert.equal(res.json?.error, 'invalid_token', show(res));
        const challenge = res.headers.get('www-authenticate') ?? '';
        assert.match(challenge, /^Bearer /, challenge);
        assert.match(challenge, /error="invalid_token"/, challenge);
        assert.ok(challenge.includes(`resource_metadata="${prmUrl}"`), challenge);
    });

    test('the same claims with the right audience are accepted (control row)', async () => {
        const token = await as.mint({ sub: 'control', scope: 'demo:read', aud: endpoint });
        const body = modernRequest('tools/list');
        const res = await post(endpoint, body, { ...modernHeaders(body), Authorization: `Bearer ${token}` });
        assert.equal(res.status, 200, show(res));
        assert.ok(Array.isArray(res.json?.result?.tools), show(res));
    });
});
