// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpMessage.h"

#include <QByteArray>

namespace Gateway {

// Incremental parser of one HTTP/1.x response from a backend: status line, fields, then a body
// framed by Content-Length, chunked transfer coding, or the end of the connection. Interim 1xx
// answers are skipped. Bounded: the head is capped and the body stops at maxBodyBytes.
class HttpResponseParser
{
public:
    enum class State { Head, Body, Complete, Error };

    HttpResponseParser(qint64 maxHeadBytes, qint64 maxBodyBytes, bool headRequest);

    // Consumes the bytes it can; returns the state reached.
    State feed(const QByteArray& data);
    // The connection closed: completes a close-delimited body, otherwise an error.
    State finishOnClose();

    State state() const { return m_state; }
    bool tooLarge() const { return m_tooLarge; }
    const char* error() const { return m_error; }
    bool anyBytesSeen() const { return m_anyBytes; }
    bool keepAlive() const { return m_keepAlive; }

    int status = 0;
    QByteArray reason;
    HttpHeaders headers;
    QByteArray body;
    QByteArray header(const QByteArray& name) const;

private:
    State fail(const char* reason);
    bool parseHead(const QByteArray& head);
    State consumeBody();

    enum class Framing { Length, Chunked, UntilClose, None };
    qint64 m_maxHead;
    qint64 m_maxBody;
    bool m_headRequest;
    State m_state = State::Head;
    Framing m_framing = Framing::None;
    QByteArray m_buffer;
    // Where the search for the blank line that ends the head (or the trailer) resumes: bytes before
    // it were already searched, so a head trickled one byte per read costs linear time, not
    // quadratic. Reset whenever the front of m_buffer is consumed.
    qsizetype m_scanFrom = 0;
    qint64 m_remaining = 0; // Length: body bytes still due; Chunked: bytes of the current chunk
    bool m_inChunk = false;
    bool m_tooLarge = false;
    bool m_anyBytes = false;
    bool m_keepAlive = true;
    const char* m_error = "";
};

} // namespace Gateway
