// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

namespace Gateway {

class GatewayServer;
class SafeFetcher;
struct FetchResult;
struct ServiceTarget;

// One step of a connection check.
struct DoctorStep
{
    enum class Kind {
        ProtectedResourceMetadata, // the gateway's own RFC 9728 document, fetched from its listener
        AuthorizationServerMetadata, // RFC 8414 (path inserted after /.well-known/oauth-authorization-server)
        OpenIdConfiguration, // OpenID Connect discovery
        IssuerCheck, // the metadata's "issuer" equals the configured issuer exactly (RFC 8414 §3.3)
        Jwks, // the jwks_uri document and the keys the gateway can use from it
        GatewayKeyCache, // what the running gateway's key directory holds for the issuer now
        IntrospectionEndpoint, // RFC 7662 endpoint reachable (TLS, connect)
        IntrospectionAuthentication, // the gateway's own introspection call with a probe token
    };
    enum class Status {
        Passed,
        Warning, // works, but worth knowing (e.g. RFC 8414 absent, OIDC used)
        Failed,
        Skipped, // an earlier step of the same chain failed
    };

    Kind kind = Kind::ProtectedResourceMetadata;
    Status status = Status::Passed;
    QString title; // "RFC 8414 metadata", ...
    QString authorizationServer; // the issuer this step belongs to; empty for gateway/introspection steps
    QString method; // "GET", "POST"; empty for steps without a request
    QString url; // without userinfo, query or fragment
    int httpStatus = 0; // 0: no response head (or no request)
    qint64 elapsedMs = -1; // -1: no request
    QString result; // one line: "200, issuer matches", "2 keys: RSA, EC P-256"
    QString detail; // plain words; for a failure, the reason

    static QString kindName(Kind kind);
    static QString statusName(Status status);
};

struct DoctorReport
{
    QString service;
    QUrl resource; // the audience tokens must carry
    bool ok = false; // every step passed or only warned
    int firstFailure = -1; // index into steps
    QString failureReason; // the first failure in plain words (also set when no step could run)
    QList<DoctorStep> steps;
    QDateTime startedAt; // UTC
    qint64 elapsedMs = 0;
};

// Checks, step by step, the OAuth chain one service's endpoint depends on, with the gateway's own
// code paths: the RFC 9728 document as the running gateway serves it (over a real socket), each
// authorization server's metadata through SafeFetcher in AuthorizationServerDirectory's discovery
// order and rules (a URL is left for the next only on an HTTP error or a non-JSON body), the exact
// issuer comparison, the JWKS parsed by JwkSet, what the gateway's key directory currently holds,
// and for introspection the endpoint's reachability and the gateway's own EndpointGuard introspection
// of a random probe token (an "inactive" answer proves the endpoint authenticated the gateway).
// The doctor uses fresh fetches: it never changes what the gateway has cached.
//
// Asynchronous: run() returns at once; stepFinished() reports each step and finished() the report.
// One run at a time: a new run() (or cancel()) abandons the previous one, whose signals never come.
class ConnectionDoctor : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionDoctor(GatewayServer* gateway, QObject* parent = nullptr);
    ~ConnectionDoctor() override;

    void setFetchTimeoutMs(int timeoutMs); // default: SafeFetcher's (5 s), as the gateway's fetches

    int run(const QString& service); // returns the run id carried by the signals
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void stepFinished(int runId, const Gateway::DoctorStep& step);
    void finished(int runId, const Gateway::DoctorReport& report);

private:
    struct Run;
    void resetFetchers();
    bool current(int runId) const { return m_running && runId == m_runId; }
    void addStep(DoctorStep step);
    void fetch(SafeFetcher* fetcher, const QUrl& url, std::function<void(const FetchResult&, qint64)> done);
    void checkProtectedResource();
    void nextIssuer();
    void tryDiscovery(const QString& issuer, int candidate);
    void checkIssuer(const QString& issuer, const QUrl& url, const QJsonObject& metadata);
    void fetchJwks(const QString& issuer, const QUrl& jwks);
    void reportGatewayCache(const QString& issuer);
    void checkIntrospection();
    void probeIntrospection();
    void skipRest(const QString& issuer, const QList<DoctorStep::Kind>& kinds, const QString& why);
    void finish();

    QPointer<GatewayServer> m_gateway;
    SafeFetcher* m_fetcher = nullptr; // authorization servers, with the gateway's loopback rule
    SafeFetcher* m_selfFetcher = nullptr; // the gateway's own listener
    SafeFetcher* m_introspectionFetcher = nullptr; // the service's introspection rule
    int m_timeoutMs = 0;
    int m_runId = 0;
    bool m_running = false;
    Run* m_run = nullptr;
    QElapsedTimer m_clock;
};

} // namespace Gateway

Q_DECLARE_METATYPE(Gateway::DoctorStep)
Q_DECLARE_METATYPE(Gateway::DoctorReport)
