// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpMessage.h"

#include <QByteArray>
#include <QByteArrayList>

namespace Gateway {

// Removes echoed backend credentials from text a backend sent back, before it is cut to an
// excerpt or handed to the client. The needles are the forms in which a credential we sent can
// come back: the header value, the token after a "Basic"/"Bearer" scheme, the decoded user:password
// pair and the password alone (strings shorter than 4 bytes are skipped).
//
// Matching happens on the decoded text: JSON string escapes (\/ \" \\ \b \f \n \r \t and \uXXXX,
// surrogate pairs included) are decoded in a view that maps every decoded byte back to the raw
// span it came from, so "p\/ss", "p\u0061ss" and "pass" all match the needle "pass"; each match
// replaces the whole raw span with "[redacted]". The raw text is scanned too (escapes only make
// matching more lenient), so non-JSON bodies are covered by the same pass.
class SecretRedactor
{
public:
    static constexpr const char* Marker = "[redacted]";

    SecretRedactor() = default;
    explicit SecretRedactor(const HttpHeaders& sentCredentialHeaders) { addHeaders(sentCredentialHeaders); }

    void addHeaders(const HttpHeaders& headers);
    void addSecret(const QByteArray& value);
    bool isEmpty() const { return m_needles.isEmpty(); }
    const QByteArrayList& needles() const { return m_needles; }

    // Returns true when something was replaced in `text`.
    bool redact(QByteArray& text) const;

private:
    QByteArrayList m_needles;
};

} // namespace Gateway
