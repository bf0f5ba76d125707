// SPDX-License-Identifier: GPL-3.0-or-later
// Spawns the real portcullis binary for an end-to-end suite and tears it down again.
//
//   const gw = useGateway();            // registers before/after hooks of node:test
//   test('...', async () => { await fetch(gw.mcpUrl) ... gw.events ... });
//
// The gateway listens on 127.0.0.1 port 0; the URL comes from its single stdout line
// "listening on http://127.0.0.1:PORT". With --log-events every further stdout line is one JSON
// traffic event, collected in gw.events. Every spawned process is killed when the suite ends,
// fails, or the test process exits or is signalled.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import assert from 'node:assert/strict';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Root of the source tree (ctest sets PORTCULLIS_SOURCE_DIR). */
export const SOURCE_DIR = process.env.PORTCULLIS_SOURCE_DIR || path.resolve(here, '../../..');

/** Directory holding the official MCP JSON schemas (../shared/mcp next to the repo, or /work/shared/mcp). */
export function sharedMcpDir() {
    const candidates = [path.resolve(SOURCE_DIR, '../shared/mcp'), '/work/shared/mcp'];
    const found = candidates.find((dir) => existsSync(path.join(dir, 'schema-2025-03-26.json')));
    if (!found)
        throw new Error(`MCP schemas not found in ${candidates.join(' or ')}`);
    return found;
}

/** The binary under test. */
export function gatewayBinary() {
    const bin = process.env.PORTCULLIS_BIN || path.join(SOURCE_DIR, 'build-main/app/portcullis');
    if (!existsSync(bin))
        throw new Error(`portcullis binary not found at ${bin} (set PORTCULLIS_BIN)`);
    return bin;
}

/** tests/e2e directory and its node_modules/.bin. */
export const E2E_DIR = path.resolve(here, '..');
export const NODE_MODULES = path.join(E2E_DIR, 'node_modules');

// Every child process spawned through this module, so that none survives the test process.
const live = new Set();

// `group`: the child was spawned detached (its own process group), so the whole group is killed,
// including grandchildren it spawned itself (e.g. the inspector CLI re-spawning node).
export function track(child, { group = false } = {}) {
    child.killTree = (signal = 'SIGKILL') => {
        try {
            if (group && child.pid)
                process.kill(-child.pid, signal);
            else
                child.kill(signal);
        } catch {
            // already gone
        }
    };
    live.add(child);
    child.once('exit', () => live.delete(child));
    return child;
}

function killAll() {
    for (const child of live)
        child.killTree('SIGKILL');
    live.clear();
}

process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
        killAll();
        process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
}

const LISTEN_RE = /^listening on (http:\/\/[^\s]+)$/;

/**
 * Start the gateway. Resolves once it printed its URL; rejects (and kills it) otherwise.
 * Options: args (extra CLI arguments), logEvents (default true), startTimeoutMs.
 */
export async function startGateway({ args = [], logEvents = true, startTimeoutMs = 20000 } = {}) {
    const argv = ['--headless', '--demo', '--listen', '127.0.0.1:0', ...(logEvents ? ['--log-events'] : []), ...args];
    const child = track(
        spawn(gatewayBinary(), argv, {
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', QT_LOGGING_RULES: '*.debug=false' },
        }),
    );
    const gw = {
        child,
        baseUrl: undefined,
        port: undefined,
        events: [],
        /** stdout lines that were neither the listening line nor JSON events (should stay empty). */
        strayStdout: [],
        stderr: '',
        exit: undefined, // {code, signal} once exited
        mcpUrl(service = 'demo', host = '127.0.0.1') {
            return `http://${host}:${this.port}/mcp/${service}`;
        },
        /** Events whose fields match all given key/values (or a predicate). */
        findEvents(match) {
            const pred = typeof match === 'function' ? match : (e) => Object.entries(match).every(([k, v]) => e[k] === v);
            return this.events.filter(pred);
        },
        /** Wait until an event matching `match` arrived (events are logged when an exchange completes). */
        async waitForEvent(match, timeoutMs = 5000) {
            const deadline = Date.now() + timeoutMs;
            for (;;) {
                const found = this.findEvents(match);
                if (found.length > 0)
                    return found[found.length - 1];
                if (Date.now() > deadline) {
                    const tail = this.events.slice(-8).map((e) => JSON.stringify(e)).join('\n  ');
                    throw new assert.AssertionError({
                        message: `no traffic event matching ${typeof match === 'function' ? match.toString() : JSON.stringify(match)} within ${timeoutMs} ms; last events:\n  ${tail}`,
                    });
                }
                await new Promise((r) => setTimeout(r, 25));
            }
        },
        /** Send `signal` (SIGTERM), wait for exit (SIGKILL after timeoutMs); returns {code, signal}. */
        async stop(timeoutMs = 5000, signal = 'SIGTERM') {
            if (this.exit)
                return this.exit;
            const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve({ code, signal: sig })));
            child.kill(signal);
            let timer;
            const killed = new Promise((resolve) => {
                timer = setTimeout(() => {
                    child.kill('SIGKILL');
                    resolve(null);
                }, timeoutMs);
            });
            const result = await Promise.race([exited, killed]);
            clearTimeout(timer);
            if (result === null) {
                await exited;
                this.exit = { code: null, signal: 'SIGKILL', forced: true };
            }
            return this.exit;
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
    assert.match(gw.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/, 'gateway should listen on loopback');
    assert.ok(gw.port > 0, 'gateway port');
    return gw;
}

/**
 * Registers before/after hooks that start one gateway for the enclosing suite (or file) and stop
 * it afterwards, asserting a clean SIGTERM shutdown (exit code 0). Returns a proxy whose fields
 * (mcpUrl, events, ...) are usable inside tests.
 */
export function useGateway(options = {}) {
    let gw;
    before(async () => {
        gw = await startGateway(options);
    });
    after(async () => {
        if (!gw)
            return;
        const exit = await gw.stop();
        assert.deepEqual(
            { code: exit.code, signal: exit.signal },
            { code: 0, signal: null },
            `portcullis should exit 0 on SIGTERM; stderr tail:\n${gw.stderr.slice(-2000)}`,
        );
        assert.deepEqual(gw.strayStdout, [], 'stdout carries only the listening line and JSON events');
    });
    return new Proxy(
        {},
        {
            get(_target, prop) {
                if (!gw)
                    throw new Error(`gateway not started (accessing ${String(prop)} outside a test?)`);
                const value = gw[prop];
                return typeof value === 'function' ? value.bind(gw) : value;
            },
        },
    );
}

/** Run a child process (node script, CLI) to completion; resolves {code, signal, stdout, stderr}. */
export function runProcess(command, args, { timeoutMs = 45000, cwd, env } = {}) {
    return new Promise((resolve, reject) => {
        const child = track(
            spawn(command, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true }),
            { group: true },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8');
        child.stderr.setEncoding('utf8');
        child.stdout.on('data', (c) => (stdout += c));
        child.stderr.on('data', (c) => (stderr += c));
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            child.killTree('SIGKILL');
        }, timeoutMs);
        child.once('error', (err) => {
            clearTimeout(timer);
            reject(err);
        });
        child.once('close', (code, signal) => {
            clearTimeout(timer);
            child.killTree('SIGKILL'); // leftovers of the group, if any
            resolve({ code, signal, stdout, stderr, timedOut });
        });
    });
}
