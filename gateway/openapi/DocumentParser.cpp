// SPDX-License-Identifier: GPL-3.0-or-later
#include "DocumentParser.h"

#include "JsonPointer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace Gateway {
namespace {

QByteArray withoutBom(const QByteArray& content)
{
    if (content.startsWith("\xEF\xBB\xBF"))
        return content.mid(3);
    return content;
}

// 1-based line and column (in characters) of a byte offset.
void lineAndColumn(const QByteArray& content, qsizetype offset, int* line, int* column)
{
    offset = qBound<qsizetype>(0, offset, content.size());
    int l = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (content.at(i) == '\n') {
            ++l;
            lineStart = i + 1;
        }
    }
    int c = 1;
    for (qsizetype i = lineStart; i < offset; ++i) {
        // Count UTF-8 lead bytes only, so that a multi-byte character is one column.
        if ((static_cast<unsigned char>(content.at(i)) & 0xC0) != 0x80)
            ++c;
    }
    *line = l;
    *column = c;
}

// Walks JSON text that QJsonDocument already accepted and records the key order of the objects
// near the root (QJsonObject sorts keys, but tools must come out in document order).
class JsonKeyOrderScanner
{
public:
    JsonKeyOrderScanner(const QByteArray& text, QHash<QString, QStringList>* order)
        : m_p(text.constData())
        , m_end(text.constData() + text.size())
        , m_order(order)
    {
    }

    void run() { value(QString(), 0); }

private:
    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }

    // m_p at the opening quote; returns the decoded string and leaves m_p after the closing quote.
    QString readString()
    {
        const char* start = m_p;
        ++m_p;
        bool escaped = false;
        while (m_p < m_end && *m_p != '"') {
            if (*m_p == '\\') {
                escaped = true;
                ++m_p;
            }
            ++m_p;
        }
        const char* stop = m_p;
        if (m_p < m_end)
            ++m_p;
        if (!escaped)
            return QString::fromUtf8(start + 1, stop - start - 1);
        // Let the real parser decode escapes.
        const QByteArray wrapped = '[' + QByteArray(start, stop - start + 1) + ']';
        return QJsonDocument::fromJson(wrapped).array().at(0).toString();
    }

    void skipComposite()
    {
        int nesting = 0;
        while (m_p < m_end) {
            const char ch = *m_p;
            if (ch == '"') {
                readStringFast();
                continue;
            }
            ++m_p;
            if (ch == '{' || ch == '[')
                ++nesting;
            else if ((ch == '}' || ch == ']') && --nesting == 0)
                return;
        }
    }

    void readStringFast()
    {
        ++m_p;
        while (m_p < m_end && *m_p != '"') {
            if (*m_p == '\\')
                ++m_p;
            ++m_p;
        }
        if (m_p < m_end)
            ++m_p;
    }

    void value(const QString& pointer, int depth)
    {
        skipSpace();
        if (m_p >= m_end)
            return;
        const char ch = *m_p;
        if ((ch == '{' || ch == '[') && depth > DocumentParser::kKeyOrderDepth) {
            skipComposite();
        } else if (ch == '{') {
            ++m_p;
            QStringList keys;
            for (;;) {
                skipSpace();
                if (m_p >= m_end)
                    break;
                if (*m_p == '}') {
                    ++m_p;
                    break;
                }
                if (*m_p == ',') {
                    ++m_p;
                    continue;
                }
                const QString key = readString();
                skipSpace();
                if (m_p < m_end && *m_p == ':')
                    ++m_p;
                value(JsonPointer::child(pointer, key), depth + 1);
                if (!keys.contains(key))
                    keys << key;
            }
            m_order->insert(pointer, keys);
        } else if (ch == '[') {
            ++m_p;
            int index = 0;
            for (;;) {
                skipSpace();
                if (m_p >= m_end)
                    break;
                if (*m_p == ']') {
                    ++m_p;
                    break;
                }
                if (*m_p == ',') {
                    ++m_p;
                    continue;
                }
                value(JsonPointer::child(pointer, index++), depth + 1);
            }
        } else if (ch == '"') {
            readStringFast();
        } else {
            while (m_p < m_end && *m_p != ',' && *m_p != '}' && *m_p != ']' && *m_p != ' ' && *m_p != '\n'
                   && *m_p != '\r' && *m_p != '\t')
                ++m_p;
        }
    }

    const char* m_p;
    const char* m_end;
    QHash<QString, QStringList>* m_order;
};

} // namespace

namespace DocumentParser {

ParsedDocument parse(const QByteArray& content, const QString& sourceName)
{
    const QByteArray text = withoutBom(content);
    for (const char ch : text) {
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
            continue;
        if (ch == '{')
            return parseJson(text, sourceName);
        break;
    }
    return parseYaml(text, sourceName);
}

ParsedDocument parseJson(const QByteArray& content, const QString& sourceName)
{
    ParsedDocument result;
    const QByteArray text = withoutBom(content);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError) {
        int line = 0;
        int column = 0;
        lineAndColumn(text, error.offset, &line, &column);
        result.error = QStringLiteral("%1:%2:%3: invalid JSON: %4")
                           .arg(sourceName)
                           .arg(line)
                           .arg(column)
                           .arg(error.errorString());
        return result;
    }
    if (document.isObject())
        result.root = document.object();
    else
        result.root = document.array();
    JsonKeyOrderScanner(text, &result.keyOrder).run();
    result.ok = true;
    return result;
}

} // namespace DocumentParser
} // namespace Gateway
