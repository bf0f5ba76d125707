// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpMessage.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <functional>
#include <map>

namespace Gateway {

class SecretRedactor;

// One HTTP leg of an exchange as captured: already redacted and truncated when it is stored.
struct CapturedHttp
{
    QByteArray method;
    QString url; // the MCP leg: path and query as received; the backend leg: absolute, never userinfo
    int status = 0; // 0: no answer
    HttpHeaders requestHeaders;
    QByteArray requestBody;
    bool requestTruncated = false;
    qint64 requestSize = 0; // size before truncation
    HttpHeaders responseHeaders;
    QByteArray responseBody;
    bool responseTruncated = false;
    qint64 responseSize = 0;
    qint64 micros = 0; // time from request to answer

    qint64 bytes() const;
    QJsonObject toJson() const;
};

// Both legs of one exchange, linked to its TrafficEvent by `eventId`.
struct CapturedExchange
{
    quint64 eventId = 0; // 0: not captured (or evicted)
    CapturedHttp mcp;
    bool hasBackend = false;
    CapturedHttp backend;

    bool isValid() const { return eventId != 0; }
    qint64 bytes() const { return mcp.bytes() + (hasBackend ? backend.bytes() : 0); }
    QJsonObject toJson() const;
};

// The redaction every captured leg goes through before it is stored:
//   - header values of credential fields (Authorization, Proxy-Authorization, x-reshapr-key, Cookie,
//     Set-Cookie, and any field whose name says key/token/secret) become "[redacted]";
//   - every known secret (the values of those fields, the token after a Bearer/Basic scheme, secrets
//     added by the caller such as the backend credentials a call sent) is removed from bodies, the
//     URL and the remaining header values, in any JSON escaping (SecretRedactor);
//   - then bodies are cut to `maxBodyBytes` (cutting after redaction: a secret straddling the cut
//     cannot leave a prefix behind).
class PayloadRedaction
{
public:
    static bool isCredentialHeader(const QByteArray& name);
    // Adds the values of credential header fields of `headers` as secrets to `redactor`.
    static void collectSecrets(const HttpHeaders& headers, SecretRedactor& redactor);
    static void apply(CapturedHttp& leg, const SecretRedactor& redactor, qint64 maxBodyBytes);
};

// In-memory store of captured exchanges under a total byte budget: the oldest are evicted first.
// Lives on the gateway thread; the window asks for one capture at a time through GatewayController.
class PayloadCaptureStore
{
public:
    static constexpr qint64 DefaultMaxBodyBytes = 64 * 1024;
    static constexpr qint64 DefaultBudgetBytes = 64 * 1024 * 1024;

    explicit PayloadCaptureStore(qint64 budgetBytes = DefaultBudgetBytes, qint64 maxBodyBytes = DefaultMaxBodyBytes);

    qint64 budgetBytes() const { return m_budget; }
    qint64 maxBodyBytes() const { return m_maxBody; }
    void setBudgetBytes(qint64 bytes);
    void setMaxBodyBytes(qint64 bytes) { m_maxBody = bytes; }
    qint64 usedBytes() const { return m_used; }
    int size() const { return int(m_captures.size()); }
    quint64 evicted() const { return m_evicted; }

    // Redacts (credential headers of both legs, their values everywhere, `secrets`) and truncates
    // `capture`, then stores it under `eventId`, evicting the oldest captures over the budget. A
    // capture larger than the whole budget is not kept.
    void store(quint64 eventId, CapturedExchange capture, const QByteArrayList& secrets = {});
    // The capture of event `eventId`; invalid when never captured or evicted.
    CapturedExchange capture(quint64 eventId) const;
    void clear();

    // One slice of a search over the stored payloads: the ids, from `fromId` on, of captures whose
    // payloads (both legs: URL, header values, bodies; already redacted) contain every word of
    // `words`, ASCII case-insensitively. Stops after about `byteBudget` bytes of payload so a caller
    // on the gateway thread can search a full store a slice at a time between requests.
    struct SearchSlice
    {
        QList<quint64> matches;
        quint64 lastScannedId = 0; // the last id looked at (0: none)
        bool finished = false; // no capture after lastScannedId
    };
    SearchSlice search(const QByteArrayList& words, quint64 fromId, qint64 byteBudget) const;
    // The slice the gateway thread searches between requests (see bench_trafficmodel for its cost).
    static constexpr qint64 SearchSliceBytes = 2 * 1024 * 1024;
    // Whether `capture` contains every word of `lowerWords` (lower-cased ASCII), as search() decides.
    static bool containsAll(const CapturedExchange& capture, const QByteArrayList& lowerWords);

    // Called with every stored capture (already redacted) when captures are mirrored to a file
    // (gateway.capturePayloadsToFile); unset: never written anywhere.
    void setFileSink(std::function<void(const QJsonObject&)> sink) { m_fileSink = std::move(sink); }

private:
    void evict();

    qint64 m_budget;
    qint64 m_maxBody;
    qint64 m_used = 0;
    quint64 m_evicted = 0;
    std::map<quint64, CapturedExchange> m_captures; // ids increase: begin() is the oldest
    std::function<void(const QJsonObject&)> m_fileSink;
};

} // namespace Gateway

Q_DECLARE_METATYPE(Gateway::CapturedExchange)
