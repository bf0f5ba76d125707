// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecretResolver.h"

#include "SecretBytes.h"
#include "SecretReference.h"

#include <QList>
#include <QThread>

#include <limits>

namespace Gateway {

struct SecretResolver::Flight
{
    QList<SecretStore::Callback> waiters;
    bool cacheable = true; // cleared by invalidate() while the read is in flight
};

SecretResolver::SecretResolver(SecretStore* keychain, QObject* parent)
    : QObject(parent)
    , m_keychain(keychain)
{
    m_sweepTimer.setSingleShot(true);
    connect(&m_sweepTimer, &QTimer::timeout, this, &SecretResolver::sweep);
    if (keychain) {
        connect(keychain, &SecretStore::entryChanged, this,
                [this](const QString& key) { invalidate(SecretReference::keychain(key)); });
    }
}

SecretResolver::~SecretResolver()
{
    clearCache();
}

void SecretResolver::resolve(const QString& reference, SecretStore::Callback callback)
{
    Q_ASSERT_X(QThread::currentThread() == thread(), "SecretResolver::resolve", "call from the resolver's thread");
    using Status = SecretResult::Status;
    const SecretReference ref = SecretReference::parse(reference);
    switch (ref.kind) {
    case SecretReference::Kind::Invalid:
        deliver(std::move(callback), SecretResult::failure(Status::Error, ref.error));
        return;
    case SecretReference::Kind::Environment: {
        if (!qEnvironmentVariableIsSet(ref.name.toLocal8Bit().constData())) {
            deliver(std::move(callback),
                    SecretResult::failure(Status::NotFound,
                                          QStringLiteral("environment variable %1 is not set").arg(ref.name)));
            return;
        }
        const QByteArray value = qgetenv(ref.name.toLocal8Bit().constData());
        if (value.isEmpty()) {
            deliver(std::move(callback),
                    SecretResult::failure(Status::NotFound,
                                          QStringLiteral("environment variable %1 is empty").arg(ref.name)));
            return;
        }
        deliver(std::move(callback), SecretResult::ok(value));
        return;
    }
    case SecretReference::Kind::Keychain: resolveKeychain(reference, ref.name, std::move(callback)); return;
    }
}

void SecretResolver::resolveKeychain(const QString& reference, const QString& entry, SecretStore::Callback callback)
{
    auto cached = m_cache.find(reference);
    if (cached != m_cache.end()) {
        if (!cached->expiry.hasExpired()) {
            deliver(std::move(callback), SecretResult::ok(SecretBytes::deepCopy(cached->value)));
            return;
        }
        evict(reference);
    }
    if (const std::shared_ptr<Flight> flight = m_inFlight.value(reference)) {
        flight->waiters.append(std::move(callback));
        return;
    }
    if (!m_keychain) {
        deliver(std::move(callback),
                SecretResult::failure(SecretResult::Status::Unavailable,
                                      QStringLiteral("no keychain is configured (entry \"%1\")").arg(entry)));
        return;
    }
    auto flight = std::make_shared<Flight>();
    flight->waiters.append(std::move(callback));
    m_inFlight.insert(reference, flight);
    QPointer<SecretResolver> self(this);
    m_keychain->read(entry, [self, reference, flight](const SecretResult& result) {
        if (self)
            self->completeFlight(reference, flight, result);
    });
}

void SecretResolver::completeFlight(const QString& reference, const std::shared_ptr<Flight>& flight,
                                    const SecretResult& result)
{
    if (m_inFlight.value(reference) == flight)
        m_inFlight.remove(reference);
    if (flight->cacheable && result.isOk() && m_cacheTtlMs > 0) {
        evict(reference);
        CacheEntry entry;
        entry.value = SecretBytes::deepCopy(result.value);
        entry.expiry = QDeadlineTimer(m_cacheTtlMs);
        m_cache.insert(reference, entry);
        scheduleSweep();
    }
    // Already on the event loop (the store answers asynchronously): answer the waiters directly.
    const QList<SecretStore::Callback> waiters = std::move(flight->waiters);
    flight->waiters.clear();
    for (const SecretStore::Callback& waiter : waiters) {
        if (waiter)
            waiter(result);
    }
}

void SecretResolver::deliver(SecretStore::Callback callback, const SecretResult& result)
{
    if (!callback)
        return;
    QMetaObject::invokeMethod(
        this, [callback = std::move(callback), result]() { callback(result); }, Qt::QueuedConnection);
}

void SecretResolver::setCacheTtlMs(int ms)
{
    m_cacheTtlMs = qMax(0, ms);
    clearCache();
}

void SecretResolver::invalidate(const QString& reference)
{
    evict(reference);
    if (const std::shared_ptr<Flight> flight = m_inFlight.take(reference))
        flight->cacheable = false;
    scheduleSweep();
}

void SecretResolver::clearCache()
{
    for (auto it = m_cache.begin(); it != m_cache.end(); ++it)
        SecretBytes::wipeAndClear(it->value);
    m_cache.clear();
    for (const std::shared_ptr<Flight>& flight : std::as_const(m_inFlight))
        flight->cacheable = false;
    m_inFlight.clear();
    m_sweepTimer.stop();
}

void SecretResolver::evict(const QString& reference)
{
    auto it = m_cache.find(reference);
    if (it == m_cache.end())
        return;
    SecretBytes::wipeAndClear(it->value);
    m_cache.erase(it);
}

void SecretResolver::sweep()
{
    for (auto it = m_cache.begin(); it != m_cache.end();) {
        if (it->expiry.hasExpired()) {
            SecretBytes::wipeAndClear(it->value);
            it = m_cache.erase(it);
        } else {
            ++it;
        }
    }
    scheduleSweep();
}

// Keeps one timer armed for the earliest expiry, so expired values leave memory on time.
void SecretResolver::scheduleSweep()
{
    qint64 earliest = -1;
    for (const CacheEntry& entry : std::as_const(m_cache)) {
        const qint64 remaining = entry.expiry.remainingTime();
        if (earliest < 0 || remaining < earliest)
            earliest = remaining;
    }
    if (earliest < 0) {
        m_sweepTimer.stop();
        return;
    }
    m_sweepTimer.start(int(qMin<qint64>(earliest, std::numeric_limits<int>::max())) + 1);
}

} // namespace Gateway
