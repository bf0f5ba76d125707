// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SecretStore.h"

#include <QSet>

#include <atomic>
#include <memory>

namespace Gateway {

// The OS keychain through QtKeychain (Secret Service / KWallet, macOS Keychain, Windows Credential
// Manager). Values are stored as binary data under `service`; the insecure plain-text fallback is
// never enabled: secrets live only in the OS keychain. Every job is bounded by a timeout.
//
// Status mapping: NoBackendAvailable, NotImplemented, D-Bus/daemon failures and timeouts are
// Unavailable; EntryNotFound is NotFound, except for an entry this store has read or written
// successfully before and not removed itself: that one vanished behind our back (qtkeychain#242: a
// slow KWallet makes QtKeychain switch to the Secret Service) and counts as Unavailable, not absent.
//
// QtKeychain queues every job of the process in one unsynchronised executor, so use the keychain from
// one thread (the gateway thread): calls from other threads are forwarded to the store's thread.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    static constexpr const char* DefaultService = "Portcullis";
    static constexpr int DefaultTimeoutMs = 15000;

    explicit KeychainSecretStore(QObject* parent = nullptr);
    // `service` names the keychain namespace; tests use "Portcullis-test-<random>".
    explicit KeychainSecretStore(const QString& service, QObject* parent = nullptr);
    ~KeychainSecretStore() override;

    QString service() const { return m_service; }
    void setTimeoutMs(int ms);
    int timeoutMs() const { return m_timeoutMs; }

    void read(const QString& key, Callback callback) override;
    void write(const QString& key, const QByteArray& value, Callback callback) override;
    void remove(const QString& key, Callback callback) override;
    QString backendName() const override;
    bool lastKnownAvailable() const override;

    // Entries seen present in this process (to tell a vanished entry from an absent one); for tests and diagnostics.
    bool wasSeenPresent(const QString& key) const;

private:
    enum class Operation { Read, Write, Remove };
    struct Request;

    void start(Operation operation, const QString& key, const QByteArray& value, Callback callback);
    void onJobFinished(const std::shared_ptr<Request>& request, int error, const QString& errorString,
                       const QByteArray& data);
    void onTimeout(const std::shared_ptr<Request>& request);
    void complete(const std::shared_ptr<Request>& request, const SecretResult& result);
    void noteAvailability(SecretResult::Status status);

    QString m_service;
    int m_timeoutMs = DefaultTimeoutMs;
    std::atomic<bool> m_available{true};
    QSet<QString> m_seenPresent;
};

} // namespace Gateway
