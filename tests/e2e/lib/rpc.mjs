// SPDX-License-Identifier: GPL-3.0-or-later
// Plain-HTTP MCP helpers shared by the raw suites: build messages for each revision, POST them,
// read SSE streams, and send requests with headers fetch() refuses to set (Host).

import http from 'node:http';
import assert from 'node:assert/strict';

export const MODERN = '2026-07-28';
export const LEGACY_REVISIONS = ['2025-03-26', '2025-06-18', '2025-11-25'];
export const ALL_REVISIONS = [...LEGACY_REVISIONS, MODERN];

export const META_VERSION = 'io.modelcontextprotocol/protocolVersion';
export const META_CAPABILITIES = 'io.modelcontextprotocol/clientCapabilities';
export const META_CLIENT_INFO = 'io.modelcontextprotocol/clientInfo';
export const META_SUBSCRIPTION_ID = 'io.modelcontextprotocol/subscriptionId';

export const DEMO_TOOLS = ['createItem', 'deleteItem', 'getForecast', 'getItem', 'listItems', 'simulateStatus'];

export const ACCEPT_BOTH = 'application/json, text/event-stream';
export const CLIENT_INFO = { name: 'portcullis-e2e', version: '1.0.0' };

/**
 * The `_meta` envelope every 2026-07-28 request carries. Passing `capabilities: undefined` or
 * `clientInfo: undefined` explicitly leaves that key out.
 */
export function modernMeta(options = {}) {
    const { version = MODERN } = options;
    const capabilities = 'capabilities' in options ? options.capabilities : {};
    const clientInfo = 'clientInfo' in options ? options.clientInfo : CLIENT_INFO;
    const meta = { [META_VERSION]: version };
    if (capabilities !== undefined)
        meta[META_CAPABILITIES] = capabilities;
    if (clientInfo !== undefined)
        meta[META_CLIENT_INFO] = clientInfo;
    return meta;
}

/** A 2026-07-28 request body. */
export function modernRequest(method, params = {}, { id = 1, ...metaOptions } = {}) {
    return { jsonrpc: '2.0', id, method, params: { ...params, _meta: modernMeta(metaOptions) } };
}

/** The headers a 2026-07-28 client mirrors from the body (MCP-Protocol-Version, Mcp-Method, Mcp-Name). */
export function modernHeaders(body) {
    const headers = {
        'Content-Type': 'application/json',
        Accept: ACCEPT_BOTH,
        'MCP-Protocol-Version': body.params?._meta?.[META_VERSION] ?? MODERN,
        'Mcp-Method': body.method,
    };
    if (body.method === 'tools/call' || body.method === 'prompts/get')
        headers['Mcp-Name'] = body.params.name;
    else if (body.method === 'resources/read')
        headers['Mcp-Name'] = body.params.uri;
    return headers;
}

/** `=?base64?...?=` form of a mirrored header value. */
export function base64Header(value) {
    return `=?base64?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/**
 * POST a body (object → JSON, string → as is). Returns {status, headers, text, json, contentType}.
 * `json` is undefined when the body is empty or not JSON.
 */
export async function post(url, body, headers = {}, { signal } = {}) {
    const res = await fetch(url, {
        method: 'POST',
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
        signal,
    });
    return readResponse(res);
}

export async function readResponse(res) {
    const text = await res.text();
    let json;
    try {
        json = text ? JSON.parse(text) : undefined;
    } catch {
        json = undefined;
    }
    return { status: res.status, headers: res.headers, contentType: res.headers.get('content-type') ?? '', text, json };
}

/** POST a 2026-07-28 request with matching headers (overrides may replace or delete (undefined) headers). */
export async function postModern(url, body, headerOverrides = {}) {
    const headers = { ...modernHeaders(body), ...headerOverrides };
    for (const [k, v] of Object.entries(headers)) {
        if (v === undefined)
            delete headers[k];
    }
    return post(url, body, headers);
}

/** Legacy session: initialize at `revision`, send notifications/initialized. Returns a session handle. */
export async function openLegacySession(url, revision, { capabilities = {} } = {}) {
    const init = await post(
        url,
        {
            jsonrpc: '2.0',
            id: 0,
            method: 'initialize',
            params: { protocolVersion: revision, capabilities, clientInfo: CLIENT_INFO },
        },
        { 'Content-Type': 'application/json', Accept: ACCEPT_BOTH },
    );
    assert.equal(init.status, 200, `initialize(${revision}) → ${init.status} ${init.text}`);
    const sessionId = init.headers.get('mcp-session-id');
    assert.ok(sessionId, `initialize(${revision}) must return Mcp-Session-Id`);
    assert.equal(init.json?.result?.protocolVersion, revision, `initialize(${revision}) must echo the revision`);
    const session = {
        url,
        revision,
        sessionId,
        initialize: init,
        nextId: 1,
        /** Headers a client of this revision sends after initialize. */
        headers(extra = {}) {
            const h = { 'Content-Type': 'application/json', Accept: ACCEPT_BOTH, 'Mcp-Session-Id': sessionId };
            if (revision !== '2025-03-26')
                h['MCP-Protocol-Version'] = revision;
            return { ...h, ...extra };
        },
        async request(method, params, extraHeaders) {
            const body = { jsonrpc: '2.0', id: this.nextId++, method };
            if (params !== undefined)
                body.params = params;
            return post(url, body, this.headers(extraHeaders));
        },
        async notify(method, params) {
            const body = { jsonrpc: '2.0', method };
            if (params !== undefined)
                body.params = params;
            return post(url, body, this.headers());
        },
        async postRaw(body, extraHeaders) {
            return post(url, body, this.headers(extraHeaders));
        },
        async close() {
            const res = await fetch(url, { method: 'DELETE', headers: this.headers() });
            await res.body?.cancel();
            return res.status;
        },
    };
    const initialized = await session.notify('notifications/initialized');
    assert.equal(initialized.status, 202, `notifications/initialized → ${initialized.status} ${initialized.text}`);
    return session;
}

/**
 * Read SSE events from a fetch Response until `count` events with data arrived (or the stream
 * ends / timeoutMs passes). Every event is {id, event, data, retry}; comments are skipped.
 * The stream is cancelled afterwards.
 */
export async function readSseEvents(res, { count = 1, timeoutMs = 5000, includeEmpty = false } = {}) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const events = [];
    let buffer = '';
    let current = { data: [] };
    const timer = setTimeout(() => reader.cancel().catch(() => {}), timeoutMs);
    const wanted = () => events.filter((e) => includeEmpty || e.data !== '').length >= count;
    try {
        while (!wanted()) {
            const { value, done } = await reader.read();
            if (done)
                break;
            buffer += value;
            let nl;
            while ((nl = buffer.search(/\r\n|\r|\n/)) >= 0) {
                const line = buffer.slice(0, nl);
                buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
                if (line === '') {
                    if (current.data.length > 0 || current.id !== undefined || current.event !== undefined) {
                        events.push({ ...current, data: current.data.join('\n') });
                    }
                    current = { data: [] };
                    continue;
                }
                if (line.startsWith(':'))
                    continue;
                const colon = line.indexOf(':');
                const field = colon < 0 ? line : line.slice(0, colon);
                let val = colon < 0 ? '' : line.slice(colon + 1);
                if (val.startsWith(' '))
                    val = val.slice(1);
                if (field === 'data')
                    current.data.push(val);
                else if (field === 'id')
                    current.id = val;
                else if (field === 'event')
                    current.event = val;
                else if (field === 'retry')
                    current.retry = Number(val);
            }
        }
    } finally {
        clearTimeout(timer);
        await reader.cancel().catch(() => {});
    }
    return events;
}

/**
 * A request through node:http, for headers fetch() forbids (Host). Resolves {status, headers, text, json}.
 */
export function rawHttp(url, { method = 'GET', headers = {}, body } = {}) {
    const u = new URL(url);
    return new Promise((resolve, reject) => {
        const req = http.request(
            { host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers, agent: false },
            (res) => {
                let text = '';
                res.setEncoding('utf8');
                res.on('data', (c) => (text += c));
                res.on('end', () => {
                    let json;
                    try {
                        json = text ? JSON.parse(text) : undefined;
                    } catch {
                        json = undefined;
                    }
                    resolve({ status: res.statusCode, headers: res.headers, text, json });
                });
            },
        );
        req.setTimeout(10000, () => req.destroy(new Error(`timeout: ${method} ${url}`)));
        req.on('error', reject);
        if (body !== undefined)
            req.write(typeof body === 'string' ? body : JSON.stringify(body));
        req.end();
    });
}

/** A random, well-formed session id that the gateway never issued. */
export function foreignSessionId() {
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Text of all text content blocks of a CallToolResult. */
export function resultText(result) {
    return (result?.content ?? [])
        .filter((c) => c.type === 'text')
        .map((c) => c.text)
        .join('\n');
}

/** Short description of a response for assertion messages. */
export function show(res) {
    return `HTTP ${res.status} ${res.contentType ?? ''} ${String(res.text ?? '').slice(0, 600)}`;
}
