// SPDX-License-Identifier: GPL-3.0-or-later
#include "WorkspaceEditor.h"

#include "WorkspaceLoader.h"
#include "mcp/JsonWriter.h"
#include "security/ApiKey.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>
#include <vector>

namespace Gateway {

// One JSON value with the order of its members and how it was written. QJsonObject sorts its keys,
// so the document is held in this tree; values are decoded by QJsonDocument, never by hand.
struct WorkspaceEditor::Node
{
    enum class Type { Scalar, Object, Array };
    Type type = Type::Scalar;
    QJsonValue scalar;
    QByteArray raw; // the scalar's literal as read ("1.50" stays "1.50"); empty once changed
    bool singleLine = false; // container written on one line
    bool padded = false; // "{ a }" rather than "{a}" on one line
    std::vector<QString> keys; // objects: keys[i] names children[i]
    std::vector<std::unique_ptr<Node>> children;

    int indexOf(const QString& key) const
    {
        const auto it = std::find(keys.begin(), keys.end(), key);
        return it == keys.end() ? -1 : int(it - keys.begin());
    }
    Node* member(const QString& key) const
    {
        const int i = indexOf(key);
        return i < 0 ? nullptr : children[size_t(i)].get();
    }
    QJsonValue toJson() const
    {
        if (type == Type::Scalar)
            return scalar;
        if (type == Type::Array) {
            QJsonArray a;
            for (const auto& c : children)
                a.append(c->toJson());
            return a;
        }
        QJsonObject o;
        for (size_t i = 0; i < keys.size(); ++i)
            o.insert(keys[i], children[i]->toJson());
        return o;
    }
};

// How the file is written, read from the file itself.
struct WorkspaceEditor::Style
{
    QByteArray indent = "  ";
    QByteArray newline = "\n";
    QByteArray colon = ": ";
    QByteArray comma = ", "; // between members of a container written on one line
    bool finalNewline = true;
    bool inlineScalarArrays = true; // for arrays the editor creates
};

namespace {

// Key order only: the content was already accepted by QJsonDocument, so this walks well-formed JSON.
class TreeReader
{
public:
    explicit TreeReader(const QByteArray& text)
        : m_s(text)
    {
    }

    template <typename N> std::unique_ptr<N> value()
    {
        skipSpace();
        auto node = std::make_unique<N>();
        const int start = m_pos;
        const char c = at(m_pos);
        if (c == '{' || c == '[') {
            node->type = c == '{' ? N::Type::Object : N::Type::Array;
            const char close = c == '{' ? '}' : ']';
            ++m_pos;
            node->padded = at(m_pos) == ' ';
            skipSpace();
            while (at(m_pos) != close && m_pos < m_s.size()) {
                if (c == '{') {
                    skipSpace();
                    const QString key = decode(token()).toString();
                    const int colonStart = m_pos;
                    skipSpace();
                    ++m_pos; // ':'
                    const int afterColon = m_pos;
                    skipSpace();
                    if (m_colon.isEmpty())
                        m_colon
                            = m_s.mid(colonStart, afterColon - colonStart) + m_s.mid(afterColon, m_pos - afterColon);
                    auto child = value<N>();
                    const int existing = node->indexOf(key);
                    if (existing >= 0) { // QJsonDocument keeps the last duplicate; so does the tree
                        node->children[size_t(existing)] = std::move(child);
                    } else {
                        node->keys.push_back(key);
                        node->children.push_back(std::move(child));
                    }
                } else {
                    node->children.push_back(value<N>());
                }
                skipSpace();
                if (at(m_pos) == ',') {
                    ++m_pos;
                    if (m_comma.isEmpty() && at(m_pos) != '\n' && at(m_pos) != '\r')
                        m_comma = at(m_pos) == ' ' ? QByteArrayLiteral(", ") : QByteArrayLiteral(",");
                }
                skipSpace();
            }
            ++m_pos; // close
            // An empty container says nothing about how its members would be written.
            node->singleLine = !node->children.empty() && !m_s.mid(start, m_pos - start).contains('\n');
            if (c == '['
                && std::all_of(node->children.begin(), node->children.end(),
                               [](const auto& n) { return n->type == N::Type::Scalar; })
                && !node->children.empty())
                (node->singleLine ? m_inlineArrays : m_multiLineArrays)++;
            return node;
        }
        node->raw = token();
        node->scalar = decode(node->raw);
        return node;
    }

    QByteArray colon() const { return m_colon; }
    QByteArray comma() const { return m_comma; }
    bool prefersInlineArrays() const { return m_inlineArrays >= m_multiLineArrays; }

private:
    char at(int i) const { return i < m_s.size() ? m_s.at(i) : '\0'; }
    void skipSpace()
    {
        while (m_pos < m_s.size() && (at(m_pos) == ' ' || at(m_pos) == '\t' || at(m_pos) == '\n' || at(m_pos) == '\r'))
            ++m_pos;
    }
    QByteArray token()
    {
        const int start = m_pos;
        if (at(m_pos) == '"') {
            ++m_pos;
            while (m_pos < m_s.size() && at(m_pos) != '"')
                m_pos += at(m_pos) == '\\' ? 2 : 1;
            ++m_pos;
        } else {
            while (m_pos < m_s.size() && !QByteArray(",]} \t\r\n:").contains(at(m_pos)))
                ++m_pos;
        }
        return m_s.mid(start, m_pos - start);
    }
    static QJsonValue decode(const QByteArray& literal)
    {
        return QJsonDocument::fromJson('[' + literal + ']').array().at(0);
    }

    const QByteArray& m_s;
    int m_pos = 0;
    QByteArray m_colon;
    QByteArray m_comma;
    int m_inlineArrays = 0;
    int m_multiLineArrays = 0;
};

struct Segment
{
    QString key; // empty for an index
    int index = -1;
};

QList<Segment> parsePath(const QString& path)
{
    QList<Segment> out;
    int i = path.startsWith(QLatin1Char('$')) ? 1 : 0;
    while (i < path.size()) {
        if (path.at(i) == QLatin1Char('.')) {
            int end = i + 1;
            while (end < path.size() && path.at(end) != QLatin1Char('.') && path.at(end) != QLatin1Char('['))
                ++end;
            out.append({path.mid(i + 1, end - i - 1), -1});
            i = end;
        } else if (path.at(i) == QLatin1Char('[')) {
            const int end = path.indexOf(QLatin1Char(']'), i);
            if (end < 0)
                return {};
            out.append({QString(), path.mid(i + 1, end - i - 1).toInt()});
            i = end + 1;
        } else {
            return {};
        }
    }
    return out;
}

// Members the editor creates are ordered the way people write them: identity first.
int keyRank(const QString& key)
{
    static const QStringList first{QStringLiteral("version"), QStringLiteral("name"),    QStringLiteral("kind"),
                                   QStringLiteral("mode"),    QStringLiteral("openapi"), QStringLiteral("baseUrl")};
    const int i = int(first.indexOf(key));
    return i < 0 ? int(first.size()) : i;
}

QByteArray scalarText(const QJsonValue& value)
{
    QByteArray out;
    JsonWriter::appendValue(out, value);
    return out;
}

class TreeWriter
{
public:
    TreeWriter(const WorkspaceEditor::Style& style, QHash<QString, int>* lines)
        : m_style(style)
        , m_lines(lines)
    {
    }

    QByteArray write(const WorkspaceEditor::Node& root)
    {
        m_lines->insert(QStringLiteral("$"), 1);
        writeValue(root, 0, root.singleLine, QStringLiteral("$"));
        if (m_style.finalNewline)
            m_out += m_style.newline;
        return m_out;
    }

private:
    using N = WorkspaceEditor::Node;
    void newline(int depth)
    {
        m_out += m_style.newline;
        ++m_line;
        for (int i = 0; i < depth; ++i)
            m_out += m_style.indent;
    }
    void writeValue(const N& node, int depth, bool oneLine, const QString& path)
    {
        if (node.type == N::Type::Scalar) {
            m_out += node.raw.isEmpty() ? scalarText(node.scalar) : node.raw;
            return;
        }
        const bool object = node.type == N::Type::Object;
        m_out += object ? '{' : '[';
        if (node.children.empty()) {
            m_out += object ? '}' : ']';
            return;
        }
        oneLine = oneLine || node.singleLine;
        if (oneLine && node.padded)
            m_out += ' ';
        for (size_t i = 0; i < node.children.size(); ++i) {
            if (i > 0)
                m_out += oneLine ? m_style.comma : QByteArrayLiteral(",");
            if (!oneLine)
                newline(depth + 1);
            const QString childPath
                = object ? path + QLatin1Char('.') + node.keys[i] : path + QStringLiteral("[%1]").arg(i);
            m_lines->insert(childPath, m_line);
            if (object) {
                JsonWriter::appendString(m_out, node.keys[i].toUtf8());
                m_out += m_style.colon;
            }
            writeValue(*node.children[i], depth + 1, oneLine, childPath);
        }
        if (oneLine) {
            if (node.padded)
                m_out += ' ';
        } else {
            newline(depth);
        }
        m_out += object ? '}' : ']';
    }

    const WorkspaceEditor::Style& m_style;
    QHash<QString, int>* m_lines;
    QByteArray m_out;
    int m_line = 1;
};

const QString kServices = QStringLiteral("$.services");

} // namespace

WorkspaceEditor::WorkspaceEditor()
    : m_style(std::make_unique<Style>())
{
    createNew();
}

WorkspaceEditor::~WorkspaceEditor() = default;

void WorkspaceEditor::createNew()
{
    QString ignored;
    openBytes(QByteArrayLiteral("{\n  \"version\": 1,\n  \"gateway\": {\n    \"listen\": \"127.0.0.1:8765\"\n  },\n"
                                "  \"services\": []\n}\n"),
              QString(), &ignored);
}

bool WorkspaceEditor::open(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return false;
    }
    if (file.size() > 16 * 1024 * 1024) {
        *error = QStringLiteral("%1: file is larger than 16 MiB").arg(path);
        return false;
    }
    return openBytes(file.readAll(), path, error);
}

bool WorkspaceEditor::openBytes(const QByteArray& content, const QString& sourceName, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(content, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        // The loader words syntax errors with line and column.
        *error = WorkspaceLoader::parse(content, sourceName.isEmpty() ? QStringLiteral("workspace") : sourceName).error;
        return false;
    }
    TreeReader reader(content);
    m_root = reader.value<Node>();
    m_style = std::make_unique<Style>();
    // Indentation: the leading whitespace of the first indented line.
    static const QRegularExpression indent(QStringLiteral("\\n([ \\t]+)\\S"));
    const auto match = indent.match(QString::fromUtf8(content));
    if (match.hasMatch())
        m_style->indent = match.captured(1).toUtf8();
    m_style->newline = content.contains("\r\n") ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n");
    m_style->finalNewline = content.endsWith('\n');
    if (!reader.colon().isEmpty())
        m_style->colon = reader.colon();
    if (!reader.comma().isEmpty())
        m_style->comma = reader.comma();
    m_style->inlineScalarArrays = reader.prefersInlineArrays();
    m_filePath = sourceName;
    m_modified = false;
    return true;
}

WorkspaceEditor::Node* WorkspaceEditor::find(const QString& path) const
{
    Node* node = m_root.get();
    for (const Segment& s : parsePath(path)) {
        if (!node)
            return nullptr;
        if (s.index >= 0) {
            if (node->type != Node::Type::Array || s.index >= int(node->children.size()))
                return nullptr;
            node = node->children[size_t(s.index)].get();
        } else {
            node = node->type == Node::Type::Object ? node->member(s.key) : nullptr;
        }
    }
    return node;
}

WorkspaceEditor::Node* WorkspaceEditor::ensure(const QString& path)
{
    Node* node = m_root.get();
    for (const Segment& s : parsePath(path)) {
        if (s.index >= 0) {
            if (node->type != Node::Type::Array) {
                *node = Node();
                node->type = Node::Type::Array;
            }
            if (s.index >= int(node->children.size())) {
                node->children.push_back(std::make_unique<Node>());
                node = node->children.back().get();
            } else {
                node = node->children[size_t(s.index)].get();
            }
            continue;
        }
        if (node->type != Node::Type::Object) {
            *node = Node();
            node->type = Node::Type::Object;
        }
        Node* child = node->member(s.key);
        if (!child) {
            node->keys.push_back(s.key);
            node->children.push_back(std::make_unique<Node>());
            child = node->children.back().get();
        }
        node = child;
    }
    return node;
}

void WorkspaceEditor::setSubtree(Node* node, const QJsonValue& value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (node->type != Node::Type::Object) {
            *node = Node();
            node->type = Node::Type::Object;
        }
        // Members that stay keep their place; the others go; new ones follow in a readable order.
        for (int i = int(node->keys.size()) - 1; i >= 0; --i) {
            if (!object.contains(node->keys[size_t(i)])) {
                node->keys.erase(node->keys.begin() + i);
                node->children.erase(node->children.begin() + i);
            }
        }
        QStringList added;
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (node->indexOf(it.key()) < 0)
                added.append(it.key());
        }
        std::stable_sort(added.begin(), added.end(),
                         [](const QString& a, const QString& b) { return keyRank(a) < keyRank(b); });
        for (const QString& key : std::as_const(added)) {
            node->keys.push_back(key);
            node->children.push_back(std::make_unique<Node>());
        }
        for (size_t i = 0; i < node->keys.size(); ++i)
            setSubtree(node->children[i].get(), object.value(node->keys[i]));
        return;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        const bool wasArray = node->type == Node::Type::Array;
        const bool singleLine = wasArray ? node->singleLine : m_style->inlineScalarArrays;
        const bool padded = wasArray && node->padded;
        *node = Node();
        node->type = Node::Type::Array;
        node->singleLine = singleLine && std::all_of(array.begin(), array.end(), [](const QJsonValue& v) {
                               return !v.isObject() && !v.isArray();
                           });
        node->padded = padded;
        for (const QJsonValue& item : array) {
            node->children.push_back(std::make_unique<Node>());
            setSubtree(node->children.back().get(), item);
        }
        return;
    }
    if (node->type == Node::Type::Scalar && node->scalar == value && !node->raw.isEmpty())
        return; // unchanged: keep the literal as written
    *node = Node();
    node->scalar = value;
}

void WorkspaceEditor::setValue(const QString& path, const QJsonValue& value)
{
    setSubtree(ensure(path), value);
    m_modified = true;
}

bool WorkspaceEditor::remove(const QString& path)
{
    const int cut = std::max(path.lastIndexOf(QLatin1Char('.')), path.lastIndexOf(QLatin1Char('[')));
    if (cut <= 0)
        return false;
    Node* parent = find(path.left(cut));
    if (!parent)
        return false;
    int index = -1;
    if (path.at(cut) == QLatin1Char('.') && parent->type == Node::Type::Object) {
        index = parent->indexOf(path.mid(cut + 1));
        if (index >= 0)
            parent->keys.erase(parent->keys.begin() + index);
    } else if (path.at(cut) == QLatin1Char('[') && parent->type == Node::Type::Array) {
        index = path.mid(cut + 1, path.size() - cut - 2).toInt();
        if (index >= int(parent->children.size()))
            index = -1;
    }
    if (index < 0)
        return false;
    parent->children.erase(parent->children.begin() + index);
    m_modified = true;
    return true;
}

QJsonValue WorkspaceEditor::value(const QString& path) const
{
    const Node* node = find(path);
    return node ? node->toJson() : QJsonValue(QJsonValue::Undefined);
}

QStringList WorkspaceEditor::serviceNames() const
{
    QStringList names;
    if (const Node* services = find(kServices); services && services->type == Node::Type::Array) {
        for (const auto& s : services->children) {
            const Node* name = s->type == Node::Type::Object ? s->member(QStringLiteral("name")) : nullptr;
            names.append(name ? name->scalar.toString() : QString());
        }
    }
    return names;
}

int WorkspaceEditor::serviceIndex(const QString& name) const
{
    return name.isEmpty() ? -1 : int(serviceNames().indexOf(name));
}

QString WorkspaceEditor::servicePath(const QString& name) const
{
    const int i = serviceIndex(name);
    return i < 0 ? QString() : QStringLiteral("$.services[%1]").arg(i);
}

bool WorkspaceEditor::addService(const QString& name, const QString& openApiPath, const QString& baseUrl)
{
    if (name.isEmpty() || serviceIndex(name) >= 0)
        return false;
    Node* services = find(kServices);
    const int index = services && services->type == Node::Type::Array ? int(services->children.size()) : 0;
    const QString path = QStringLiteral("$.services[%1]").arg(index);
    setValue(path + QStringLiteral(".name"), name);
    setValue(path + QStringLiteral(".openapi"), openApiPath);
    if (!baseUrl.isEmpty())
        setValue(path + QStringLiteral(".baseUrl"), baseUrl);
    setValue(path + QStringLiteral(".security.mode"), QStringLiteral("none"));
    return true;
}

bool WorkspaceEditor::removeService(const QString& name)
{
    const QString path = servicePath(name);
    return !path.isEmpty() && remove(path);
}

bool WorkspaceEditor::renameService(const QString& from, const QString& to)
{
    const QString path = servicePath(from);
    if (path.isEmpty() || to.isEmpty() || (from != to && serviceIndex(to) >= 0))
        return false;
    setValue(path + QStringLiteral(".name"), to);
    return true;
}

bool WorkspaceEditor::setServiceValue(const QString& service, const QString& relativePath, const QJsonValue& value)
{
    const QString path = servicePath(service);
    if (path.isEmpty())
        return false;
    setValue(path + QLatin1Char('.') + relativePath, value);
    return true;
}

bool WorkspaceEditor::setSecurityMode(const QString& service, EndpointSecurity::Mode mode)
{
    return setServiceValue(service, QStringLiteral("security.mode"), EndpointSecurity::modeName(mode));
}

bool WorkspaceEditor::setApiKeyHashes(const QString& service, const QStringList& hashes)
{
    return setServiceValue(service, QStringLiteral("security.apiKeyHashes"), QJsonArray::fromStringList(hashes));
}

bool WorkspaceEditor::addApiKeyHash(const QString& service, const QString& hash)
{
    const QString path = servicePath(service);
    if (path.isEmpty())
        return false;
    QStringList hashes;
    for (const QJsonValue& v : value(path + QStringLiteral(".security.apiKeyHashes")).toArray())
        hashes.append(v.toString());
    hashes.append(hash);
    return setApiKeyHashes(service, hashes);
}

QString WorkspaceEditor::issueApiKey(const QString& service, bool revokeOthers)
{
    if (serviceIndex(service) < 0)
        return {};
    const QString key = ApiKey::generate();
    const QString hash = ApiKey::hash(key.toLatin1());
    setSecurityMode(service, EndpointSecurity::Mode::ApiKey);
    if (revokeOthers)
        setApiKeyHashes(service, {hash});
    else
        addApiKeyHash(service, hash);
    return key;
}

bool WorkspaceEditor::setBackendAuth(const QString& service, const QJsonObject& auth)
{
    const QString path = servicePath(service);
    if (path.isEmpty())
        return false;
    if (auth.isEmpty()) {
        remove(path + QStringLiteral(".backendAuth"));
        return true;
    }
    setValue(path + QStringLiteral(".backendAuth"), auth);
    return true;
}

QByteArray WorkspaceEditor::toBytes() const
{
    QHash<QString, int> lines;
    return TreeWriter(*m_style, &lines).write(*m_root);
}

int WorkspaceEditor::lineOf(const QString& path) const
{
    QHash<QString, int> lines;
    TreeWriter(*m_style, &lines).write(*m_root);
    // A missing field is reported at its nearest existing parent.
    QString p = path;
    while (!p.isEmpty()) {
        if (const auto it = lines.constFind(p); it != lines.constEnd())
            return *it;
        const int cut = std::max(p.lastIndexOf(QLatin1Char('.')), p.lastIndexOf(QLatin1Char('[')));
        p = cut > 0 ? p.left(cut) : QString();
    }
    return 0;
}

WorkspaceEditor::Validation WorkspaceEditor::validate() const
{
    Validation v;
    const QString source = m_filePath.isEmpty() ? QStringLiteral("untitled workspace") : m_filePath;
    WorkspaceLoader::Result r = WorkspaceLoader::parse(toBytes(), source);
    v.ok = r.ok;
    if (r.ok) {
        v.config = r.config;
        v.config.filePath = m_filePath;
        return v;
    }
    v.message = r.error;
    // "<source>: <path>: <reason>"
    const QString rest = r.error.startsWith(source + QStringLiteral(": ")) ? r.error.mid(source.size() + 2) : r.error;
    const int colon = rest.startsWith(QLatin1Char('$')) ? int(rest.indexOf(QStringLiteral(": "))) : -1;
    if (colon > 0) {
        v.path = rest.left(colon);
        v.reason = rest.mid(colon + 2);
        v.line = lineOf(v.path);
    } else {
        v.reason = rest;
    }
    return v;
}

bool WorkspaceEditor::save(QString* error)
{
    return saveAs(m_filePath, error);
}

bool WorkspaceEditor::saveAs(const QString& path, QString* error)
{
    if (path.isEmpty()) {
        *error = QStringLiteral("no file name");
        return false;
    }
    const QString previous = m_filePath;
    m_filePath = path;
    const Validation v = validate();
    if (!v.ok) {
        m_filePath = previous;
        *error = v.message;
        return false;
    }
    QSaveFile file(path);
    const QByteArray bytes = toBytes();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        file.cancelWriting(); // a short write must never replace the good file
        m_filePath = previous;
        return false;
    }
    if (!file.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        m_filePath = previous;
        return false;
    }
    m_modified = false;
    return true;
}

} // namespace Gateway
