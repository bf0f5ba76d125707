// SPDX-License-Identifier: GPL-3.0-or-later
// WorkspaceEditor: edits keep what the user wrote (key order, x- keys, indentation, one-line
// containers, literals, line endings), validation errors point at the field and its line, saves
// are atomic, and the first API key of an apiKey service can be issued.
#include "config/WorkspaceEditor.h"
#include "config/WorkspaceLoader.h"
#include "security/ApiKey.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <functional>
#include <sys/resource.h>
#include <sys/stat.h>

using Gateway::EndpointSecurity;
using Gateway::WorkspaceEditor;
using Gateway::WorkspaceLoader;

namespace {

const QString kHash = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
const QByteArray kHashBytes = kHash.toLatin1();

using Edit = std::function<void(WorkspaceEditor&)>;

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

ino_t inode(const QString& path)
{
    struct stat st = {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_ino : 0;
}

} // namespace

Q_DECLARE_METATYPE(Edit)

class TestWorkspaceEditor : public QObject
{
    Q_OBJECT

private slots:
    void keepsWhatTheUserWrote_data();
    void keepsWhatTheUserWrote();
    void errorsPointAtTheField_data();
    void errorsPointAtTheField();
    void firstKeyOfAnApiKeyService();
    void renewalRevokesThePreviousKey();
    void servicesAddRemoveRename();
    void saveIsAtomic();
    void invalidDocumentIsNeverSaved();
    void syntaxErrorIsRefusedWithLineAndColumn();
    void newWorkspaceIsValid();
};

void TestWorkspaceEditor::keepsWhatTheUserWrote_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<QByteArray>("expected");

    const Edit none = [](WorkspaceEditor&) {};
    const Edit setKey = [](WorkspaceEditor& e) {
        QVERIFY(e.setSecurityMode(QStringLiteral("demo"), EndpointSecurity::Mode::ApiKey));
        QVERIFY(e.setApiKeyHashes(QStringLiteral("demo"), {kHash}));
    };

    // The demo's own style: two spaces, one-line padded object, user key order (openapi before name).
    const QByteArray twoSpaces = "{\n"
                                 "  \"x-owner\": \"platform team\",\n"
                                 "  \"version\": 1,\n"
                                 "  \"services\": [\n"
                                 "    {\n"
                                 "      \"openapi\": \"demo.yaml\",\n"
                                 "      \"name\": \"demo\",\n"
                                 "      \"x-note\": { \"ticket\": 42 },\n"
                                 "      \"timeoutMs\": 3e4,\n"
                                 "      \"security\": { \"mode\": \"none\" }\n"
                                 "    }\n"
                                 "  ],\n"
                                 "  \"gateway\": {\n"
                                 "    \"listen\": \"127.0.0.1:8765\"\n"
                                 "  }\n"
                                 "}\n";
    QTest::newRow("untouched-round-trip") << twoSpaces << none << twoSpaces;
    QByteArray twoSpacesKeyed = twoSpaces;
    twoSpacesKeyed.replace("{ \"mode\": \"none\" }",
                           "{ \"mode\": \"apiKey\", \"apiKeyHashes\": [\"" + kHashBytes + "\"] }");
    QTest::newRow("two-spaces-one-line-object") << twoSpaces << setKey << twoSpacesKeyed;

    // Qt's own indented output: four spaces, multi-line arrays stay multi-line.
    const QByteArray fourSpaces = "{\n"
                                  "    \"services\": [\n"
                                  "        {\n"
                                  "            \"name\": \"demo\",\n"
                                  "            \"openapi\": \"demo.yaml\",\n"
                                  "            \"security\": {\n"
                                  "                \"apiKeyHashes\": [\n"
                                  "                    \"sha256:"
        + QByteArray(64, 'b')
        + "\"\n"
          "                ],\n"
          "                \"mode\": \"apiKey\"\n"
          "            }\n"
          "        }\n"
          "    ],\n"
          "    \"version\": 1\n"
          "}\n";
    QByteArray fourSpacesKeyed = fourSpaces;
    fourSpacesKeyed.replace(QByteArray(64, 'b'), QByteArray(64, 'a'));
    QTest::newRow("four-spaces-multi-line-array") << fourSpaces << setKey << fourSpacesKeyed;

    // Tabs, CRLF line endings, no final newline, a new key appended after the user's keys.
    const QByteArray tabs = "{\r\n\t\"version\": 1,\r\n\t\"services\": [\r\n\t\t{\r\n\t\t\t\"name\": \"demo\",\r\n"
                            "\t\t\t\"openapi\": \"demo.yaml\"\r\n\t\t}\r\n\t]\r\n}";
    const QByteArray tabsKeyed = "{\r\n\t\"version\": 1,\r\n\t\"services\": [\r\n\t\t{\r\n\t\t\t\"name\": \"demo\",\r\n"
                                 "\t\t\t\"openapi\": \"demo.yaml\",\r\n\t\t\t\"security\": {\r\n"
                                 "\t\t\t\t\"mode\": \"apiKey\",\r\n\t\t\t\t\"apiKeyHashes\": [\""
        + kHashBytes
        + "\"]\r\n"
          "\t\t\t}\r\n\t\t}\r\n\t]\r\n}";
    QTest::newRow("tabs-crlf-no-final-newline") << tabs << setKey << tabsKeyed;

    // A minified file stays on one line.
    const QByteArray compact = "{\"version\":1,\"services\":[{\"name\":\"demo\",\"openapi\":\"d.yaml\",\"x-a\":true}]}";
    const QByteArray compactRenamed
        = "{\"version\":1,\"services\":[{\"name\":\"renamed\",\"openapi\":\"d.yaml\",\"x-a\":true}]}";
    QTest::newRow("minified-rename") << compact << Edit([](WorkspaceEditor& e) {
        QVERIFY(e.renameService(QStringLiteral("demo"), QStringLiteral("renamed")));
    }) << compactRenamed;

    // Escapes, non-ASCII text and number spellings are written back exactly as they were.
    const QByteArray literals = "{\"version\": 1.0, \"x-note\": \"caf\\u00e9 \\\"q\\\" é\", \"services\": [], "
                                "\"gateway\": {\"maxConnections\": 1e2}}\n";
    QByteArray literalsEdited = literals;
    literalsEdited.replace("1e2}", "1e2, \"metrics\": true}");
    QTest::newRow("literals-kept") << literals << Edit([](WorkspaceEditor& e) {
        e.setValue(QStringLiteral("$.gateway.metrics"), true);
        e.setValue(QStringLiteral("$.gateway.maxConnections"), 100);
    }) << literalsEdited;

    // Removing a field removes only that line.
    const QByteArray withTimeout = "{\n  \"version\": 1,\n  \"services\": [\n    {\n      \"name\": \"demo\",\n"
                                   "      \"timeoutMs\": 5000,\n      \"openapi\": \"demo.yaml\"\n    }\n  ]\n}\n";
    const QByteArray withoutTimeout = "{\n  \"version\": 1,\n  \"services\": [\n    {\n      \"name\": \"demo\",\n"
                                      "      \"openapi\": \"demo.yaml\"\n    }\n  ]\n}\n";
    QTest::newRow("remove-field") << withTimeout << Edit([](WorkspaceEditor& e) {
        QVERIFY(e.remove(QStringLiteral("$.services[0].timeoutMs")));
    }) << withoutTimeout;
}

void TestWorkspaceEditor::keepsWhatTheUserWrote()
{
    QFETCH(QByteArray, input);
    QFETCH(Edit, edit);
    QFETCH(QByteArray, expected);
    WorkspaceEditor editor;
    QString error;
    QVERIFY2(editor.openBytes(input, QStringLiteral("ws.json"), &error), qPrintable(error));
    edit(editor);
    QCOMPARE(editor.toBytes(), expected);
    const WorkspaceEditor::Validation v = editor.validate();
    QVERIFY2(v.ok, qPrintable(v.message));
}

void TestWorkspaceEditor::errorsPointAtTheField_data()
{
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("reason");

    // Lines refer to the document below as written by the editor.
    QTest::newRow("apiKey-without-key") << Edit([](WorkspaceEditor& e) {
        e.setSecurityMode(QStringLiteral("b"), EndpointSecurity::Mode::ApiKey);
    }) << QStringLiteral("$.services[1].security.apiKeyHashes")
                                        << 14 << QStringLiteral("apiKey mode needs at least one key hash");
    QTest::newRow("tool-naming") << Edit([](WorkspaceEditor& e) {
        e.setServiceValue(QStringLiteral("b"), QStringLiteral("toolNaming"), QStringLiteral("camel"));
    }) << QStringLiteral("$.services[1].toolNaming")
                                 << 15 << QStringLiteral("must be one of auto, operationId, verbPath");
    QTest::newRow("listen") << Edit([](WorkspaceEditor& e) {
        e.setValue(QStringLiteral("$.gateway.listen"), QStringLiteral("localhost"));
    }) << QStringLiteral("$.gateway.listen")
                            << 4 << QStringLiteral("must be HOST:PORT (IPv6 in brackets: [::1]:8765)");
    QTest::newRow("unknown-property") << Edit([](WorkspaceEditor& e) {
        e.setServiceValue(QStringLiteral("a"), QStringLiteral("timeout"), 5);
    }) << QStringLiteral("$.services[0].timeout")
                                      << 10 << QStringLiteral("unknown property");
    QTest::newRow("duplicate-name") << Edit([](WorkspaceEditor& e) {
        e.setValue(QStringLiteral("$.services[1].name"), QStringLiteral("a"));
    }) << QStringLiteral("$.services[1].name")
                                    << 12 << QStringLiteral("duplicates another service's name");
    QTest::newRow("secret-ref") << Edit([](WorkspaceEditor& e) {
        e.setBackendAuth(QStringLiteral("a"),
                         QJsonObject{{QStringLiteral("kind"), QStringLiteral("basic")},
                                     {QStringLiteral("username"), QStringLiteral("u")},
                                     {QStringLiteral("secretRef"), QStringLiteral("hunter2")}});
    }) << QStringLiteral("$.services[0].backendAuth.secretRef")
                                << 12 << QString();
}

void TestWorkspaceEditor::errorsPointAtTheField()
{
    QFETCH(Edit, edit);
    QFETCH(QString, path);
    QFETCH(int, line);
    QFETCH(QString, reason);
    const QByteArray doc = "{\n"
                           "  \"version\": 1,\n"
                           "  \"gateway\": {\n"
                           "    \"listen\": \"127.0.0.1:0\"\n"
                           "  },\n"
                           "  \"services\": [\n"
                           "    {\n"
                           "      \"name\": \"a\",\n"
                           "      \"openapi\": \"a.yaml\"\n"
                           "    },\n"
                           "    {\n"
                           "      \"name\": \"b\",\n"
                           "      \"openapi\": \"b.yaml\",\n"
                           "      \"security\": { \"mode\": \"none\" }\n"
                           "    }\n"
                           "  ]\n"
                           "}\n";
    WorkspaceEditor editor;
    QString error;
    QVERIFY(editor.openBytes(doc, QStringLiteral("ws.json"), &error));
    QVERIFY(editor.validate().ok);
    edit(editor);
    const WorkspaceEditor::Validation v = editor.validate();
    QVERIFY(!v.ok);
    QCOMPARE(v.path, path);
    QCOMPARE(v.line, line);
    if (!reason.isEmpty())
        QCOMPARE(v.reason, reason);
    QVERIFY2(v.message.startsWith(QStringLiteral("ws.json: ") + path + QStringLiteral(": ")), qPrintable(v.message));
    QVERIFY(!v.message.contains(QStringLiteral("hunter2"))); // a mistyped secret is never echoed
}

void TestWorkspaceEditor::firstKeyOfAnApiKeyService()
{
    // An apiKey service without any key: the loader refuses the file, the editor can still fix it.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.json"));
    QVERIFY(writeAll(path,
                     "{\n  \"version\": 1,\n  \"services\": [\n    { \"name\": \"demo\", \"openapi\": \"d.yaml\", "
                     "\"security\": { \"mode\": \"apiKey\" } }\n  ]\n}\n"));
    QVERIFY(!WorkspaceLoader::loadFile(path).ok);

    WorkspaceEditor editor;
    QString error;
    QVERIFY2(editor.open(path, &error), qPrintable(error));
    const QString key = editor.issueApiKey(QStringLiteral("demo"));
    QVERIFY(key.startsWith(QLatin1String(Gateway::ApiKey::Prefix)));
    QVERIFY(Gateway::ApiKey::hasValidChecksum(key.toLatin1()));
    QVERIFY2(editor.save(&error), qPrintable(error));

    const auto loaded = WorkspaceLoader::loadFile(path);
    QVERIFY2(loaded.ok, qPrintable(loaded.error));
    QCOMPARE(loaded.config.services.first().security.mode, EndpointSecurity::Mode::ApiKey);
    QVERIFY(Gateway::ApiKey::matches(key.toLatin1(), loaded.config.services.first().security.apiKeyHashes));
    const QByteArray saved = readAll(path);
    QVERIFY(!saved.contains(key.toLatin1())); // only the hash is stored
    QVERIFY2(saved.contains("{ \"name\": \"demo\", \"openapi\": \"d.yaml\", \"security\": { \"mode\": \"apiKey\", "
                            "\"apiKeyHashes\": [\"sha256:"),
             saved.constData());
    QVERIFY(!saved.contains("timeoutMs")); // no default spelled out
}

void TestWorkspaceEditor::renewalRevokesThePreviousKey()
{
    WorkspaceEditor editor;
    QVERIFY(editor.addService(QStringLiteral("demo"), QStringLiteral("d.yaml")));
    const QString first = editor.issueApiKey(QStringLiteral("demo"));
    const QString second = editor.issueApiKey(QStringLiteral("demo"), false);
    QStringList hashes;
    for (const QJsonValue& v : editor.value(QStringLiteral("$.services[0].security.apiKeyHashes")).toArray())
        hashes.append(v.toString());
    QCOMPARE(hashes.size(), 2);
    QVERIFY(Gateway::ApiKey::matches(first.toLatin1(), hashes));
    const QString third = editor.issueApiKey(QStringLiteral("demo"));
    hashes.clear();
    for (const QJsonValue& v : editor.value(QStringLiteral("$.services[0].security.apiKeyHashes")).toArray())
        hashes.append(v.toString());
    QCOMPARE(hashes, QStringList{Gateway::ApiKey::hash(third.toLatin1())});
    QVERIFY(!Gateway::ApiKey::matches(first.toLatin1(), hashes));
    QVERIFY(!Gateway::ApiKey::matches(second.toLatin1(), hashes));
    QVERIFY(editor.issueApiKey(QStringLiteral("absent")).isEmpty());
}

void TestWorkspaceEditor::servicesAddRemoveRename()
{
    WorkspaceEditor editor;
    QVERIFY(!editor.isModified());
    QVERIFY(editor.addService(QStringLiteral("a"), QStringLiteral("a.yaml"), QStringLiteral("http://127.0.0.1:9")));
    QVERIFY(editor.addService(QStringLiteral("b"), QStringLiteral("b.yaml")));
    QVERIFY(!editor.addService(QStringLiteral("a"), QStringLiteral("x.yaml"))); // names are unique
    QVERIFY(editor.isModified());
    QCOMPARE(editor.serviceNames(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(!editor.renameService(QStringLiteral("a"), QStringLiteral("b")));
    QVERIFY(editor.renameService(QStringLiteral("a"), QStringLiteral("c")));
    QVERIFY(editor.removeService(QStringLiteral("b")));
    QVERIFY(!editor.removeService(QStringLiteral("b")));
    QCOMPARE(editor.serviceNames(), QStringList{QStringLiteral("c")});
    QVERIFY(editor.setBackendAuth(QStringLiteral("c"),
                                  QJsonObject{{QStringLiteral("kind"), QStringLiteral("token")},
                                              {QStringLiteral("secretRef"), QStringLiteral("keychain:c-token")}}));
    const WorkspaceEditor::Validation v = editor.validate();
    QVERIFY2(v.ok, qPrintable(v.message));
    QCOMPARE(v.config.services.size(), 1);
    QCOMPARE(v.config.services.first().name, QStringLiteral("c"));
    QCOMPARE(v.config.services.first().baseUrl, QUrl(QStringLiteral("http://127.0.0.1:9")));
    QCOMPARE(v.config.services.first().backendAuth.secretRef, QStringLiteral("keychain:c-token"));
    // New members are written identity first.
    QVERIFY2(editor.toBytes().contains("\"name\": \"c\",\n      \"openapi\": \"a.yaml\",\n      \"baseUrl\""),
             editor.toBytes().constData());
    QVERIFY(editor.toBytes().contains("\"backendAuth\": {\n        \"kind\": \"token\""));
    QVERIFY(editor.setBackendAuth(QStringLiteral("c"), {}));
    QVERIFY(!editor.toBytes().contains("backendAuth"));
}

void TestWorkspaceEditor::saveIsAtomic()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.json"));
    const QByteArray original = "{\"version\": 1, \"services\": [], \"x-keep\": [1, 2]}\n";
    QVERIFY(writeAll(path, original));
    const ino_t before = inode(path);

    WorkspaceEditor editor;
    QString error;
    QVERIFY(editor.open(path, &error));
    QVERIFY(editor.addService(QStringLiteral("demo"), QStringLiteral("d.yaml")));
    QVERIFY2(editor.save(&error), qPrintable(error));
    QVERIFY(!editor.isModified());
    QCOMPARE(readAll(path), editor.toBytes());
    // Written next to the file and renamed over it: a new inode, no temporary left behind.
    QVERIFY(inode(path) != before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("ws.json")});

    // A write that fails half-way (file size limit, as on a full disk): the save fails, the
    // editor keeps its changes, and the file on disk is the previous one, byte for byte.
    const QByteArray good = readAll(path);
    for (int i = 0; i < 200; ++i)
        QVERIFY(editor.addService(QStringLiteral("svc%1").arg(i),
                                  QStringLiteral("some/long/path/document-%1.yaml").arg(i)));
    QVERIFY(editor.toBytes().size() > 8192);
    struct rlimit saved = {};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limited = saved;
    limited.rlim_cur = 4096;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
    const bool savedOk = editor.save(&error);
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, oldHandler);
    QVERIFY(!savedOk);
    QVERIFY(editor.isModified());
    QVERIFY2(error.startsWith(path), qPrintable(error));
    QCOMPARE(readAll(path), good);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("ws.json")});
}

void TestWorkspaceEditor::invalidDocumentIsNeverSaved()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.json"));
    const QByteArray original = "{\"version\": 1, \"services\": []}\n";
    QVERIFY(writeAll(path, original));
    WorkspaceEditor editor;
    QString error;
    QVERIFY(editor.open(path, &error));
    QVERIFY(editor.addService(QStringLiteral("demo"), QStringLiteral("d.yaml")));
    QVERIFY(editor.setSecurityMode(QStringLiteral("demo"), EndpointSecurity::Mode::OAuth2)); // no issuer yet
    QVERIFY(!editor.save(&error));
    QVERIFY2(error.contains(QStringLiteral("$.services[0].security.authorizationServers")), qPrintable(error));
    QCOMPARE(readAll(path), original);
    QVERIFY(!editor.saveAs(dir.filePath(QStringLiteral("other.json")), &error));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("other.json"))));
    QCOMPARE(editor.filePath(), path); // a refused Save As keeps the current file
}

void TestWorkspaceEditor::syntaxErrorIsRefusedWithLineAndColumn()
{
    WorkspaceEditor editor;
    QString error;
    QVERIFY(!editor.openBytes("{\n  \"version\": 1,\n  \"services\": [,]\n}\n", QStringLiteral("ws.json"), &error));
    QVERIFY2(error.startsWith(QStringLiteral("ws.json:3:")), qPrintable(error));
    QVERIFY(!editor.openBytes("[1]", QStringLiteral("ws.json"), &error));
    QVERIFY(!editor.open(QStringLiteral("/nonexistent/ws.json"), &error));
    QVERIFY(error.contains(QStringLiteral("cannot read")));
}

void TestWorkspaceEditor::newWorkspaceIsValid()
{
    WorkspaceEditor editor;
    const WorkspaceEditor::Validation v = editor.validate();
    QVERIFY2(v.ok, qPrintable(v.message));
    QVERIFY(editor.filePath().isEmpty());
    QString error;
    QVERIFY(!editor.save(&error)); // no file yet: Save As
}

QTEST_GUILESS_MAIN(TestWorkspaceEditor)
#include "tst_workspaceeditor.moc"
