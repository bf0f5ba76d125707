// SPDX-License-Identifier: GPL-3.0-or-later
// Destroying a GatewayServer (application quit, headless runner stop) while work is still pending:
// a backend call in flight, an open SSE stream, an idle keep-alive client. Kept apart from
// tst_gatewayserver because a failure here is a crash that would hide every other result.
#include "FaultBackend.h"
#include "config/WorkspaceLoader.h"
#include "core/GatewayServer.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QtTest>

using Gateway::GatewayServer;
using Gateway::ServiceConfig;
using Gateway::WorkspaceConfig;
using TestSupport::FaultBackend;
using TestSupport::FaultResponse;

namespace {

WorkspaceConfig workspaceFor(const QUrl& backend)
{
    WorkspaceConfig config = Gateway::WorkspaceLoader::demoWorkspace(backend);
    config.services.first().timeoutMs = 10000;
    return config;
}

QNetworkRequest mcpRequest(const GatewayServer& server, const QByteArray& method, const QByteArray& name = {})
{
    QUrl url = server.baseUrl();
    url.setPath(QStringLiteral("/mcp/demo"));
    QNetworkRequest request(url);
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("Accept", "application/json, text/event-stream");
    request.setRawHeader("MCP-Protocol-Version", "2026-07-28");
    request.setRawHeader("Mcp-Method", method);
    if (!name.isEmpty())
        request.setRawHeader("Mcp-Name", name);
    return request;
}

QByteArray modernBody(const QString& method, QJsonObject params)
{
    params.insert(QStringLiteral("_meta"),
                  QJsonObject{{QStringLiteral("io.modelcontextprotocol/protocolVersion"), QStringLiteral("2026-07-28")},
                              {QStringLiteral("io.modelcontextprotocol/clientCapabilities"), QJsonObject{}}});
    return QJsonDocument(QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                     {QStringLiteral("id"), 1},
                                     {QStringLiteral("method"), method},
                                     {QStringLiteral("params"), params}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class tst_GatewayShutdown : public QObject
{
    Q_OBJECT

private slots:
    void idleClientConnected();
    void openSubscriptionStream();
    void backendCallInFlight();
};

void tst_GatewayShutdown::idleClientConnected()
{
    FaultBackend backend;
    QVERIFY(backend.start().isValid());
    auto server = std::make_unique<GatewayServer>();
    QVERIFY(server->applyConfig(workspaceFor(backend.baseUrl())));
    QVERIFY(server->listen(QHostAddress::LocalHost, 0));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server->serverPort());
    QVERIFY(socket.waitForConnected(2000));
    QTest::qWait(50);
    server.reset();
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 2000);
}

void tst_GatewayShutdown::openSubscriptionStream()
{
    FaultBackend backend;
    QVERIFY(backend.start().isValid());
    auto server = std::make_unique<GatewayServer>();
    QVERIFY(server->applyConfig(workspaceFor(backend.baseUrl())));
    QVERIFY(server->listen(QHostAddress::LocalHost, 0));
    QNetworkAccessManager nam;
    QNetworkReply* stream = nam.post(
        mcpRequest(*server, "subscriptions/listen"),
        modernBody(QStringLiteral("subscriptions/listen"),
                   {{QStringLiteral("notifications"), QJsonObject{{QStringLiteral("toolsListChanged"), true}}}}));
    QByteArray received;
    connect(stream, &QNetworkReply::readyRead, stream, [&]() { received += stream->readAll(); });
    QTRY_VERIFY_WITH_TIMEOUT(received.contains("notifications/subscriptions/acknowledged"), 3000);
    server.reset();
    QTRY_VERIFY_WITH_TIMEOUT(stream->isFinished(), 3000);
}

void tst_GatewayShutdown::backendCallInFlight()
{
    FaultBackend backend;
    QVERIFY(backend.start().isValid());
    FaultResponse hang;
    hang.kind = FaultResponse::Kind::Hang;
    backend.setResponse(hang);
    auto server = std::make_unique<GatewayServer>();
    QVERIFY(server->applyConfig(workspaceFor(backend.baseUrl())));
    QVERIFY(server->listen(QHostAddress::LocalHost, 0));
    QNetworkAccessManager nam;
    QNetworkReply* call = nam.post(
        mcpRequest(*server, "tools/call", "getForecast"),
        modernBody(QStringLiteral("tools/call"),
                   {{QStringLiteral("name"), QStringLiteral("getForecast")},
                    {QStringLiteral("arguments"), QJsonObject{{QStringLiteral("city"), QStringLiteral("Lisbon")}}}}));
    QTRY_COMPARE_WITH_TIMEOUT(backend.requestCount(), 1, 3000);
    server.reset(); // must not crash with the call still owed to the client
    QTRY_VERIFY_WITH_TIMEOUT(call->isFinished(), 3000);
    // The backend connection is released, not left hanging until the 10 s service timeout.
    QTRY_COMPARE_WITH_TIMEOUT(backend.abandonedCount(), 1, 3000);
}

QTEST_GUILESS_MAIN(tst_GatewayShutdown)
#include "tst_gatewayshutdown.moc"
