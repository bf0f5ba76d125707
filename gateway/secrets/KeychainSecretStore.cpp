// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

#include <QTimer>

namespace Gateway {

struct KeychainSecretStore::Request
{
    Operation operation = Operation::Read;
    QString key;
    Callback callback;
    bool answered = false; // the callback ran (answer or timeout); a late job result is bookkeeping only
};

namespace {

QString operationVerb(int operation)
{
    switch (operation) {
    case 0: return QStringLiteral("read");
    case 1: return QStringLiteral("write");
    default: return QStringLiteral("delete");
    }
}

// OtherError carries the backend's own text. On the free desktops (Secret Service over D-Bus, KWallet)
// every OtherError is a transport or daemon failure: no session bus ("Cannot autolaunch D-Bus without
// X11 $DISPLAY"), no secrets service ("org.freedesktop.secrets was not provided by any .service
// files"), a locked or missing collection ("Object does not exist at path ..."), a socket that does
// not connect, or the library itself missing. Elsewhere OtherError can be about the item (Windows
// CredWrite refusing a large blob), so only D-Bus/daemon-looking texts count as unavailability.
bool isBackendFailure(const QString& errorString)
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
    Q_UNUSED(errorString)
    return true;
#else
    static const char* const markers[]
        = {"dbus", "d-bus", "org.freedesktop", "autolaunch", "daemon", "not running", "could not connect", "service"};
    const QString lower = errorString.toLower();
    for (const char* marker : markers) {
        if (lower.contains(QLatin1String(marker)))
            return true;
    }
    return false;
#endif
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject* parent)
    : KeychainSecretStore(QString::fromLatin1(DefaultService), parent)
{
}

KeychainSecretStore::KeychainSecretStore(const QString& service, QObject* parent)
    : SecretStore(parent)
    , m_service(service.isEmpty() ? QString::fromLatin1(DefaultService) : service)
{
}

KeychainSecretStore::~KeychainSecretStore() = default;

void KeychainSecretStore::setTimeoutMs(int ms)
{
    m_timeoutMs = qMax(1, ms);
}

void KeychainSecretStore::read(const QString& key, Callback callback)
{
    if (forwardToOwnThread([this, key, callback]() { read(key, callback); }))
        return;
    const QString problem = keyProblem(key);
    if (!problem.isEmpty())
        return deliver(std::move(callback), SecretResult::failure(SecretResult::Status::Error, problem));
    start(Operation::Read, key, {}, std::move(callback));
}

void KeychainSecretStore::write(const QString& key, const QByteArray& value, Callback callback)
{
    if (forwardToOwnThread([this, key, value, callback]() { write(key, value, callback); }))
        return;
    const QString problem = writeProblem(key, value);
    if (!problem.isEmpty())
        return deliver(std::move(callback), SecretResult::failure(SecretResult::Status::Error, problem));
    start(Operation::Write, key, value, std::move(callback));
}

void KeychainSecretStore::remove(const QString& key, Callback callback)
{
    if (forwardToOwnThread([this, key, callback]() { remove(key, callback); }))
        return;
    const QString problem = keyProblem(key);
    if (!problem.isEmpty())
        return deliver(std::move(callback), SecretResult::failure(SecretResult::Status::Error, problem));
    start(Operation::Remove, key, {}, std::move(callback));
}

void KeychainSecretStore::start(Operation operation, const QString& key, const QByteArray& value, Callback callback)
{
    auto request = std::make_shared<Request>();
    request->operation = operation;
    request->key = key;
    request->callback = std::move(callback);

    QKeychain::Job* job = nullptr;
    switch (operation) {
    case Operation::Read: job = new QKeychain::ReadPasswordJob(m_service); break;
    case Operation::Write: {
        auto* writeJob = new QKeychain::WritePasswordJob(m_service);
        writeJob->setBinaryData(value);
        job = writeJob;
        break;
    }
    case Operation::Remove: job = new QKeychain::DeletePasswordJob(m_service); break;
    }
    // No parent: a job outlives a destroyed store and deletes itself when it finishes.
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never: it writes the secret in plain text into a config file
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, request](QKeychain::Job* finished) {
        QByteArray data;
        if (request->operation == Operation::Read && finished->error() == QKeychain::NoError)
            data = static_cast<QKeychain::ReadPasswordJob*>(finished)->binaryData();
        onJobFinished(request, finished->error(), finished->errorString(), data);
    });
    job->start();
    QTimer::singleShot(m_timeoutMs, this, [this, request]() { onTimeout(request); });
}

void KeychainSecretStore::onJobFinished(const std::shared_ptr<Request>& request, int error, const QString& errorString,
                                        const QByteArray& data)
{
    using Status = SecretResult::Status;
    const QString& key = request->key;
    const QString verb = operationVerb(int(request->operation));
    SecretResult result;

    switch (QKeychain::Error(error)) {
    case QKeychain::NoError:
        result = SecretResult::ok(request->operation == Operation::Read ? data : QByteArray());
        if (request->operation == Operation::Remove)
            m_seenPresent.remove(key);
        else
            m_seenPresent.insert(key);
        break;
    case QKeychain::EntryNotFound:
        if (request->operation == Operation::Read && m_seenPresent.contains(key)) {
            result = SecretResult::failure(
                Status::Unavailable,
                QStringLiteral("keychain entry \"%1\" was present earlier in this session but is now reported "
                               "missing; treating the keychain as unavailable, not the entry as absent")
                    .arg(key));
        } else {
            if (request->operation == Operation::Remove)
                m_seenPresent.remove(key);
            result = SecretResult::failure(Status::NotFound, QStringLiteral("no keychain entry \"%1\"").arg(key));
        }
        break;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        result = SecretResult::failure(
            Status::AccessDenied,
            QStringLiteral("access to the OS keychain was denied (%1 \"%2\"): %3").arg(verb, key, errorString));
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        result = SecretResult::failure(
            Status::Unavailable,
            QStringLiteral("no OS keychain is available (%1 \"%2\"): %3").arg(verb, key, errorString));
        break;
    case QKeychain::OtherError:
        if (isBackendFailure(errorString)) {
            result = SecretResult::failure(
                Status::Unavailable,
                QStringLiteral("the OS keychain is unavailable (%1 \"%2\"): %3").arg(verb, key, errorString));
            break;
        }
        Q_FALLTHROUGH();
    case QKeychain::CouldNotDeleteEntry:
    default:
        result = SecretResult::failure(Status::Error,
                                       QStringLiteral("OS keychain error (%1 \"%2\"): %3").arg(verb, key, errorString));
        break;
    }

    noteAvailability(result.status);
    const bool changed = result.isOk() && request->operation != Operation::Read;
    complete(request, result);
    if (changed)
        emit entryChanged(key);
}

void KeychainSecretStore::onTimeout(const std::shared_ptr<Request>& request)
{
    if (request->answered)
        return;
    noteAvailability(SecretResult::Status::Unavailable);
    complete(request,
             SecretResult::failure(SecretResult::Status::Unavailable,
                                   QStringLiteral("the OS keychain did not answer within %1 ms (%2 \"%3\")")
                                       .arg(m_timeoutMs)
                                       .arg(operationVerb(int(request->operation)), request->key)));
}

void KeychainSecretStore::complete(const std::shared_ptr<Request>& request, const SecretResult& result)
{
    if (request->answered)
        return; // the job answered after its timeout: bookkeeping done, nobody is waiting
    request->answered = true;
    Callback callback = std::move(request->callback);
    request->callback = nullptr;
    if (callback)
        callback(result);
}

void KeychainSecretStore::noteAvailability(SecretResult::Status status)
{
    bool available;
    switch (status) {
    case SecretResult::Status::Ok:
    case SecretResult::Status::NotFound: available = true; break;
    case SecretResult::Status::Unavailable: available = false; break;
    default: return; // access denied or an item error says nothing about reachability
    }
    if (m_available.exchange(available) != available)
        emit availabilityChanged(available);
}

QString KeychainSecretStore::backendName() const
{
#if defined(Q_OS_MACOS)
    return QStringLiteral("macOS Keychain");
#elif defined(Q_OS_WIN)
    return QStringLiteral("Windows Credential Manager");
#else
    return QStringLiteral("Secret Service / KWallet (D-Bus)");
#endif
}

bool KeychainSecretStore::lastKnownAvailable() const
{
    return m_available;
}

bool KeychainSecretStore::wasSeenPresent(const QString& key) const
{
    return m_seenPresent.contains(key);
}

} // namespace Gateway
