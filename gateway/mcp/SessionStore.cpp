// SPDX-License-Identifier: GPL-3.0-or-later
#include "SessionStore.h"

#include "http/HttpFrontend.h"

#include <openssl/rand.h>

namespace Gateway {

SessionStore::SessionStore(int maxSessions, qint64 idleTimeoutMs, int maxPerOwner)
    : m_maxSessions(qMax(1, maxSessions))
    , m_maxPerOwner(qMax(0, maxPerOwner))
    , m_idleTimeoutMs(idleTimeoutMs)
{
    m_clock.start();
}

void SessionStore::setLimits(int maxSessions, qint64 idleTimeoutMs, int maxPerOwner)
{
    m_maxSessions = qMax(1, maxSessions);
    m_idleTimeoutMs = idleTimeoutMs;
    m_maxPerOwner = qMax(0, maxPerOwner);
}

QByteArray SessionStore::newSessionId()
{
    unsigned char bytes[32];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        qFatal("CSPRNG failure: cannot create a session id");
    return QByteArray(reinterpret_cast<const char*>(bytes), sizeof bytes)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool SessionStore::isWellFormedId(const QByteArray& id)
{
    if (id.isEmpty() || id.size() > 128)
        return false;
    for (char c : id) {
        if (c < 0x21 || c > 0x7e)
            return false;
    }
    return true;
}

bool SessionStore::evictOldestOf(const QString& owner)
{
    auto oldest = m_sessions.end();
    for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it) {
        if ((*it)->owner == owner && (oldest == m_sessions.end() || (*it)->lastSeenMs < (*oldest)->lastSeenMs))
            oldest = it;
    }
    if (oldest == m_sessions.end())
        return false;
    for (const auto& stream : std::as_const((*oldest)->streams)) {
        if (stream)
            stream->close();
    }
    m_sessions.erase(oldest);
    return true;
}

McpSession* SessionStore::create(const QString& service, const QString& principal, ProtocolRevision revision,
                                 const QString& ownerIn)
{
    const QString owner = ownerIn.isEmpty() ? principal : ownerIn;
    expireIdle();
    if (m_maxPerOwner > 0) {
        int owned = 0;
        for (const auto& session : std::as_const(m_sessions))
            owned += session->owner == owner ? 1 : 0;
        for (; owned >= m_maxPerOwner && evictOldestOf(owner); --owned) { }
    }
    // A reload may have lowered the cap: the owner gives up as many of its own sessions as needed,
    // never someone else's.
    while (m_sessions.size() >= m_maxSessions) {
        if (!evictOldestOf(owner))
            return nullptr;
    }
    auto session = std::make_shared<McpSession>();
    session->id = newSessionId();
    session->service = service;
    session->principal = principal;
    session->owner = owner;
    session->revision = revision;
    session->lastSeenMs = nowMs();
    m_sessions.insert(session->id, session);
    return session.get();
}

McpSession* SessionStore::find(const QByteArray& id, const QString& service, const QString& principal)
{
    auto it = m_sessions.find(id);
    if (it == m_sessions.end() || (*it)->service != service || (*it)->principal != principal)
        return nullptr;
    if (m_idleTimeoutMs > 0 && nowMs() - (*it)->lastSeenMs > m_idleTimeoutMs) {
        m_sessions.erase(it);
        return nullptr;
    }
    (*it)->lastSeenMs = nowMs();
    return it->get();
}

bool SessionStore::remove(const QByteArray& id, const QString& service, const QString& principal)
{
    McpSession* session = find(id, service, principal);
    if (!session)
        return false;
    for (const auto& stream : std::as_const(session->streams)) {
        if (stream)
            stream->close();
    }
    m_sessions.remove(id);
    return true;
}

void SessionStore::expireIdle()
{
    if (m_idleTimeoutMs <= 0)
        return;
    const qint64 now = nowMs();
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        bool streaming = false;
        for (const auto& stream : std::as_const((*it)->streams))
            streaming = streaming || (stream && stream->isOpen());
        if (!streaming && now - (*it)->lastSeenMs > m_idleTimeoutMs)
            it = m_sessions.erase(it);
        else
            ++it;
    }
}

QList<McpSession*> SessionStore::sessionsOf(const QString& service)
{
    QList<McpSession*> out;
    for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it) {
        if ((*it)->service == service)
            out.append(it->get());
    }
    return out;
}

} // namespace Gateway
