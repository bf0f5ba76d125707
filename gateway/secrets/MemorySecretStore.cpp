// SPDX-License-Identifier: GPL-3.0-or-later
#include "MemorySecretStore.h"

#include "SecretBytes.h"

namespace Gateway {

MemorySecretStore::MemorySecretStore(QObject* parent)
    : SecretStore(parent)
{
}

MemorySecretStore::~MemorySecretStore()
{
    for (auto it = m_values.begin(); it != m_values.end(); ++it)
        SecretBytes::wipeAndClear(it.value());
}

SecretResult MemorySecretStore::unavailable() const
{
    return SecretResult::failure(SecretResult::Status::Unavailable,
                                 QStringLiteral("the in-memory secret store is switched off"));
}

void MemorySecretStore::read(const QString& key, Callback callback)
{
    if (forwardToOwnThread([this, key, callback]() { read(key, callback); }))
        return;
    ++m_reads;
    const QString problem = keyProblem(key);
    if (!problem.isEmpty())
        return deliver(std::move(callback), SecretResult::failure(SecretResult::Status::Error, problem));
    if (!m_available)
        return deliver(std::move(callback), unavailable());
    const auto it = m_values.constFind(key);
    if (it == m_values.constEnd()) {
        return deliver(
            std::move(callback),
            SecretResult::failure(SecretResult::Status::NotFound, QStringLiteral("no secret named \"%1\"").arg(key)));
    }
    deliver(std::move(callback), SecretResult::ok(SecretBytes::deepCopy(it.value())));
}

void MemorySecretStore::write(const QString& key, const QByteArray& value, Callback callback)
{
    if (forwardToOwnThread([this, key, value, callback]() { write(key, value, callback); }))
        return;
    ++m_writes;
    const QString problem = writeProblem(key, value);
    if (!problem.isEmpty())
        return deliver(std::move(callback), SecretResult::failure(SecretResult::Status::Error, problem));
    if (!m_available)
        return deliver(std::move(callback), unavailable());
    QByteArray& slot = m_values[key];
    SecretBytes::wipeAndClear(slot);
    slot = SecretBytes::deepCopy(value);
    deliver(std::move(callback), SecretResult::ok());
    emit entryChanged(key);
}

void MemorySecretStore::remove(const QString& key, Callback callback)
{
    if (forwardToOwnThread([this, key, callback]() { remove(key, callback); }))
        return;
    ++m_removes;
    const QString problem = keyProblem(key);
    if (!problem.isEmpty())
        return deliver(std::move(callback), SecretResult::failure(SecretResult::Status::Error, problem));
    if (!m_available)
        return deliver(std::move(callback), unavailable());
    auto it = m_values.find(key);
    if (it == m_values.end()) {
        return deliver(
            std::move(callback),
            SecretResult::failure(SecretResult::Status::NotFound, QStringLiteral("no secret named \"%1\"").arg(key)));
    }
    SecretBytes::wipeAndClear(it.value());
    m_values.erase(it);
    deliver(std::move(callback), SecretResult::ok());
    emit entryChanged(key);
}

QString MemorySecretStore::backendName() const
{
    return QStringLiteral("memory (not persisted)");
}

bool MemorySecretStore::lastKnownAvailable() const
{
    return m_available;
}

void MemorySecretStore::setAvailable(bool available)
{
    if (m_available.exchange(available) != available)
        emit availabilityChanged(available);
}

bool MemorySecretStore::contains(const QString& key) const
{
    return m_values.contains(key);
}

int MemorySecretStore::size() const
{
    return int(m_values.size());
}

void MemorySecretStore::resetCounters()
{
    m_reads = m_writes = m_removes = 0;
}

} // namespace Gateway
