// SPDX-License-Identifier: GPL-3.0-or-later
// The official MCP conformance suite (@modelcontextprotocol/conformance 0.1.16, Node 22 only) in
// server mode against the demo service, for the scenarios that make sense for a gateway exposing
// backend APIs (see shared/docs/real-peers.md). Scenarios needing the suite's own fixture tools
// (test_simple_text, ...) are not run; tools-call-simple-text / tools-call-error would pass even
// without the tool and prove nothing.
//
// CLI: conformance server --url URL --scenario NAME  → exit 0 when no check failed, 1 otherwise.
// The URL uses `localhost`: dns-rebinding-protection only runs against a localhost URL (it then
// sends foreign Host/Origin values and expects a 4xx).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { NODE_MODULES, runProcess, useGateway } from './lib/gateway.mjs';

const gw = useGateway();
const conformanceBin = realpathSync(path.join(NODE_MODULES, '.bin', 'conformance'));

const SCENARIOS = ['server-initialize', 'ping', 'tools-list', 'server-sse-multiple-streams', 'dns-rebinding-protection'];

test('runs on Node 22', () => {
    assert.match(process.version, /^v22\./, `conformance 0.1.16 needs Node 22, running ${process.execPath}`);
});

const stripAnsi = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');

for (const scenario of SCENARIOS) {
    test(`conformance scenario ${scenario}`, async () => {
        const url = gw.mcpUrl('demo', 'localhost');
        const firstEvent = gw.events.length;
        const run = await runProcess(process.execPath, [conformanceBin, 'server', '--url', url, '--scenario', scenario], {
            timeoutMs: 40000,
        });
        const output = stripAnsi(`${run.stdout}\n${run.stderr}`).trim();
        // Evidence for a failure: the gateway's own log of what it refused during this scenario.
        const refused = gw.events
            .slice(firstEvent)
            .filter((e) => e.status >= 400)
            .map((e) => `  ${e.method} ${e.rpcMethod ?? ''} → ${e.status} ${e.detail ?? ''}`);
        const context = `${output}\ngateway refusals during the scenario:\n${refused.join('\n') || '  (none)'}`;
        assert.equal(run.timedOut, false, `scenario ${scenario} timed out\n${context}`);
        const summary = /Passed: (\d+)\/(\d+), (\d+) failed/.exec(output);
        assert.ok(summary, `no result summary from the suite\n${context}`);
        assert.equal(Number(summary[3]), 0, `failed checks in ${scenario}\n${context}`);
        assert.ok(Number(summary[2]) > 0, `the scenario ran at least one check\n${context}`);
        assert.equal(run.code, 0, `scenario ${scenario} exited ${run.code}\n${context}`);
    });
}
