// SPDX-License-Identifier: GPL-3.0-or-later
// `portcullis --secure-demo` with the official SDK 2.x client: the gateway's built-in demo
// authorization server issues the agent's token (client credentials, as printed for the operator),
// the SDK finds its way unaided (401 → RFC 9728 → RFC 8414 → token with resource=) and lists the
// tools through the OAuth2-protected endpoint, in the 2026-07-28 era and in 2025-11-25.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, ClientCredentialsProvider, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { startGateway } from './lib/gateway.mjs';
import { DEMO_TOOLS, MODERN, modernHeaders, modernRequest, post, show } from './lib/rpc.mjs';

/** The values the operator reads on stderr. */
function printed(stderr, label) {
    const m = new RegExp(`^\\s*${label}:\\s+(\\S+)`, 'm').exec(stderr);
    assert.ok(m, `"${label}" not printed:\n${stderr}`);
    return m[1];
}

describe('portcullis --secure-demo (demo authorization server + SDK 2.4.0 client)', () => {
    let gw;
    let endpoint;
    let issuer;
    let clientId;
    let clientSecret;

    before(async () => {
        gw = await startGateway({ args: ['--secure-demo'] });
        // The guide follows the listening line on stderr.
        const deadline = Date.now() + 5000;
        while (!/Agent client secret:/.test(gw.stderr) && Date.now() < deadline)
            await new Promise((r) => setTimeout(r, 25));
        endpoint = printed(gw.stderr, 'MCP endpoint');
        issuer = printed(gw.stderr, 'Authorization server');
        clientId = printed(gw.stderr, 'Agent client id');
        clientSecret = printed(gw.stderr, 'Agent client secret');
    });

    after(async () => {
        if (!gw)
            return;
        const exit = await gw.stop();
        assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null }, gw.stderr.slice(-2000));
        assert.deepEqual(gw.strayStdout, [], 'stdout carries only the listening line and JSON events');
    });

    test('everything is on loopback and the endpoint is the secure-demo service', () => {
        assert.equal(endpoint, gw.mcpUrl('secure-demo'));
        assert.match(issuer, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.equal(clientId, 'portcullis-demo-agent');
        assert.ok(clientSecret.length >= 43, 'a 256-bit secret');
    });

    test('the demo authorization server publishes RFC 8414 metadata naming itself, S256 only', async () => {
        const res = await fetch(`${issuer}/.well-known/oauth-authorization-server`);
        assert.equal(res.status, 200);
        const doc = await res.json();
        assert.equal(doc.issuer, issuer);
        assert.deepEqual(doc.code_challenge_methods_supported, ['S256']);
        assert.ok(doc.grant_types_supported.includes('client_credentials'));
    });

    test('no token → 401 with a Bearer challenge naming the PRM document', async () => {
        const body = modernRequest('tools/list');
        const res = await post(endpoint, body, modernHeaders(body));
        assert.equal(res.status, 401, show(res));
        assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer .*resource_metadata=/);
    });

    for (const [label, options] of [
        ['2026-07-28', { versionNegotiation: { mode: { pin: MODERN } } }],
        ['2025-11-25', { supportedProtocolVersions: ['2025-11-25'] }],
    ]) {
        test(`SDK ClientCredentialsProvider → token from the demo server → tools/list (${label})`, async () => {
            const provider = new ClientCredentialsProvider({
                clientId,
                clientSecret,
                scope: 'mcp:tools',
                expectedIssuer: issuer,
            });
            const transport = new StreamableHTTPClientTransport(new URL(endpoint), { authProvider: provider });
            const client = new Client({ name: 'portcullis-e2e-secure-demo', version: '1.0.0' }, options);
            try {
                await client.connect(transport);
                const { tools } = await client.listTools();
                assert.deepEqual(
                    tools.map((t) => t.name),
                    DEMO_TOOLS,
                );
            } finally {
                await client.close().catch(() => {});
            }
            assert.ok(provider.tokens()?.access_token, 'the provider stored the token');
            const ev = await gw.waitForEvent((e) => e.rpcMethod === 'tools/list' && e.auth === 'allowed');
            assert.equal(ev.principal, `${issuer} ${clientId}`, JSON.stringify(ev));
        });
    }

    test('the client secret never appears in the traffic log', () => {
        for (const ev of gw.events)
            assert.ok(!JSON.stringify(ev).includes(clientSecret), JSON.stringify(ev));
    });
});
