// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonRpc.h"

#include <QJsonDocument>

#include <cmath>

namespace Gateway::JsonRpc {

namespace {

bool isValidId(const QJsonValue& id)
{
    if (id.isString())
        return true;
    if (id.isDouble()) {
        const double d = id.toDouble();
        return std::isfinite(d) && std::floor(d) == d;
    }
    return false;
}

} // namespace

Message classify(const QJsonValue& value)
{
    Message m;
    if (!value.isObject()) {
        m.invalidReason = QStringLiteral("message is not a JSON object");
        return m;
    }
    const QJsonObject o = value.toObject();
    if (o.value(QLatin1String("jsonrpc")) != QLatin1String("2.0")) {
        m.invalidReason = QStringLiteral("jsonrpc must be \"2.0\"");
        m.id = o.value(QLatin1String("id"));
        if (!isValidId(m.id))
            m.id = QJsonValue();
        return m;
    }
    const bool hasId = o.contains(QLatin1String("id"));
    const QJsonValue id = o.value(QLatin1String("id"));
    if (o.contains(QLatin1String("method"))) {
        const QJsonValue method = o.value(QLatin1String("method"));
        if (!method.isString() || method.toString().isEmpty()) {
            m.invalidReason = QStringLiteral("method must be a non-empty string");
            m.id = isValidId(id) ? id : QJsonValue();
            return m;
        }
        const QJsonValue params = o.value(QLatin1String("params"));
        if (!params.isUndefined() && !params.isObject()) {
            m.invalidReason = QStringLiteral("params must be an object");
            m.id = isValidId(id) ? id : QJsonValue();
            return m;
        }
        m.method = method.toString();
        m.params = params.toObject();
        if (!hasId) {
            m.kind = MessageKind::Notification;
            return m;
        }
        if (!isValidId(id)) {
            m.invalidReason = QStringLiteral("id must be a string or an integer");
            return m;
        }
        m.id = id;
        m.kind = MessageKind::Request;
        return m;
    }
    if (o.contains(QLatin1String("result")) || o.contains(QLatin1String("error"))) {
        m.kind = MessageKind::Response;
        m.id = id;
        return m;
    }
    m.invalidReason = QStringLiteral("not a request, notification or response");
    m.id = isValidId(id) ? id : QJsonValue();
    return m;
}

QJsonObject result(const QJsonValue& id, const QJsonObject& result)
{
    return QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("result"), result}};
}

QJsonObject error(const QJsonValue& id, int code, const QString& message, const QJsonValue& data, bool omitUnknownId)
{
    QJsonObject err{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!data.isUndefined() && !data.isNull())
        err.insert(QStringLiteral("data"), data);
    QJsonObject out{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")}, {QStringLiteral("error"), err}};
    if (isValidId(id))
        out.insert(QStringLiteral("id"), id);
    else if (!omitUnknownId)
        out.insert(QStringLiteral("id"), QJsonValue::Null);
    return out;
}

QByteArray serialize(const QJsonObject& message)
{
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

} // namespace Gateway::JsonRpc
