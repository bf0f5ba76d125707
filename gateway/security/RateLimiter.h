// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QString>

namespace Gateway {

// Per-person request budget: one token bucket per person, refilled at requestsPerMinute and holding
// at most `burst` requests. The table is keyed by client input (addresses, key ids, token subjects),
// so it is bounded: buckets that refilled completely carry no state and are dropped when the table
// is full; while it is still full a new person is refused (fail closed) until buckets refill.
class RateLimiter
{
public:
    static constexpr int DefaultMaxTracked = 10000;

    explicit RateLimiter(int maxTracked = DefaultMaxTracked);

    // requestsPerMinute 0 turns the limit off (and forgets every bucket).
    void setLimits(int requestsPerMinute, int burst);
    bool enabled() const { return m_perMinute > 0; }

    // Takes one request from `person`'s budget. 0 when allowed, else the whole seconds (>= 1)
    // after which one request will be available again (the Retry-After value).
    int acquire(const QString& person, qint64 nowMs);
    int trackedCount() const { return int(m_buckets.size()); }

    // Who a request counts against: the authenticated principal (API key id, token issuer and
    // subject), else the client address.
    static QString personOf(const QString& principal, const QHostAddress& peer);

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 lastMs = 0;
    };
    double refilled(const Bucket& bucket, qint64 nowMs) const;
    void dropFullBuckets(qint64 nowMs);

    const int m_maxTracked;
    int m_perMinute = 0;
    int m_burst = 1;
    qint64 m_lastSweepMs = -1;
    QHash<QString, Bucket> m_buckets;
};

} // namespace Gateway
