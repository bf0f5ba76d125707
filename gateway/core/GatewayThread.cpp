// SPDX-License-Identifier: GPL-3.0-or-later
#include "GatewayThread.h"

#include "GatewaySnapshot.h"
#include "config/WorkspaceLoader.h"
#include "config/WorkspaceWatcher.h"
#include "demo/DemoBackend.h"
#include "demo/SecureDemo.h"
#include "diagnostics/ConnectionDoctor.h"
#include "diagnostics/TokenInspector.h"
#include "elicit/ElicitationBroker.h"
#include "log/CaptureReplay.h"
#include "log/HarExporter.h"
#include "log/TrafficLog.h"
#include "secrets/SecretStore.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSaveFile>

namespace Gateway {

namespace {

bool parseHostPort(const QString& text, QHostAddress* address, quint16* port)
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

QString hostPortOf(const GatewaySettings& settings)
{
    const QString host = settings.listenHost.contains(QLatin1Char(':'))
        ? QLatin1Char('[') + settings.listenHost + QLatin1Char(']')
        : settings.listenHost;
    return QStringLiteral("%1:%2").arg(host).arg(settings.listenPort);
}

} // namespace

GatewayThread::GatewayThread(const GatewayController::Options& options,
                             std::shared_ptr<std::atomic<bool>> batchInFlight)
    : m_options(options)
    , m_batchInFlight(std::move(batchInFlight))
    , m_pool(new QThreadPool(this))
{
    m_pool->setMaxThreadCount(1); // one build at a time; a newer request supersedes older results
}

GatewayThread::~GatewayThread()
{
    m_pool->waitForDone(); // a running build reports to this object
    delete m_doctor; // their fetches and verdicts end before the gateway they look at
    delete m_inspector;
    m_watcher.reset();
    m_server.reset(); // closes the listener while the log and endpoint still exist
    m_secureDemo.reset();
    m_demo.reset();
}

void GatewayThread::runDoctor(const QString& service)
{
    if (!m_doctor) {
        m_doctor = new ConnectionDoctor(m_server.get(), this);
        connect(m_doctor, &ConnectionDoctor::stepFinished, this, [this](int runId, const DoctorStep& step) {
            if (runId == m_doctorRun)
                emit doctorStepFinished(step);
        });
        connect(m_doctor, &ConnectionDoctor::finished, this, [this](int runId, const DoctorReport& report) {
            if (runId == m_doctorRun)
                emit doctorFinished(report);
        });
    }
    m_doctorRun = m_doctor->run(service);
}

void GatewayThread::inspectToken(const QByteArray& token, const QString& service, const QString& tool)
{
    if (!m_inspector) {
        m_inspector = new TokenInspector(m_server.get(), this);
        connect(m_inspector, &TokenInspector::verdictReady, this,
                [this](int, const TokenVerdict& verdict) { emit tokenVerdictReady(verdict); });
    }
    m_inspector->inspect(token, service, tool);
}

void GatewayThread::listElicitedCredentials()
{
    ElicitationBroker* broker = m_server ? m_server->elicitationBroker() : nullptr;
    emit elicitedCredentialsListed(broker ? broker->credentials() : QList<ElicitedCredentialInfo>());
}

void GatewayThread::revokeElicitedCredentials(const QString& service, const QString& person)
{
    ElicitationBroker* broker = m_server ? m_server->elicitationBroker() : nullptr;
    if (!broker) {
        emit elicitedCredentialsRevoked(service, person, 0, QStringLiteral("the gateway is not running"));
        return;
    }
    QPointer<GatewayThread> self(this);
    broker->revoke(service, person, [self, service, person](int removed, const QString& error) {
        if (!self)
            return;
        emit self->elicitedCredentialsRevoked(service, person, removed, error);
        self->listElicitedCredentials();
    });
}

void GatewayThread::startSecureDemo(const QString& listen)
{
    if (!m_secureDemo) {
        auto demo = std::make_unique<SecureDemo>();
        QString error;
        if (!demo->start(&error)) {
            emit secureDemoStarted({}, error);
            return;
        }
        m_secureDemo = std::move(demo);
    }
    QString error;
    const WorkspaceConfig config = m_secureDemo->workspace(&error);
    if (!error.isEmpty()) {
        emit secureDemoStarted({}, error);
        return;
    }
    m_watcher.reset();
    m_status.workspacePath.clear();
    m_status.demo = true;
    m_listenWanted = !m_server->isListening();
    m_pendingListen = listen;
    m_demoFallbackPort = listen.isEmpty(); // like the demo: start even when the usual port is taken
    m_secureDemoPending = true;
    apply(config);
}

void GatewayThread::requestPayload(quint64 eventId)
{
    emit payloadReady(eventId, m_server ? m_server->payloadCapture()->capture(eventId) : CapturedExchange{});
}

void GatewayThread::searchPayloads(quint64 token, const QStringList& words, quint64 fromId)
{
    m_searchToken = token;
    QByteArrayList utf8;
    for (const QString& w : words)
        utf8 << w.toUtf8();
    searchSlice(token, utf8, fromId);
}

void GatewayThread::searchSlice(quint64 token, const QByteArrayList& words, quint64 fromId)
{
    if (token != m_searchToken)
        return; // a newer search replaced this one
    // One slice of payload at a time, then requests get their turn.
    const PayloadCaptureStore::SearchSlice slice = m_server
        ? m_server->payloadCapture()->search(words, fromId, PayloadCaptureStore::SearchSliceBytes)
        : PayloadCaptureStore::SearchSlice{{}, fromId > 0 ? fromId - 1 : 0, true};
    if (slice.finished) {
        emit payloadMatches(token, slice.matches, true, slice.lastScannedId);
        return;
    }
    if (!slice.matches.isEmpty())
        emit payloadMatches(token, slice.matches, false, slice.lastScannedId);
    const quint64 next = slice.lastScannedId + 1;
    QTimer::singleShot(0, this, [this, token, words, next] { searchSlice(token, words, next); });
}

void GatewayThread::exportHar(const QList<TrafficEvent>& events, const QString& path)
{
    const PayloadCaptureStore* store = m_server ? m_server->payloadCapture() : nullptr;
    const QUrl base
        = m_server && m_server->isListening() ? m_server->baseUrl() : QUrl(QStringLiteral("http://127.0.0.1"));
    const QJsonObject har = HarExporter::toHar(
        events, [store](quint64 id) { return store ? store->capture(id) : CapturedExchange{}; }, base);
    QSaveFile file(path);
    QString error;
    if (!file.open(QIODevice::WriteOnly))
        error = file.errorString();
    else if (file.write(QJsonDocument(har).toJson(QJsonDocument::Indented)) < 0 || !file.commit())
        error = file.errorString();
    const int entries
        = int(har.value(QLatin1String("log")).toObject().value(QLatin1String("entries")).toArray().size());
    emit harExported(path, error.isEmpty() ? entries : 0, error);
}

void GatewayThread::replay(quint64 eventId, const QList<QPair<QByteArray, QByteArray>>& credentialHeaders)
{
    const CapturedExchange capture = m_server ? m_server->payloadCapture()->capture(eventId) : CapturedExchange{};
    QString error;
    if (!m_server || !m_server->isListening())
        error = QStringLiteral("the gateway is not listening");
    else if (!capture.isValid())
        error = QStringLiteral("no capture for event %1 (not captured or evicted)").arg(eventId);
    if (!error.isEmpty()) {
        emit replayFinished(eventId, 0, {}, error);
        return;
    }
    CaptureReplay::send(this, m_server->baseUrl(), capture.mcp, credentialHeaders,
                        [this, eventId](int status, const QByteArray& body, const QString& why) {
                            emit replayFinished(eventId, status, body, why);
                        });
}

SecretStore* GatewayThread::secretStore() const
{
    return m_server ? m_server->secretStore() : nullptr;
}

void GatewayThread::initialize()
{
    m_eventTimer = new QTimer(this);
    m_eventTimer->setSingleShot(true);
    m_eventTimer->setInterval(qMax(1, m_options.eventBatchIntervalMs));
    connect(m_eventTimer, &QTimer::timeout, this, &GatewayThread::flushEvents);
    m_publishTimer = new QTimer(this);
    m_publishTimer->setSingleShot(true);
    m_publishTimer->setInterval(0);
    connect(m_publishTimer, &QTimer::timeout, this, &GatewayThread::publish);

    m_server = std::make_unique<GatewayServer>();
    if (m_options.secretStoreFactory)
        m_server->setSecretStore(m_options.secretStoreFactory(this));
    connect(m_server->trafficLog(), &TrafficLog::eventAppended, this, &GatewayThread::queueEvent);
    m_server->payloadCapture()->setBudgetBytes(m_options.captureBudgetBytes);
    m_server->setPayloadCaptureEnabled(m_options.capturePayloads);
    if (SecretStore* store = m_server->secretStore()) {
        m_status.keychainAvailable = store->lastKnownAvailable();
        m_status.keychainBackend = store->backendName();
        connect(store, &SecretStore::availabilityChanged, this, [this](bool available) {
            m_status.keychainAvailable = available;
            schedulePublish();
        });
    }
    m_status.running = true;
    publish();
}

void GatewayThread::openWorkspace(const QString& path, const QString& listen)
{
    m_watcher.reset();
    m_status.workspacePath = path;
    m_status.demo = false;
    m_demoFallbackPort = false;
    m_secureDemoPending = false; // another workspace supersedes a secure demo still being applied
    m_listenWanted = !m_server->isListening();
    m_pendingListen = listen;
    const WorkspaceLoader::Result loaded
        = WorkspaceLoader::loadFile(path, WorkspaceLoader::ServiceErrors::RefuseService);
    watch(path); // even a refused file: fixing it in an editor applies it
    if (!loaded.ok) {
        reject(loaded.error);
        return;
    }
    apply(loaded.config);
}

void GatewayThread::watch(const QString& path)
{
    m_watcher = std::make_unique<WorkspaceWatcher>(path);
    // The window serves what it can: a refused service is shown in red, the others keep running.
    m_watcher->setServiceErrors(WorkspaceLoader::ServiceErrors::RefuseService);
    connect(m_watcher.get(), &WorkspaceWatcher::configChanged, this,
            [this](const WorkspaceConfig& config) { apply(config); });
    connect(m_watcher.get(), &WorkspaceWatcher::configRejected, this, &GatewayThread::reject);
}

void GatewayThread::reloadWorkspace()
{
    if (m_status.workspacePath.isEmpty())
        return;
    const WorkspaceLoader::Result loaded
        = WorkspaceLoader::loadFile(m_status.workspacePath, WorkspaceLoader::ServiceErrors::RefuseService);
    if (!loaded.ok) {
        reject(loaded.error);
        return;
    }
    apply(loaded.config);
}

void GatewayThread::applyWorkspace(const WorkspaceConfig& config)
{
    m_secureDemoPending = false;
    if (config.filePath != m_status.workspacePath || m_status.demo) {
        // The watch follows the configuration's file; an unsaved workspace has none.
        m_watcher.reset();
        m_status.demo = false;
        m_status.workspacePath = config.filePath;
        if (!config.filePath.isEmpty())
            watch(config.filePath);
    }
    apply(config);
}

void GatewayThread::startDemo(const QString& listen)
{
    m_watcher.reset();
    m_status.workspacePath.clear();
    m_status.demo = true;
    m_demoFallbackPort = false;
    m_secureDemoPending = false;
    if (!m_demo) {
        m_demo = std::make_unique<DemoBackendHost>();
        const QUrl backend = m_demo->start();
        if (backend.isEmpty()) {
            m_demo.reset();
            reject(QStringLiteral("the demo backend could not listen on loopback"));
            return;
        }
        m_demoBackendUrl = backend;
    }
    m_listenWanted = !m_server->isListening();
    m_pendingListen = listen;
    m_demoFallbackPort = listen.isEmpty(); // the demo must start even when its usual port is taken
    apply(WorkspaceLoader::demoWorkspace(m_demoBackendUrl));
}

void GatewayThread::listen(const QString& hostPort)
{
    m_listenWanted = false;
    listenOn(hostPort);
    publish();
}

void GatewayThread::stopListening()
{
    m_listenWanted = false; // a configuration still being imported does not listen either
    if (m_server->isListening()) {
        m_server->stopListening();
        m_status.listenStopped = true;
    }
    m_status.listenError.clear();
    publish();
}

void GatewayThread::startListening()
{
    if (m_server->isListening()) {
        publish();
        return;
    }
    QString hostPort = m_status.listenAddress;
    if (hostPort.isEmpty())
        hostPort = m_pendingListen.isEmpty() ? hostPortOf(m_server->config().gateway) : m_pendingListen;
    m_listenWanted = false;
    listenOn(hostPort);
    publish();
}

bool GatewayThread::listenOn(const QString& hostPort)
{
    QHostAddress address;
    quint16 port = 0;
    if (!parseHostPort(hostPort, &address, &port)) {
        m_status.listenError = QStringLiteral("'%1' is not HOST:PORT with an IP address").arg(hostPort);
        return false;
    }
    QString error;
    if (!m_server->listen(address, port, &error) && !(m_demoFallbackPort && m_server->listen(address, 0, &error))) {
        m_status.listenError = QStringLiteral("cannot listen on %1: %2").arg(hostPort, error);
        return false;
    }
    m_status.listenError.clear();
    m_status.listenStopped = false;
    // The port actually bound (port 0 asked for any): listening again keeps the clients' URLs.
    const QHostAddress bound = m_server->serverAddress();
    m_status.listenAddress = bound.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]:%2").arg(bound.toString()).arg(m_server->serverPort())
        : QStringLiteral("%1:%2").arg(bound.toString()).arg(m_server->serverPort());
    return true;
}

void GatewayThread::apply(WorkspaceConfig config)
{
    config.gateway.metricsEnabled = config.gateway.metricsEnabled || m_options.forceMetrics;
    const quint64 generation = ++m_buildGeneration;
    m_status.applying = true;
    schedulePublish();
    // Importing runs on the pool: this thread keeps serving the current snapshot meanwhile.
    m_pool->start([this, generation, config] {
        QString error;
        std::shared_ptr<const GatewaySnapshot> snapshot = GatewaySnapshot::build(config, &error);
        QMetaObject::invokeMethod(
            this, [this, generation, config, snapshot, error] { install(generation, config, snapshot, error); },
            Qt::QueuedConnection);
    });
}

void GatewayThread::install(quint64 generation, const WorkspaceConfig& config,
                            std::shared_ptr<const GatewaySnapshot> snapshot, const QString& error)
{
    if (generation != m_buildGeneration)
        return; // a newer request is on its way
    m_status.applying = false;
    QString reason = error;
    if (!snapshot || !m_server->installSnapshot(config, snapshot, &reason)) {
        reject(reason);
        return;
    }
    if (m_watcher)
        m_watcher->setCurrent(config);
    m_status.configured = true;
    m_status.configError.clear();
    ++m_status.configGeneration;
    if (m_listenWanted) {
        m_listenWanted = false;
        listenOn(m_pendingListen.isEmpty() ? hostPortOf(config.gateway) : m_pendingListen);
    }
    if (m_secureDemoPending && m_secureDemo) {
        m_secureDemoPending = false;
        if (m_server->isListening()) {
            // Tokens asked for without an RFC 8707 resource are for this endpoint.
            m_secureDemo->setGatewayBase(m_server->baseUrl());
            emit secureDemoStarted(m_secureDemo->guide(), {});
        } else {
            emit secureDemoStarted({}, m_status.listenError);
        }
    }
    publish();
}

void GatewayThread::reject(const QString& reason)
{
    if (m_secureDemoPending) {
        m_secureDemoPending = false;
        emit secureDemoStarted({}, reason);
    }
    m_status.configError = reason;
    schedulePublish();
}

void GatewayThread::queueEvent(const TrafficEvent& event)
{
    m_pendingEvents.append(event);
    const int excess = int(m_pendingEvents.size()) - qMax(1, m_options.maxPendingEvents);
    if (excess > 0) {
        m_pendingEvents.remove(0, excess);
        m_status.droppedEvents += quint64(excess);
        schedulePublish();
    }
    if (!m_eventTimer->isActive())
        m_eventTimer->start();
}

void GatewayThread::flushEvents()
{
    if (m_pendingEvents.isEmpty())
        return;
    // One batch in flight at a time: while the window has not taken the last one, events wait here.
    if (m_batchInFlight->exchange(true)) {
        m_eventTimer->start();
        return;
    }
    QList<TrafficEvent> batch;
    batch.swap(m_pendingEvents);
    emit eventsReady(batch);
}

void GatewayThread::schedulePublish()
{
    if (!m_publishTimer->isActive())
        m_publishTimer->start();
}

void GatewayThread::publish()
{
    m_publishTimer->stop();
    m_status.listening = m_server && m_server->isListening();
    m_status.baseUrl = m_status.listening ? m_server->baseUrl() : QUrl();
    m_status.services = m_server ? m_server->services() : QList<ServiceStatus>();
    emit statusReady(m_status);
}

} // namespace Gateway
