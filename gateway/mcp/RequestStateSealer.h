// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QString>

#include <functional>
#include <optional>

namespace Gateway {

// What a 2026-07-28 requestState is bound to. A state opens only with the same values.
struct RequestStateBinding
{
    QString principal; // the person: iss + sub, API key id, or the legacy session
    QString service;
    QString method; // e.g. "tools/call"
    QString toolName; // params.name
    QByteArray argumentsDigest; // RequestStateSealer::argumentsDigest(params.arguments)
};

struct RequestStateSealerOptions
{
    qint64 rotationPeriodMs = 15 * 60 * 1000;
    qint64 defaultLifetimeMs = 10 * 60 * 1000; // capped at rotationPeriodMs
    int maxPayloadBytes = 512;
    int maxStateChars = 2048; // longer input is refused before decoding
    int maxReplayEntries = 100000;
};

// Seals and opens the opaque `requestState` of 2026-07-28 multi round-trip requests.
//
// A state is "v1." + base64url(keyId[4] | nonce[12] | AES-256-GCM ciphertext | tag[16]). The
// plaintext holds the expiry, a random state id and the caller's small payload (e.g. its flow id);
// the additional authenticated data holds the format version, the key id and a SHA-256 digest of
// the binding, so a state presented for another principal, service, method, tool or argument set
// fails authentication exactly like a tampered one.
//
// Keys: 256-bit, from OpenSSL's CSPRNG, held in memory only (never persisted, wiped on rotation
// and destruction). The current key seals; the current and the previous key open. A key seals for
// one rotation period and opens for one more, so a state's lifetime is capped at the rotation
// period: every state outlives its key's sealing window by at most its own lifetime.
//
// Every state opens once: its id is remembered until its expiry (the replay cache holds only
// unexpired ids, at most maxReplayEntries; when full of live ids, open fails closed).
//
// open() has one failure answer for every problem; the caller answers -32602 "Invalid or expired
// requestState" and may log the reason, which never contains the state or the payload.
class RequestStateSealer
{
public:
    using Options = RequestStateSealerOptions;
    // Milliseconds since the epoch; tests pass their own.
    using Clock = std::function<qint64()>;

    explicit RequestStateSealer(Options options = Options(), Clock clock = Clock());
    ~RequestStateSealer();
    RequestStateSealer(const RequestStateSealer&) = delete;
    RequestStateSealer& operator=(const RequestStateSealer&) = delete;

    // The sealed state, or an empty string when the payload is larger than maxPayloadBytes or the
    // CSPRNG/cipher failed. lifetimeMs <= 0 uses defaultLifetimeMs; longer than the rotation
    // period is capped to it.
    QString seal(const RequestStateBinding& binding, const QByteArray& payload, qint64 lifetimeMs = 0);

    // The payload when the state is well formed, sealed by a key still held, bound to `binding`,
    // unexpired and not opened before; std::nullopt otherwise. *reason (for logs) says which.
    std::optional<QByteArray> open(const QString& state, const RequestStateBinding& binding, QString* reason = nullptr);

    // SHA-256 of the canonical JSON of tools/call arguments: compact, object keys sorted at every
    // level (QJsonDocument's order). Absent or null arguments count as {}.
    static QByteArray argumentsDigest(const QJsonValue& arguments);

    // Starts a new key now (the current one becomes the previous one, the previous one is wiped).
    void rotate();
    int replayCacheSize() const { return static_cast<int>(m_seen.size()); }

private:
    struct Key
    {
        quint32 id = 0;
        QByteArray bytes; // empty: no key
        qint64 createdMs = 0;
    };
    qint64 now() const;
    void rotateIfDue();
    bool makeKey(Key* key, qint64 createdMs);
    const Key* keyById(quint32 id) const;
    void purgeReplayCache(qint64 nowMs);

    Options m_options;
    Clock m_clock;
    Key m_current;
    Key m_previous;
    quint32 m_nextKeyId = 1;
    QHash<QByteArray, qint64> m_seen; // state id -> expiry (ms)
    qint64 m_lastPurgeMs = 0;
};

} // namespace Gateway
