// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpResponseParser.h"

namespace Gateway {

namespace {

// Parses 1*DIGIT (base 10) or 1*HEXDIG (base 16) without sign, prefix or spaces. Fails (returns
// -1) for anything else and for values above `limit`, before any arithmetic can overflow: a
// peer-supplied length is only ever compared, never added, until it is known to be <= limit.
qint64 boundedNumber(const QByteArray& digits, int base, qint64 limit)
{
    if (digits.isEmpty())
        return -1;
    qint64 value = 0;
    for (const char c : digits) {
        int d = -1;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        if (d < 0)
            return -1;
        if (d > limit || value > (limit - d) / base)
            return -2; // above the limit (well-formed, too large)
        value = value * base + d;
    }
    return value;
}

} // namespace

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
        // Resume 3 bytes back: the blank line may straddle the previous read.
        const qsizetype end = m_buffer.indexOf("\r\n\r\n", qMax<qsizetype>(0, m_scanFrom - 3));
        if (end < 0) {
            if (m_buffer.size() > m_maxHead)
                return fail("response head too large");
            m_scanFrom = m_buffer.size();
            return m_state;
        }
        m_scanFrom = 0;
        if (end > m_maxHead)
            return fail("response head too large");
        if (!parseHead(m_buffer.left(end)))
            return fail("malformed response head");
        m_buffer.remove(0, end + 4);
        if (status >= 100 && status < 200) // interim answer: the real one follows
            continue;
        const QByteArray transferEncoding = header("Transfer-Encoding").toLower();
        // Every Content-Length field (and list member) must carry the same value (RFC 9110 §8.6).
        QByteArray contentLength;
        for (const auto& h : std::as_const(headers)) {
            if (h.first.compare("Content-Length", Qt::CaseInsensitive) != 0)
                continue;
            const QByteArrayList members = h.second.contains(',') ? h.second.split(',') : QByteArrayList{h.second};
            for (const QByteArray& member : members) {
                const QByteArray value = member.trimmed();
                if (!contentLength.isEmpty() && value != contentLength)
                    return fail("bad Content-Length");
                contentLength = value;
            }
            if (contentLength.isEmpty())
                return fail("bad Content-Length");
        }
        if (m_headRequest || status == 204 || status == 304) {
            m_framing = Framing::None;
        } else if (!transferEncoding.isEmpty()) {
            if (!transferEncoding.endsWith("chunked"))
                return fail("unsupported transfer coding");
            m_framing = Framing::Chunked;
        } else if (!contentLength.isEmpty()) {
            m_remaining = boundedNumber(contentLength, 10, m_maxBody);
            if (m_remaining == -2) {
                m_tooLarge = true;
                return fail("response too large");
            }
            if (m_remaining < 0)
                return fail("bad Content-Length");
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
        if (m_buffer.size() > m_maxBody - body.size()) {
            m_tooLarge = true;
            return fail("response too large");
        }
        body.append(m_buffer);
        m_buffer.clear();
        return m_state;
    case Framing::Chunked:
        for (;;) {
            if (!m_inChunk) {
                const qsizetype lineEnd = m_buffer.indexOf("\r\n");
                if (lineEnd < 0)
                    return m_buffer.size() > 1024 ? fail("bad chunk size line") : m_state;
                // chunk-size [ chunk-ext ]: the size is bounded by what the body may still take.
                QByteArray sizeField = m_buffer.left(lineEnd);
                const qsizetype extension = sizeField.indexOf(';');
                if (extension >= 0)
                    sizeField.truncate(extension);
                const qint64 size = boundedNumber(sizeField.trimmed(), 16, m_maxBody - body.size());
                if (size == -2) {
                    m_tooLarge = true;
                    return fail("response too large");
                }
                if (size < 0)
                    return fail("bad chunk size");
                if (size == 0) {
                    // Last chunk: skip optional trailer fields up to the empty line (searched
                    // incrementally, like the head).
                    const qsizetype trailerEnd = m_buffer.indexOf("\r\n\r\n", qMax<qsizetype>(lineEnd, m_scanFrom - 3));
                    if (trailerEnd >= 0) {
                        m_buffer.clear();
                        m_scanFrom = 0;
                        m_state = State::Complete;
                    } else if (m_buffer.size() > m_maxHead) {
                        return fail("response trailer too large");
                    } else {
                        m_scanFrom = m_buffer.size();
                    }
                    return m_state;
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
