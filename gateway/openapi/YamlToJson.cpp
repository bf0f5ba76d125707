// SPDX-License-Identifier: GPL-3.0-or-later
// YAML -> QJsonValue with the YAML 1.2 core schema for plain scalars (yaml-cpp leaves every
// scalar a string; quoted and block scalars stay strings).
#include "DocumentParser.h"

#include "JsonPointer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/emitterstyle.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace Gateway {
namespace {

constexpr int kMaxNesting = 256;
// Bound on the document's size with every alias expanded ("billion laughs").
constexpr qint64 kMaxNodes = 4000000;

struct ConversionError
{
    YAML::Mark mark;
    QString message;
};

bool isNullText(const QString& s)
{
    return s.isEmpty() || s == QLatin1String("~") || s == QLatin1String("null") || s == QLatin1String("Null")
        || s == QLatin1String("NULL");
}

QJsonValue integerValue(const QString& digits, int base, bool* ok)
{
    const qlonglong v = digits.toLongLong(ok, base);
    if (*ok)
        return QJsonValue(qint64(v));
    const double d = digits.toDouble(ok);
    if (*ok && std::isfinite(d))
        return QJsonValue(d);
    *ok = false;
    return {};
}

// Core schema resolution of a plain scalar. Returns the string itself when nothing else matches;
// `isString` tells the caller whether it stayed a string.
QJsonValue resolvePlain(const QString& s, bool* isString)
{
    *isString = false;
    if (isNullText(s))
        return QJsonValue(QJsonValue::Null);
    const QChar first = s.at(0);
    const bool maybeSpecial = first.isDigit() || first == QLatin1Char('-') || first == QLatin1Char('+')
        || first == QLatin1Char('.') || first == QLatin1Char('t') || first == QLatin1Char('T')
        || first == QLatin1Char('f') || first == QLatin1Char('F');
    if (maybeSpecial) {
        if (s == QLatin1String("true") || s == QLatin1String("True") || s == QLatin1String("TRUE"))
            return true;
        if (s == QLatin1String("false") || s == QLatin1String("False") || s == QLatin1String("FALSE"))
            return false;
        static const QRegularExpression intRe(QStringLiteral("^[-+]?[0-9]+$"));
        static const QRegularExpression octRe(QStringLiteral("^0o[0-7]+$"));
        static const QRegularExpression hexRe(QStringLiteral("^0x[0-9a-fA-F]+$"));
        static const QRegularExpression floatRe(
            QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
        bool ok = false;
        if (intRe.match(s).hasMatch()) {
            QString digits = s;
            if (digits.startsWith(QLatin1Char('+')))
                digits.remove(0, 1);
            const QJsonValue v = integerValue(digits, 10, &ok);
            if (ok)
                return v;
        } else if (octRe.match(s).hasMatch()) {
            const QJsonValue v = integerValue(s.mid(2), 8, &ok);
            if (ok)
                return v;
        } else if (hexRe.match(s).hasMatch()) {
            const QJsonValue v = integerValue(s.mid(2), 16, &ok);
            if (ok)
                return v;
        } else if (floatRe.match(s).hasMatch()) {
            const double d = s.toDouble(&ok);
            if (ok && std::isfinite(d))
                return d;
        }
        // .inf and .nan have no JSON form: they stay strings.
    }
    *isString = true;
    return s;
}

// Builds the QJsonValue tree straight from yaml-cpp's parse events. Aliases reuse the anchored
// value (QJsonValue containers are implicitly shared), and their expanded size is accounted for,
// so that "billion laughs" documents are refused without being expanded.
class JsonBuilder : public YAML::EventHandler
{
public:
    explicit JsonBuilder(ParsedDocument* document)
        : m_document(document)
    {
    }

    bool hasRoot() const { return m_hasRoot; }
    QJsonValue root() const { return m_root; }

    void OnDocumentStart(const YAML::Mark&) override { }
    void OnDocumentEnd() override { }

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override
    {
        if (expectingKey()) {
            setKey(QStringLiteral("null"), false, mark);
            return;
        }
        addValue(QJsonValue(QJsonValue::Null), 1, anchor, mark);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override
    {
        const auto it = m_anchors.find(anchor);
        if (it == m_anchors.end())
            throw ConversionError{mark, QStringLiteral("alias to an anchor that is not complete (recursive alias?)")};
        if (expectingKey()) {
            if (!it->second.value.isString())
                throw ConversionError{mark, QStringLiteral("complex mapping keys are not supported")};
            setKey(it->second.value.toString(), false, mark);
            return;
        }
        addValue(it->second.value, it->second.size, YAML::NullAnchor, mark);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override
    {
        const QString text = QString::fromStdString(value);
        if (expectingKey()) {
            setKey(text, tag == "?", mark);
            if (anchor != YAML::NullAnchor)
                m_anchors[anchor] = {text, 1};
            return;
        }
        bool isString = true;
        const QJsonValue converted = scalar(tag, text, &isString);
        const Frame* parent = m_stack.empty() ? nullptr : &m_stack.back();
        if (!isString && parent && parent->depth < DocumentParser::kRawScalarDepth) {
            const QString pointer = childPointer(*parent);
            if (!pointer.isEmpty())
                m_document->rawScalars.insert(pointer, text);
        }
        addValue(converted, 1, anchor, mark);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        push(false, anchor, mark);
    }

    void OnSequenceEnd() override { pop(); }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        push(true, anchor, mark);
    }

    void OnMapEnd() override { pop(); }

private:
    struct Frame
    {
        bool isMap = false;
        QJsonObject object;
        QJsonArray array;
        QString key;
        bool haveKey = false;
        bool mergeKey = false; // the pending key is a YAML 1.1 merge key "<<"
        QStringList keys;
        QList<QJsonObject> merges;
        QString pointer;
        int depth = 0;
        YAML::anchor_t anchor = YAML::NullAnchor;
        qint64 startCount = 0;
        YAML::Mark mark;
    };

    struct Anchored
    {
        QJsonValue value;
        qint64 size = 0;
    };

    bool expectingKey() const { return !m_stack.empty() && m_stack.back().isMap && !m_stack.back().haveKey; }

    void setKey(const QString& key, bool plain, const YAML::Mark&)
    {
        Frame& frame = m_stack.back();
        frame.key = key;
        frame.haveKey = true;
        frame.mergeKey = plain && key == QLatin1String("<<");
    }

    static QString childPointer(const Frame& parent)
    {
        if (parent.depth >= DocumentParser::kKeyOrderDepth)
            return QString();
        if (parent.isMap)
            return JsonPointer::child(parent.pointer, parent.key);
        return JsonPointer::child(parent.pointer, int(parent.array.size()));
    }

    void push(bool isMap, YAML::anchor_t anchor, const YAML::Mark& mark)
    {
        if (expectingKey())
            throw ConversionError{mark, QStringLiteral("complex mapping keys are not supported")};
        if (int(m_stack.size()) >= kMaxNesting)
            throw ConversionError{mark, QStringLiteral("nesting deeper than %1 levels").arg(kMaxNesting)};
        count(1, mark);
        Frame frame;
        frame.isMap = isMap;
        frame.anchor = anchor;
        frame.mark = mark;
        frame.startCount = m_count;
        if (!m_stack.empty()) {
            frame.depth = m_stack.back().depth + 1;
            frame.pointer = childPointer(m_stack.back());
        }
        m_stack.push_back(frame);
    }

    void pop()
    {
        Frame frame = m_stack.back();
        m_stack.pop_back();
        QJsonValue value;
        if (frame.isMap) {
            for (const QJsonObject& merge : qAsConst(frame.merges)) {
                for (auto it = merge.constBegin(); it != merge.constEnd(); ++it) {
                    if (frame.object.contains(it.key()))
                        continue; // explicit keys (and earlier merges) win
                    frame.object.insert(it.key(), it.value());
                    frame.keys << it.key();
                }
            }
            if (frame.depth <= DocumentParser::kKeyOrderDepth)
                m_document->keyOrder.insert(frame.pointer, frame.keys);
            value = frame.object;
        } else {
            value = frame.array;
        }
        const qint64 size = m_count - frame.startCount + 1;
        if (frame.anchor != YAML::NullAnchor)
            m_anchors[frame.anchor] = {value, size};
        attach(value, frame.mark);
    }

    void addValue(const QJsonValue& value, qint64 size, YAML::anchor_t anchor, const YAML::Mark& mark)
    {
        count(size, mark);
        if (anchor != YAML::NullAnchor)
            m_anchors[anchor] = {value, size};
        attach(value, mark);
    }

    void attach(const QJsonValue& value, const YAML::Mark&)
    {
        if (m_stack.empty()) {
            if (!m_hasRoot) {
                m_root = value;
                m_hasRoot = true;
            }
            return;
        }
        Frame& parent = m_stack.back();
        if (!parent.isMap) {
            parent.array.append(value);
            return;
        }
        if (parent.mergeKey && (value.isObject() || value.isArray())) {
            if (value.isObject()) {
                parent.merges << value.toObject();
            } else {
                const QJsonArray list = value.toArray();
                for (const QJsonValue& item : list)
                    parent.merges << item.toObject();
            }
        } else {
            parent.object.insert(parent.key, value);
            if (!parent.keys.contains(parent.key))
                parent.keys << parent.key;
        }
        parent.haveKey = false;
        parent.mergeKey = false;
    }

    void count(qint64 size, const YAML::Mark& mark)
    {
        m_count += size;
        if (m_count > kMaxNodes)
            throw ConversionError{
                mark, QStringLiteral("document expands to more than %1 nodes (alias bomb?)").arg(kMaxNodes)};
    }

    static QJsonValue scalar(const std::string& tag, const QString& text, bool* isString)
    {
        *isString = true;
        if (tag == "!")
            return text; // quoted or block scalar
        if (tag == "?" || tag.empty())
            return resolvePlain(text, isString);
        static const std::string core = "tag:yaml.org,2002:";
        if (tag.compare(0, core.size(), core) == 0) {
            const std::string kind = tag.substr(core.size());
            bool plainString = false;
            const QJsonValue v = resolvePlain(text, &plainString);
            if ((kind == "null" && v.isNull()) || (kind == "bool" && v.isBool())
                || ((kind == "int" || kind == "float") && v.isDouble())) {
                *isString = false;
                return v;
            }
        }
        return text; // !!str, unknown local tags, or a tag that does not fit its value
    }

    ParsedDocument* m_document;
    std::vector<Frame> m_stack;
    std::unordered_map<YAML::anchor_t, Anchored> m_anchors;
    QJsonValue m_root;
    bool m_hasRoot = false;
    qint64 m_count = 0;
};

QString location(const QString& sourceName, const YAML::Mark& mark)
{
    if (mark.is_null() || mark.line < 0)
        return sourceName;
    return QStringLiteral("%1:%2:%3").arg(sourceName).arg(mark.line + 1).arg(mark.column + 1);
}

} // namespace

namespace DocumentParser {

ParsedDocument parseYaml(const QByteArray& content, const QString& sourceName)
{
    ParsedDocument result;
    try {
        std::istringstream input(content.toStdString());
        YAML::Parser parser(input);
        JsonBuilder builder(&result);
        parser.HandleNextDocument(builder);
        result.root = builder.hasRoot() ? builder.root() : QJsonValue(QJsonValue::Null);
        result.ok = true;
    } catch (const ConversionError& e) {
        result.error = QStringLiteral("%1: invalid YAML: %2").arg(location(sourceName, e.mark), e.message);
    } catch (const YAML::Exception& e) {
        result.error
            = QStringLiteral("%1: invalid YAML: %2").arg(location(sourceName, e.mark), QString::fromStdString(e.msg));
    } catch (const std::exception& e) {
        result.error = QStringLiteral("%1: invalid YAML: %2").arg(sourceName, QString::fromUtf8(e.what()));
    }
    return result;
}

} // namespace DocumentParser
} // namespace Gateway
