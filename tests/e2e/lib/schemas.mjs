// SPDX-License-Identifier: GPL-3.0-or-later
// The official MCP JSON schemas (shared/mcp/schema-<revision>.json) compiled with ajv: draft-07
// (`definitions`) for 2025-03-26 and 2025-06-18, 2020-12 (`$defs`) for 2025-11-25 and 2026-07-28.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { sharedMcpDir } from './gateway.mjs';

const AjvDraft07 = Ajv.default ?? Ajv;
const AjvDraft2020 = Ajv2020.default ?? Ajv2020;
const withFormats = addFormats.default ?? addFormats;

export class RevisionSchema {
    constructor(revision) {
        this.revision = revision;
        this.file = path.join(sharedMcpDir(), `schema-${revision}.json`);
        this.schema = JSON.parse(readFileSync(this.file, 'utf8'));
        this.modern = '$defs' in this.schema;
        this.defsKey = this.modern ? '$defs' : 'definitions';
        const AjvClass = this.modern ? AjvDraft2020 : AjvDraft07;
        this.ajv = new AjvClass({ strict: false, allErrors: true });
        withFormats(this.ajv);
        this.ajv.addSchema(this.schema, revision);
        this.cache = new Map();
    }

    has(name) {
        return Object.hasOwn(this.schema[this.defsKey], name);
    }

    validator(name) {
        if (!this.has(name))
            throw new Error(`schema ${this.revision} has no ${this.defsKey}/${name}`);
        let v = this.cache.get(name);
        if (!v) {
            v = this.ajv.getSchema(`${this.revision}#/${this.defsKey}/${name}`);
            this.cache.set(name, v);
        }
        return v;
    }

    /** Validate `value` against definition `name`; returns [] or a list of readable error strings. */
    errors(name, value) {
        const v = this.validator(name);
        if (v(value))
            return [];
        return (v.errors ?? []).map(
            (e) => `${this.revision} ${name}: ${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
        );
    }
}

const loaded = new Map();
export function schemaFor(revision) {
    if (!loaded.has(revision))
        loaded.set(revision, new RevisionSchema(revision));
    return loaded.get(revision);
}
