// SPDX-License-Identifier: GPL-3.0-or-later
// A scripted person at a browser, for the gateway's /elicit/ pages: its own cookie jar (per host,
// honouring Path), follows redirects by hand (recording every hop), reads the first HTML form of a
// page (hidden fields, the chosen button's name=value) and posts it with an Origin header naming
// the page's origin, like a browser. No JavaScript, like the pages themselves.

export class ScriptedPerson {
    constructor() {
        this.jar = new Map(); // host -> Map(name -> {value, path})
        this.hops = [];
    }

    cookieHeader(url) {
        const cookies = this.jar.get(url.host);
        if (!cookies)
            return undefined;
        const pairs = [];
        for (const [name, c] of cookies) {
            if (url.pathname.startsWith(c.path))
                pairs.push(`${name}=${c.value}`);
        }
        return pairs.length ? pairs.join('; ') : undefined;
    }

    remember(url, response) {
        for (const line of response.headers.getSetCookie()) {
            const [pair, ...attrs] = line.split(';').map((s) => s.trim());
            const eq = pair.indexOf('=');
            const name = pair.slice(0, eq);
            const value = pair.slice(eq + 1);
            const pathAttr = attrs.find((a) => a.toLowerCase().startsWith('path='));
            const path = pathAttr ? pathAttr.slice(5) : '/';
            if (!this.jar.has(url.host))
                this.jar.set(url.host, new Map());
            this.jar.get(url.host).set(name, { value, path });
        }
    }

    /** GET or POST `url`, following up to 10 redirects; resolves {status, url, body, headers, hops}. */
    async request(method, url, body, origin) {
        let current = new URL(url);
        const hops = [];
        for (let i = 0; i <= 10; ++i) {
            hops.push(current.href);
            this.hops.push(current.href);
            const headers = { 'user-agent': 'portcullis-e2e-person/1' };
            const cookie = this.cookieHeader(current);
            if (cookie)
                headers.cookie = cookie;
            if (method === 'POST') {
                headers['content-type'] = 'application/x-www-form-urlencoded';
                headers.origin = origin;
            }
            const response = await fetch(current, { method, body, headers, redirect: 'manual' });
            this.remember(current, response);
            const location = response.headers.get('location');
            if (response.status >= 300 && response.status < 400 && location) {
                await response.arrayBuffer();
                current = new URL(location, current);
                method = 'GET';
                body = undefined;
                continue;
            }
            return { status: response.status, url: current, body: await response.text(), headers: response.headers, hops };
        }
        throw new Error(`too many redirects from ${url}`);
    }

    get(url) {
        return this.request('GET', url);
    }

    /** Submits the first form of `page` with `fields` and the button whose value is `button`. */
    submit(page, button, fields = {}) {
        const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(page.body);
        if (!form)
            throw new Error(`no form on ${page.url}: ${page.body.slice(0, 300)}`);
        const attr = (tag, name) => new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag)?.[1];
        const action = new URL(attr(form[1], 'action') ?? page.url.href, page.url);
        const data = new URLSearchParams();
        for (const input of form[2].match(/<input\b[^>]*>/gi) ?? []) {
            if (attr(input, 'type') === 'hidden')
                data.append(attr(input, 'name'), unescapeHtml(attr(input, 'value') ?? ''));
        }
        for (const [k, v] of Object.entries(fields))
            data.append(k, v);
        const chosen = (form[2].match(/<button\b[^>]*>/gi) ?? []).find((b) => attr(b, 'value') === button);
        if (!chosen)
            throw new Error(`no button ${button} on ${page.url}`);
        data.append(attr(chosen, 'name'), button);
        return this.request('POST', action, data.toString(), page.url.origin);
    }
}

function unescapeHtml(s) {
    return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
