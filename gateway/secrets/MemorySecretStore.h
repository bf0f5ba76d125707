// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SecretStore.h"

#include <QHash>

#include <atomic>

namespace Gateway {

// Secrets held in this process only: for tests and the in-app demo. Same contract as the keychain
// (asynchronous answers, bounds, scrubbing), plus switches and counters for tests.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit MemorySecretStore(QObject* parent = nullptr);
    ~MemorySecretStore() override; // scrubs every value

    void read(const QString& key, Callback callback) override;
    void write(const QString& key, const QByteArray& value, Callback callback) override;
    void remove(const QString& key, Callback callback) override;
    QString backendName() const override;
    bool lastKnownAvailable() const override;

    // false: every operation answers Unavailable, as a keychain without a backend would.
    void setAvailable(bool available);

    bool contains(const QString& key) const;
    int size() const;
    // Calls made (counted when the call arrives, before its answer).
    int readCount() const { return m_reads; }
    int writeCount() const { return m_writes; }
    int removeCount() const { return m_removes; }
    void resetCounters();

private:
    SecretResult unavailable() const;

    QHash<QString, QByteArray> m_values; // private deep copies, scrubbed when replaced or removed
    std::atomic<bool> m_available{true};
    int m_reads = 0;
    int m_writes = 0;
    int m_removes = 0;
};

} // namespace Gateway
