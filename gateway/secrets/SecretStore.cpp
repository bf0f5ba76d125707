// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecretStore.h"

#include <QThread>

namespace Gateway {

SecretResult SecretResult::ok(const QByteArray& value)
{
    SecretResult result;
    result.status = Status::Ok;
    result.value = value;
    return result;
}

SecretResult SecretResult::failure(Status status, const QString& message)
{
    SecretResult result;
    result.status = status;
    result.message = message;
    return result;
}

QString SecretResult::statusName(Status status)
{
    switch (status) {
    case Status::Ok: return QStringLiteral("ok");
    case Status::NotFound: return QStringLiteral("not-found");
    case Status::Unavailable: return QStringLiteral("unavailable");
    case Status::AccessDenied: return QStringLiteral("access-denied");
    case Status::Error: return QStringLiteral("error");
    }
    return QStringLiteral("error");
}

SecretStore::SecretStore(QObject* parent)
    : QObject(parent)
{
}

SecretStore::~SecretStore() = default;

QString SecretStore::keyProblem(const QString& key)
{
    if (key.isEmpty())
        return QStringLiteral("the secret entry name is empty");
    if (key.size() > MaxKeyLength)
        return QStringLiteral("the secret entry name is longer than %1 characters").arg(MaxKeyLength);
    for (QChar c : key) {
        if (c.category() == QChar::Other_Control)
            return QStringLiteral("the secret entry name contains control characters");
    }
    return {};
}

QString SecretStore::writeProblem(const QString& key, const QByteArray& value)
{
    const QString problem = keyProblem(key);
    if (!problem.isEmpty())
        return problem;
    if (value.size() > MaxValueBytes)
        return QStringLiteral("the secret for \"%1\" is larger than %2 bytes").arg(key).arg(MaxValueBytes);
    return {};
}

void SecretStore::deliver(Callback callback, const SecretResult& result)
{
    if (!callback)
        return;
    QMetaObject::invokeMethod(
        this, [callback = std::move(callback), result]() { callback(result); }, Qt::QueuedConnection);
}

bool SecretStore::forwardToOwnThread(std::function<void()> call)
{
    if (QThread::currentThread() == thread())
        return false;
    QMetaObject::invokeMethod(this, std::move(call), Qt::QueuedConnection);
    return true;
}

} // namespace Gateway
