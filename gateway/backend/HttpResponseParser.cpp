// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpResponseParser.h"

namespace Gateway {

HttpResponseParser::HttpResponseParser(qint64 maxHeadBytes, qint64 maxBodyBytes, bool headRequest)
    : m_maxHead(maxHeadBytes)
    , m_maxBody(maxBodyBytes)
    , m_headRequest(headRequest)
{
}

QByteArray HttpResponseParser::header(const QByteArray& name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

HttpResponseParser::State HttpResponseParser::fail(const char* reason)
{
    m_error = reason;
    m_state = State::Error;
    return m_state;
}

bool HttpResponseParser::parseHead(const QByteArray& head)
{
    const QList<QByteArray> lines = head.split('\n');
    QByteArray statusLine = lines.first();
    if (statusLine.endsWith('\r'))
        statusLine.chop(1);
    // "HTTP/1.1 200 OK"
    if (!statusLine.startsWith("HTTP/1.") || statusLine.size() < 12 || statusLine.at(8) != ' ')
        return false;
    bool ok = false;
    status = statusLine.mid(9, 3).toInt(&ok);
    if (!ok || status < 100 || status > 599)
        return false;
    reason = statusLine.mid(13);
    const bool http10 = statusLine.at(7) == '0';
    headers.clear();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return false;
        headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    const QByteArray connection = header("Connection").toLower();
    m_keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
    return true;
}

HttpResponseParser::State HttpResponseParser::feed(const QByteArray& data)
{
    if (m_state == State::Complete || m_state == State::Error)
        return m_state;
    m_anyBytes = m_anyBytes || !data.isEmpty();
    m_buffer.append(data);
    while (m_state == State::Head) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_buffer.size() > m_maxHead)
                return fail("response head too large");
            return m_state;
        }
        if (end > m_maxHead)
            return fail("response head too large");
        if (!parseHead(m_buffer.left(end)))
            return fail("malformed response head");
        m_buffer.remove(0, end + 4);
        if (status >= 100 && status < 200) // interim answer: the real one follows
            continue;
        const QByteArray transferEncoding = header("Transfer-Encoding").toLower();
        const QByteArray contentLength = header("Content-Length");
        if (m_headRequest || status == 204 || status == 304) {
            m_framing = Framing::None;
        } else if (!transferEncoding.isEmpty()) {
            if (!transferEncoding.endsWith("chunked"))
                return fail("unsupported transfer coding");
            m_framing = Framing::Chunked;
        } else if (!contentLength.isEmpty()) {
            bool ok = false;
            m_remaining = contentLength.toLongLong(&ok);
            if (!ok || m_remaining < 0)
                return fail("bad Content-Length");
            if (m_remaining > m_maxBody) {
                m_tooLarge = true;
                return fail("response too large");
            }
            m_framing = Framing::Length;
        } else {
            m_framing = Framing::UntilClose;
            m_keepAlive = false;
        }
        m_state = State::Body;
    }
    return consumeBody();
}

HttpResponseParser::State HttpResponseParser::consumeBody()
{
    switch (m_framing) {
    case Framing::None: m_state = State::Complete; return m_state;
    case Framing::Length: {
        const qint64 take = qMin<qint64>(m_remaining, m_buffer.size());
        body.append(m_buffer.constData(), take);
        m_buffer.remove(0, take);
        m_remaining -= take;
        if (m_remaining == 0)
            m_state = State::Complete;
        return m_state;
    }
    case Framing::UntilClose:
        body.append(m_buffer);
        m_buffer.clear();
        if (body.size() > m_maxBody) {
            m_tooLarge = true;
            return fail("response too large");
        }
        return m_state;
    case Framing::Chunked:
        for (;;) {
            if (!m_inChunk) {
                const qsizetype lineEnd = m_buffer.indexOf("\r\n");
                if (lineEnd < 0)
                    return m_buffer.size() > 1024 ? fail("bad chunk size line") : m_state;
                const QByteArray sizeField = m_buffer.left(lineEnd).split(';').first().trimmed();
                bool ok = false;
                const qint64 size = sizeField.toLongLong(&ok, 16);
                if (!ok || size < 0 || sizeField.isEmpty())
                    return fail("bad chunk size");
                if (size == 0) {
                    // Last chunk: skip optional trailer fields up to the empty line.
                    const qsizetype trailerEnd = m_buffer.indexOf("\r\n\r\n", lineEnd);
                    if (m_buffer.mid(lineEnd, 4) == "\r\n\r\n" || trailerEnd >= 0) {
                        m_buffer.clear();
                        m_state = State::Complete;
                    } else if (m_buffer.size() > m_maxHead) {
                        return fail("response trailer too large");
                    }
                    return m_state;
                }
                if (body.size() + size > m_maxBody) {
                    m_tooLarge = true;
                    return fail("response too large");
                }
                m_remaining = size;
                m_inChunk = true;
                m_buffer.remove(0, lineEnd + 2);
            }
            if (m_buffer.size() < m_remaining + 2)
                return m_state;
            if (m_buffer.at(m_remaining) != '\r' || m_buffer.at(m_remaining + 1) != '\n')
                return fail("bad chunk framing");
            body.append(m_buffer.constData(), m_remaining);
            m_buffer.remove(0, m_remaining + 2);
            m_inChunk = false;
        }
    }
    return m_state;
}

HttpResponseParser::State HttpResponseParser::finishOnClose()
{
    if (m_state == State::Body && m_framing == Framing::UntilClose) {
        m_state = State::Complete;
        return m_state;
    }
    if (m_state == State::Complete || m_state == State::Error)
        return m_state;
    return fail("connection closed before the response was complete");
}

} // namespace Gateway
