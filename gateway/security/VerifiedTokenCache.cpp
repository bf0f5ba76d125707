// SPDX-License-Identifier: GPL-3.0-or-later
#include "VerifiedTokenCache.h"

#include <QCryptographicHash>
#include <QMutexLocker>

namespace Gateway {

VerifiedTokenCache::VerifiedTokenCache(int capacity, int maxAgeSeconds)
    : m_capacity(qMax(1, capacity))
    , m_maxAgeSeconds(qMax(0, maxAgeSeconds))
{
}

QByteArray VerifiedTokenCache::digestOf(const QByteArray& token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

std::optional<JwtVerifier::Result> VerifiedTokenCache::lookup(const QByteArray& token, qint64 nowSecondsSinceEpoch)
{
    const QByteArray digest = digestOf(token);
    QMutexLocker locker(&m_mutex);
    const auto it = m_entries.find(digest);
    if (it == m_entries.end())
        return std::nullopt;
    if (nowSecondsSinceEpoch >= it->expiresAt) {
        m_order.erase(it->position);
        m_entries.erase(it);
        return std::nullopt;
    }
    m_order.splice(m_order.begin(), m_order, it->position);
    return it->result;
}

void VerifiedTokenCache::insert(const QByteArray& token, const JwtVerifier::Result& result, qint64 nowSecondsSinceEpoch)
{
    if (!result.ok)
        return;
    const qint64 expiresAt = qMin(result.expiresAt, nowSecondsSinceEpoch + m_maxAgeSeconds);
    if (expiresAt <= nowSecondsSinceEpoch)
        return;

    const QByteArray digest = digestOf(token);
    QMutexLocker locker(&m_mutex);
    auto it = m_entries.find(digest);
    if (it != m_entries.end()) {
        it->result = result;
        it->expiresAt = expiresAt;
        m_order.splice(m_order.begin(), m_order, it->position);
        return;
    }
    while (m_entries.size() >= m_capacity && !m_order.empty()) {
        m_entries.remove(m_order.back());
        m_order.pop_back();
    }
    m_order.push_front(digest);
    m_entries.insert(digest, Entry{result, expiresAt, m_order.begin()});
}

void VerifiedTokenCache::clear()
{
    QMutexLocker locker(&m_mutex);
    m_entries.clear();
    m_order.clear();
}

int VerifiedTokenCache::size() const
{
    QMutexLocker locker(&m_mutex);
    return int(m_entries.size());
}

} // namespace Gateway
