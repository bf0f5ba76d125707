// SPDX-License-Identifier: GPL-3.0-or-later
#include "RateLimiter.h"

#include <cmath>

namespace Gateway {

RateLimiter::RateLimiter(int maxTracked)
    : m_maxTracked(qMax(1, maxTracked))
{
}

void RateLimiter::setLimits(int requestsPerMinute, int burst)
{
    if (requestsPerMinute != m_perMinute || qMax(1, burst) != m_burst)
        m_buckets.clear();
    m_perMinute = qMax(0, requestsPerMinute);
    m_burst = qMax(1, burst);
}

QString RateLimiter::personOf(const QString& principal, const QHostAddress& peer)
{
    if (!principal.isEmpty() && principal != QLatin1String("anonymous"))
        return principal;
    QHostAddress address = peer;
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    if (mapped)
        address = QHostAddress(v4);
    return QStringLiteral("address ") + address.toString();
}

double RateLimiter::refilled(const Bucket& bucket, qint64 nowMs) const
{
    const double elapsed = double(qMax<qint64>(0, nowMs - bucket.lastMs));
    return qMin(double(m_burst), bucket.tokens + elapsed * m_perMinute / 60000.0);
}

void RateLimiter::dropFullBuckets(qint64 nowMs)
{
    // At most once a second: the sweep is linear in the table size.
    if (m_lastSweepMs >= 0 && nowMs - m_lastSweepMs < 1000)
        return;
    m_lastSweepMs = nowMs;
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (refilled(*it, nowMs) >= m_burst)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

int RateLimiter::acquire(const QString& person, qint64 nowMs)
{
    if (!enabled())
        return 0;
    auto it = m_buckets.find(person);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= m_maxTracked)
            dropFullBuckets(nowMs);
        if (m_buckets.size() >= m_maxTracked)
            return 1;
        it = m_buckets.insert(person, Bucket{double(m_burst), nowMs});
    }
    it->tokens = refilled(*it, nowMs);
    it->lastMs = qMax(it->lastMs, nowMs);
    if (it->tokens >= 1.0) {
        it->tokens -= 1.0;
        return 0;
    }
    const double waitMs = (1.0 - it->tokens) * 60000.0 / m_perMinute;
    return qMax(1, int(std::ceil(waitMs / 1000.0)));
}

} // namespace Gateway
