// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/WorkspaceConfig.h"
#include "secrets/SecretStore.h" // complete: secretStore() converts a QPointer

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <deque>
#include <functional>
#include <optional>

namespace Gateway {

// One person's credential for one service, obtained through an elicitation.
struct ElicitedCredential
{
    BackendAuth::Kind kind = BackendAuth::Kind::ElicitedToken;
    QByteArray value; // ElicitedToken: what the person typed; ElicitedOAuth2: the access token
    QByteArray refreshToken; // ElicitedOAuth2, when the authorization server issued one
    QDateTime expiresAt; // UTC; null: no known expiry (the backend's 401 ends it)
    QDateTime obtainedAt; // UTC
    // Set on a token that came from the refresh forced by a backend 401: a second 401 drops it.
    bool fromForcedRefresh = false;
    // Set when a backend rejected this token and a refresh should be tried once (not persisted).
    bool refreshForced = false;

    // Due for renewal: past its expiry less a margin of at most `marginSeconds` and at most half
    // its lifetime (a short-lived token is not renewed the moment it arrives).
    bool isExpired(const QDateTime& nowUtc, int marginSeconds = 0) const
    {
        if (refreshForced)
            return true;
        if (!expiresAt.isValid())
            return false;
        qint64 margin = marginSeconds;
        if (obtainedAt.isValid())
            margin = qMin<qint64>(margin, obtainedAt.secsTo(expiresAt) / 2);
        return nowUtc.addSecs(margin) >= expiresAt;
    }
};

// What the window may know about one stored credential: never its value or refresh token.
struct ElicitedCredentialInfo
{
    QString service;
    QString person; // "<iss> <sub>", "key:<id>" or "session:<id>"
    BackendAuth::Kind kind = BackendAuth::Kind::ElicitedToken;
    QDateTime obtainedAt; // UTC; null when unknown
    QDateTime expiresAt; // UTC; null: no known expiry
    bool hasRefreshToken = false;
    bool refreshDue = false; // a backend rejected it (a refresh is forced) or it is past its renewal time
    bool refreshing = false; // a refresh (or keychain load) is in flight for this person and service
    bool persisted = false; // also written to the keychain (elicitation.persist)
};

// Elicited backend credentials per (service, person), in memory, with optional persistence in a
// SecretStore (the OS keychain) for services that opt in, so a restart does not ask again.
//
// Keychain layout (values are JSON, never logged): "portcullis-elicited/<service>/<h>" where <h> is
// the first 32 hex digits of SHA-256(person), and "portcullis-elicited/<service>/index" listing the
// <h> of that service (so a whole service can be forgotten). Keychain operations run one at a time
// in call order, so an index update never races another. Values live in private deep copies that
// are zero-filled when replaced or forgotten.
//
// Single-threaded: use from the gateway thread. Callbacks run from the event loop.
class ElicitedCredentialStore : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxValueBytes = 16 * 1024;

    explicit ElicitedCredentialStore(QObject* parent = nullptr);
    ~ElicitedCredentialStore() override; // zero-fills every value

    // Where persisted credentials go (not owned); null: memory only.
    void setSecretStore(SecretStore* store);
    SecretStore* secretStore() const { return m_secrets; }

    std::optional<ElicitedCredential> get(const QString& service, const QString& person) const;
    // Keeps `credential` in memory; with persist, also writes it to the secret store. `done` (optional)
    // gets the store's error ("" on success or when not persisted), once the entry and the index are
    // written. Destroying the store drops writes still queued.
    void put(const QString& service, const QString& person, const ElicitedCredential& credential, bool persist,
             std::function<void(const QString& error)> done = {});
    // Reads a persisted credential into memory unless one is there. `done(found)`.
    void load(const QString& service, const QString& person, std::function<void(bool found)> done);
    // Drops the credentials of `person` (or of every person when empty) for `service`, in memory and
    // in the secret store. `done(removed, error)`: how many were in memory or persisted.
    void forget(const QString& service, const QString& person = {},
                std::function<void(int removed, const QString& error)> done = {});
    // Memory only (e.g. a non-persisted value the backend rejected).
    bool forgetInMemory(const QString& service, const QString& person);

    int size() const { return m_memory.size(); }
    // Metadata of every credential held in memory, sorted by service then person; never a value.
    // A persisted credential a restart has not loaded yet is not listed: the keychain index names
    // people only by hash, and the person's next call loads it.
    // `renewalMarginSeconds` as in ElicitedCredential::isExpired (refreshDue).
    QList<ElicitedCredentialInfo> list(const QDateTime& nowUtc, int renewalMarginSeconds) const;

    static QString entryKey(const QString& service, const QString& person);
    static QString indexKey(const QString& service);
    static QByteArray serialize(const ElicitedCredential& credential);
    static std::optional<ElicitedCredential> deserialize(const QByteArray& bytes);

    // Keychain work still queued or running (writes, index updates, removals).
    bool hasPendingWork() const { return m_running || !m_jobs.empty(); }
    // Runs this thread's event loop until the queued keychain work is done or `timeoutMs` passed;
    // for shutdown, so a credential a person just typed is not half persisted. True when drained.
    bool waitForPendingWork(int timeoutMs);

private:
    using Job = std::function<void(std::function<void()> next)>;
    static QString memoryKey(const QString& service, const QString& person);
    static QString personHash(const QString& person);
    void enqueue(Job job);
    void runNext();
    void updateIndex(const QString& service, const QString& hash, bool add, std::function<void()> next);

    QHash<QString, ElicitedCredential> m_memory; // memoryKey -> credential
    QSet<QString> m_persisted; // memoryKeys whose credential is also in the secret store
    QPointer<SecretStore> m_secrets;
    std::deque<Job> m_jobs;
    bool m_running = false;
};

} // namespace Gateway

Q_DECLARE_METATYPE(Gateway::ElicitedCredentialInfo)
