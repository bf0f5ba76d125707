// SPDX-License-Identifier: GPL-3.0-or-later
// The URL-mode elicitation messages the gateway builds (McpMessages / McpEndpoint helpers:
// -32042 URLElicitationRequired, notifications/elicitation/complete, the 2026-07-28
// input_required result, -32021 MissingRequiredClientCapability, invalid requestState) validated
// against the official schema of their revision. The messages come from the C++ unit test
// tst_mcpelicitationshapes (function shapes), which writes them to $PORTCULLIS_MCP_SHAPES_OUT;
// the binary sits next to the gateway binary's build tree (or $PORTCULLIS_TST_ELICITATION_SHAPES).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gatewayBinary, runProcess } from './lib/gateway.mjs';
import { schemaFor } from './lib/schemas.mjs';

function shapesBinary() {
    const bin =
        process.env.PORTCULLIS_TST_ELICITATION_SHAPES ||
        path.resolve(path.dirname(gatewayBinary()), '../tests/tst_mcpelicitationshapes');
    assert.ok(existsSync(bin), `tst_mcpelicitationshapes not found at ${bin} (build it, or set PORTCULLIS_TST_ELICITATION_SHAPES)`);
    return bin;
}

// Every definition the C++ side must emit at least once, per revision.
const EXPECTED = [
    ['2025-11-25', 'URLElicitationRequiredError'],
    ['2025-11-25', 'ElicitationCompleteNotification'],
    ['2026-07-28', 'CallToolResultResponse'],
    ['2026-07-28', 'InputRequiredResult'],
    ['2026-07-28', 'ElicitRequest'],
    ['2026-07-28', 'MissingRequiredClientCapabilityError'],
    ['2026-07-28', 'JSONRPCErrorResponse'],
];

let shapes;

test('the C++ unit builds every elicitation message', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'portcullis-shapes-'));
    try {
        const out = path.join(dir, 'shapes.json');
        const run = await runProcess(shapesBinary(), ['shapes'], {
            timeoutMs: 30000,
            env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', PORTCULLIS_MCP_SHAPES_OUT: out },
        });
        assert.equal(run.code, 0, `tst_mcpelicitationshapes shapes failed\n${run.stdout}\n${run.stderr}`);
        shapes = JSON.parse(readFileSync(out, 'utf8'));
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    for (const [revision, definition] of EXPECTED)
        assert.ok(
            shapes.some((s) => s.revision === revision && s.definition === definition),
            `no ${revision} ${definition} emitted`,
        );
});

test('each message validates against the official schema of its revision', () => {
    assert.ok(shapes?.length >= EXPECTED.length, 'shapes were built');
    const problems = [];
    for (const { revision, definition, message } of shapes)
        problems.push(...schemaFor(revision).errors(definition, message));
    assert.deepEqual(problems, []);
});

test('the 2026-07-28 input_required answer carries no 2025-11-25 elicitationId and no -32042', () => {
    const modern = shapes.filter((s) => s.revision === '2026-07-28');
    assert.ok(modern.length > 0);
    for (const { message } of modern) {
        assert.ok(!JSON.stringify(message).includes('elicitationId'), JSON.stringify(message));
        assert.notEqual(message.error?.code, -32042);
    }
});

test('a shape the schema forbids is caught (the check can fail)', () => {
    const input = shapes.find((s) => s.revision === '2026-07-28' && s.definition === 'InputRequiredResult').message;
    const broken = { ...input };
    delete broken.resultType;
    assert.notDeepEqual(schemaFor('2026-07-28').errors('InputRequiredResult', broken), []);
    const required = shapes.find((s) => s.definition === 'URLElicitationRequiredError').message;
    const wrongCode = { ...required, error: { ...required.error, code: -32000 } };
    assert.notDeepEqual(schemaFor('2025-11-25').errors('URLElicitationRequiredError', wrongCode), []);
});
