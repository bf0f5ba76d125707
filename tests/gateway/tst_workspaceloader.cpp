// SPDX-License-Identifier: GPL-3.0-or-later
// WorkspaceLoader: strict parsing of the versioned workspace file (every unknown or unsafe input is
// an error, never a silent default), JSON round trip, and atomic saving.
#include "config/WorkspaceLoader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>

using Gateway::BackendAuth;
using Gateway::EndpointSecurity;
using Gateway::ServiceConfig;
using Gateway::ToolNaming;
using Gateway::WorkspaceConfig;
using Gateway::WorkspaceLoader;

namespace {

const QString kSource = QStringLiteral("ws.json");
const QString kHash = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));

// A valid workspace with one service; `service` and `gateway` members are merged over the defaults.
QByteArray workspace(const QJsonObject& serviceExtra = {}, const QJsonObject& gatewayExtra = {})
{
    QJsonObject service{{QStringLiteral("name"), QStringLiteral("demo")},
                        {QStringLiteral("openapi"), QStringLiteral("demo-openapi.yaml")}};
    for (auto it = serviceExtra.begin(); it != serviceExtra.end(); ++it)
        service.insert(it.key(), it.value());
    QJsonObject gateway{{QStringLiteral("listen"), QStringLiteral("127.0.0.1:8765")}};
    for (auto it = gatewayExtra.begin(); it != gatewayExtra.end(); ++it)
        gateway.insert(it.key(), it.value());
    return QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                     {QStringLiteral("gateway"), gateway},
                                     {QStringLiteral("services"), QJsonArray{service}}})
        .toJson();
}

QJsonObject obj(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

WorkspaceConfig richConfig()
{
    WorkspaceConfig c;
    c.gateway.listenHost = QStringLiteral("::1");
    c.gateway.listenPort = 0;
    c.gateway.allowedHosts = QStringList{QStringLiteral("gateway.lan"), QStringLiteral("[fe80::1]")};
    c.gateway.allowedOrigins = QStringList{QStringLiteral("https://app.example.com")};
    c.gateway.maxBodyBytes = 2048;
    c.gateway.maxConnections = 7;
    c.gateway.idleTimeoutMs = 1234;
    c.gateway.maxSessions = 9;
    c.gateway.sessionIdleTimeoutMs = 5000;
    c.gateway.metricsEnabled = true;
    c.gateway.trafficLogFile = QStringLiteral("/var/tmp/portcullis-traffic.jsonl");

    ServiceConfig a;
    a.name = QStringLiteral("inventory.v2");
    a.openApiPath = QStringLiteral("specs/inventory.yaml");
    a.baseUrl = QUrl(QStringLiteral("https://api.example.com/v2"));
    a.timeoutMs = 1500;
    a.maxResponseBytes = 65536;
    a.toolNaming = ToolNaming::VerbPath;
    a.include = QStringList{QStringLiteral("getItem"), QStringLiteral("GET /v1/items")};
    a.exclude = QStringList{QStringLiteral("deleteItem")};
    a.security.mode = EndpointSecurity::Mode::ApiKey;
    a.security.apiKeyHashes = QStringList{kHash, QStringLiteral("sha256:") + QString(64, QLatin1Char('0'))};
    a.backendAuth.kind = BackendAuth::Kind::Token;
    a.backendAuth.secretRef = QStringLiteral("keychain:portcullis/inventory");
    a.backendAuth.headerName = QStringLiteral("X-Api-Token");

    ServiceConfig b;
    b.name = QStringLiteral("weather_1");
    b.openApiPath = QStringLiteral("/abs/weather.json");
    b.toolNaming = ToolNaming::OperationId;
    b.security.mode = EndpointSecurity::Mode::OAuth2;
    b.security.authorizationServers = QStringList{QStringLiteral("https://idp.example.com")};
    b.security.requiredScopes = QStringList{QStringLiteral("weather:read"), QStringLiteral("weather:write")};
    b.backendAuth.kind = BackendAuth::Kind::Basic;
    b.backendAuth.username = QStringLiteral("svc-user");
    b.backendAuth.secretRef = QStringLiteral("${env:WEATHER_PASSWORD}");

    ServiceConfig d;
    d.name = QStringLiteral("mtls-svc");
    d.openApiPath = QStringLiteral(":/portcullis/demo/demo-openapi.yaml");
    d.backendAuth.kind = BackendAuth::Kind::ClientCertificate;
    d.backendAuth.secretRef = QStringLiteral("keychain:mtls-key");
    d.backendAuth.certificateRef = QStringLiteral("keychain:mtls-cert");

    c.services = {a, b, d};
    return c;
}

void compareConfigs(const WorkspaceConfig& actual, const WorkspaceConfig& expected)
{
    QCOMPARE(actual.version, expected.version);
    const auto& g = actual.gateway;
    const auto& e = expected.gateway;
    QCOMPARE(g.listenHost, e.listenHost);
    QCOMPARE(g.listenPort, e.listenPort);
    QCOMPARE(g.allowedHosts, e.allowedHosts);
    QCOMPARE(g.allowedOrigins, e.allowedOrigins);
    QCOMPARE(g.maxBodyBytes, e.maxBodyBytes);
    QCOMPARE(g.maxConnections, e.maxConnections);
    QCOMPARE(g.idleTimeoutMs, e.idleTimeoutMs);
    QCOMPARE(g.maxSessions, e.maxSessions);
    QCOMPARE(g.sessionIdleTimeoutMs, e.sessionIdleTimeoutMs);
    QCOMPARE(g.metricsEnabled, e.metricsEnabled);
    QCOMPARE(g.trafficLogFile, e.trafficLogFile);
    QCOMPARE(actual.services.size(), expected.services.size());
    for (int i = 0; i < actual.services.size(); ++i) {
        const ServiceConfig& s = actual.services.at(i);
        const ServiceConfig& x = expected.services.at(i);
        QCOMPARE(s.name, x.name);
        QCOMPARE(s.openApiPath, x.openApiPath);
        QCOMPARE(s.baseUrl, x.baseUrl);
        QCOMPARE(s.timeoutMs, x.timeoutMs);
        QCOMPARE(s.maxResponseBytes, x.maxResponseBytes);
        QCOMPARE(s.toolNaming, x.toolNaming);
        QCOMPARE(s.include, x.include);
        QCOMPARE(s.exclude, x.exclude);
        QCOMPARE(s.security.mode, x.security.mode);
        QCOMPARE(s.security.apiKeyHashes, x.security.apiKeyHashes);
        QCOMPARE(s.security.authorizationServers, x.security.authorizationServers);
        QCOMPARE(s.security.requiredScopes, x.security.requiredScopes);
        QCOMPARE(s.backendAuth.kind, x.backendAuth.kind);
        QCOMPARE(s.backendAuth.username, x.backendAuth.username);
        QCOMPARE(s.backendAuth.secretRef, x.backendAuth.secretRef);
        QCOMPARE(s.backendAuth.headerName, x.backendAuth.headerName);
        QCOMPARE(s.backendAuth.certificateRef, x.backendAuth.certificateRef);
    }
}

QStringList filesIn(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

} // namespace

class tst_WorkspaceLoader : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void defaultsApplied();
    void demoWorkspaceFileLoads();
    void validVariants_data();
    void validVariants();
    void invalid_data();
    void invalid();
    void secretNeverEchoedInError();
    void syntaxErrorLocation_data();
    void syntaxErrorLocation();
    void unreadableFile();
    void saveFileWritesLoadableFile();
    void saveFileIntoMissingDirectoryLeavesNothing();
    void saveFileFailureKeepsPreviousFile();
};

void tst_WorkspaceLoader::roundTrip()
{
    const WorkspaceConfig original = richConfig();
    const QJsonObject json = WorkspaceLoader::toJson(original);
    const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Indented);
    const WorkspaceLoader::Result parsed = WorkspaceLoader::parse(text, kSource);
    QVERIFY2(parsed.ok, qPrintable(parsed.error));
    QVERIFY(parsed.error.isEmpty());
    compareConfigs(parsed.config, original);
    // And the serialization is stable: toJson(parse(toJson(c))) == toJson(c).
    QCOMPARE(WorkspaceLoader::toJson(parsed.config), json);
    // IPv6 hosts are written bracketed so that the port stays unambiguous.
    QCOMPARE(json.value(QLatin1String("gateway"))[QLatin1String("listen")].toString(), QStringLiteral("[::1]:0"));
}

void tst_WorkspaceLoader::defaultsApplied()
{
    const auto r = WorkspaceLoader::parse(R"({"version":1,"services":[{"name":"demo","openapi":"x.yaml"}]})", kSource);
    QVERIFY2(r.ok, qPrintable(r.error));
    const WorkspaceConfig defaults;
    QCOMPARE(r.config.gateway.listenHost, QStringLiteral("127.0.0.1"));
    QCOMPARE(r.config.gateway.listenPort, 8765);
    QCOMPARE(r.config.gateway.maxBodyBytes, defaults.gateway.maxBodyBytes);
    QCOMPARE(r.config.gateway.metricsEnabled, false);
    QCOMPARE(r.config.services.size(), 1);
    const ServiceConfig& s = r.config.services.first();
    QCOMPARE(s.timeoutMs, 30000);
    QCOMPARE(s.maxResponseBytes, qint64(10 * 1024 * 1024));
    QCOMPARE(s.toolNaming, ToolNaming::Auto);
    QCOMPARE(s.security.mode, EndpointSecurity::Mode::None);
    QCOMPARE(s.backendAuth.kind, BackendAuth::Kind::None);
    QVERIFY(s.baseUrl.isEmpty());
}

void tst_WorkspaceLoader::demoWorkspaceFileLoads()
{
    const QString path = QStringLiteral(PORTCULLIS_SOURCE_DIR "/resources/demo/demo-workspace.json");
    const auto r = WorkspaceLoader::loadFile(path);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.config.filePath, path);
    QCOMPARE(r.config.services.size(), 1);
    QCOMPARE(r.config.services.first().name, QStringLiteral("demo"));
    QCOMPARE(r.config.services.first().timeoutMs, 10000);

    const WorkspaceConfig demo = WorkspaceLoader::demoWorkspace(QUrl(QStringLiteral("http://127.0.0.1:4321")));
    QCOMPARE(demo.services.size(), 1);
    QCOMPARE(demo.services.first().baseUrl, QUrl(QStringLiteral("http://127.0.0.1:4321")));
    QCOMPARE(demo.services.first().openApiPath, QStringLiteral(":/portcullis/demo/demo-openapi.yaml"));
}

void tst_WorkspaceLoader::validVariants_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("x- extension at every level")
        << QByteArray(R"({"version":1,"x-note":"hi","$schema":"s","gateway":{"x-a":1},
            "services":[{"name":"a","openapi":"a.yaml","x-b":true}]})");
    QTest::newRow("no services") << QByteArray(R"({"version":1,"services":[]})");
    QTest::newRow("listen bracketed IPv6") << workspace({}, obj(R"({"listen":"[::1]:9000"})"));
    QTest::newRow("listen port 0") << workspace({}, obj(R"({"listen":"localhost:0"})"));
    QTest::newRow("env secretRef") << workspace(
        obj(R"({"backendAuth":{"kind":"token","secretRef":"${env:API_TOKEN}"}})"));
    QTest::newRow("keychain secretRef") << workspace(
        obj(R"({"backendAuth":{"kind":"basic","username":"u","secretRef":"keychain:svc/basic"}})"));
    QTest::newRow("apiKey with sha256 hash")
        << workspace(QJsonObject{{QStringLiteral("security"),
                                  QJsonObject{{QStringLiteral("mode"), QStringLiteral("apiKey")},
                                              {QStringLiteral("apiKeyHashes"), QJsonArray{kHash}}}}});
    QTest::newRow("name of 64 chars") << workspace(
        QJsonObject{{QStringLiteral("name"), QString(64, QLatin1Char('n'))}});
}

void tst_WorkspaceLoader::validVariants()
{
    QFETCH(QByteArray, content);
    const auto r = WorkspaceLoader::parse(content, kSource);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(r.error.isEmpty());
}

void tst_WorkspaceLoader::invalid_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expectedError"); // exact prefix of the error text

    const QString svc = kSource + QStringLiteral(": $.services[0].");
    const QString gw = kSource + QStringLiteral(": $.gateway.listen: must be HOST:PORT");

    // Structure and version.
    QTest::newRow("not an object") << QByteArray("[1,2]")
                                   << kSource + QStringLiteral(":1:1: the workspace must be a JSON object");
    QTest::newRow("version missing") << QByteArray(R"({"services":[]})")
                                     << kSource + QStringLiteral(": $.version: must be 1");
    QTest::newRow("version 2") << QByteArray(R"({"version":2,"services":[]})")
                               << kSource + QStringLiteral(": $.version: must be 1");
    QTest::newRow("version 0") << QByteArray(R"({"version":0,"services":[]})")
                               << kSource + QStringLiteral(": $.version: must be 1");
    QTest::newRow("version as string") << QByteArray(R"({"version":"1","services":[]})")
                                       << kSource + QStringLiteral(": $.version: must be 1");
    QTest::newRow("version 1.5") << QByteArray(R"({"version":1.5,"services":[]})")
                                 << kSource + QStringLiteral(": $.version: must be 1");
    QTest::newRow("services missing") << QByteArray(R"({"version":1})")
                                      << kSource + QStringLiteral(": $.services: must be an array");
    QTest::newRow("service not an object") << QByteArray(R"({"version":1,"services":["demo"]})")
                                           << kSource + QStringLiteral(": $.services[0]: must be an object");

    // Unknown properties at every level.
    QTest::newRow("unknown root property") << QByteArray(R"({"version":1,"services":[],"servics":[]})")
                                           << kSource + QStringLiteral(": $.servics: unknown property");
    QTest::newRow("unknown gateway property")
        << workspace({}, obj(R"({"metric":true})")) << kSource + QStringLiteral(": $.gateway.metric: unknown property");
    QTest::newRow("unknown service property")
        << workspace(obj(R"({"timeout":5})")) << svc + QStringLiteral("timeout: unknown property");
    QTest::newRow("unknown security property") << workspace(obj(R"({"security":{"mode":"none","allowAll":true}})"))
                                               << svc + QStringLiteral("security.allowAll: unknown property");
    QTest::newRow("unknown backendAuth property")
        << workspace(obj(R"({"backendAuth":{"kind":"token","secret":"hunter2"}})"))
        << svc + QStringLiteral("backendAuth.secret: unknown property");

    // Security mode: anything unknown is an error, never a fallback to none.
    const QString modeError = svc + QStringLiteral("security.mode: must be one of none, apiKey, oauth2");
    QTest::newRow("mode typo") << workspace(obj(R"({"security":{"mode":"apikey"}})")) << modeError;
    QTest::newRow("mode None capitalised") << workspace(obj(R"({"security":{"mode":"None"}})")) << modeError;
    QTest::newRow("mode empty") << workspace(obj(R"({"security":{"mode":""}})")) << modeError;
    QTest::newRow("mode jwt") << workspace(obj(R"({"security":{"mode":"jwt"}})")) << modeError;
    QTest::newRow("mode not a string") << workspace(obj(R"({"security":{"mode":0}})"))
                                       << svc + QStringLiteral("security.mode: must be a string");
    QTest::newRow("security null") << workspace(obj(R"({"security":null})"))
                                   << svc + QStringLiteral("security: must be an object");
    QTest::newRow("apiKey without hashes")
        << workspace(obj(R"({"security":{"mode":"apiKey"}})"))
        << svc + QStringLiteral("security.apiKeyHashes: apiKey mode needs at least one key hash");
    QTest::newRow("apiKey with empty hash list")
        << workspace(obj(R"({"security":{"mode":"apiKey","apiKeyHashes":[]}})"))
        << svc + QStringLiteral("security.apiKeyHashes: apiKey mode needs at least one key hash");
    // resources/workspace.schema.json: apiKeyHashes items match ^sha256:[0-9a-f]{64}$. A pasted
    // plaintext key is a literal secret in the file and must be refused like a literal secretRef.
    QTest::newRow("apiKey hash that is a plaintext key")
        << workspace(obj(R"({"security":{"mode":"apiKey","apiKeyHashes":["rshp_0123456789abcdefghijklmnopqrstuv"]}})"))
        << svc + QStringLiteral("security.apiKeyHashes:");
    QTest::newRow("oauth2 without issuers")
        << workspace(obj(R"({"security":{"mode":"oauth2"}})"))
        << svc + QStringLiteral("security.authorizationServers: oauth2 mode needs at least one issuer");
    QTest::newRow("backendAuth kind unknown")
        << workspace(obj(R"({"backendAuth":{"kind":"bearer"}})"))
        << svc + QStringLiteral("backendAuth.kind: must be one of none, basic, token, clientCertificate");

    // Service names: the /mcp/{name} path segment.
    const QString nameError = svc + QStringLiteral("name: must be 1-64 characters of A-Z a-z 0-9 _ . -");
    QTest::newRow("name with space") << workspace(obj(R"({"name":"my api"})")) << nameError;
    QTest::newRow("name with slash") << workspace(obj(R"({"name":"a/b"})")) << nameError;
    QTest::newRow("name with percent") << workspace(obj(R"({"name":"a%2Fb"})")) << nameError;
    QTest::newRow("name non-ASCII") << workspace(QJsonObject{{QStringLiteral("name"), QStringLiteral("caf\u00e9")}})
                                    << nameError;
    QTest::newRow("name of 65 chars") << workspace(QJsonObject{{QStringLiteral("name"), QString(65, QLatin1Char('n'))}})
                                      << nameError;
    QTest::newRow("name empty") << workspace(obj(R"({"name":""})")) << nameError;
    QTest::newRow("name missing") << QByteArray(R"({"version":1,"services":[{"openapi":"a.yaml"}]})")
                                  << svc + QStringLiteral("name: is required");
    QTest::newRow("name not a string") << workspace(obj(R"({"name":7})"))
                                       << svc + QStringLiteral("name: must be a string");
    QTest::newRow("openapi missing") << QByteArray(R"({"version":1,"services":[{"name":"a"}]})")
                                     << svc + QStringLiteral("openapi: is required");
    QTest::newRow("duplicate names") << QByteArray(
        R"({"version":1,"services":[{"name":"a","openapi":"a.yaml"},{"name":"b","openapi":"b.yaml"},
                      {"name":"a","openapi":"c.yaml"}]})")
                                     << kSource
            + QStringLiteral(": $.services[2].name: duplicates another service's name");

    // Secret references: never a literal secret.
    const QString refError
        = svc
        + QStringLiteral(
              "backendAuth.secretRef: must be a reference (keychain:<entry> or ${env:NAME}), never a secret value");
    QTest::newRow("secretRef literal password")
        << workspace(obj(R"({"backendAuth":{"kind":"basic","username":"u","secretRef":"hunter2"}})")) << refError;
    QTest::newRow("secretRef bearer token")
        << workspace(obj(R"({"backendAuth":{"kind":"token","secretRef":"Bearer eyJhbGciOi.eyJzdWIi.c2ln"}})"))
        << refError;
    QTest::newRow("secretRef keychain without entry")
        << workspace(obj(R"({"backendAuth":{"kind":"token","secretRef":"keychain:"}})")) << refError;
    QTest::newRow("secretRef keychain with trailing secret")
        << workspace(obj(R"({"backendAuth":{"kind":"token","secretRef":"keychain:entry hunter2"}})")) << refError;
    QTest::newRow("secretRef env bad name")
        << workspace(obj(R"({"backendAuth":{"kind":"token","secretRef":"${env:1TOKEN}"}})")) << refError;
    QTest::newRow("secretRef env with suffix")
        << workspace(obj(R"({"backendAuth":{"kind":"token","secretRef":"${env:TOKEN}hunter2"}})")) << refError;
    QTest::newRow("secretRef shell expansion")
        << workspace(obj(R"({"backendAuth":{"kind":"token","secretRef":"$TOKEN"}})")) << refError;

    // Backend URL.
    const QString urlError = svc + QStringLiteral("baseUrl: must be an absolute http(s) URL");
    QTest::newRow("baseUrl relative") << workspace(obj(R"({"baseUrl":"/v1"})")) << urlError;
    QTest::newRow("baseUrl ftp") << workspace(obj(R"({"baseUrl":"ftp://files.example.com/"})")) << urlError;
    // A password in the URL is a literal secret in the workspace file.
    QTest::newRow("baseUrl with credentials")
        << workspace(obj(R"({"baseUrl":"https://user:hunter2@api.example.com/"})")) << svc + QStringLiteral("baseUrl:");

    // Integers and ranges.
    QTest::newRow("timeoutMs below minimum")
        << workspace(obj(R"({"timeoutMs":99})"))
        << svc + QStringLiteral("timeoutMs: must be an integer from 100 to 600000");
    QTest::newRow("timeoutMs fractional") << workspace(obj(R"({"timeoutMs":1000.5})"))
                                          << svc + QStringLiteral("timeoutMs: must be an integer from 100 to 600000");
    QTest::newRow("timeoutMs as string") << workspace(obj(R"({"timeoutMs":"1000"})"))
                                         << svc + QStringLiteral("timeoutMs: must be an integer from 100 to 600000");
    // Far outside qint64: refused by range, never converted (the conversion is undefined behaviour
    // that the sanitizer build turns into a failure).
    QTest::newRow("timeoutMs 1e300") << workspace(obj(R"({"timeoutMs":1e300})"))
                                     << svc + QStringLiteral("timeoutMs: must be an integer from 100 to 600000");
    QTest::newRow("timeoutMs -1e300") << workspace(obj(R"({"timeoutMs":-1e300})"))
                                      << svc + QStringLiteral("timeoutMs: must be an integer from 100 to 600000");
    QTest::newRow("maxBodyBytes 1e19")
        << workspace({}, obj(R"({"maxBodyBytes":1e19})"))
        << kSource + QStringLiteral(": $.gateway.maxBodyBytes: must be an integer from 1024 to 268435456");
    QTest::newRow("maxBodyBytes too big")
        << workspace({}, obj(R"({"maxBodyBytes":268435457})"))
        << kSource + QStringLiteral(": $.gateway.maxBodyBytes: must be an integer from 1024 to 268435456");
    QTest::newRow("metrics not bool") << workspace({}, obj(R"({"metrics":"yes"})"))
                                      << kSource + QStringLiteral(": $.gateway.metrics: must be true or false");
    QTest::newRow("toolNaming unknown") << workspace(obj(R"({"toolNaming":"snake"})"))
                                        << svc
            + QStringLiteral("toolNaming: must be one of auto, operationId, verbPath");
    QTest::newRow("include not strings") << workspace(obj(R"({"include":["a",1]})"))
                                         << svc + QStringLiteral("include: must be an array of strings");

    // listen must be HOST:PORT.
    QTest::newRow("listen without port") << workspace({}, obj(R"({"listen":"127.0.0.1"})")) << gw;
    QTest::newRow("listen empty port") << workspace({}, obj(R"({"listen":"127.0.0.1:"})")) << gw;
    QTest::newRow("listen port not a number") << workspace({}, obj(R"({"listen":"localhost:http"})")) << gw;
    QTest::newRow("listen port too big") << workspace({}, obj(R"({"listen":"127.0.0.1:65536"})")) << gw;
    QTest::newRow("listen negative port") << workspace({}, obj(R"({"listen":"127.0.0.1:-1"})")) << gw;
    QTest::newRow("listen without host") << workspace({}, obj(R"({"listen":":8765"})")) << gw;
    QTest::newRow("listen bracketed IPv6 without port") << workspace({}, obj(R"({"listen":"[::1]"})")) << gw;
    QTest::newRow("listen bare IPv6") << workspace({}, obj(R"({"listen":"::1"})")) << gw;
    QTest::newRow("listen number") << workspace({}, obj(R"({"listen":8765})"))
                                   << kSource + QStringLiteral(": $.gateway.listen: must be a string");
}

void tst_WorkspaceLoader::invalid()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expectedError);
    const auto r = WorkspaceLoader::parse(content, kSource);
    QVERIFY2(!r.ok, "a workspace with this defect must be refused");
    QVERIFY2(r.error.startsWith(expectedError),
             qPrintable(QStringLiteral("error was: %1\nexpected prefix: %2").arg(r.error, expectedError)));
    // A refused file yields no half-read configuration either.
    QVERIFY(r.config.services.isEmpty());
}

void tst_WorkspaceLoader::secretNeverEchoedInError()
{
    const QByteArray content = workspace(obj(R"({"backendAuth":{"kind":"token","secretRef":"CANARY-SECRET-93f1"}})"));
    const auto r = WorkspaceLoader::parse(content, kSource);
    QVERIFY(!r.ok);
    QVERIFY(!r.error.contains(QLatin1String("CANARY-SECRET-93f1")));
}

void tst_WorkspaceLoader::syntaxErrorLocation_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column"); // 1-based column of the offending character

    QTest::newRow("bare word") << QByteArray("{\n  \"version\": 1,\n  oops\n}") << 3 << 3;
    QTest::newRow("trailing comma") << QByteArray("{\n  \"version\": 1,\n}") << 3 << 1;
    QTest::newRow("double comma") << QByteArray("{\n\t\"a\": [1,,2]\n}") << 2 << 10;
    QTest::newRow("garbage after document") << QByteArray("{\"version\": 1,\n \"services\": []}\nx") << 3 << 1;
    QTest::newRow("truncated (half-written) file")
        << QByteArray("{\n  \"version\": 1,\n  \"services\": [\n    {\"na") << 4 << 9;
}

void tst_WorkspaceLoader::syntaxErrorLocation()
{
    QFETCH(QByteArray, content);
    QFETCH(int, line);
    QFETCH(int, column);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("broken.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();

    const auto r = WorkspaceLoader::loadFile(path);
    QVERIFY(!r.ok);
    // "<file>:<line>:<column>: <reason>". QJsonParseError::offset points at, or one past, the
    // offending character depending on the error kind; both are accepted for the column.
    const QRegularExpression re(QStringLiteral("^%1:(\\d+):(\\d+): \\S").arg(QRegularExpression::escape(path)));
    const auto m = re.match(r.error);
    QVERIFY2(m.hasMatch(), qPrintable(r.error));
    QCOMPARE(m.captured(1).toInt(), line);
    const int reported = m.captured(2).toInt();
    QVERIFY2(reported == column || reported == column + 1,
             qPrintable(QStringLiteral("column %1, expected %2 (or %3)").arg(reported).arg(column).arg(column + 1)));
    QVERIFY(r.config.services.isEmpty());
}

void tst_WorkspaceLoader::unreadableFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("absent.json"));
    const auto r = WorkspaceLoader::loadFile(path);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.startsWith(path + QStringLiteral(": cannot read: ")), qPrintable(r.error));
}

void tst_WorkspaceLoader::saveFileWritesLoadableFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("workspace.json"));
    const WorkspaceConfig config = richConfig();
    QString error;
    QVERIFY2(WorkspaceLoader::saveFile(config, path, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray written = f.readAll();
    QCOMPARE(QJsonDocument::fromJson(written).object(), WorkspaceLoader::toJson(config));
    const auto loaded = WorkspaceLoader::loadFile(path);
    QVERIFY2(loaded.ok, qPrintable(loaded.error));
    QCOMPARE(loaded.config.filePath, path);
    compareConfigs(loaded.config, config);
    // Nothing but the target is left in the directory (no temp files).
    QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("workspace.json")});

    // Overwrite: replaced as a whole.
    WorkspaceConfig smaller;
    smaller.services.clear();
    QVERIFY2(WorkspaceLoader::saveFile(smaller, path, &error), qPrintable(error));
    const auto reloaded = WorkspaceLoader::loadFile(path);
    QVERIFY2(reloaded.ok, qPrintable(reloaded.error));
    QVERIFY(reloaded.config.services.isEmpty());
    QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("workspace.json")});
}

void tst_WorkspaceLoader::saveFileIntoMissingDirectoryLeavesNothing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString missing = dir.filePath(QStringLiteral("missing"));
    const QString path = missing + QStringLiteral("/workspace.json");
    QString error;
    QVERIFY(!WorkspaceLoader::saveFile(richConfig(), path, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(!QFileInfo::exists(missing));
    QVERIFY(filesIn(dir.path()).isEmpty());
}

void tst_WorkspaceLoader::saveFileFailureKeepsPreviousFile()
{
    // Make the write itself fail half-way (RLIMIT_FSIZE, works even as root): the previous file
    // must stay byte-for-byte intact and no partial or temporary file may remain.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("workspace.json"));
    const QByteArray previous = "{\"version\":1,\"services\":[]}\n";
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(previous);
    }
    WorkspaceConfig big = richConfig();
    for (int i = 0; i < 50; ++i) {
        ServiceConfig s = big.services.first();
        s.name = QStringLiteral("svc%1").arg(i);
        big.services.append(s);
    }
    QVERIFY(QJsonDocument(WorkspaceLoader::toJson(big)).toJson().size() > 8192);

    struct rlimit saved
    {
    };
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limited = saved;
    limited.rlim_cur = 4096;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
    QString error;
    const bool saved_ok = WorkspaceLoader::saveFile(big, path, &error);
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, oldHandler);

    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray after = f.readAll();
    QVERIFY2(
        after == previous,
        qPrintable(QStringLiteral("the workspace file was replaced by %1 bytes (JSON valid: %2); saveFile returned %3")
                       .arg(after.size())
                       .arg(!QJsonDocument::fromJson(after).isNull())
                       .arg(saved_ok)));
    QVERIFY(!saved_ok);
    QVERIFY(!error.isEmpty());
    QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("workspace.json")});
}

QTEST_GUILESS_MAIN(tst_WorkspaceLoader)
#include "tst_workspaceloader.moc"
