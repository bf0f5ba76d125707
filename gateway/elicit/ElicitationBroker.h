// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/WorkspaceConfig.h"
#include "http/HttpMessage.h"
#include "log/TrafficEvent.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace Gateway {

class AuthorizationServerDirectory;
class ElicitedCredentialStore;
struct ElicitedCredentialInfo;
class OAuthTokenClient;
class SecretResolver;
class SecretStore;

// Who asks, for which service, in which protocol revision: what the credentials stage knows.
struct ElicitationContext
{
    QString service;
    BackendAuth auth; // kind ElicitedToken or ElicitedOAuth2
    ElicitationSettings settings;
    EndpointSecurity endpoint; // for elicitation.verifyUser (OAuth2 endpoints)
    // The person: "<iss> <sub>" (OAuth2 endpoint), the API key id, or the MCP session id. Never empty:
    // callers without an identity answer with a tool error instead of sharing one credential.
    QString person;
    QString revision; // MCP protocol revision of the call, for events
    // Where people reach the gateway: gateway.publicUrl, else "http://<Host of the MCP request>".
    QUrl gatewayBase;
};

// What the credentials stage gets back from ElicitationBroker::acquire().
struct CredentialOutcome
{
    enum class Status {
        Ready, // `headers` authenticate the backend call
        ElicitationRequired, // the person must open `url` (URL-mode elicitation `elicitationId`)
        Failed, // `error` says why (never a credential)
    };
    Status status = Status::Failed;
    HttpHeaders headers; // Ready: set these on the backend call (replacing same-named fields)
    QByteArray credential; // Ready: the value inside `headers`, for invalidate() and redaction; never log it
    QString elicitationId; // ElicitationRequired
    QUrl url; // ElicitationRequired: https://gateway/elicit/<id>; carries no credential or personal data
    QString message; // ElicitationRequired: what to tell the person
    QString error; // Failed
};

// The state of one elicitation, for the MRTR retry (requestState carries the elicitationId).
enum class ElicitationFlowStatus { Unknown, Pending, Completed, Declined, Expired, Failed };

// Elicited backend credentials: per (service, person) credentials, the pages the person opens, and
// the OAuth authorization-code flow against the backend's authorization server.
//
// Flows. acquire() answers Ready when a usable credential is stored; otherwise it starts one flow per
// (service, person) -- concurrent calls of one person share it -- and answers ElicitationRequired
// with a link /elicit/<id> valid for flowLifetimeMs (10 min). The link is not pre-authenticated:
//  - the first browser to open it gets an HttpOnly cookie bound to the flow (Secure unless the
//    gateway base is plain http on loopback; SameSite=Lax so the redirect back from the authorization
//    server carries it; Path=/elicit/); any other browser is refused (403);
//  - every form carries a per-flow CSRF token; a POST whose Origin is not the gateway base's is refused;
//  - a finished, expired or unknown flow answers 410; pages are plain HTML without scripts or
//    third-party assets, sent with no-store, no-referrer and a CSP that forbids framing.
// ElicitedToken: the page asks for the value and stores it. ElicitedOAuth2: the page's Continue starts
// an authorization-code flow with PKCE S256 and a single-use `state`; /elicit/callback redeems the code
// (checking the RFC 9207 `iss` against the configured or discovered issuer when present, and requiring
// it when the metadata says the server sends it), keeps the access and refresh tokens, refreshes them
// with one refresh in flight per (service, person), and drops them after a backend 401 that a refresh
// did not cure (invalidate()). With elicitation.verifyUser the person first signs in at the endpoint's
// authorization server (code + PKCE, scope openid) and the flow fails unless the ID token's iss + sub
// equal the principal that triggered it (the token comes straight from the token endpoint over TLS,
// which OpenID Connect Core §3.1.3.7 accepts in place of a signature check).
//
// Events: every step is a TrafficEvent of kind Elicitation (stage requested, opened, completed,
// declined, expired, failed, refreshed, revoked) with service, person, revision, credential kind and
// the flow's age; never a value. Single-threaded: use from the gateway thread.
class ElicitationBroker : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const CredentialOutcome&)>;
    using Publisher = std::function<void(const TrafficEvent&)>;
    using Responder = std::function<void(const HttpResponse&)>;

    static constexpr int DefaultFlowLifetimeMs = 10 * 60 * 1000;
    static constexpr int RefreshMarginSeconds = 30;
    static constexpr int MaxCredentialBytes = 8 * 1024;
    static constexpr int MaxFlows = 10000;

    // `resolver` resolves client secret references (not owned, may be null).
    explicit ElicitationBroker(SecretResolver* resolver, QObject* parent = nullptr);
    ~ElicitationBroker() override;

    // Where persisted credentials go (not owned); null: nothing is persisted.
    void setSecretStore(SecretStore* store);
    // Resolves client secret references (not owned).
    void setSecretResolver(SecretResolver* resolver);
    void setPublisher(Publisher publisher) { m_publish = std::move(publisher); }
    void setFlowLifetimeMs(int ms) { m_flowLifetimeMs = ms; }

    // The credentials stage: Ready headers, or the elicitation to send. Callback runs once, later.
    void acquire(const ElicitationContext& context, Callback callback);
    // After a backend 401/403 with `credential`: returns true when retrying acquire() may give a new
    // credential at once (an OAuth refresh is tried once), false when the credential was dropped and
    // the next acquire() asks the person again.
    bool invalidate(const QString& service, const QString& person, const QByteArray& credential);
    // Revokes stored credentials (memory and keychain) of one person, or of everyone for `service`.
    void forget(const QString& service, const QString& person = {},
                std::function<void(int removed, const QString& error)> done = {});
    // The operator revokes (the window, --forget-credentials): forget() plus a "revoked" event for
    // each credential held in memory, with the reason "revoked by the operator".
    void revoke(const QString& service, const QString& person = {},
                std::function<void(int removed, const QString& error)> done = {});
    // Metadata of the stored credentials (never a value): kind, age, expiry, refresh state,
    // persisted or not; `refreshing` while a refresh or keychain load runs for that person.
    QList<ElicitedCredentialInfo> credentials() const;
    ElicitationFlowStatus flowStatus(const QString& elicitationId) const;
    // The client answered the elicitation with decline or cancel: ends the pending flow of that
    // person (another person's id is ignored). Returns whether a flow was ended.
    bool decline(const QString& elicitationId, const QString& person);

    // The /elicit/ prefix: pages and the OAuth callback. Host/Origin policy and connection limits are
    // the caller's (GatewayServer), as for every route.
    static bool handles(const QString& path);
    // The base URL for links: gateway.publicUrl when set, else http://<Host of the MCP request>.
    static QUrl gatewayBaseFor(const GatewaySettings& settings, const HttpRequest& mcpRequest);
    // Who "the person" is for a call: the endpoint's principal ("<iss> <sub>" for OAuth2, the key id
    // for API keys); with no endpoint security, the MCP session ("session:<id>") in the session
    // revisions, and nobody ("") in 2026-07-28 or without a session, so acquire() refuses rather
    // than share one credential among anonymous callers.
    static QString personFor(EndpointSecurity::Mode mode, const QString& principal, const QString& sessionId);
    // Everything acquire() needs for one tools/call of `service`.
    static ElicitationContext contextFor(const ServiceConfig& service, const GatewaySettings& settings,
                                         const QString& person, const QString& revision, const HttpRequest& mcpRequest);
    void handleHttp(const HttpRequest& request, Responder respond);

    ElicitedCredentialStore* store() const { return m_store; }
    OAuthTokenClient* tokenClient() const { return m_tokens; }

signals:
    // A flow ended (for notifications/elicitation/complete on 2025-11-25 sessions).
    void elicitationFinished(const QString& elicitationId, const QString& service, const QString& person,
                             Gateway::ElicitationFlowStatus status);

private:
    struct Flow;
    struct Waiter
    {
        ElicitationContext context;
        Callback callback;
    };
    static QString key(const QString& service, const QString& person);
    void resolveNow(const ElicitationContext& context, Callback callback);
    void finishBusy(const QString& key, const QString& error);
    void startRefresh(const ElicitationContext& context, const QString& key);
    std::shared_ptr<Flow> ensureFlow(const ElicitationContext& context);
    void finishFlow(const std::shared_ptr<Flow>& flow, ElicitationFlowStatus status, const QString& stage,
                    const QString& reason = {});
    void emitEvent(const QString& stage, const QString& service, const QString& person, const QString& revision,
                   BackendAuth::Kind kind, const QString& elicitationId, qint64 ageMs, const QString& reason = {});
    void deliver(Callback callback, CredentialOutcome outcome);
    CredentialOutcome readyOutcome(const ElicitationContext& context, const QByteArray& value) const;

    // HTTP
    void servePage(const std::shared_ptr<Flow>& flow, const HttpRequest& request, Responder respond);
    void submitForm(const std::shared_ptr<Flow>& flow, const HttpRequest& request, Responder respond);
    void handleCallback(const HttpRequest& request, Responder respond);
    void startAuthorization(const std::shared_ptr<Flow>& flow, bool verifyUser, Responder respond);
    void redeemVerifyUser(const std::shared_ptr<Flow>& flow, const QByteArray& code, Responder respond);
    void redeemBackend(const std::shared_ptr<Flow>& flow, const QByteArray& code, Responder respond);
    void withEndpoints(const QString& issuer, bool allowLoopbackHttp,
                       std::function<void(const QJsonObject& metadata, const QString& error)> callback);
    bool cookieMatches(const Flow& flow, const HttpRequest& request) const;
    HttpResponse page(int status, const QString& title, const QString& bodyHtml) const;
    HttpResponse refusal(int status, const QString& title, const QString& text) const;

    QPointer<SecretResolver> m_resolver;
    ElicitedCredentialStore* m_store = nullptr;
    OAuthTokenClient* m_tokens = nullptr;
    AuthorizationServerDirectory* m_directory = nullptr; // https issuers only
    AuthorizationServerDirectory* m_loopbackDirectory = nullptr; // also plain-http loopback issuers
    Publisher m_publish;
    int m_flowLifetimeMs = DefaultFlowLifetimeMs;
    QHash<QString, std::shared_ptr<Flow>> m_flows; // id -> flow (pending and recently finished)
    QHash<QString, QString> m_pendingByKey; // key(service, person) -> pending flow id
    QHash<QString, QString> m_flowByState; // OAuth `state` -> flow id, removed on first use
    QHash<QString, QList<Waiter>> m_busy; // key -> callers waiting for a load or refresh
    QSet<QString> m_loaded; // keys whose persisted credential was looked up
};

} // namespace Gateway

Q_DECLARE_METATYPE(Gateway::ElicitationFlowStatus)
