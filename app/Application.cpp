// SPDX-License-Identifier: GPL-3.0-or-later
#include "Application.h"

#include "SignalWatcher.h"
#include "config/WorkspaceEditor.h"
#include "config/WorkspaceLoader.h"
#include "config/WorkspaceWatcher.h"
#include "core/GatewayController.h"
#include "core/GatewayServer.h"
#include "demo/DemoBackend.h"
#include "demo/SecureDemo.h"
#include "elicit/ElicitationBroker.h"
#include "elicit/ElicitedCredentialStore.h"
#include "log/TrafficLog.h"
#include "secrets/KeychainSecretStore.h"
#include "security/ApiKey.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>
#include <memory>

#ifdef PORTCULLIS_WITH_UI
#include "MainWindow.h"
#include <QApplication>
#include <QLocale>
#include <QTranslator>
#endif

namespace Portcullis {

namespace {

struct Options
{
    bool headless = false;
    bool demo = false;
    bool secureDemo = false; // implies demo: built in, no workspace file
    QString configPath;
    QString listen; // HOST:PORT, overrides the workspace
    bool logEvents = false;
    bool capturePayloads = false; // headless: keep MCP payloads in memory (the window always does)
    bool metrics = false;
    bool strict = false; // one refused service refuses the whole workspace (CI)
    QString newApiKeyFor; // service name: generate (or renew) its API key, then exit
    QString forgetCredentialsOf; // service name: drop its persisted elicited credentials, then exit
    QString forgetPerson; // optional: only this person's ("<iss> <sub>", "key:<id>")
};

void printLine(FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

#ifdef PORTCULLIS_WITH_UI
bool wantsOnlyText(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--headless" || arg == "--help" || arg == "-h" || arg == "--version" || arg == "-v"
            || arg == "--help-all" || arg == "--new-api-key" || arg == "--forget-credentials"
            || arg == "--secure-demo") // a terminal guide; the window starts it from its own action
            return true;
    }
    return false;
}

bool displayAvailable()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}
#endif

// Generates a new API key for one service of a workspace, stores only its hash through the
// WorkspaceEditor (atomic save, the rest of the file untouched) and prints the key once. Renewing
// revokes the previous key on every gateway reading the file. A service configured for apiKey
// mode with no key yet gets its first key this way: the editor works on the document, and the
// document is valid again once the hash is in.
int issueApiKey(const Options& options)
{
    Gateway::WorkspaceEditor editor;
    QString error;
    if (!editor.open(options.configPath, &error)) {
        printLine(stderr, QStringLiteral("error: %1").arg(error));
        return 2;
    }
    if (editor.serviceIndex(options.newApiKeyFor) < 0) {
        printLine(stderr,
                  QStringLiteral("error: no service named '%1' in %2").arg(options.newApiKeyFor, options.configPath));
        return 2;
    }
    const QString key = editor.issueApiKey(options.newApiKeyFor);
    if (!editor.save(&error)) {
        printLine(stderr, QStringLiteral("error: %1 was left unchanged: %2").arg(options.configPath, error));
        return 2;
    }
    printLine(stdout, key);
    printLine(stderr,
              QStringLiteral("New API key for service '%1' (%2). It is shown only now; the workspace keeps "
                             "only its hash. Send it as header x-reshapr-key. Any previous key is revoked.")
                  .arg(options.newApiKeyFor, Gateway::ApiKey::keyId(Gateway::ApiKey::hash(key.toLatin1()))));
    return 0;
}

// Drops the elicited backend credentials that a service persisted in the OS keychain, for one
// person or for everyone. A running gateway keeps its in-memory copies until it restarts or its
// revoke API is used.
int forgetCredentials(const Options& options)
{
    const auto loaded = Gateway::WorkspaceLoader::loadFile(options.configPath);
    if (!loaded.ok) {
        printLine(stderr, QStringLiteral("error: %1").arg(loaded.error));
        return 2;
    }
    const QString& name = options.forgetCredentialsOf;
    bool known = false;
    for (const Gateway::ServiceConfig& service : loaded.config.services)
        known = known || service.name == name;
    if (!known) {
        printLine(stderr, QStringLiteral("error: no service named '%1' in %2").arg(name, options.configPath));
        return 2;
    }
    Gateway::KeychainSecretStore keychain;
    Gateway::ElicitedCredentialStore store;
    store.setSecretStore(&keychain);
    QEventLoop loop;
    int removed = 0;
    QString error;
    store.forget(name, options.forgetPerson, [&](int count, const QString& problem) {
        removed = count;
        error = problem;
        loop.quit();
    });
    loop.exec();
    if (!error.isEmpty()) {
        printLine(stderr, QStringLiteral("error: %1").arg(error));
        return 1;
    }
    printLine(
        stderr,
        options.forgetPerson.isEmpty()
            ? QStringLiteral("Forgot %1 stored credential(s) of service '%2'.").arg(removed).arg(name)
            : QStringLiteral("Forgot %1 stored credential(s) of service '%2' for that person.").arg(removed).arg(name));
    return 0;
}

bool parseListen(const QString& text, QHostAddress* address, quint16* port)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535)
        return false;
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    if (!address->setAddress(host))
        return false;
    *port = quint16(p);
    return true;
}

// Everything one run owns; built the same way for GUI and headless.
class Runtime : public QObject
{
public:
    explicit Runtime(const Options& options)
        : m_options(options)
    {
    }

    // Lets keychain work that is under way finish (bounded), so a credential a person has just
    // typed is either fully persisted or not at all when the process stops.
    void finishPendingWork()
    {
        if (m_gateway && m_gateway->elicitationBroker())
            m_gateway->elicitationBroker()->store()->waitForPendingWork(3000);
    }

    // Returns 0 on success or the exit code to use.
    int start(bool headless)
    {
        Gateway::WorkspaceConfig config;
        if (m_options.secureDemo) {
            if (const int rc = startSecureDemo(&config))
                return rc;
        } else if (m_options.demo) {
            m_demo = std::make_unique<Gateway::DemoBackendHost>();
            const QUrl backendUrl = m_demo->start();
            if (backendUrl.isEmpty()) {
                printLine(stderr, QStringLiteral("error: the demo backend could not listen on loopback"));
                return 1;
            }
            printLine(stderr, QStringLiteral("demo backend: %1").arg(backendUrl.toString()));
            config = Gateway::WorkspaceLoader::demoWorkspace(backendUrl);
            config.gateway.metricsEnabled = config.gateway.metricsEnabled || m_options.metrics;
        } else {
            const auto loaded = Gateway::WorkspaceLoader::loadFile(m_options.configPath, serviceErrorPolicy());
            if (!loaded.ok) {
                printLine(stderr, QStringLiteral("error: %1").arg(loaded.error));
                return 2;
            }
            config = loaded.config;
            config.gateway.metricsEnabled = config.gateway.metricsEnabled || m_options.metrics;
        }

        QHostAddress address;
        quint16 port = 0;
        const QString listen = m_options.listen.isEmpty()
            ? QStringLiteral("%1:%2").arg(config.gateway.listenHost).arg(config.gateway.listenPort)
            : m_options.listen;
        if (!parseListen(listen, &address, &port)) {
            printLine(stderr,
                      QStringLiteral("error: --listen wants HOST:PORT with an IP address, got '%1'").arg(listen));
            return 2;
        }
        if (!address.isLoopback())
            printLine(stderr,
                      QStringLiteral("warning: listening on %1, which is not loopback. The embedded HTTP server "
                                     "is not hardened for the open internet; put a reverse proxy in front.")
                          .arg(address.toString()));

        m_gateway = std::make_unique<Gateway::GatewayServer>();
        m_gateway->setStrict(m_options.strict);
        m_gateway->setPayloadCaptureEnabled(m_options.capturePayloads);
        QString error;
        if (!m_gateway->applyConfig(config, &error)) {
            printLine(stderr, QStringLiteral("error: %1").arg(error));
            return 2;
        }
        if (!m_gateway->listen(address, port, &error)) {
            // The demo must start even when its usual port is taken.
            if (!(m_options.demo && m_options.listen.isEmpty() && m_gateway->listen(address, 0, &error))) {
                printLine(stderr, QStringLiteral("error: cannot listen on %1: %2").arg(listen, error));
                return 3;
            }
        }
        if (m_secureDemo)
            m_secureDemo->setGatewayBase(m_gateway->baseUrl());
        if (!m_options.demo) {
            m_watcher = std::make_unique<Gateway::WorkspaceWatcher>(m_options.configPath);
            m_watcher->setServiceErrors(serviceErrorPolicy());
            m_watcher->setCurrent(config);
            connect(
                m_watcher.get(), &Gateway::WorkspaceWatcher::configChanged, this,
                [this](const Gateway::WorkspaceConfig& next) {
                    Gateway::WorkspaceConfig adjusted = next;
                    adjusted.gateway.metricsEnabled = adjusted.gateway.metricsEnabled || m_options.metrics;
                    QString reason;
                    if (m_gateway->applyConfig(adjusted, &reason)) {
                        m_watcher->setCurrent(adjusted);
                        printLine(stderr,
                                  QStringLiteral("workspace reloaded: %1 service(s)").arg(adjusted.services.size()));
                        printServiceProblems();
                    } else {
                        printLine(
                            stderr,
                            QStringLiteral("workspace change refused, previous configuration kept: %1").arg(reason));
                    }
                });
            connect(m_watcher.get(), &Gateway::WorkspaceWatcher::configRejected, this, [this](const QString& reason) {
                printLine(stderr,
                          QStringLiteral("workspace change refused, previous configuration kept: %1").arg(reason));
                emit m_gateway->configRejected(reason);
            });
        }
        if (m_options.logEvents) {
            connect(m_gateway->trafficLog(), &Gateway::TrafficLog::eventAppended, this,
                    [](const Gateway::TrafficEvent& event) {
                        printLine(stdout,
                                  QString::fromUtf8(QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact)));
                    });
        }
        announce(headless);
        return 0;
    }

    Gateway::GatewayServer* gateway() const { return m_gateway.get(); }
    // What to try in the secure demo (plain text, names the demo client's secret); empty otherwise.
    QString secureDemoGuide() const { return m_secureDemo ? m_secureDemo->guide() : QString(); }

private:
    // --secure-demo: the demo authorization server and a bearer-protected demo backend on
    // loopback, and a service with OAuth2 on the endpoint and an elicited backend OAuth token.
    int startSecureDemo(Gateway::WorkspaceConfig* config)
    {
        m_secureDemo = std::make_unique<Gateway::SecureDemo>();
        QString error;
        if (!m_secureDemo->start(&error)) {
            printLine(stderr, QStringLiteral("error: the secure demo could not start: %1").arg(error));
            return 1;
        }
        *config = m_secureDemo->workspace(&error);
        if (!error.isEmpty()) {
            printLine(stderr, QStringLiteral("error: %1").arg(error));
            return 2;
        }
        config->gateway.metricsEnabled = config->gateway.metricsEnabled || m_options.metrics;
        printLine(stderr,
                  QStringLiteral("demo backend (wants a bearer token): %1").arg(m_secureDemo->backendUrl().toString()));
        printLine(stderr, QStringLiteral("demo authorization server (DEMO ONLY): %1").arg(m_secureDemo->issuer()));
        return 0;
    }

    Gateway::WorkspaceLoader::ServiceErrors serviceErrorPolicy() const
    {
        return m_options.strict ? Gateway::WorkspaceLoader::ServiceErrors::RefuseWorkspace
                                : Gateway::WorkspaceLoader::ServiceErrors::RefuseService;
    }

    // Refused services and import warnings (e.g. skipped operations) go to stderr, so nothing a
    // workspace asks for vanishes silently.
    void printServiceProblems()
    {
        for (const Gateway::ServiceStatus& s : m_gateway->services()) {
            if (!s.error.isEmpty())
                printLine(stderr,
                          QStringLiteral("error: service %1 is NOT served (its endpoint answers 503): %2")
                              .arg(s.name, s.error));
            for (const QString& warning : s.warnings)
                printLine(stderr, QStringLiteral("warning: service %1: %2").arg(s.name, warning));
        }
    }

    void announce(bool headless)
    {
        const QUrl base = m_gateway->baseUrl();
        printLine(stdout, QStringLiteral("listening on %1").arg(base.toString()));
        for (const Gateway::ServiceStatus& s : m_gateway->services()) {
            if (!s.error.isEmpty())
                continue;
            printLine(stderr,
                      QStringLiteral("service %1: %2 (%3 tools, endpoint security: %4)")
                          .arg(s.name, s.endpointUrl.toString())
                          .arg(s.toolCount)
                          .arg(s.securityMode));
        }
        printServiceProblems();
        if (headless && m_secureDemo)
            printLine(stderr, m_secureDemo->guide() + QStringLiteral("Press Ctrl+C to stop."));
        if (headless && m_options.demo && !m_secureDemo && !m_gateway->services().isEmpty()) {
            const QString endpoint = m_gateway->services().first().endpointUrl.toString();
            printLine(
                stderr,
                QStringLiteral("try it:\n"
                               "  curl -s %1 -H 'Content-Type: application/json' -H 'Accept: application/json, "
                               "text/event-stream' -H 'MCP-Protocol-Version: 2026-07-28' -H 'Mcp-Method: tools/call' "
                               "-H 'Mcp-Name: getForecast' -d '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                               "\"params\":{\"name\":\"getForecast\",\"arguments\":{\"city\":\"Lisbon\"},\"_meta\":{"
                               "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                               "\"io.modelcontextprotocol/clientCapabilities\":{}}}}'\n"
                               "  or point an MCP client (e.g. the MCP Inspector) at %1\n"
                               "Press Ctrl+C to stop.")
                    .arg(endpoint));
        }
    }

    Options m_options;
    std::unique_ptr<Gateway::DemoBackendHost> m_demo;
    std::unique_ptr<Gateway::SecureDemo> m_secureDemo; // before m_gateway: outlives it
    std::unique_ptr<Gateway::GatewayServer> m_gateway;
    std::unique_ptr<Gateway::WorkspaceWatcher> m_watcher;
};

int parseOptions(const QCoreApplication& app, Options* options)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main",
                                    "Portcullis exposes REST APIs (OpenAPI 3) as MCP servers at /mcp/{service}.\n"
                                    "Without --config it runs its built-in demo."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(QStringLiteral("headless"),
                                      QCoreApplication::translate("main", "Run without a window (servers, CI)."));
    const QCommandLineOption config(QStringLiteral("config"),
                                    QCoreApplication::translate("main", "Workspace file to serve (hot-reloaded)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QCoreApplication::translate("main", "Serve the built-in demo API and workspace."));
    const QCommandLineOption listen(
        QStringLiteral("listen"),
        QCoreApplication::translate("main", "Listen address, e.g. 127.0.0.1:8765 (port 0: any)."),
        QStringLiteral("HOST:PORT"));
    const QCommandLineOption logEvents(
        QStringLiteral("log-events"),
        QCoreApplication::translate("main", "Print one JSON line per traffic event to stdout."));
    const QCommandLineOption capturePayloads(
        QStringLiteral("capture-payloads"),
        QCoreApplication::translate("main",
                                    "Headless: keep redacted MCP and backend payloads in memory (written to the "
                                    "traffic log file only with gateway.capturePayloadsToFile)."));
    const QCommandLineOption metrics(QStringLiteral("metrics"),
                                     QCoreApplication::translate("main", "Serve Prometheus metrics at /metrics."));
    const QCommandLineOption newApiKey(
        QStringLiteral("new-api-key"),
        QCoreApplication::translate("main",
                                    "Generate (or renew) the API key of SERVICE in --config, print it once, exit."),
        QStringLiteral("SERVICE"));
    const QCommandLineOption strict(
        QStringLiteral("strict"),
        QCoreApplication::translate("main",
                                    "All or nothing (CI): refuse the whole workspace, at start and on reload, when "
                                    "any service's settings or OpenAPI document are refused. Without it such a "
                                    "service is not served (503) and the others run."));
    const QCommandLineOption secureDemo(
        QStringLiteral("secure-demo"),
        QCoreApplication::translate("main",
                                    "Serve the demo with OAuth2 on the endpoint and an elicited backend OAuth token, "
                                    "using a built-in demo authorization server (loopback only)."));
    const QCommandLineOption forgetCredentials(
        QStringLiteral("forget-credentials"),
        QCoreApplication::translate("main",
                                    "Drop the elicited backend credentials SERVICE in --config keeps in the keychain "
                                    "(all, or only those of PERSON given after it), exit."),
        QStringLiteral("SERVICE"));
    parser.addOptions({headless, config, demo, secureDemo, listen, logEvents, capturePayloads, metrics, strict,
                       newApiKey, forgetCredentials});
    parser.addPositionalArgument(QStringLiteral("PERSON"),
                                 QCoreApplication::translate("main", "With --forget-credentials: one person only."),
                                 QStringLiteral("[PERSON]"));
    parser.process(app);
    options->forgetCredentialsOf = parser.value(forgetCredentials);
    if (!options->forgetCredentialsOf.isEmpty() && parser.positionalArguments().size() == 1)
        options->forgetPerson = parser.positionalArguments().first();
    else if (!parser.positionalArguments().isEmpty()) {
        printLine(
            stderr,
            QStringLiteral("error: unexpected argument '%1' (see --help)").arg(parser.positionalArguments().first()));
        return 2;
    }
    options->headless = parser.isSet(headless);
    options->configPath = parser.value(config);
    options->demo = parser.isSet(demo) || options->configPath.isEmpty();
    if (parser.isSet(demo) && !options->configPath.isEmpty()) {
        printLine(stderr, QStringLiteral("error: --demo and --config exclude each other"));
        return 2;
    }
    options->secureDemo = parser.isSet(secureDemo);
    if (options->secureDemo && !options->configPath.isEmpty()) { // --demo --secure-demo is the secure demo
        printLine(stderr, QStringLiteral("error: --secure-demo and --config exclude each other"));
        return 2;
    }
    options->listen = parser.value(listen);
    options->logEvents = parser.isSet(logEvents);
    options->capturePayloads = parser.isSet(capturePayloads);
    options->metrics = parser.isSet(metrics);
    options->strict = parser.isSet(strict);
    options->newApiKeyFor = parser.value(newApiKey);
    if (!options->newApiKeyFor.isEmpty() && options->configPath.isEmpty()) {
        printLine(stderr, QStringLiteral("error: --new-api-key needs --config FILE"));
        return 2;
    }
    if (!options->forgetCredentialsOf.isEmpty() && options->configPath.isEmpty()) {
        printLine(stderr, QStringLiteral("error: --forget-credentials needs --config FILE"));
        return 2;
    }
    return 0;
}

int runHeadless(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("portcullis"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PORTCULLIS_VERSION));
    Options options;
    if (const int rc = parseOptions(app, &options))
        return rc;
    if (!options.newApiKeyFor.isEmpty())
        return issueApiKey(options);
    if (!options.forgetCredentialsOf.isEmpty())
        return forgetCredentials(options);
    Runtime runtime(options);
    if (const int rc = runtime.start(true))
        return rc;
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &app, [](int signalNumber) {
        printLine(stderr, QStringLiteral("signal %1: shutting down").arg(signalNumber));
        QCoreApplication::quit();
    });
    const int rc = app.exec();
    runtime.finishPendingWork();
    return rc;
}

} // namespace

int runApplication(int argc, char** argv)
{
#ifdef PORTCULLIS_WITH_UI
    if (!wantsOnlyText(argc, argv) && displayAvailable()) {
        QApplication app(argc, argv);
        QApplication::setApplicationName(QStringLiteral("portcullis"));
        QApplication::setOrganizationName(QStringLiteral("portcullis")); // QSettings: ~/.config/portcullis/
        QApplication::setApplicationDisplayName(QStringLiteral("Portcullis"));
        QApplication::setApplicationVersion(QStringLiteral(PORTCULLIS_VERSION));
        QApplication::setDesktopFileName(QStringLiteral("io.github.portcullis.Portcullis"));
        QTranslator translator;
        if (translator.load(QLocale(), QStringLiteral("portcullis"), QStringLiteral("_"), QStringLiteral(":/i18n")))
            QApplication::installTranslator(&translator);
        Options options;
        if (const int rc = parseOptions(app, &options))
            return rc;
        // The gateway runs on its own thread; the window only talks to the controller. A workspace
        // that cannot be served opens the window anyway, which says what is wrong.
        Gateway::GatewayController::Options gatewayOptions;
        gatewayOptions.forceMetrics = options.metrics;
        Gateway::GatewayController controller(gatewayOptions);
        QObject::connect(&controller, &Gateway::GatewayController::statusChanged, &app,
                         [announced = false](const Gateway::GatewayStatus& status) mutable {
                             if (!announced && status.listening) {
                                 announced = true;
                                 printLine(stdout, QStringLiteral("listening on %1").arg(status.baseUrl.toString()));
                             }
                             if (!status.listenError.isEmpty())
                                 printLine(stderr, QStringLiteral("error: %1").arg(status.listenError));
                         });
        if (options.logEvents) {
            QObject::connect(
                &controller, &Gateway::GatewayController::eventsAppended, &app,
                [](const QList<Gateway::TrafficEvent>& events) {
                    for (const Gateway::TrafficEvent& event : events)
                        printLine(stdout,
                                  QString::fromUtf8(QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact)));
                });
        }
        MainWindow window(&controller);
        if (options.demo) {
            controller.startDemo(options.listen);
            window.showDemo();
        } else {
            window.openWorkspace(options.configPath, options.listen);
        }
        SignalWatcher signalWatcher;
        QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &app, &QApplication::quit);
        return app.exec();
    }
#endif
    return runHeadless(argc, argv);
}

} // namespace Portcullis
