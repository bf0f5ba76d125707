// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonSchemaValidator.h"

#include <QHash>
#include <QJsonArray>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace Gateway {
namespace {

constexpr int kMaxErrors = 20;
constexpr int kMaxDepth = 64;
constexpr int kMaxNameInMessage = 64;
constexpr int kMaxCachedPatterns = 512;
// Total work of one validation: schema applications plus values canonicalized for uniqueItems.
// A bound on the time an argument can hold the gateway thread, whatever the schema and value.
constexpr qint64 kWorkBudget = 1000000;

// Work left for one validation, shared by the validator and its probes (anyOf, oneOf, not, if).
struct Budget
{
    qint64 remaining = kWorkBudget;
    bool exhausted = false;

    bool spend(qint64 units = 1)
    {
        remaining -= units;
        if (remaining < 0)
            exhausted = true;
        return !exhausted;
    }
};

// An unambiguous byte form of a JSON value such that two values are equal in the JSON Schema
// sense (numbers by value, objects regardless of member order) iff their forms are equal.
// Strings and keys are length-prefixed, so no escaping is needed. Returns false when the budget
// runs out.
bool appendCanonical(const QJsonValue& value, QByteArray* out, Budget* budget)
{
    if (!budget->spend())
        return false;
    switch (value.type()) {
    case QJsonValue::Null: out->append('n'); return true;
    case QJsonValue::Bool: out->append(value.toBool() ? 't' : 'f'); return true;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        out->append('d');
        if (std::floor(d) == d && std::fabs(d) < 9007199254740992.0)
            out->append(QByteArray::number(qint64(d))); // exact; -0 becomes 0, which it equals
        else
            out->append(QByteArray::number(d, 'g', 17));
        out->append(';');
        return true;
    }
    case QJsonValue::String: {
        const QByteArray text = value.toString().toUtf8();
        out->append('s').append(QByteArray::number(text.size())).append(':').append(text);
        return true;
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        out->append('[');
        for (const QJsonValue& item : array) {
            if (!appendCanonical(item, out, budget))
                return false;
        }
        out->append(']');
        return true;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject(); // iterates in sorted key order
        out->append('{');
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QByteArray key = it.key().toUtf8();
            out->append(QByteArray::number(key.size())).append(':').append(key);
            if (!appendCanonical(it.value(), out, budget))
                return false;
        }
        out->append('}');
        return true;
    }
    case QJsonValue::Undefined: break;
    }
    out->append('u');
    return true;
}

bool jsonEqual(const QJsonValue& a, const QJsonValue& b)
{
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case QJsonValue::Double: return a.toDouble() == b.toDouble();
    case QJsonValue::String: return a.toString() == b.toString();
    case QJsonValue::Bool: return a.toBool() == b.toBool();
    case QJsonValue::Array: {
        const QJsonArray x = a.toArray();
        const QJsonArray y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!jsonEqual(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    case QJsonValue::Object: {
        const QJsonObject x = a.toObject();
        const QJsonObject y = b.toObject();
        if (x.size() != y.size())
            return false;
        for (auto it = x.constBegin(); it != x.constEnd(); ++it) {
            const auto other = y.constFind(it.key());
            if (other == y.constEnd() || !jsonEqual(it.value(), other.value()))
                return false;
        }
        return true;
    }
    default: return true; // null == null, undefined == undefined
    }
}

bool isInteger(const QJsonValue& v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return std::isfinite(d) && std::floor(d) == d;
}

QString typeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("boolean");
    case QJsonValue::Double: return QStringLiteral("number");
    case QJsonValue::String: return QStringLiteral("string");
    case QJsonValue::Array: return QStringLiteral("array");
    case QJsonValue::Object: return QStringLiteral("object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

bool matchesType(const QString& type, const QJsonValue& v)
{
    if (type == QLatin1String("null"))
        return v.isNull();
    if (type == QLatin1String("boolean"))
        return v.isBool();
    if (type == QLatin1String("object"))
        return v.isObject();
    if (type == QLatin1String("array"))
        return v.isArray();
    if (type == QLatin1String("number"))
        return v.isDouble();
    if (type == QLatin1String("integer"))
        return isInteger(v);
    if (type == QLatin1String("string"))
        return v.isString();
    return true; // unknown type names constrain nothing
}

QString numberText(double d)
{
    if (std::floor(d) == d && std::fabs(d) < 9007199254740992.0)
        return QString::number(qint64(d));
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

QString shortName(const QString& name)
{
    return name.size() > kMaxNameInMessage ? name.left(kMaxNameInMessage) + QStringLiteral("...") : name;
}

// Compiled patterns, shared by all threads; an invalid pattern yields an invalid expression.
QRegularExpression compiledPattern(const QString& pattern)
{
    static QMutex mutex;
    static QHash<QString, QRegularExpression> cache;
    QMutexLocker locker(&mutex);
    const auto it = cache.constFind(pattern);
    if (it != cache.constEnd())
        return it.value();
    if (cache.size() >= kMaxCachedPatterns)
        cache.clear();
    QRegularExpression re(pattern);
    cache.insert(pattern, re);
    return re;
}

class Validator
{
public:
    explicit Validator(Budget* budget)
        : m_budget(budget)
    {
    }

    QStringList errors;

    bool full() const { return errors.size() >= kMaxErrors || m_budget->exhausted; }

    bool accepts(const QJsonValue& schema, const QJsonValue& value, const QString& path, int depth) const
    {
        Validator probe(m_budget);
        probe.validate(schema, value, path, depth);
        return probe.errors.isEmpty() && !m_budget->exhausted;
    }

    void validate(const QJsonValue& schemaValue, const QJsonValue& value, const QString& path, int depth)
    {
        if (full() || !m_budget->spend())
            return;
        if (depth > kMaxDepth) {
            add(path, QStringLiteral("value nested too deeply to validate"));
            return;
        }
        if (schemaValue.isBool()) {
            if (!schemaValue.toBool())
                add(path, QStringLiteral("no value is allowed here"));
            return;
        }
        if (!schemaValue.isObject())
            return;
        const QJsonObject s = schemaValue.toObject();
        const bool nullable = s.value(QLatin1String("nullable")).toBool();
        if (nullable && value.isNull())
            return; // OpenAPI 3.0 nullable

        if (!checkType(s, value, path))
            return;
        checkEnumAndConst(s, value, path);
        if (value.isString())
            checkString(s, value.toString(), path);
        else if (value.isDouble())
            checkNumber(s, value.toDouble(), path);
        else if (value.isArray())
            checkArray(s, value.toArray(), path, depth);
        else if (value.isObject())
            checkObject(s, value.toObject(), path, depth);
        checkCombinators(s, value, path, depth);
    }

private:
    Budget* m_budget;

    void add(const QString& path, const QString& reason)
    {
        if (!full())
            errors << path + QStringLiteral(": ") + reason;
    }

    bool checkType(const QJsonObject& s, const QJsonValue& value, const QString& path)
    {
        const QJsonValue type = s.value(QLatin1String("type"));
        QStringList types;
        if (type.isString()) {
            types << type.toString();
        } else if (type.isArray()) {
            const QJsonArray array = type.toArray();
            for (const QJsonValue& t : array)
                types << t.toString();
        }
        if (types.isEmpty())
            return true;
        for (const QString& t : qAsConst(types)) {
            if (matchesType(t, value))
                return true;
        }
        add(path, QStringLiteral("expected %1, got %2").arg(types.join(QStringLiteral(" or ")), typeName(value)));
        return false;
    }

    void checkEnumAndConst(const QJsonObject& s, const QJsonValue& value, const QString& path)
    {
        const QJsonValue enumValue = s.value(QLatin1String("enum"));
        if (enumValue.isArray()) {
            const QJsonArray allowed = enumValue.toArray();
            const bool found
                = std::any_of(allowed.begin(), allowed.end(), [&](const QJsonValue& v) { return jsonEqual(v, value); });
            if (!found)
                add(path, QStringLiteral("value is not one of the allowed values"));
        }
        if (s.contains(QLatin1String("const")) && !jsonEqual(s.value(QLatin1String("const")), value))
            add(path, QStringLiteral("value does not equal the required constant"));
    }

    void checkString(const QJsonObject& s, const QString& text, const QString& path)
    {
        const QJsonValue minLength = s.value(QLatin1String("minLength"));
        const QJsonValue maxLength = s.value(QLatin1String("maxLength"));
        if (minLength.isDouble() || maxLength.isDouble()) {
            const qsizetype length = text.toUcs4().size(); // code points, as JSON Schema counts
            if (minLength.isDouble() && length < minLength.toDouble())
                add(path, QStringLiteral("expected at least %1 characters").arg(numberText(minLength.toDouble())));
            if (maxLength.isDouble() && length > maxLength.toDouble())
                add(path, QStringLiteral("expected at most %1 characters").arg(numberText(maxLength.toDouble())));
        }
        const QJsonValue pattern = s.value(QLatin1String("pattern"));
        if (pattern.isString()) {
            const QRegularExpression re = compiledPattern(pattern.toString());
            if (re.isValid() && !re.match(text).hasMatch())
                add(path, QStringLiteral("does not match the required pattern"));
        }
    }

    void checkNumber(const QJsonObject& s, double number, const QString& path)
    {
        const QJsonValue minimum = s.value(QLatin1String("minimum"));
        const QJsonValue maximum = s.value(QLatin1String("maximum"));
        const QJsonValue exclusiveMinimum = s.value(QLatin1String("exclusiveMinimum"));
        const QJsonValue exclusiveMaximum = s.value(QLatin1String("exclusiveMaximum"));
        if (minimum.isDouble()) {
            if (exclusiveMinimum.toBool() && number <= minimum.toDouble())
                add(path, QStringLiteral("must be greater than %1").arg(numberText(minimum.toDouble())));
            else if (number < minimum.toDouble())
                add(path, QStringLiteral("must be greater than or equal to %1").arg(numberText(minimum.toDouble())));
        }
        if (maximum.isDouble()) {
            if (exclusiveMaximum.toBool() && number >= maximum.toDouble())
                add(path, QStringLiteral("must be less than %1").arg(numberText(maximum.toDouble())));
            else if (number > maximum.toDouble())
                add(path, QStringLiteral("must be less than or equal to %1").arg(numberText(maximum.toDouble())));
        }
        if (exclusiveMinimum.isDouble() && number <= exclusiveMinimum.toDouble())
            add(path, QStringLiteral("must be greater than %1").arg(numberText(exclusiveMinimum.toDouble())));
        if (exclusiveMaximum.isDouble() && number >= exclusiveMaximum.toDouble())
            add(path, QStringLiteral("must be less than %1").arg(numberText(exclusiveMaximum.toDouble())));
        const QJsonValue multipleOf = s.value(QLatin1String("multipleOf"));
        if (multipleOf.isDouble() && multipleOf.toDouble() > 0) {
            const double quotient = number / multipleOf.toDouble();
            const double tolerance = 1e-9 * std::max(1.0, std::fabs(quotient));
            if (!std::isfinite(quotient) || std::fabs(quotient - std::round(quotient)) > tolerance)
                add(path, QStringLiteral("must be a multiple of %1").arg(numberText(multipleOf.toDouble())));
        }
    }

    void checkArray(const QJsonObject& s, const QJsonArray& array, const QString& path, int depth)
    {
        const QJsonValue minItems = s.value(QLatin1String("minItems"));
        const QJsonValue maxItems = s.value(QLatin1String("maxItems"));
        if (minItems.isDouble() && array.size() < minItems.toDouble())
            add(path, QStringLiteral("expected at least %1 items").arg(numberText(minItems.toDouble())));
        if (maxItems.isDouble() && array.size() > maxItems.toDouble())
            add(path, QStringLiteral("expected at most %1 items").arg(numberText(maxItems.toDouble())));
        if (s.value(QLatin1String("uniqueItems")).toBool()) {
            // One hash lookup per item on its canonical form: linear, not pairwise.
            QSet<QByteArray> seen;
            seen.reserve(array.size());
            bool duplicate = false;
            for (qsizetype i = 0; i < array.size() && !duplicate; ++i) {
                QByteArray canonical;
                if (!appendCanonical(array.at(i), &canonical, m_budget))
                    return;
                duplicate = seen.contains(canonical);
                seen.insert(canonical);
            }
            if (duplicate)
                add(path, QStringLiteral("items must be unique"));
        }

        QJsonArray prefix = s.value(QLatin1String("prefixItems")).toArray();
        QJsonValue rest = s.value(QLatin1String("items"));
        if (rest.isArray()) { // draft-4 tuple form
            prefix = rest.toArray();
            rest = s.value(QLatin1String("additionalItems"));
        }
        for (qsizetype i = 0; i < array.size() && !full(); ++i) {
            const QString itemPath = path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
            if (i < prefix.size())
                validate(prefix.at(i), array.at(i), itemPath, depth + 1);
            else if (rest.isObject() || rest.isBool())
                validate(rest, array.at(i), itemPath, depth + 1);
        }
    }

    void checkObject(const QJsonObject& s, const QJsonObject& object, const QString& path, int depth)
    {
        const QJsonArray required = s.value(QLatin1String("required")).toArray();
        for (const QJsonValue& name : required) {
            if (name.isString() && !object.contains(name.toString()))
                add(path, QStringLiteral("missing required property '%1'").arg(shortName(name.toString())));
        }
        const QJsonObject dependentRequired = s.value(QLatin1String("dependentRequired")).toObject();
        for (auto it = dependentRequired.constBegin(); it != dependentRequired.constEnd(); ++it) {
            if (!object.contains(it.key()))
                continue;
            const QJsonArray names = it.value().toArray();
            for (const QJsonValue& name : names) {
                if (name.isString() && !object.contains(name.toString()))
                    add(path,
                        QStringLiteral("missing property '%1', required when '%2' is present")
                            .arg(shortName(name.toString()), shortName(it.key())));
            }
        }
        const QJsonValue minProperties = s.value(QLatin1String("minProperties"));
        const QJsonValue maxProperties = s.value(QLatin1String("maxProperties"));
        if (minProperties.isDouble() && object.size() < minProperties.toDouble())
            add(path, QStringLiteral("expected at least %1 properties").arg(numberText(minProperties.toDouble())));
        if (maxProperties.isDouble() && object.size() > maxProperties.toDouble())
            add(path, QStringLiteral("expected at most %1 properties").arg(numberText(maxProperties.toDouble())));

        const QJsonObject properties = s.value(QLatin1String("properties")).toObject();
        const QJsonObject patternProperties = s.value(QLatin1String("patternProperties")).toObject();
        const QJsonValue additional = s.value(QLatin1String("additionalProperties"));
        for (auto it = object.constBegin(); it != object.constEnd() && !full(); ++it) {
            const QString childPath = path + QLatin1Char('.') + shortName(it.key());
            bool known = false;
            const auto property = properties.constFind(it.key());
            if (property != properties.constEnd()) {
                known = true;
                validate(property.value(), it.value(), childPath, depth + 1);
            }
            for (auto p = patternProperties.constBegin(); p != patternProperties.constEnd(); ++p) {
                const QRegularExpression re = compiledPattern(p.key());
                if (re.isValid() && re.match(it.key()).hasMatch()) {
                    known = true;
                    validate(p.value(), it.value(), childPath, depth + 1);
                }
            }
            if (known)
                continue;
            if (additional.isBool() && !additional.toBool())
                add(path, QStringLiteral("property '%1' is not allowed").arg(shortName(it.key())));
            else if (additional.isObject())
                validate(additional, it.value(), childPath, depth + 1);
        }
    }

    void checkCombinators(const QJsonObject& s, const QJsonValue& value, const QString& path, int depth)
    {
        const QJsonArray allOf = s.value(QLatin1String("allOf")).toArray();
        for (const QJsonValue& member : allOf)
            validate(member, value, path, depth + 1);

        const QJsonValue anyOf = s.value(QLatin1String("anyOf"));
        if (anyOf.isArray() && !full()) {
            const QJsonArray members = anyOf.toArray();
            const bool any = std::any_of(members.begin(), members.end(), [&](const QJsonValue& member) {
                return accepts(member, value, path, depth + 1);
            });
            if (!any)
                add(path, QStringLiteral("value does not match any of the allowed schemas"));
        }
        const QJsonValue oneOf = s.value(QLatin1String("oneOf"));
        if (oneOf.isArray() && !full()) {
            const QJsonArray members = oneOf.toArray();
            int matching = 0;
            for (const QJsonValue& member : members) {
                if (accepts(member, value, path, depth + 1) && ++matching > 1)
                    break;
            }
            if (matching == 0)
                add(path, QStringLiteral("value does not match any of the allowed schemas"));
            else if (matching > 1)
                add(path, QStringLiteral("value matches more than one of the exclusive schemas"));
        }
        const QJsonValue ifSchema = s.value(QLatin1String("if"));
        if ((ifSchema.isObject() || ifSchema.isBool()) && !full()) {
            const QJsonValue branch
                = s.value(accepts(ifSchema, value, path, depth + 1) ? QLatin1String("then") : QLatin1String("else"));
            if (branch.isObject() || branch.isBool())
                validate(branch, value, path, depth + 1);
        }
        const QJsonValue notSchema = s.value(QLatin1String("not"));
        if ((notSchema.isObject() || notSchema.isBool()) && !full() && accepts(notSchema, value, path, depth + 1))
            add(path, QStringLiteral("value must not match the excluded schema"));
    }
};

} // namespace

JsonSchemaValidator::Result JsonSchemaValidator::validate(const QJsonObject& schema, const QJsonValue& value,
                                                          const QString& rootPath)
{
    Budget budget;
    Validator validator(&budget);
    validator.validate(schema, value, rootPath, 0);
    Result result;
    result.errors = validator.errors;
    if (budget.exhausted) {
        // Partial findings would mislead: the value was not fully checked.
        result.errors
            = QStringList{QStringLiteral("%1: value too large or too complex to validate (more than %2 checks)")
                              .arg(rootPath)
                              .arg(kWorkBudget)};
    }
    result.valid = result.errors.isEmpty();
    return result;
}

} // namespace Gateway
