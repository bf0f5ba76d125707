// SPDX-License-Identifier: GPL-3.0-or-later
// Gateways driven by a workspace file (--config) instead of the built-in demo workspace:
//
//   const backend = await startDemoBackend();            // portcullis --headless --demo; its backend URL
//   const ws = await writeWorkspace({ backendUrl: backend.backendUrl, security: {...} });
//   const gw = await startConfiguredGateway(ws.file);    // portcullis --headless --config FILE
//   const key = await newApiKey(ws.file, 'demo');        // portcullis --config FILE --new-api-key demo
//
// Every child goes through lib/gateway.mjs's tracking, so none survives the test process.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { SOURCE_DIR, gatewayBinary, runProcess, startGateway, track } from './gateway.mjs';

export const DEMO_OPENAPI = path.join(SOURCE_DIR, 'resources/demo/demo-openapi.yaml');

const ENV = { ...process.env, QT_QPA_PLATFORM: 'offscreen', QT_LOGGING_RULES: '*.debug=false' };

/** `portcullis --headless --demo`, used only for its demo backend; resolves the gateway handle plus backendUrl. */
export async function startDemoBackend() {
    const gw = await startGateway({ logEvents: false });
    const deadline = Date.now() + 5000;
    let m;
    while (!(m = /demo backend: (http:\/\/\S+)/.exec(gw.stderr))) {
        if (Date.now() > deadline)
            throw new Error(`no "demo backend:" line on stderr:\n${gw.stderr}`);
        await new Promise((r) => setTimeout(r, 20));
    }
    gw.backendUrl = m[1].replace(/\/$/, '');
    return gw;
}

/** Writes a one-service workspace ("demo") into a fresh temp dir; returns {dir, file, json, cleanup}. */
export function writeWorkspace({ backendUrl, security, name = 'demo', extraService = {} }) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'portcullis-e2e-'));
    const file = path.join(dir, 'workspace.json');
    const json = {
        version: 1,
        gateway: { listen: '127.0.0.1:0' },
        services: [{ name, openapi: DEMO_OPENAPI, baseUrl: backendUrl, security, ...extraService }],
    };
    writeFileSync(file, JSON.stringify(json, null, 2));
    return { dir, file, json, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `portcullis --config FILE --new-api-key SERVICE`; resolves the printed key (its only stdout line). */
export async function newApiKey(configFile, service = 'demo') {
    const run = await runProcess(gatewayBinary(), ['--config', configFile, '--new-api-key', service], {
        env: ENV,
        timeoutMs: 20000,
    });
    assert.equal(run.code, 0, `--new-api-key exited ${run.code} ${run.signal ?? ''}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
    const lines = run.stdout.split('\n').filter((l) => l.trim() !== '');
    assert.equal(lines.length, 1, `--new-api-key must print exactly one stdout line, got ${JSON.stringify(run.stdout)}`);
    return lines[0].trim();
}

const LISTEN_RE = /^listening on (http:\/\/[^\s]+)$/;

/**
 * `portcullis --headless --config FILE --listen 127.0.0.1:0 [--log-events]`. Resolves a handle with
 * port, baseUrl, mcpUrl(service), events, stderr, waitForEvent(match) and stop().
 */
export async function startConfiguredGateway(configFile, { logEvents = true, startTimeoutMs = 20000 } = {}) {
    const argv = ['--headless', '--config', configFile, '--listen', '127.0.0.1:0', ...(logEvents ? ['--log-events'] : [])];
    const child = track(spawn(gatewayBinary(), argv, { stdio: ['ignore', 'pipe', 'pipe'], env: ENV }));
    const gw = {
        child,
        port: undefined,
        baseUrl: undefined,
        events: [],
        strayStdout: [],
        stderr: '',
        exit: undefined,
        mcpUrl(service = 'demo') {
            return `http://127.0.0.1:${this.port}/mcp/${service}`;
        },
        findEvents(pred) {
            return this.events.filter(pred);
        },
        async waitForEvent(pred, timeoutMs = 5000) {
            const deadline = Date.now() + timeoutMs;
            for (;;) {
                const found = this.events.filter(pred);
                if (found.length > 0)
                    return found[found.length - 1];
                if (Date.now() > deadline) {
                    const tail = this.events.slice(-8).map((e) => JSON.stringify(e)).join('\n  ');
                    throw new assert.AssertionError({ message: `no traffic event matching ${pred} within ${timeoutMs} ms; last events:\n  ${tail}` });
                }
                await new Promise((r) => setTimeout(r, 25));
            }
        },
        async stop(timeoutMs = 5000) {
            if (this.exit)
                return this.exit;
            const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
            const result = await exited;
            clearTimeout(timer);
            this.exit = result;
            return result;
        },
    };
    child.once('exit', (code, signal) => {
        gw.exit = gw.exit ?? { code, signal };
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
        gw.stderr += chunk;
        if (gw.stderr.length > 200000)
            gw.stderr = gw.stderr.slice(-100000);
    });
    let resolveReady;
    let rejectReady;
    const ready = new Promise((resolve, reject) => {
        resolveReady = resolve;
        rejectReady = reject;
    });
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
        buffer += chunk;
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, nl).replace(/\r$/, '');
            buffer = buffer.slice(nl + 1);
            if (!line)
                continue;
            const m = gw.baseUrl === undefined ? LISTEN_RE.exec(line) : null;
            if (m) {
                gw.baseUrl = m[1];
                gw.port = Number(new URL(m[1]).port);
                resolveReady();
                continue;
            }
            try {
                gw.events.push(JSON.parse(line));
            } catch {
                gw.strayStdout.push(line);
            }
        }
    });
    child.once('error', (err) => rejectReady(err));
    child.once('exit', (code, signal) =>
        rejectReady(new Error(`portcullis exited before listening (code ${code}, signal ${signal})\n${gw.stderr}`)),
    );
    const timer = setTimeout(
        () => rejectReady(new Error(`portcullis did not print its URL within ${startTimeoutMs} ms\n${gw.stderr}`)),
        startTimeoutMs,
    );
    try {
        await ready;
    } catch (err) {
        child.kill('SIGKILL');
        throw err;
    } finally {
        clearTimeout(timer);
    }
    return gw;
}

/** Stop a gateway started here or by lib/gateway.mjs and assert a clean SIGTERM exit. */
export async function stopCleanly(gw, label = 'portcullis') {
    if (!gw)
        return;
    const exit = await gw.stop();
    assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null },
        `${label} should exit 0 on SIGTERM; stderr tail:\n${gw.stderr.slice(-2000)}`);
}
