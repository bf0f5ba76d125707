// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): N sequential 2026-07-28 tools/call over one keep-alive connection to an
// in-process gateway (the demo service behind an API key, optionally with a backend token
// secret) and its demo backend on its own thread. Meant to run under
//   valgrind --tool=callgrind bench_toolscall N [apikey|token]
// twice with different N: the difference of the instruction totals divided by the difference of
// N is the cost of one tools/call (gateway + client + demo backend), free of start-up and of the
// noise of a shared machine. Without valgrind it prints calls per second (noisy).
#include "config/WorkspaceLoader.h"
#include "core/GatewayServer.h"
#include "demo/DemoBackend.h"
#include "security/ApiKey.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>
#include <QThread>

#include <atomic>
#include <cstdio>

using namespace Gateway;

namespace {

const QByteArray kKey = "bench-api-key-0123456789";

// Blocking client on its own thread: one request, read one Content-Length response, repeat.
class Client : public QThread
{
public:
    Client(quint16 port, int calls)
        : m_port(port)
        , m_calls(calls)
    {
    }
    std::atomic<int> ok{0};
    std::atomic<int> bad{0};

protected:
    void run() override
    {
        const QByteArray body = R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"getForecast",)"
                                R"("arguments":{"city":"Lisbon","days":3},"_meta":{"io.modelcontextprotocol/)"
                                R"(protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}})";
        const QByteArray request = "POST /mcp/demo HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port)
            + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
              "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: getForecast\r\n"
              "x-reshapr-key: "
            + kKey + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        if (!socket.waitForConnected(5000))
            return;
        QByteArray buffer;
        for (int i = 0; i < m_calls; ++i) {
            socket.write(request);
            socket.flush();
            for (;;) {
                const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
                if (headEnd >= 0) {
                    const QByteArray head = buffer.left(headEnd).toLower();
                    const qsizetype at = head.indexOf("content-length:");
                    const qsizetype lineEnd = head.indexOf("\r\n", at);
                    const qsizetype length
                        = head.mid(at + 15, lineEnd < 0 ? -1 : lineEnd - at - 15).trimmed().toLongLong();
                    if (buffer.size() >= headEnd + 4 + length) {
                        const QByteArray answer = buffer.mid(headEnd + 4, length);
                        (answer.contains("\"structuredContent\"") && !answer.contains("\"isError\":true") ? ok : bad)++;
                        buffer.remove(0, headEnd + 4 + length);
                        break;
                    }
                }
                if (!socket.waitForReadyRead(10000))
                    return;
                buffer += socket.readAll();
            }
        }
    }

private:
    quint16 m_port;
    int m_calls;
};

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int calls = argc > 1 ? QByteArray(argv[1]).toInt() : 2000;
    const QByteArray mode = argc > 2 ? QByteArray(argv[2]) : QByteArray("apikey");

    DemoBackendHost demo;
    const QUrl demoUrl = demo.start();
    WorkspaceConfig config = WorkspaceLoader::demoWorkspace(demoUrl);
    for (ServiceConfig& s : config.services) {
        s.security.mode = EndpointSecurity::Mode::ApiKey;
        s.security.apiKeyHashes = {ApiKey::hash(kKey)};
        if (mode == "token") {
            qputenv("PORTCULLIS_BENCH_TOKEN", "bench-backend-token-abcdef");
            s.backendAuth.kind = BackendAuth::Kind::Token;
            s.backendAuth.secretRef = QStringLiteral("${env:PORTCULLIS_BENCH_TOKEN}");
        }
    }
    GatewayServer server;
    QString error;
    if (!server.applyConfig(config, &error) || !server.listen(QHostAddress::LocalHost, 0, &error)) {
        std::fprintf(stderr, "gateway: %s\n", qPrintable(error));
        return 1;
    }
    Client client(server.serverPort(), calls);
    QElapsedTimer timer;
    timer.start();
    QObject::connect(&client, &QThread::finished, &app, &QCoreApplication::quit);
    client.start();
    app.exec();
    client.wait();
    const double seconds = timer.nsecsElapsed() / 1e9;
    std::printf("BENCH mode=%s calls=%d ok=%d bad=%d seconds=%.3f calls_per_s=%.0f\n", mode.constData(), calls,
                client.ok.load(), client.bad.load(), seconds, client.ok.load() / seconds);
    return client.ok.load() == calls ? 0 : 2;
}
