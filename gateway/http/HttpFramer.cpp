// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpFramer.h"

#include <QScopeGuard>

#include <QByteArrayList>

#include <cstring>
#include <limits>

namespace Gateway {

namespace {

// A chunk-size line (hex size plus extensions) longer than this is refused.
constexpr int kMaxChunkLineBytes = 4096;
// Chunk framing may add this much on top of twice the decoded body limit (1-byte chunks).
constexpr qint64 kChunkOverheadSlack = 64 * 1024;

bool isTchar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isToken(const QByteArray& s)
{
    if (s.isEmpty())
        return false;
    for (const char c : s) {
        if (!isTchar(c))
            return false;
    }
    return true;
}

// Control characters other than HTAB, and DEL, are not allowed in field values.
bool isBadValueChar(char c)
{
    const auto uc = static_cast<uchar>(c);
    return (uc < 0x20 && c != '\t') || uc == 0x7f;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

QByteArrayView trimmedOws(QByteArrayView s)
{
    qsizetype begin = 0;
    qsizetype end = s.size();
    while (begin < end && (s.at(begin) == ' ' || s.at(begin) == '\t'))
        ++begin;
    while (end > begin && (s.at(end - 1) == ' ' || s.at(end - 1) == '\t'))
        --end;
    return s.sliced(begin, end - begin);
}

bool sameName(QByteArrayView name, const char* lowerName)
{
    return name.compare(QByteArrayView(lowerName), Qt::CaseInsensitive) == 0;
}

} // namespace

HttpFramer::HttpFramer(const HttpLimits& limits)
    : m_limits(limits)
{
    m_line.reserve(256); // lines are reset with resize(0), which keeps this capacity
}

const char* HttpFramer::reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Error";
    }
}

bool HttpFramer::fail(int status, const char* reason)
{
    m_phase = Phase::Failed;
    m_errorStatus = status;
    m_errorReason = reason;
    return false;
}

qint64 HttpFramer::feed(const char* data, qint64 size)
{
    qint64 i = 0;
    while (i < size && m_phase != Phase::Failed) {
        if (m_phase == Phase::Body || m_phase == Phase::ChunkData) {
            const qint64 n = qMin(m_remaining, size - i);
            i += n;
            m_offset += n;
            m_remaining -= n;
            m_bodyRaw += n;
            if (m_remaining > 0)
                continue;
            if (m_phase == Phase::Body) {
                completeRequest();
            } else {
                m_phase = Phase::ChunkDataEnd;
                m_sawCr = false;
            }
            continue;
        }

        const char c = data[i++];
        ++m_offset;
        switch (m_phase) {
        case Phase::RequestLine:
        case Phase::Headers: headByte(c); break;
        case Phase::ChunkSize:
            ++m_bodyRaw;
            chunkSizeByte(c);
            break;
        case Phase::ChunkDataEnd:
            ++m_bodyRaw;
            if (c != (m_sawCr ? '\n' : '\r')) {
                fail(400, "missing CRLF after chunk data");
            } else if (m_sawCr) {
                m_sawCr = false;
                m_phase = Phase::ChunkSize;
            } else {
                m_sawCr = true;
            }
            break;
        case Phase::LastChunkEnd:
            ++m_bodyRaw;
            if (!m_sawCr && c != '\r') {
                fail(400, "chunked trailers not supported");
            } else if (m_sawCr && c != '\n') {
                fail(400, "invalid chunk line");
            } else if (m_sawCr) {
                completeRequest();
            } else {
                m_sawCr = true;
            }
            break;
        case Phase::Body:
        case Phase::ChunkData:
        case Phase::Failed: break;
        }
        if (m_phase != Phase::Failed && m_phase != Phase::RequestLine && m_phase != Phase::Headers
            && m_bodyRaw > 2 * m_limits.maxBodyBytes + kChunkOverheadSlack) {
            fail(413, "body too large");
        }
    }
    return i;
}

bool HttpFramer::headByte(char c)
{
    ++m_headBytes;
    if (m_sawCr || c == '\r' || c == '\n') {
        if (m_headBytes > m_limits.maxHeaderBytes)
            return fail(431, "header too large");
        if (!m_sawCr && c == '\r') {
            m_sawCr = true;
            return true;
        }
        if (!m_sawCr || c != '\n')
            return fail(400, "bare CR or LF in head");
        m_sawCr = false;
        return m_phase == Phase::RequestLine ? endOfRequestLine() : endOfHeaderLine();
    }
    // Line limits first, so that an overlong request line gets 414 rather than 431.
    if (!(m_phase == Phase::RequestLine ? requestLineByte(c) : headerLineByte(c)))
        return false;
    if (m_headBytes > m_limits.maxHeaderBytes)
        return fail(431, "header too large");
    return true;
}

bool HttpFramer::requestLineByte(char c)
{
    if (m_line.size() >= m_limits.maxRequestLineBytes)
        return fail(414, "request line too long");
    const auto uc = static_cast<uchar>(c);
    if (c == ' ') {
        if (m_line.isEmpty() || m_line.endsWith(' ') || ++m_lineSpaces > 2)
            return fail(400, "malformed request line");
    } else if (m_lineSpaces == 0 ? !isTchar(c) : (uc <= 0x20 || uc >= 0x7f)) {
        return fail(400, "malformed request line");
    }
    m_line.append(c);
    return true;
}

bool HttpFramer::endOfRequestLine()
{
    if (m_line.isEmpty())
        return true; // empty lines before a request line are ignored (RFC 9112, 2.2)
    if (m_lineSpaces != 2 || m_line.endsWith(' '))
        return fail(400, "malformed request line");
    const QByteArray version = m_line.mid(m_line.lastIndexOf(' ') + 1);
    const auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    if (version.size() != 8 || !version.startsWith("HTTP/") || !isDigit(version.at(5)) || version.at(6) != '.'
        || !isDigit(version.at(7))) {
        return fail(400, "malformed request line");
    }
    if (version.at(5) != '1' || (version.at(7) != '0' && version.at(7) != '1'))
        return fail(505, "unsupported HTTP version");
    m_minorVersion = version.at(7) - '0';
    m_line.resize(0);
    m_phase = Phase::Headers;
    return true;
}

bool HttpFramer::headerLineByte(char c)
{
    if (m_line.size() >= m_limits.maxHeaderFieldBytes)
        return fail(431, "header field too large");
    if (m_line.isEmpty()) {
        if (c == ' ' || c == '\t')
            return fail(400, "obsolete line folding");
        if (m_fields >= m_limits.maxHeaderFields)
            return fail(431, "too many header fields");
    }
    if (m_colon < 0) {
        if (c == ':') {
            if (m_line.isEmpty())
                return fail(400, "invalid header name");
            m_colon = static_cast<int>(m_line.size());
        } else if (c == ' ' || c == '\t') {
            return fail(400, "whitespace in header name");
        } else if (!isTchar(c)) {
            return fail(400, "invalid header name");
        }
    } else if (isBadValueChar(c)) {
        return fail(400, "invalid header value");
    }
    m_line.append(c);
    return true;
}

bool HttpFramer::endOfHeaderLine()
{
    if (m_line.isEmpty())
        return endOfHead();
    if (m_colon < 0)
        return fail(400, "header line without colon");
    ++m_fields;
    // Views into m_line: no allocation per header field on this hot path.
    const QByteArrayView line(m_line);
    const QByteArrayView name = line.first(m_colon);
    const QByteArrayView value = trimmedOws(line.sliced(m_colon + 1));
    const auto resetLine = qScopeGuard([this]() {
        m_line.resize(0);
        m_colon = -1;
    });

    if (sameName(name, "content-length")) {
        if (value.isEmpty())
            return fail(400, "invalid Content-Length");
        qint64 length = 0;
        for (const char c : value) {
            if (c < '0' || c > '9')
                return fail(400, "invalid Content-Length");
            length = length > (std::numeric_limits<qint64>::max() - 9) / 10 ? std::numeric_limits<qint64>::max()
                                                                            : length * 10 + (c - '0');
        }
        if (m_contentLength >= 0 && m_contentLength != length)
            return fail(400, "conflicting Content-Length");
        m_contentLength = length;
    } else if (sameName(name, "transfer-encoding")) {
        if (m_hasTransferEncoding)
            m_transferEncoding.append(',');
        m_transferEncoding.append(value);
        m_hasTransferEncoding = true;
    } else if (sameName(name, "host")) {
        ++m_hostFields;
    } else if (sameName(name, "expect")) {
        if (value.compare(QByteArrayView("100-continue"), Qt::CaseInsensitive) == 0)
            m_expectContinue = true;
    }
    return true;
}

bool HttpFramer::endOfHead()
{
    if (m_minorVersion == 1 && m_hostFields == 0)
        return fail(400, "missing Host");
    if (m_hostFields > 1)
        return fail(400, "multiple Host fields");
    if (m_minorVersion == 0)
        m_expectContinue = false; // RFC 9110, 10.1.1: ignored for HTTP/1.0

    if (m_hasTransferEncoding) {
        if (m_contentLength >= 0)
            return fail(400, "Content-Length with Transfer-Encoding");
        if (m_minorVersion == 0)
            return fail(400, "Transfer-Encoding in HTTP/1.0");
        QByteArrayList codings = m_transferEncoding.split(',');
        int chunked = 0;
        for (QByteArray& coding : codings) {
            coding = trimmedOws(coding).toByteArray();
            if (!isToken(coding))
                return fail(400, "invalid Transfer-Encoding");
            if (sameName(coding, "chunked"))
                ++chunked;
        }
        if (chunked != 1 || !sameName(codings.constLast(), "chunked"))
            return fail(400, "invalid Transfer-Encoding");
        if (codings.size() > 1)
            return fail(501, "unsupported transfer coding");
        m_phase = Phase::ChunkSize;
        m_sawCr = false;
        return true;
    }
    if (m_contentLength > m_limits.maxBodyBytes)
        return fail(413, "body too large");
    if (m_contentLength > 0) {
        m_phase = Phase::Body;
        m_remaining = m_contentLength;
        return true;
    }
    m_expectContinue = false;
    completeRequest();
    return true;
}

bool HttpFramer::chunkSizeByte(char c)
{
    if (++m_chunkLineBytes > kMaxChunkLineBytes)
        return fail(400, "chunk line too long");
    if (m_sawCr) {
        if (c != '\n')
            return fail(400, "invalid chunk line");
        m_sawCr = false;
        return endOfChunkSizeLine();
    }
    if (c == '\r') {
        if (m_chunkDigits == 0)
            return fail(400, "invalid chunk size");
        m_sawCr = true;
        return true;
    }
    if (m_chunkExtension)
        return isBadValueChar(c) ? fail(400, "invalid chunk extension") : true;
    if (c == ';') {
        if (m_chunkDigits == 0)
            return fail(400, "invalid chunk size");
        m_chunkExtension = true;
        return true;
    }
    const int digit = hexValue(c);
    if (digit < 0)
        return fail(400, "invalid chunk size");
    ++m_chunkDigits;
    m_chunkSize = m_chunkSize * 16 + digit;
    if (m_chunkSize > m_limits.maxBodyBytes - m_decoded)
        return fail(413, "body too large");
    return true;
}

bool HttpFramer::endOfChunkSizeLine()
{
    m_decoded += m_chunkSize;
    if (m_chunkSize == 0) {
        m_phase = Phase::LastChunkEnd;
    } else {
        m_phase = Phase::ChunkData;
        m_remaining = m_chunkSize;
    }
    m_chunkSize = 0;
    m_chunkDigits = 0;
    m_chunkExtension = false;
    m_chunkLineBytes = 0;
    return true;
}

void HttpFramer::completeRequest()
{
    ++m_completed;
    resetRequest();
    m_requestStart = m_offset;
    m_phase = Phase::RequestLine;
}

void HttpFramer::resetRequest()
{
    m_line.resize(0);
    m_sawCr = false;
    m_lineSpaces = 0;
    m_colon = -1;
    m_headBytes = 0;
    m_fields = 0;
    m_minorVersion = 1;
    m_hostFields = 0;
    m_contentLength = -1;
    m_transferEncoding.clear();
    m_hasTransferEncoding = false;
    m_expectContinue = false;
    m_remaining = 0;
    m_decoded = 0;
    m_bodyRaw = 0;
    m_chunkSize = 0;
    m_chunkDigits = 0;
    m_chunkExtension = false;
    m_chunkLineBytes = 0;
}

} // namespace Gateway
