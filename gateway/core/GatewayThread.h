// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GatewayController.h"

#include <QList>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <memory>

namespace Gateway {

class ConnectionDoctor;
class DemoBackendHost;
class SecureDemo;
class TokenInspector;
class WorkspaceWatcher;

// The gateway's side of the thread boundary: created on, owned by and only ever called on the
// gateway thread (GatewayController posts to it). Owns the GatewayServer, the workspace watcher and
// the demo backend; publishes GatewayStatus values and batches of traffic events.
class GatewayThread : public QObject
{
    Q_OBJECT
public:
    GatewayThread(const GatewayController::Options& options, std::shared_ptr<std::atomic<bool>> batchInFlight);
    ~GatewayThread() override;

    void initialize(); // on the gateway thread, after the move
    void openWorkspace(const QString& path, const QString& listen);
    void reloadWorkspace();
    void applyWorkspace(const WorkspaceConfig& config);
    void startDemo(const QString& listen);
    void listen(const QString& hostPort);
    void stopListening();
    void startListening();
    void requestPayload(quint64 eventId);
    void searchPayloads(quint64 token, const QStringList& words, quint64 fromId);
    void exportHar(const QList<TrafficEvent>& events, const QString& path);
    void replay(quint64 eventId, const QList<QPair<QByteArray, QByteArray>>& credentialHeaders);
    void runDoctor(const QString& service);
    void inspectToken(const QByteArray& token, const QString& service, const QString& tool);
    void listElicitedCredentials();
    void revokeElicitedCredentials(const QString& service, const QString& person);
    void startSecureDemo(const QString& listen);
    SecretStore* secretStore() const; // the backend secret store; null before initialize()

signals:
    void statusReady(const Gateway::GatewayStatus& status);
    void eventsReady(const QList<Gateway::TrafficEvent>& events);
    void payloadReady(quint64 eventId, const Gateway::CapturedExchange& capture);
    void payloadMatches(quint64 token, const QList<quint64>& eventIds, bool finished, quint64 scannedUpTo);
    void replayFinished(quint64 eventId, int status, const QByteArray& body, const QString& error);
    void harExported(const QString& path, int entries, const QString& error);
    void doctorStepFinished(const Gateway::DoctorStep& step);
    void doctorFinished(const Gateway::DoctorReport& report);
    void tokenVerdictReady(const Gateway::TokenVerdict& verdict);
    void elicitedCredentialsListed(const QList<Gateway::ElicitedCredentialInfo>& credentials);
    void elicitedCredentialsRevoked(const QString& service, const QString& person, int removed, const QString& error);
    void secureDemoStarted(const QString& guide, const QString& error);

private:
    void apply(WorkspaceConfig config);
    void watch(const QString& path);
    void install(quint64 generation, const WorkspaceConfig& config, std::shared_ptr<const GatewaySnapshot> snapshot,
                 const QString& error);
    void reject(const QString& reason);
    bool listenOn(const QString& hostPort);
    void searchSlice(quint64 token, const QByteArrayList& words, quint64 fromId);
    void queueEvent(const TrafficEvent& event);
    void flushEvents();
    void schedulePublish();
    void publish();

    GatewayController::Options m_options;
    std::shared_ptr<std::atomic<bool>> m_batchInFlight;
    std::unique_ptr<GatewayServer> m_server;
    std::unique_ptr<WorkspaceWatcher> m_watcher;
    std::unique_ptr<DemoBackendHost> m_demo;
    std::unique_ptr<SecureDemo> m_secureDemo; // outlives m_server (its authorization server is trusted)
    bool m_secureDemoPending = false; // secureDemoStarted is due once its workspace is served or refused
    quint64 m_searchToken = 0; // the payload search still wanted; older ones stop at their next slice
    ConnectionDoctor* m_doctor = nullptr; // made on first use, on the gateway thread
    int m_doctorRun = 0;
    TokenInspector* m_inspector = nullptr;
    QThreadPool* m_pool; // child: snapshot builds; joined before anything they report to goes away
    quint64 m_buildGeneration = 0;
    QString m_pendingListen; // listen here once the first configuration is in
    bool m_listenWanted = false;
    QUrl m_demoBackendUrl;
    bool m_demoFallbackPort = false; // any free port when the demo's usual one is taken
    GatewayStatus m_status;
    QList<TrafficEvent> m_pendingEvents;
    QTimer* m_eventTimer = nullptr; // children made on the gateway thread by initialize()
    QTimer* m_publishTimer = nullptr;
};

} // namespace Gateway
