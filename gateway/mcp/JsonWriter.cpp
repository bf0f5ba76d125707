// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

namespace Gateway::JsonWriter {

void appendString(QByteArray& out, const QByteArray& utf8)
{
    static const char hex[] = "0123456789abcdef";
    out.reserve(out.size() + utf8.size() + 16);
    out.append('"');
    const char* p = utf8.constData();
    const char* end = p + utf8.size();
    const char* run = p;
    for (; p < end; ++p) {
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(run, p - run);
        run = p + 1;
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default: {
            const char escape[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
            out.append(escape, sizeof escape);
        }
        }
    }
    out.append(run, end - run);
    out.append('"');
}

void appendValue(QByteArray& out, const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Object: out.append(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)); break;
    case QJsonValue::Array: out.append(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)); break;
    case QJsonValue::String: appendString(out, value.toString().toUtf8()); break;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        const qint64 i = static_cast<qint64>(d);
        out.append(static_cast<double>(i) == d ? QByteArray::number(i) : QByteArray::number(d, 'g', 17));
        break;
    }
    case QJsonValue::Bool: out.append(value.toBool() ? "true" : "false"); break;
    default: out.append("null");
    }
}

QByteArray validUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (!decoder.hasError())
        return bytes;
    return text.toUtf8();
}

} // namespace Gateway::JsonWriter
