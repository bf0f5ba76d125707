// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpLimits.h"

#include <QByteArray>
#include <QtGlobal>

namespace Gateway {

// Strict, incremental HTTP/1.1 request framer: finds where each request of a connection's byte
// stream ends (head, then a Content-Length or chunked body) and refuses every shape a lenient
// parser could read differently (request smuggling), or that passes a limit. Pure byte logic, no
// sockets: feed it the stream in any slicing and it reaches the same verdict.
//
// Deliberately stricter than RFC 9112 where leniency buys nothing here: CRLF line ends only (a bare
// CR or LF is refused), no whitespace before a colon, no obs-fold, no chunked trailers, a single
// "chunked" as the only accepted transfer coding.
class HttpFramer
{
public:
    enum class Phase { RequestLine, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, LastChunkEnd, Failed };

    explicit HttpFramer(const HttpLimits& limits = HttpLimits());
    void setLimits(const HttpLimits& limits) { m_limits = limits; }

    // Consumes bytes of the stream; returns how many were consumed. Stops at the first error; once
    // failed, further input is ignored (returns 0).
    qint64 feed(const char* data, qint64 size);
    qint64 feed(const QByteArray& data) { return feed(data.constData(), data.size()); }

    bool hasError() const { return m_phase == Phase::Failed; }
    int errorStatus() const { return m_errorStatus; } // 400, 413, 414, 431, 501 or 505
    const char* errorReason() const { return m_errorReason; } // short, constant, never request bytes

    Phase phase() const { return m_phase; }
    qint64 offset() const { return m_offset; } // stream bytes consumed so far
    qint64 requestStart() const { return m_requestStart; } // stream offset of the current request
    quint64 completedRequests() const { return m_completed; }
    bool inRequest() const { return m_phase != Phase::RequestLine || m_headBytes > 0; }
    bool headComplete() const { return m_phase != Phase::RequestLine && m_phase != Phase::Headers && !hasError(); }
    // The current request's head is complete, asks for "100-continue" and announces a body.
    bool expectsContinue() const { return headComplete() && m_expectContinue; }
    qint64 bodyBytesReceived() const { return m_bodyRaw; } // raw body bytes of the current request
    // Everything of a chunked body is in but the LF of its final CRLF.
    bool awaitsFinalLineFeed() const { return m_phase == Phase::LastChunkEnd && m_sawCr; }

    static const char* reasonPhrase(int status);

private:
    bool fail(int status, const char* reason);
    bool headByte(char c);
    bool requestLineByte(char c);
    bool headerLineByte(char c);
    bool endOfRequestLine();
    bool endOfHeaderLine();
    bool endOfHead();
    bool chunkSizeByte(char c);
    bool endOfChunkSizeLine();
    void completeRequest();
    void resetRequest();

    HttpLimits m_limits;
    Phase m_phase = Phase::RequestLine;
    int m_errorStatus = 0;
    const char* m_errorReason = "";
    qint64 m_offset = 0;
    qint64 m_requestStart = 0;
    quint64 m_completed = 0;

    // head of the current request
    QByteArray m_line; // the line being read, without its CRLF
    bool m_sawCr = false; // the previous byte was the CR of a line end
    int m_lineSpaces = 0; // request line: separators seen
    int m_colon = -1; // header line: position of the colon
    qint64 m_headBytes = 0;
    int m_fields = 0;
    int m_minorVersion = 1;
    int m_hostFields = 0;
    qint64 m_contentLength = -1;
    QByteArray m_transferEncoding; // values of every Transfer-Encoding field, comma-joined
    bool m_hasTransferEncoding = false;
    bool m_expectContinue = false;

    // body of the current request
    qint64 m_remaining = 0; // Content-Length or chunk bytes still to come
    qint64 m_decoded = 0; // chunked: data bytes announced so far
    qint64 m_bodyRaw = 0; // raw body bytes seen (chunk framing included)
    qint64 m_chunkSize = 0;
    int m_chunkDigits = 0;
    bool m_chunkExtension = false;
    int m_chunkLineBytes = 0;
};

} // namespace Gateway
