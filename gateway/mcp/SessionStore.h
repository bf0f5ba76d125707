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
    ProtocolRevision revision = ProtocolRevision::V2025_11_25;
    QJsonObject clientCapabilities;
    QJsonObject clientInfo;
    bool initialized = false; // notifications/initialized seen
    qint64 lastSeenMs = 0;
    quint64 nextEventId = 1;
    QList<QPointer<SseStream>> streams; // open GET streams
};

// Sessions with CSPRNG ids, an idle TTL and caps in total; unknown, expired, evicted and
// other-principal sessions all look the same to callers (no existence oracle).
class SessionStore
{
public:
    SessionStore(int maxSessions, qint64 idleTimeoutMs);

    void setLimits(int maxSessions, qint64 idleTimeoutMs);
    // Creates a session; evicts the least recently used one when full.
    McpSession* create(const QString& service, const QString& principal, ProtocolRevision revision);
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
    int m_maxSessions;
    qint64 m_idleTimeoutMs;
    QElapsedTimer m_clock;
    QHash<QByteArray, std::shared_ptr<McpSession>> m_sessions; // stable addresses
};

} // namespace Gateway
