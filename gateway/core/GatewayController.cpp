// SPDX-License-Identifier: GPL-3.0-or-later
#include "GatewayController.h"

#include "GatewayThread.h"

#include <QPointer>
#include <QThread>

namespace Gateway {

GatewayController::GatewayController(QObject* parent)
    : GatewayController(Options(), parent)
{
}

GatewayController::GatewayController(const Options& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_batchInFlight(std::make_shared<std::atomic<bool>>(false))
{
    qRegisterMetaType<Gateway::GatewayStatus>();
    qRegisterMetaType<Gateway::TrafficEvent>();
    qRegisterMetaType<QList<Gateway::TrafficEvent>>();
    qRegisterMetaType<Gateway::DoctorStep>();
    qRegisterMetaType<Gateway::DoctorReport>();
    qRegisterMetaType<Gateway::TokenVerdict>();
    qRegisterMetaType<Gateway::ElicitedCredentialInfo>();
    qRegisterMetaType<QList<Gateway::ElicitedCredentialInfo>>();
}

GatewayController::~GatewayController()
{
    stop();
}

void GatewayController::start()
{
    if (m_thread)
        return;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("gateway"));
    m_worker = new GatewayThread(m_options, m_batchInFlight);
    m_worker->moveToThread(m_thread);
    // Both signals cross threads: queued, carrying values only.
    connect(m_worker, &GatewayThread::statusReady, this, &GatewayController::takeStatus, Qt::QueuedConnection);
    connect(m_worker, &GatewayThread::eventsReady, this, &GatewayController::takeEvents, Qt::QueuedConnection);
    connect(m_worker, &GatewayThread::payloadReady, this, &GatewayController::payloadReady, Qt::QueuedConnection);
    connect(m_worker, &GatewayThread::payloadMatches, this, &GatewayController::payloadMatches, Qt::QueuedConnection);
    connect(m_worker, &GatewayThread::replayFinished, this, &GatewayController::replayFinished, Qt::QueuedConnection);
    connect(m_worker, &GatewayThread::harExported, this, &GatewayController::harExported, Qt::QueuedConnection);
    connect(m_worker, &GatewayThread::doctorStepFinished, this, &GatewayController::doctorStepFinished,
            Qt::QueuedConnection);
    connect(m_worker, &GatewayThread::doctorFinished, this, &GatewayController::doctorFinished, Qt::QueuedConnection);
    connect(m_worker, &GatewayThread::tokenVerdictReady, this, &GatewayController::tokenVerdictReady,
            Qt::QueuedConnection);
    connect(m_worker, &GatewayThread::elicitedCredentialsListed, this, &GatewayController::elicitedCredentialsListed,
            Qt::QueuedConnection);
    connect(m_worker, &GatewayThread::elicitedCredentialsRevoked, this, &GatewayController::elicitedCredentialsRevoked,
            Qt::QueuedConnection);
    connect(m_worker, &GatewayThread::secureDemoStarted, this, &GatewayController::secureDemoStarted,
            Qt::QueuedConnection);
    m_thread->start();
    post([](GatewayThread* worker) { worker->initialize(); });
}

void GatewayController::stop()
{
    if (!m_thread)
        return;
    GatewayThread* worker = m_worker;
    m_worker = nullptr;
    // Destroyed on its own thread; the gateway thread never waits for this one, so this cannot deadlock.
    QMetaObject::invokeMethod(
        worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_batchInFlight->store(false);
    m_status.running = false;
    m_status.listening = false;
    m_status.baseUrl = QUrl();
    emit statusChanged(m_status);
}

void GatewayController::post(std::function<void(GatewayThread*)> command)
{
    start();
    GatewayThread* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, command] { command(worker); }, Qt::QueuedConnection);
}

void GatewayController::openWorkspace(const QString& path, const QString& listen)
{
    post([path, listen](GatewayThread* worker) { worker->openWorkspace(path, listen); });
}

void GatewayController::reloadWorkspace()
{
    post([](GatewayThread* worker) { worker->reloadWorkspace(); });
}

void GatewayController::applyWorkspace(const WorkspaceConfig& config)
{
    post([config](GatewayThread* worker) { worker->applyWorkspace(config); });
}

void GatewayController::startDemo(const QString& listen)
{
    post([listen](GatewayThread* worker) { worker->startDemo(listen); });
}

void GatewayController::listen(const QString& hostPort)
{
    post([hostPort](GatewayThread* worker) { worker->listen(hostPort); });
}

void GatewayController::stopListening()
{
    post([](GatewayThread* worker) { worker->stopListening(); });
}

void GatewayController::startListening()
{
    post([](GatewayThread* worker) { worker->startListening(); });
}

void GatewayController::requestPayload(quint64 eventId)
{
    post([eventId](GatewayThread* worker) { worker->requestPayload(eventId); });
}

void GatewayController::replay(quint64 eventId, const QList<QPair<QByteArray, QByteArray>>& credentialHeaders)
{
    post([eventId, credentialHeaders](GatewayThread* worker) { worker->replay(eventId, credentialHeaders); });
}

void GatewayController::searchPayloads(quint64 token, const QStringList& words, quint64 fromId)
{
    post([token, words, fromId](GatewayThread* worker) { worker->searchPayloads(token, words, fromId); });
}

void GatewayController::exportHar(const QList<TrafficEvent>& events, const QString& path)
{
    post([events, path](GatewayThread* worker) { worker->exportHar(events, path); });
}

void GatewayController::runDoctor(const QString& service)
{
    post([service](GatewayThread* worker) { worker->runDoctor(service); });
}

void GatewayController::inspectToken(const QByteArray& token, const QString& service, const QString& tool)
{
    post([token, service, tool](GatewayThread* worker) { worker->inspectToken(token, service, tool); });
}

void GatewayController::listElicitedCredentials()
{
    post([](GatewayThread* worker) { worker->listElicitedCredentials(); });
}

void GatewayController::revokeElicitedCredentials(const QString& service, const QString& person)
{
    post([service, person](GatewayThread* worker) { worker->revokeElicitedCredentials(service, person); });
}

void GatewayController::startSecureDemo(const QString& listen)
{
    post([listen](GatewayThread* worker) { worker->startSecureDemo(listen); });
}

namespace {

// Hands `result` back to `context`'s thread; dropped when the context is gone.
SecretStore::Callback backTo(QObject* context, GatewayController::SecretCallback done)
{
    QPointer<QObject> guard(context);
    return [guard, done](const SecretResult& result) {
        if (!guard)
            return;
        SecretResult copy = result;
        copy.value.fill('\0');
        copy.value.clear();
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, done, copy] {
                if (guard && done)
                    done(copy);
            },
            Qt::QueuedConnection);
    };
}

} // namespace

void GatewayController::writeSecret(const QString& key, const QByteArray& value, QObject* context, SecretCallback done)
{
    SecretStore::Callback reply = backTo(context, std::move(done));
    post([key, value, reply](GatewayThread* worker) {
        SecretStore* store = worker->secretStore();
        if (!store) {
            reply(SecretResult::failure(SecretResult::Status::Unavailable, QStringLiteral("no secret store")));
            return;
        }
        store->write(key, value, reply);
    });
}

void GatewayController::removeSecret(const QString& key, QObject* context, SecretCallback done)
{
    SecretStore::Callback reply = backTo(context, std::move(done));
    post([key, reply](GatewayThread* worker) {
        SecretStore* store = worker->secretStore();
        if (!store) {
            reply(SecretResult::failure(SecretResult::Status::Unavailable, QStringLiteral("no secret store")));
            return;
        }
        store->remove(key, reply);
    });
}

void GatewayController::takeStatus(const GatewayStatus& status)
{
    if (!m_thread)
        return; // stale: sent before stop()
    m_status = status;
    emit statusChanged(m_status);
}

void GatewayController::takeEvents(const QList<TrafficEvent>& events)
{
    m_batchInFlight->store(false); // the gateway may send the next batch
    emit eventsAppended(events);
}

} // namespace Gateway
