// SPDX-License-Identifier: GPL-3.0-or-later
// The MCP Inspector's headless CLI (@modelcontextprotocol/inspector-cli 1.0.3, SDK 1.x inside)
// against the demo service over Streamable HTTP:
//   mcp-inspector-cli --cli URL --transport http --method tools/list
//   mcp-inspector-cli --cli URL --transport http --method tools/call --tool-name getForecast --tool-arg city=Lisbon
// It exits 0 on success and 1 on failure and prints the JSON result on stdout.
//
// Quirks of 1.0.3 handled here: build/cli.js re-spawns `node` from PATH (the Node 22 binary
// running this file is put first on PATH), and build/index.js reads "../package.json" relative to
// the working directory, so it runs from the package's build/ directory.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { NODE_MODULES, runProcess, useGateway } from './lib/gateway.mjs';
import { DEMO_TOOLS } from './lib/rpc.mjs';

const gw = useGateway();
const cliScript = realpathSync(path.join(NODE_MODULES, '.bin', 'mcp-inspector-cli'));
const cliCwd = path.dirname(cliScript);

async function inspector(...args) {
    const run = await runProcess(process.execPath, [cliScript, '--cli', gw.mcpUrl(), '--transport', 'http', ...args], {
        cwd: cliCwd,
        timeoutMs: 30000,
        env: { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` },
    });
    const context = `exit ${run.code}${run.timedOut ? ' (timed out)' : ''}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
    let json;
    try {
        json = JSON.parse(run.stdout);
    } catch {
        json = undefined;
    }
    return { ...run, json, context };
}

// Each run starts two Node processes (cli.js re-spawns index.js), which is slow on a loaded
// machine: keep the number of runs small and run them one after the other.
describe('mcp-inspector-cli --cli against the demo service', () => {
    test('tools/list lists the demo tools', async () => {
        const run = await inspector('--method', 'tools/list');
        assert.equal(run.code, 0, run.context);
        assert.ok(run.json, `stdout is one JSON document\n${run.context}`);
        const names = run.json.tools.map((t) => t.name);
        assert.ok(names.includes('getForecast'), run.context);
        assert.deepEqual(names, DEMO_TOOLS);
        const ev = await gw.waitForEvent({ rpcMethod: 'tools/list' });
        assert.equal(ev.protocol, '2025-11-25', 'SDK 1.x inside the inspector negotiates 2025-11-25');
    });

    test('tools/call getForecast city=Lisbon prints the forecast', async () => {
        const run = await inspector('--method', 'tools/call', '--tool-name', 'getForecast', '--tool-arg', 'city=Lisbon');
        assert.equal(run.code, 0, run.context);
        assert.ok(run.json, `stdout is one JSON document\n${run.context}`);
        assert.notEqual(run.json.isError, true, run.context);
        assert.equal(run.json.structuredContent?.city, 'Lisbon', run.context);
        assert.ok(Array.isArray(run.json.structuredContent.days) && run.json.structuredContent.days.length >= 1);
        const text = run.json.content.find((c) => c.type === 'text')?.text ?? '';
        assert.match(text, /Lisbon/);
        const ev = await gw.waitForEvent({ rpcMethod: 'tools/call', tool: 'getForecast' });
        assert.equal(ev.status, 200);
        assert.equal(ev.backendStatus, 200);
    });

    test('tools/call of an unknown tool exits 1', async () => {
        const run = await inspector('--method', 'tools/call', '--tool-name', 'noSuchTool');
        assert.equal(run.code, 1, run.context);
        assert.match(run.stdout + run.stderr, /-32602|noSuchTool|Unknown tool/i, run.context);
    });
});
