// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProtocolRevision.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

namespace Gateway {

class SseStream;

// A legacy (2025-03-26 … 2025-11-25) MCP session, created by initialize.
struct McpSession
{
    QByteArray id; // 43 chars of base64url from 256 CSPRNG bits
    QString service;
    QString principal; // bound at creation; a request from another principal gets 404
    QString owner; // the person counted against the per-person cap (principal, else client address)
    ProtocolRevision revision = ProtocolRevision::V2025_11_25;
    QJsonObject clientCapabilities;
    QJsonObject clientInfo;
    bool initialized = false; // notifications/initialized seen
    qint64 lastSeenMs = 0;
    quint64 nextEventId = 1;
    QList<QPointer<SseStream>> streams; // open GET streams
};

// Sessions with CSPRNG ids, an idle TTL, a cap in total and a cap per person; unknown, expired,
// evicted and other-principal sessions all look the same to callers (no existence oracle).
// Creating a session only ever ends sessions of the same person: one client cannot evict everyone.
class SessionStore
{
public:
    SessionStore(int maxSessions, qint64 idleTimeoutMs, int maxPerOwner = 0);

    // maxPerOwner 0: no per-person cap (the total cap still holds).
    void setLimits(int maxSessions, qint64 idleTimeoutMs, int maxPerOwner = 0);
    // Creates a session owned by `owner` (the principal when empty). When `owner` holds maxPerOwner
    // sessions, or the store is full, the owner's least recently used session ends; when the store
    // is full of other people's sessions nothing is evicted and nullptr is returned.
    McpSession* create(const QString& service, const QString& principal, ProtocolRevision revision,
                       const QString& owner = {});
    // The live session for (id, service, principal), refreshed; nullptr otherwise.
    McpSession* find(const QByteArray& id, const QString& service, const QString& principal);
    bool remove(const QByteArray& id, const QString& service, const QString& principal);
    void expireIdle();
    int size() const { return m_sessions.size(); }
    QList<McpSession*> sessionsOf(const QString& service);

    static QByteArray newSessionId();
    static bool isWellFormedId(const QByteArray& id);

private:
    qint64 nowMs() const { return m_clock.elapsed(); }
    bool evictOldestOf(const QString& owner);
    int m_maxSessions;
    int m_maxPerOwner = 0;
    qint64 m_idleTimeoutMs;
    QElapsedTimer m_clock;
    QHash<QByteArray, std::shared_ptr<McpSession>> m_sessions; // stable addresses
};

} // namespace Gateway
