// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolCallEncoder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

namespace Gateway {
namespace {

struct EncodeError
{
    QString message;
};

QString argumentError(const QString& argument, const QString& reason)
{
    return QStringLiteral("argument '%1': %2").arg(argument, reason);
}

// Compact JSON for any value, scalars included.
QByteArray compactJson(const QJsonValue& value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

// Text of a primitive: strings as-is, true/false, integers without ".0", nested values as JSON.
QString primitiveText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String: return value.toString();
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::floor(d) == d && std::fabs(d) < 9007199254740992.0)
            return QString::number(qint64(d));
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::Null: return QString();
    default: return QString::fromUtf8(compactJson(value));
    }
}

// `content` parameters (style carries the media type): JSON media types get JSON text.
QString contentText(const QJsonValue& value, const QString& mediaType)
{
    if (mediaType.contains(QLatin1String("json"), Qt::CaseInsensitive))
        return QString::fromUtf8(compactJson(value));
    return primitiveText(value);
}

QByteArray pct(const QString& text)
{
    return QUrl::toPercentEncoding(text);
}

// Encodes the literal parts of a path template: pchar stays, everything else is escaped.
QByteArray encodeLiteralPath(const QString& literal)
{
    return QUrl::toPercentEncoding(literal, "/!$&'()*+,;=:@%");
}

using Pairs = QList<QPair<QByteArray, QByteArray>>; // already percent-encoded key/value pairs

// deepObject: key[prop]=v, nested objects key[a][b]=v, arrays as repeated keys.
void addDeepObjectPairs(const QByteArray& encodedKey, const QJsonValue& value, Pairs* pairs)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (!it.value().isNull())
                addDeepObjectPairs(encodedKey + '[' + pct(it.key()) + ']', it.value(), pairs);
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue& item : array)
            addDeepObjectPairs(encodedKey, item, pairs);
    } else if (!value.isNull()) {
        pairs->append({encodedKey, pct(primitiveText(value))});
    }
}

// Query (and form body) serialization of one argument.
void addFormPairs(const QString& name, const QJsonValue& value, const QString& style, bool explode, Pairs* pairs)
{
    const QByteArray key = pct(name);
    if (style.contains(QLatin1Char('/'))) {
        pairs->append({key, pct(contentText(value, style))});
        return;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        QByteArray separator = ",";
        if (style == QLatin1String("spaceDelimited"))
            separator = "%20";
        else if (style == QLatin1String("pipeDelimited"))
            separator = "%7C";
        if (explode && style != QLatin1String("deepObject")) {
            for (const QJsonValue& item : array)
                pairs->append({key, pct(primitiveText(item))});
        } else {
            QByteArrayList items;
            for (const QJsonValue& item : array)
                items << pct(primitiveText(item));
            pairs->append({key, items.join(separator)});
        }
        return;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (style == QLatin1String("deepObject")) {
            addDeepObjectPairs(key, value, pairs);
        } else if (explode) {
            for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
                if (!it.value().isNull())
                    pairs->append({pct(it.key()), pct(primitiveText(it.value()))});
            }
        } else {
            QByteArrayList items;
            for (auto it = object.constBegin(); it != object.constEnd(); ++it)
                items << pct(it.key()) << pct(primitiveText(it.value()));
            pairs->append({key, items.join(',')});
        }
        return;
    }
    pairs->append({key, pct(primitiveText(value))});
}

// Path and header serialization (simple, label, matrix). `escape` percent-encodes the parts.
QByteArray simpleValue(const QString& name, const QJsonValue& value, const QString& style, bool explode, bool escape)
{
    const auto enc = [escape](const QString& s) { return escape ? pct(s) : s.toUtf8(); };
    if (style.contains(QLatin1Char('/')))
        return enc(contentText(value, style));

    QByteArray prefix;
    QByteArray separator = ",";
    if (style == QLatin1String("label")) {
        prefix = ".";
        if (explode)
            separator = ".";
    } else if (style == QLatin1String("matrix")) {
        prefix = ';' + enc(name) + '=';
        if (explode)
            separator = ';' + enc(name) + '=';
    }

    if (value.isArray()) {
        QByteArrayList items;
        const QJsonArray array = value.toArray();
        for (const QJsonValue& item : array)
            items << enc(primitiveText(item));
        return prefix + items.join(separator);
    }
    if (value.isObject()) {
        QByteArrayList items;
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (explode)
                items << enc(it.key()) + '=' + enc(primitiveText(it.value()));
            else
                items << enc(it.key()) << enc(primitiveText(it.value()));
        }
        if (style == QLatin1String("matrix") && explode) {
            QByteArray out;
            for (const QByteArray& item : items)
                out += ';' + item;
            return out;
        }
        return prefix + items.join(style == QLatin1String("label") && explode ? "." : ",");
    }
    return prefix + enc(primitiveText(value));
}

bool present(const QJsonObject& arguments, const QString& name)
{
    const auto it = arguments.constFind(name);
    return it != arguments.constEnd() && !it->isNull() && !it->isUndefined();
}

QByteArray joinPairs(const Pairs& pairs)
{
    QByteArrayList parts;
    for (const auto& pair : pairs)
        parts << pair.first + '=' + pair.second;
    return parts.join('&');
}

QByteArray encodePath(const ToolDefinition& tool, const QJsonObject& arguments)
{
    QByteArray path;
    const QString& tpl = tool.pathTemplate;
    qsizetype i = 0;
    while (i < tpl.size()) {
        const qsizetype open = tpl.indexOf(QLatin1Char('{'), i);
        const qsizetype close = open < 0 ? -1 : tpl.indexOf(QLatin1Char('}'), open);
        if (open < 0 || close < 0) {
            path += encodeLiteralPath(tpl.mid(i));
            break;
        }
        path += encodeLiteralPath(tpl.mid(i, open - i));
        const QString placeholder = tpl.mid(open + 1, close - open - 1);
        const ParameterBinding* binding = nullptr;
        for (const ParameterBinding& b : tool.parameters) {
            if (b.location == ParameterLocation::Path && b.wireName == placeholder) {
                binding = &b;
                break;
            }
        }
        const QString argument = binding ? binding->argumentName : placeholder;
        if (!present(arguments, argument))
            throw EncodeError{argumentError(argument, QStringLiteral("missing required path parameter"))};
        const QJsonValue value = arguments.value(argument);
        const QByteArray encoded = binding
            ? simpleValue(binding->wireName, value, binding->style, binding->explode, true)
            : pct(primitiveText(value));
        if (encoded.isEmpty())
            throw EncodeError{argumentError(argument, QStringLiteral("path parameter must not be empty"))};
        if (encoded == "." || encoded == "..")
            throw EncodeError{argumentError(argument, QStringLiteral("path parameter must not be a dot segment"))};
        path += encoded;
        i = close + 1;
    }
    return path;
}

// A multipart field name inside a quoted Content-Disposition parameter: quotes and line breaks
// percent-encoded, as browsers do (HTML form submission).
QByteArray dispositionName(const QString& name)
{
    QByteArray out = name.toUtf8();
    out.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
    return out;
}

struct FormPart
{
    QByteArray headers;
    QByteArray data;
};

// One multipart/form-data field from its argument value.
FormPart formPart(const MultipartPart& part, const QJsonValue& value)
{
    FormPart out;
    const QByteArray name = dispositionName(part.name);
    if (part.binary) {
        if (!value.isString())
            throw EncodeError{argumentError(part.name, QStringLiteral("file content must be a base64 string"))};
        // Line breaks and spaces (MIME-style wrapping) are tolerated; anything else not base64 is not.
        QByteArray text;
        const QString raw = value.toString();
        text.reserve(raw.size());
        for (const QChar c : raw) {
            if (c.unicode() > 0x7f)
                throw EncodeError{argumentError(part.name, QStringLiteral("file content is not valid base64"))};
            if (c != QLatin1Char(' ') && c != QLatin1Char('\r') && c != QLatin1Char('\n') && c != QLatin1Char('\t'))
                text.append(char(c.unicode()));
        }
        const auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            throw EncodeError{argumentError(part.name, QStringLiteral("file content is not valid base64"))};
        out.data = *decoded;
        out.headers = "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name + "\"\r\n"
            + "Content-Type: "
            + (part.contentType.isEmpty() ? QByteArrayLiteral("application/octet-stream") : part.contentType) + "\r\n";
        return out;
    }
    out.headers = "Content-Disposition: form-data; name=\"" + name + "\"\r\n";
    if (value.isObject() || value.isArray()) {
        out.data = compactJson(value);
        out.headers += "Content-Type: "
            + (part.contentType.isEmpty() ? QByteArrayLiteral("application/json") : part.contentType) + "\r\n";
    } else {
        out.data = primitiveText(value).toUtf8();
        if (!part.contentType.isEmpty())
            out.headers += "Content-Type: " + part.contentType + "\r\n";
    }
    return out;
}

// A boundary no one can predict (so no argument can forge a part) and that occurs in no part.
QByteArray multipartBoundary(const QList<FormPart>& parts)
{
    for (;;) {
        quint32 words[6];
        QRandomGenerator::system()->fillRange(words);
        const QByteArray boundary
            = "portcullis-" + QByteArray(reinterpret_cast<const char*>(words), sizeof(words)).toHex();
        const bool clash = std::any_of(parts.cbegin(), parts.cend(), [&](const FormPart& part) {
            return part.data.contains(boundary) || part.headers.contains(boundary);
        });
        if (!clash)
            return boundary;
    }
}

} // namespace

EncodedCall ToolCallEncoder::encode(const ToolDefinition& tool, const QUrl& baseUrl, const QJsonObject& arguments)
{
    EncodedCall call;
    call.method = tool.httpMethod;
    try {
        // URL: base path + encoded template, then the base URL's own query + query parameters.
        QByteArray basePath = baseUrl.path(QUrl::FullyEncoded).toUtf8();
        while (basePath.endsWith('/'))
            basePath.chop(1);
        QByteArray toolPath = encodePath(tool, arguments);
        if (!toolPath.startsWith('/'))
            toolPath.prepend('/');
        QUrl url = baseUrl;
        url.setPath(QString::fromLatin1(basePath + toolPath), QUrl::TolerantMode);

        Pairs query;
        QByteArrayList cookies;
        for (const ParameterBinding& binding : tool.parameters) {
            if (binding.location == ParameterLocation::Path || !present(arguments, binding.argumentName))
                continue;
            const QJsonValue value = arguments.value(binding.argumentName);
            switch (binding.location) {
            case ParameterLocation::Query:
                addFormPairs(binding.wireName, value, binding.style, binding.explode, &query);
                break;
            case ParameterLocation::Header: {
                const QByteArray text = simpleValue(binding.wireName, value, binding.style, binding.explode, false);
                if (text.contains('\r') || text.contains('\n') || text.contains('\0'))
                    throw EncodeError{argumentError(binding.argumentName,
                                                    QStringLiteral("header value must not contain line breaks"))};
                call.headers.append({binding.wireName.toLatin1(), text});
                break;
            }
            case ParameterLocation::Cookie: {
                Pairs pairs;
                addFormPairs(binding.wireName, value, binding.style, binding.explode, &pairs);
                for (const auto& pair : qAsConst(pairs))
                    cookies << pair.first + '=' + pair.second;
                break;
            }
            case ParameterLocation::Path: break;
            }
        }
        if (!query.isEmpty()) {
            QByteArray fullQuery = baseUrl.query(QUrl::FullyEncoded).toUtf8();
            if (!fullQuery.isEmpty())
                fullQuery += '&';
            fullQuery += joinPairs(query);
            url.setQuery(QString::fromLatin1(fullQuery), QUrl::TolerantMode);
        }
        if (!cookies.isEmpty())
            call.headers.append({QByteArrayLiteral("Cookie"), cookies.join("; ")});

        // Body.
        bool hasBody = false;
        QByteArray contentType
            = tool.bodyContentType.isEmpty() ? QByteArrayLiteral("application/json") : tool.bodyContentType;
        switch (tool.bodyKind) {
        case RequestBodyKind::None: break;
        case RequestBodyKind::Multipart: {
            QList<FormPart> parts;
            for (const MultipartPart& part : tool.multipartParts) {
                if (!present(arguments, part.name))
                    continue;
                const QJsonValue value = arguments.value(part.name);
                if (part.repeated && value.isArray()) {
                    const QJsonArray items = value.toArray();
                    for (const QJsonValue& item : items)
                        parts.append(formPart(part, item));
                } else {
                    parts.append(formPart(part, value));
                }
            }
            if (parts.isEmpty() && !tool.bodyRequired)
                break;
            hasBody = true;
            const QByteArray boundary = multipartBoundary(parts);
            for (const FormPart& part : std::as_const(parts))
                call.body += "--" + boundary + "\r\n" + part.headers + "\r\n" + part.data + "\r\n";
            call.body += "--" + boundary + "--\r\n";
            contentType = "multipart/form-data; boundary=" + boundary;
            break;
        }
        case RequestBodyKind::JsonProperties: {
            QJsonObject body;
            for (const QString& name : tool.bodyProperties) {
                const auto it = arguments.constFind(name);
                if (it != arguments.constEnd() && !it->isUndefined())
                    body.insert(name, *it);
            }
            if (body.isEmpty() && !tool.bodyRequired)
                break;
            hasBody = true;
            const QByteArray type = tool.bodyContentType.toLower();
            if (type.startsWith("application/x-www-form-urlencoded")) {
                Pairs pairs;
                for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
                    if (!it->isNull())
                        addFormPairs(it.key(), it.value(),
                                     it->isObject() ? QStringLiteral("deepObject") : QStringLiteral("form"), true,
                                     &pairs);
                }
                call.body = joinPairs(pairs);
            } else {
                call.body = compactJson(body);
            }
            break;
        }
        case RequestBodyKind::JsonWhole:
        case RequestBodyKind::Text: {
            const auto it = arguments.constFind(tool.bodyArgument);
            if (it == arguments.constEnd() || it->isUndefined()) {
                if (tool.bodyRequired)
                    throw EncodeError{
                        argumentError(tool.bodyArgument, QStringLiteral("missing required request body"))};
                break;
            }
            hasBody = true;
            if (tool.bodyKind == RequestBodyKind::JsonWhole)
                call.body = compactJson(*it);
            else
                call.body = it->isString() ? it->toString().toUtf8() : primitiveText(*it).toUtf8();
            break;
        }
        }
        if (hasBody)
            call.headers.append({QByteArrayLiteral("Content-Type"), contentType});
        call.url = url;
        call.ok = true;
    } catch (const EncodeError& error) {
        call.error = error.message;
        call.headers.clear();
        call.body.clear();
    }
    return call;
}

} // namespace Gateway
