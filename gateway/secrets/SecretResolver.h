// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SecretStore.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace Gateway {

// Turns a workspace secret reference (see SecretReference) into its value, asynchronously:
//   keychain:<entry>  read from the keychain store; Ok values are cached in memory for the TTL
//                     (default 60 s: a keychain read is a D-Bus round trip) and concurrent reads
//                     of one reference share one store read (single flight);
//   ${env:NAME}       read from the process environment on every call (cheap, never cached); unset
//                     or empty is NotFound, naming the variable;
//   anything else     Error, without quoting the input.
// Only Ok answers are cached; evicted values are zero-filled. A successful write or remove through
// the store (SecretStore::entryChanged) invalidates that entry. Callbacks run from the event loop of
// the resolver's thread, never synchronously; use the resolver in the keychain store's thread.
class SecretResolver : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultCacheTtlMs = 60 * 1000;

    // `keychain` is not owned; null means every keychain reference is Unavailable.
    explicit SecretResolver(SecretStore* keychain, QObject* parent = nullptr);
    ~SecretResolver() override; // scrubs the cache

    void resolve(const QString& reference, SecretStore::Callback callback);

    // 0 disables the cache (single flight still applies). Changing the TTL empties the cache.
    void setCacheTtlMs(int ms);
    int cacheTtlMs() const { return m_cacheTtlMs; }

    // Drops the cached value of `reference` (scrubbed); a read in flight for it is still answered
    // but its value is not cached, and the next resolve() starts a fresh read.
    void invalidate(const QString& reference);
    void clearCache();

    int cachedCount() const { return int(m_cache.size()); }
    int inFlightCount() const { return int(m_inFlight.size()); }
    SecretStore* keychain() const { return m_keychain; }

private:
    struct CacheEntry
    {
        QByteArray value; // private deep copy: never shared, so it can be zero-filled
        QDeadlineTimer expiry;
    };
    struct Flight;

    void resolveKeychain(const QString& reference, const QString& entry, SecretStore::Callback callback);
    void completeFlight(const QString& reference, const std::shared_ptr<Flight>& flight, const SecretResult& result);
    void deliver(SecretStore::Callback callback, const SecretResult& result);
    void evict(const QString& reference);
    void sweep();
    void scheduleSweep();

    QPointer<SecretStore> m_keychain;
    int m_cacheTtlMs = DefaultCacheTtlMs;
    QHash<QString, CacheEntry> m_cache; // by reference
    QHash<QString, std::shared_ptr<Flight>> m_inFlight; // by reference
    QTimer m_sweepTimer;
};

} // namespace Gateway
