// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolResultMapper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace Gateway {

namespace {

QJsonObject textResult(const QString& text, bool isError)
{
    QJsonObject out{{QStringLiteral("content"),
                     QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                            {QStringLiteral("text"), text}}}}};
    if (isError)
        out.insert(QStringLiteral("isError"), true);
    return out;
}

bool looksTextual(const QByteArray& contentType)
{
    const QByteArray t = contentType.toLower();
    return t.isEmpty() || t.startsWith("text/") || t.contains("json") || t.contains("xml")
        || t.contains("javascript") || t.contains("x-www-form-urlencoded") || t.contains("yaml");
}

// Printable UTF-8, cut at a character boundary, control characters other than \n\t removed.
QString sanitizedExcerpt(const QByteArray& body, int maxBytes)
{
    QString text = QString::fromUtf8(body.left(maxBytes));
    if (body.size() > maxBytes) {
        while (!text.isEmpty() && text.back() == QChar::ReplacementCharacter)
            text.chop(1);
        text += QStringLiteral("… (%1 bytes in all)").arg(body.size());
    }
    for (QChar& c : text) {
        if (c.category() == QChar::Other_Control && c != QLatin1Char('\n') && c != QLatin1Char('\t'))
            c = QLatin1Char(' ');
    }
    return text;
}

} // namespace

QJsonObject ToolResultMapper::toolError(const QString& message)
{
    return textResult(message, true);
}

QJsonObject ToolResultMapper::map(const BackendResult& result, const QString& serviceName, int timeoutMs,
                                  qint64 maxResponseBytes)
{
    switch (result.outcome) {
    case BackendResult::Outcome::Unreachable:
        return toolError(QStringLiteral("Backend of service '%1' is unreachable (%2).").arg(serviceName, result.errorClass));
    case BackendResult::Outcome::TlsError:
        return toolError(
            QStringLiteral("TLS with the backend of service '%1' failed (%2).").arg(serviceName, result.errorClass));
    case BackendResult::Outcome::TimedOut:
        return toolError(QStringLiteral("Backend of service '%1' did not answer within %2 ms.").arg(serviceName).arg(timeoutMs));
    case BackendResult::Outcome::TooLarge:
        return toolError(QStringLiteral("Backend response of service '%1' exceeded the %2-byte limit.")
                             .arg(serviceName)
                             .arg(maxResponseBytes));
    case BackendResult::Outcome::Aborted:
        return toolError(QStringLiteral("The call to the backend of service '%1' was cancelled.").arg(serviceName));
    case BackendResult::Outcome::Answered:
        break;
    }

    const bool success = result.status >= 200 && result.status < 300;
    if (!success) {
        QString text = QStringLiteral("Backend answered HTTP %1").arg(result.status);
        if (!result.reason.isEmpty())
            text += QLatin1Char(' ') + QString::fromLatin1(result.reason);
        if (!result.body.isEmpty()) {
            text += QStringLiteral(": ");
            text += looksTextual(result.contentType) ? sanitizedExcerpt(result.body, MaxErrorBodyBytes)
                                                     : QStringLiteral("(%1 bytes of %2)")
                                                           .arg(result.body.size())
                                                           .arg(QString::fromLatin1(result.contentType));
        }
        return textResult(text, true);
    }

    if (result.body.isEmpty())
        return textResult(QStringLiteral("HTTP %1 (no content)").arg(result.status), false);
    if (!looksTextual(result.contentType)) {
        return textResult(QStringLiteral("HTTP %1: binary response of %2 bytes (%3)")
                              .arg(result.status)
                              .arg(result.body.size())
                              .arg(QString::fromLatin1(result.contentType)),
                          false);
    }
    QJsonObject out = textResult(QString::fromUtf8(result.body), false);
    if (result.contentType.toLower().contains("json") || result.contentType.isEmpty()) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(result.body, &error);
        if (error.error == QJsonParseError::NoError && doc.isObject())
            out.insert(QStringLiteral("structuredContent"), doc.object());
    }
    return out;
}

} // namespace Gateway
