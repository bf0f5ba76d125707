// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace Gateway {

// Outcome of one secret operation. `message` is for people and logs: it may name the entry or the
// variable, never the value: logs and errors never contain secrets.
struct SecretResult
{
    enum class Status {
        Ok,
        NotFound, // the backend answered: no such entry / variable
        Unavailable, // no backend, no session bus, timeout, or an entry that vanished after being read
        AccessDenied, // locked keychain, user refused
        Error // anything else, including malformed input
    };

    Status status = Status::Error;
    QByteArray value; // only set for Ok answers to read/resolve
    QString message;

    bool isOk() const { return status == Status::Ok; }

    static SecretResult ok(const QByteArray& value = {});
    static SecretResult failure(Status status, const QString& message);
    static QString statusName(Status status); // "ok", "not-found", "unavailable", "access-denied", "error"
};

// Secrets behind an interface: the OS keychain in production, memory in tests
// and the demo. Asynchronous and fail-closed: every call answers exactly once, through the callback,
// from the event loop of the store's thread and never synchronously inside the call. Calls made from
// another thread are forwarded to the store's thread, and their callbacks run there. A store destroyed
// with work pending drops the pending callbacks.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const SecretResult&)>;

    // Bounds: every resource is bounded. Keys are entry names: non-empty, no control characters.
    static constexpr int MaxKeyLength = 256;
    static constexpr int MaxValueBytes = 64 * 1024;

    explicit SecretStore(QObject* parent = nullptr);
    ~SecretStore() override;

    virtual void read(const QString& key, Callback callback) = 0;
    virtual void write(const QString& key, const QByteArray& value, Callback callback) = 0;
    virtual void remove(const QString& key, Callback callback) = 0;
    virtual QString backendName() const = 0;

    // False after the backend was last seen unreachable; true after it last answered. Starts true.
    // Safe to call from any thread.
    virtual bool lastKnownAvailable() const { return true; }

    // Empty when `key` is acceptable, else why not (never quotes the key).
    static QString keyProblem(const QString& key);

signals:
    void availabilityChanged(bool available);
    // A successful write() or remove() through this store; caches of `key` are stale.
    void entryChanged(const QString& key);

protected:
    // Queues callback(result) on this store's thread.
    void deliver(Callback callback, const SecretResult& result);
    // When called outside the store's thread, posts `call` to it and returns true.
    bool forwardToOwnThread(std::function<void()> call);
    // Common checks of write(); empty when the write may proceed.
    static QString writeProblem(const QString& key, const QByteArray& value);
};

} // namespace Gateway
