// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GatewayServer.h"
#include "config/WorkspaceConfig.h"
#include "diagnostics/ConnectionDoctor.h"
#include "diagnostics/TokenInspector.h"
#include "elicit/ElicitedCredentialStore.h" // ElicitedCredentialInfo
#include "log/PayloadCapture.h"
#include "log/TrafficLog.h" // TrafficEvent and its metatype
#include "secrets/SecretStore.h" // SecretResult

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace Gateway {

class GatewayThread;
class SecretStore;

// Everything the window may know about the running gateway, as one value copied across threads.
struct GatewayStatus
{
    bool running = false; // the gateway thread is up
    bool listening = false;
    QUrl baseUrl; // http://HOST:PORT when listening
    QString listenError; // why the last listen failed; "" otherwise
    bool listenStopped = false; // the operator stopped listening (stopListening); startListening resumes
    QString listenAddress; // HOST:PORT listened on last (or to listen on); startListening uses it
    QString workspacePath; // file being served and watched; "" for the demo or an unsaved workspace
    bool demo = false;
    bool configured = false; // a configuration is being served
    bool applying = false; // a workspace is being imported (possibly a large OpenAPI document)
    QString configError; // why the last workspace was refused (previous one kept); "" after a success
    quint64 configGeneration = 0; // increases with every accepted configuration
    QList<ServiceStatus> services;
    bool keychainAvailable = true;
    QString keychainBackend;
    quint64 droppedEvents = 0; // traffic events the window did not take in time (the gateway never waits)
};

// The window's side of the thread boundary. The gateway (HTTP front end, MCP endpoint, security,
// backends, workspace watching) lives on its own QThread inside a GatewayThread; this object lives
// on the caller's thread and only
//   - sends commands as queued invocations (they return at once, effects arrive as statusChanged),
//   - receives read-only GatewayStatus values and batches of traffic events as queued signals.
// No pointer to a gateway QObject ever crosses. A blocked window never delays a request: events
// are handed over one batch at a time, the next batch waits (bounded, oldest dropped and counted)
// until the window took the previous one. Snapshots are built on a worker pool and swapped in, so
// importing a large document stalls neither the window nor the gateway's other services.
class GatewayController : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool forceMetrics = false; // --metrics: serve /metrics whatever the workspace says
        // Creates the backend secret store on the gateway thread (tests, the demo); default: OS keychain.
        std::function<SecretStore*(QObject* parent)> secretStoreFactory;
        int eventBatchIntervalMs = 50;
        int maxPendingEvents = 10000;
        // Keep (redacted, truncated) payloads of MCP exchanges in memory for the traffic inspector.
        bool capturePayloads = true;
        qint64 captureBudgetBytes = 64 * 1024 * 1024;
    };

    explicit GatewayController(QObject* parent = nullptr);
    explicit GatewayController(const Options& options, QObject* parent = nullptr);
    ~GatewayController() override; // stop()

    // Starts the gateway thread (idempotent); every command below starts it when needed.
    void start();
    // Shuts the gateway down (closes its listener, ends its calls) and joins its thread.
    void stop();

    // Reads, watches (hot reload) and serves `path`; listens on `listen` (HOST:PORT) or on the
    // workspace's address once the first configuration is in. A refused file shows in configError.
    void openWorkspace(const QString& path, const QString& listen = {});
    // Re-reads the current workspace file now.
    void reloadWorkspace();
    // Serves `config` (already validated, e.g. by WorkspaceEditor). The file watch follows
    // config.filePath: none for an unsaved workspace.
    void applyWorkspace(const WorkspaceConfig& config);
    // The built-in demo: its backend on loopback and the demo workspace.
    void startDemo(const QString& listen = {});
    // Listens on HOST:PORT (port 0: any free port).
    void listen(const QString& hostPort);
    // Stops listening: the listener closes, calls already received finish, nothing new is answered
    // (status: listening false, listenStopped true). The configuration stays loaded.
    void stopListening();
    // Listens again where the gateway listened last (the same port, also when it was chosen by the
    // system), else on the workspace's address. A failure shows in listenError.
    void startListening();

    // Asks for the captured payloads of traffic event `eventId`; answered by payloadReady (an
    // invalid capture when it was never captured or was evicted).
    void requestPayload(quint64 eventId);
    // Searches the captured payloads (both legs, already redacted) of events from `fromId` on for
    // every word of `words` (ASCII case-insensitively), a slice at a time on the gateway thread so
    // requests are never held up. Matches arrive as payloadMatches carrying `token`; the last one has
    // finished=true and the last event id looked at. A new search (any token) ends the previous one.
    void searchPayloads(quint64 token, const QStringList& words, quint64 fromId = 1);
    // Sends the captured MCP request of `eventId` to the gateway again (its credential fields were
    // never kept: `credentialHeaders`, e.g. x-reshapr-key, are added). Answered by replayFinished.
    void replay(quint64 eventId, const QList<QPair<QByteArray, QByteArray>>& credentialHeaders = {});

    // Writes `events` with their captures (both legs) as HAR 1.2 to `path`, on the gateway thread
    // (which holds the captures). Answered by harExported.
    void exportHar(const QList<Gateway::TrafficEvent>& events, const QString& path);
    // Writes or removes an entry of the gateway's own secret store (the OS keychain) on the gateway
    // thread, so the gateway's caches see the change. `done` runs later on `context`'s thread with
    // the result (never the value); nothing runs when `context` is gone.
    using SecretCallback = std::function<void(const SecretResult&)>;
    void writeSecret(const QString& key, const QByteArray& value, QObject* context, SecretCallback done);
    void removeSecret(const QString& key, QObject* context, SecretCallback done);

    // Runs the connection doctor (gateway/diagnostics/ConnectionDoctor) for `service` on the gateway
    // thread; each step arrives as doctorStepFinished, then doctorFinished. A new run abandons the
    // previous one (its remaining steps never arrive).
    void runDoctor(const QString& service);
    // The gateway's verdict on `token` for `service` (and `tool`), from its own EndpointGuard;
    // answered by tokenVerdictReady. The token crosses as a value and is never logged or kept.
    void inspectToken(const QByteArray& token, const QString& service, const QString& tool = {});
    // Metadata of the stored elicited credentials (never a value); answered by elicitedCredentialsListed.
    void listElicitedCredentials();
    // Revokes the credential of `person` for `service` (everyone's when `person` is empty), in memory
    // and in the keychain; answered by elicitedCredentialsRevoked, then a fresh listing.
    void revokeElicitedCredentials(const QString& service, const QString& person = {});
    // The secure demo (gateway/demo/SecureDemo: demo authorization server, bearer-protected backend
    // and service "secure-demo") on the gateway thread, which serves its HTTP. Answered by
    // secureDemoStarted with its guide text (which names the demo agent's client secret) or an error.
    void startSecureDemo(const QString& listen = {});

    const GatewayStatus& status() const { return m_status; }
    bool isRunning() const { return m_thread != nullptr; }

signals:
    void statusChanged(const Gateway::GatewayStatus& status);
    // Traffic events in arrival order (ids increasing), delivered in batches.
    void eventsAppended(const QList<Gateway::TrafficEvent>& events);
    void payloadReady(quint64 eventId, const Gateway::CapturedExchange& capture);
    void payloadMatches(quint64 token, const QList<quint64>& eventIds, bool finished, quint64 scannedUpTo);
    // status 0 and `error` set when the replay could not be sent.
    void replayFinished(quint64 eventId, int status, const QByteArray& body, const QString& error);
    // `error` empty on success.
    void harExported(const QString& path, int entries, const QString& error);
    void doctorStepFinished(const Gateway::DoctorStep& step);
    void doctorFinished(const Gateway::DoctorReport& report);
    void tokenVerdictReady(const Gateway::TokenVerdict& verdict);
    void elicitedCredentialsListed(const QList<Gateway::ElicitedCredentialInfo>& credentials);
    // `removed`: how many credentials were dropped; `error` empty on success.
    void elicitedCredentialsRevoked(const QString& service, const QString& person, int removed, const QString& error);
    // `guide` empty and `error` set when the demo could not start.
    void secureDemoStarted(const QString& guide, const QString& error);

private:
    void post(std::function<void(GatewayThread*)> command);
    void takeEvents(const QList<Gateway::TrafficEvent>& events);
    void takeStatus(const Gateway::GatewayStatus& status);

    Options m_options;
    QThread* m_thread = nullptr;
    GatewayThread* m_worker = nullptr; // lives on m_thread; only ever addressed through post()
    std::shared_ptr<std::atomic<bool>> m_batchInFlight;
    GatewayStatus m_status;
};

} // namespace Gateway

Q_DECLARE_METATYPE(Gateway::GatewayStatus)
