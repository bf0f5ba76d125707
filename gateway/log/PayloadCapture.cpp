// SPDX-License-Identifier: GPL-3.0-or-later
#include "PayloadCapture.h"

#include "backend/SecretRedactor.h"

#include <QJsonArray>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace Gateway {

namespace {

QJsonArray headersJson(const HttpHeaders& headers)
{
    QJsonArray out;
    for (const auto& h : headers)
        out.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(h.first)},
                               {QStringLiteral("value"), QString::fromUtf8(h.second)}});
    return out;
}

qint64 headersBytes(const HttpHeaders& headers)
{
    qint64 n = 0;
    for (const auto& h : headers)
        n += h.first.size() + h.second.size() + 4;
    return n;
}

// Names of query parameters that carry credentials (their values are never kept).
bool isCredentialName(const QByteArray& lowerName)
{
    return lowerName.contains("key") || lowerName.contains("token") || lowerName.contains("secret")
        || lowerName.contains("password") || lowerName.contains("auth") || lowerName == "sig"
        || lowerName == "signature";
}

// Redacts credential query values of `url` in place and adds them as secrets.
void redactQuery(QString& url, SecretRedactor& redactor)
{
    const qsizetype q = url.indexOf(QLatin1Char('?'));
    if (q < 0)
        return;
    QStringList parts = url.mid(q + 1).split(QLatin1Char('&'));
    for (QString& part : parts) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq < 0)
            continue;
        const QByteArray name = QByteArray::fromPercentEncoding(part.left(eq).toUtf8()).toLower();
        if (!isCredentialName(name))
            continue;
        const QByteArray raw = part.mid(eq + 1).toUtf8();
        redactor.addSecret(raw);
        redactor.addSecret(QByteArray::fromPercentEncoding(raw));
        part = part.left(eq + 1) + QLatin1String(SecretRedactor::Marker);
    }
    url = url.left(q + 1) + parts.join(QLatin1Char('&'));
}

void cut(QByteArray& body, bool& truncated, qint64 max)
{
    if (body.size() > max) {
        body.truncate(max);
        truncated = true;
    }
}

} // namespace

qint64 CapturedHttp::bytes() const
{
    return method.size() + url.size() * 2 + headersBytes(requestHeaders) + headersBytes(responseHeaders)
        + requestBody.size() + responseBody.size() + 64;
}

QJsonObject CapturedHttp::toJson() const
{
    return QJsonObject{{QStringLiteral("method"), QString::fromLatin1(method)},
                       {QStringLiteral("url"), url},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("requestHeaders"), headersJson(requestHeaders)},
                       {QStringLiteral("requestBody"), QString::fromUtf8(requestBody)},
                       {QStringLiteral("requestTruncated"), requestTruncated},
                       {QStringLiteral("requestSize"), requestSize},
                       {QStringLiteral("responseHeaders"), headersJson(responseHeaders)},
                       {QStringLiteral("responseBody"), QString::fromUtf8(responseBody)},
                       {QStringLiteral("responseTruncated"), responseTruncated},
                       {QStringLiteral("responseSize"), responseSize},
                       {QStringLiteral("micros"), micros}};
}

QJsonObject CapturedExchange::toJson() const
{
    QJsonObject o{{QStringLiteral("eventId"), QString::number(eventId)}, {QStringLiteral("mcp"), mcp.toJson()}};
    if (hasBackend)
        o.insert(QStringLiteral("backend"), backend.toJson());
    return o;
}

bool PayloadRedaction::isCredentialHeader(const QByteArray& name)
{
    const QByteArray n = name.toLower();
    return n == "authorization" || n == "proxy-authorization" || n == "x-reshapr-key" || n == "cookie"
        || n == "set-cookie" || n.contains("api-key") || n.contains("apikey") || n.contains("token")
        || n.contains("secret") || n.contains("password") || n == "x-api-key";
}

void PayloadRedaction::collectSecrets(const HttpHeaders& headers, SecretRedactor& redactor)
{
    HttpHeaders credentials;
    for (const auto& h : headers) {
        if (!isCredentialHeader(h.first))
            continue;
        credentials.append(h);
        // Cookies: each value on its own too.
        if (h.first.toLower().contains("cookie")) {
            for (const QByteArray& pair : h.second.split(';')) {
                const QByteArray value = pair.mid(pair.indexOf('=') + 1).trimmed();
                redactor.addSecret(value);
            }
        }
    }
    redactor.addHeaders(credentials);
}

void PayloadRedaction::apply(CapturedHttp& leg, const SecretRedactor& base, qint64 maxBodyBytes)
{
    SecretRedactor redactor = base;
    collectSecrets(leg.requestHeaders, redactor);
    collectSecrets(leg.responseHeaders, redactor);
    redactQuery(leg.url, redactor);
    for (HttpHeaders* headers : {&leg.requestHeaders, &leg.responseHeaders}) {
        for (auto& h : *headers) {
            if (isCredentialHeader(h.first))
                h.second = SecretRedactor::Marker;
            else
                redactor.redact(h.second);
        }
    }
    QByteArray url = leg.url.toUtf8();
    if (redactor.redact(url))
        leg.url = QString::fromUtf8(url);
    leg.requestSize = qMax(leg.requestSize, qint64(leg.requestBody.size()));
    leg.responseSize = qMax(leg.responseSize, qint64(leg.responseBody.size()));
    redactor.redact(leg.requestBody);
    redactor.redact(leg.responseBody);
    cut(leg.requestBody, leg.requestTruncated, maxBodyBytes);
    cut(leg.responseBody, leg.responseTruncated, maxBodyBytes);
}

PayloadCaptureStore::PayloadCaptureStore(qint64 budgetBytes, qint64 maxBodyBytes)
    : m_budget(budgetBytes)
    , m_maxBody(maxBodyBytes)
{
}

void PayloadCaptureStore::setBudgetBytes(qint64 bytes)
{
    m_budget = bytes;
    evict();
}

void PayloadCaptureStore::store(quint64 eventId, CapturedExchange capture, const QByteArrayList& secrets)
{
    if (eventId == 0)
        return;
    SecretRedactor redactor;
    for (const QByteArray& s : secrets)
        redactor.addSecret(s);
    // A credential seen on either leg is a secret on both (a backend may echo what the client sent).
    PayloadRedaction::collectSecrets(capture.mcp.requestHeaders, redactor);
    if (capture.hasBackend)
        PayloadRedaction::collectSecrets(capture.backend.requestHeaders, redactor);
    PayloadRedaction::apply(capture.mcp, redactor, m_maxBody);
    if (capture.hasBackend)
        PayloadRedaction::apply(capture.backend, redactor, m_maxBody);
    capture.eventId = eventId;
    const qint64 size = capture.bytes();
    if (size > m_budget) {
        ++m_evicted;
        return;
    }
    if (m_fileSink)
        m_fileSink(QJsonObject{{QStringLiteral("capture"), capture.toJson()}});
    m_captures.insert_or_assign(eventId, std::move(capture));
    m_used += size;
    evict();
}

CapturedExchange PayloadCaptureStore::capture(quint64 eventId) const
{
    const auto it = m_captures.find(eventId);
    return it == m_captures.end() ? CapturedExchange{} : it->second;
}

namespace {

// The searchable text of one leg (URL, header values, bodies), lower-cased once.
void appendLowerTexts(const CapturedHttp& leg, QByteArrayList& texts)
{
    texts << leg.url.toUtf8().toLower() << leg.requestBody.toLower() << leg.responseBody.toLower();
    for (const HttpHeaders* headers : {&leg.requestHeaders, &leg.responseHeaders}) {
        for (const auto& h : *headers)
            texts << h.second.toLower();
    }
}

} // namespace

bool PayloadCaptureStore::containsAll(const CapturedExchange& capture, const QByteArrayList& lowerWords)
{
    QByteArrayList texts;
    appendLowerTexts(capture.mcp, texts);
    if (capture.hasBackend)
        appendLowerTexts(capture.backend, texts);
    return std::all_of(lowerWords.cbegin(), lowerWords.cend(), [&texts](const QByteArray& word) {
        return std::any_of(texts.cbegin(), texts.cend(),
                           [&word](const QByteArray& text) { return text.contains(word); });
    });
}

PayloadCaptureStore::SearchSlice PayloadCaptureStore::search(const QByteArrayList& words, quint64 fromId,
                                                             qint64 byteBudget) const
{
    SearchSlice slice;
    QByteArrayList lower;
    for (const QByteArray& w : words) {
        if (!w.isEmpty())
            lower << w.toLower();
    }
    qint64 scanned = 0;
    auto it = m_captures.lower_bound(fromId);
    for (; it != m_captures.end() && scanned < byteBudget; ++it) {
        scanned += it->second.bytes();
        slice.lastScannedId = it->first;
        if (!lower.isEmpty() && containsAll(it->second, lower))
            slice.matches << it->first;
    }
    slice.finished = it == m_captures.end();
    if (slice.lastScannedId == 0 && fromId > 0)
        slice.lastScannedId = fromId - 1; // nothing at or after fromId yet
    return slice;
}

void PayloadCaptureStore::clear()
{
    m_captures.clear();
    m_used = 0;
}

void PayloadCaptureStore::evict()
{
    while (m_used > m_budget && !m_captures.empty()) {
        m_used -= m_captures.begin()->second.bytes();
        m_captures.erase(m_captures.begin());
        ++m_evicted;
    }
}

} // namespace Gateway
