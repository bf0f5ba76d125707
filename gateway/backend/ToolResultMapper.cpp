// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolResultMapper.h"

#include "SecretRedactor.h"
#include "mcp/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace Gateway {

namespace {

bool looksTextual(const QByteArray& contentType)
{
    const QByteArray t = contentType.toLower();
    return t.isEmpty() || t.startsWith("text/") || t.contains("json") || t.contains("xml") || t.contains("javascript")
        || t.contains("x-www-form-urlencoded") || t.contains("yaml");
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

// A JSON object body is passed on as it came (compacted only when it has to be re-serialized);
// anything else is not structured content.
QByteArray structuredFrom(const QByteArray& body, const QByteArray& contentType)
{
    if (!contentType.isEmpty() && !contentType.toLower().contains("json"))
        return {};
    qsizetype first = 0;
    while (first < body.size()
           && (body.at(first) == ' ' || body.at(first) == '\n' || body.at(first) == '\r' || body.at(first) == '\t'))
        ++first;
    if (first >= body.size() || body.at(first) != '{')
        return {};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return {};
    // Valid JSON object text (Qt's parser also rejects invalid UTF-8): splice it in unchanged.
    return body.mid(first).trimmed();
}

} // namespace

QJsonObject CallToolPayload::toJson() const
{
    QJsonObject out{{QStringLiteral("content"),
                     QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                            {QStringLiteral("text"), QString::fromUtf8(text)}}}}};
    if (!structuredJson.isEmpty())
        out.insert(QStringLiteral("structuredContent"), QJsonDocument::fromJson(structuredJson).object());
    if (isError)
        out.insert(QStringLiteral("isError"), true);
    return out;
}

CallToolPayload ToolResultMapper::errorPayload(const QString& message)
{
    CallToolPayload p;
    p.text = message.toUtf8();
    p.isError = true;
    return p;
}

CallToolPayload ToolResultMapper::payload(const BackendResult& result, const QString& serviceName, int timeoutMs,
                                          qint64 maxResponseBytes, const SecretRedactor* redactor)
{
    if (redactor && !redactor->isEmpty()) {
        BackendResult redacted = result; // implicitly shared until something is replaced
        const bool inBody = redactor->redact(redacted.body);
        const bool inReason = redactor->redact(redacted.reason);
        if (inBody || inReason)
            return payload(redacted, serviceName, timeoutMs, maxResponseBytes, nullptr);
    }
    switch (result.outcome) {
    case BackendResult::Outcome::Unreachable:
        return errorPayload(
            QStringLiteral("Backend of service '%1' is unreachable (%2).").arg(serviceName, result.errorClass));
    case BackendResult::Outcome::TlsError:
        return errorPayload(
            QStringLiteral("TLS with the backend of service '%1' failed (%2).").arg(serviceName, result.errorClass));
    case BackendResult::Outcome::TimedOut:
        return errorPayload(
            QStringLiteral("Backend of service '%1' did not answer within %2 ms.").arg(serviceName).arg(timeoutMs));
    case BackendResult::Outcome::TooLarge:
        return errorPayload(QStringLiteral("Backend response of service '%1' exceeded the %2-byte limit.")
                                .arg(serviceName)
                                .arg(maxResponseBytes));
    case BackendResult::Outcome::ProtocolError:
        return errorPayload(QStringLiteral("Backend of service '%1' sent a malformed HTTP response (%2).")
                                .arg(serviceName, result.errorClass));
    case BackendResult::Outcome::Aborted:
        return errorPayload(QStringLiteral("The call to the backend of service '%1' was cancelled.").arg(serviceName));
    case BackendResult::Outcome::Answered: break;
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
        return errorPayload(text);
    }

    CallToolPayload p;
    if (result.body.isEmpty()) {
        p.text = QStringLiteral("HTTP %1 (no content)").arg(result.status).toUtf8();
        return p;
    }
    if (!looksTextual(result.contentType)) {
        p.text = QStringLiteral("HTTP %1: binary response of %2 bytes (%3)")
                     .arg(result.status)
                     .arg(result.body.size())
                     .arg(QString::fromLatin1(result.contentType))
                     .toUtf8();
        return p;
    }
    p.structuredJson = structuredFrom(result.body, result.contentType);
    p.text = p.structuredJson.isEmpty() ? JsonWriter::validUtf8(result.body) : result.body;
    return p;
}

} // namespace Gateway
