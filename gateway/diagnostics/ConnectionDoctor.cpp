// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConnectionDoctor.h"

#include "ServiceTarget.h"

#include "core/GatewayServer.h"
#include "http/HttpMessage.h"
#include "security/AuthorizationServerDirectory.h"
#include "security/EndpointGuard.h"
#include "security/Jwk.h"
#include "security/SafeFetcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace Gateway {

namespace {

// Remote text shown in a step: printable, bounded.
QString shown(const QString& text, int max = 160)
{
    QString out;
    for (const QChar c : text) {
        if (out.size() >= max) {
            out.append(QChar(0x2026));
            break;
        }
        out.append(c.isPrint() ? c : QChar(u'?'));
    }
    return out;
}

bool notHere(const FetchResult& r)
{
    return (r.failure == FetchResult::Failure::HttpStatus && r.status >= 400)
        || r.failure == FetchResult::Failure::NotJson;
}

QString statusText(const FetchResult& r)
{
    return r.status > 0 ? QStringLiteral("HTTP %1").arg(r.status) : r.error;
}

QString describeKey(const Jwk& key)
{
    QString text = key.kty();
    if (key.keyType() == Jwk::KeyType::Rsa)
        text += QStringLiteral(" %1").arg(key.bits());
    else
        text += QLatin1Char(' ') + key.curve();
    QStringList extra;
    if (!key.kid().isEmpty())
        extra.append(QStringLiteral("kid %1").arg(shown(key.kid(), 40)));
    if (!key.alg().isEmpty())
        extra.append(key.alg());
    if (!extra.isEmpty())
        text += QStringLiteral(" (%1)").arg(extra.join(QStringLiteral(", ")));
    return text;
}

QStringList stringList(const QJsonValue& value)
{
    QStringList out;
    for (const QJsonValue& v : value.toArray())
        out.append(v.toString());
    return out;
}

} // namespace

QString DoctorStep::kindName(Kind kind)
{
    switch (kind) {
    case Kind::ProtectedResourceMetadata: return QStringLiteral("Protected resource metadata (RFC 9728)");
    case Kind::AuthorizationServerMetadata: return QStringLiteral("Authorization server metadata (RFC 8414)");
    case Kind::OpenIdConfiguration: return QStringLiteral("OpenID Connect discovery");
    case Kind::IssuerCheck: return QStringLiteral("Issuer check");
    case Kind::Jwks: return QStringLiteral("Signing keys (JWKS)");
    case Kind::GatewayKeyCache: return QStringLiteral("Gateway key cache");
    case Kind::IntrospectionEndpoint: return QStringLiteral("Introspection endpoint");
    case Kind::IntrospectionAuthentication: return QStringLiteral("Introspection client authentication");
    }
    return {};
}

QString DoctorStep::statusName(Status status)
{
    switch (status) {
    case Status::Passed: return QStringLiteral("passed");
    case Status::Warning: return QStringLiteral("warning");
    case Status::Failed: return QStringLiteral("failed");
    case Status::Skipped: return QStringLiteral("skipped");
    }
    return {};
}

struct ConnectionDoctor::Run
{
    ServiceTarget target;
    DoctorReport report;
    QStringList issuers;
    int issuerIndex = 0;
    QList<QUrl> candidates;
    QStringList notFound; // discovery URLs that answered "not here", for the failure text
};

ConnectionDoctor::ConnectionDoctor(GatewayServer* gateway, QObject* parent)
    : QObject(parent)
    , m_gateway(gateway)
{
    qRegisterMetaType<Gateway::DoctorStep>();
    qRegisterMetaType<Gateway::DoctorReport>();
    resetFetchers();
}

ConnectionDoctor::~ConnectionDoctor()
{
    delete m_run;
}

void ConnectionDoctor::setFetchTimeoutMs(int timeoutMs)
{
    m_timeoutMs = timeoutMs;
    for (SafeFetcher* f : {m_fetcher, m_selfFetcher, m_introspectionFetcher})
        f->setTimeoutMs(timeoutMs);
}

void ConnectionDoctor::resetFetchers()
{
    // Deleting a fetcher drops its pending callbacks: an abandoned run never hears back.
    delete m_fetcher;
    delete m_selfFetcher;
    delete m_introspectionFetcher;
    m_fetcher = new SafeFetcher(this);
    m_selfFetcher = new SafeFetcher(this);
    m_selfFetcher->setAllowLoopbackHttp(true); // the gateway's own loopback listener
    m_introspectionFetcher = new SafeFetcher(this);
    if (m_timeoutMs > 0)
        setFetchTimeoutMs(m_timeoutMs);
}

void ConnectionDoctor::cancel()
{
    if (!m_running)
        return;
    m_running = false;
    ++m_runId;
    resetFetchers();
}

int ConnectionDoctor::run(const QString& service)
{
    cancel();
    const int runId = ++m_runId;
    m_running = true;
    delete m_run;
    m_run = new Run;
    m_run->report.service = service;
    m_run->report.startedAt = QDateTime::currentDateTimeUtc();
    m_clock.start();
    QMetaObject::invokeMethod(
        this,
        [this, runId, service]() {
            if (!current(runId))
                return;
            if (!m_gateway) {
                m_run->report.failureReason = QStringLiteral("the gateway is gone");
                finish();
                return;
            }
            m_run->target = ServiceTarget::of(*m_gateway, service);
            m_run->report.resource = m_run->target.resource;
            const EndpointSecurity& security = m_run->target.security;
            if (!m_run->target.found) {
                m_run->report.failureReason
                    = QStringLiteral("the gateway has no service named \"%1\"").arg(shown(service, 64));
                finish();
                return;
            }
            if (security.mode != EndpointSecurity::Mode::OAuth2) {
                m_run->report.failureReason
                    = QStringLiteral("service %1 does not use OAuth2 (its endpoint security is %2)")
                          .arg(service, EndpointSecurity::modeName(security.mode));
                finish();
                return;
            }
            // The same loopback rule as the gateway's key directory (any service allowing it), and
            // for introspection the service's own rule, as EndpointGuard applies it.
            bool loopbackIssuers = false;
            for (const ServiceConfig& s : m_gateway->config().services)
                loopbackIssuers = loopbackIssuers || s.security.allowLoopbackHttpIssuers;
            m_fetcher->setAllowLoopbackHttp(loopbackIssuers);
            m_introspectionFetcher->setAllowLoopbackHttp(security.allowLoopbackHttpIssuers);
            checkProtectedResource();
        },
        Qt::QueuedConnection);
    return runId;
}

void ConnectionDoctor::addStep(DoctorStep step)
{
    m_run->report.steps.append(step);
    emit stepFinished(m_runId, step);
}

void ConnectionDoctor::fetch(SafeFetcher* fetcher, const QUrl& url,
                             std::function<void(const FetchResult&, qint64)> done)
{
    const int runId = m_runId;
    QElapsedTimer timer;
    timer.start();
    fetcher->getJson(url, [this, runId, timer, done](const FetchResult& result) {
        if (current(runId))
            done(result, timer.elapsed());
    });
}

void ConnectionDoctor::checkProtectedResource()
{
    const ServiceTarget& target = m_run->target;
    DoctorStep step;
    step.kind = DoctorStep::Kind::ProtectedResourceMetadata;
    step.title = DoctorStep::kindName(step.kind);
    step.method = QStringLiteral("GET");
    step.url = SafeFetcher::displayUrl(target.localMetadataUrl);
    if (!m_gateway->isListening()) {
        step.status = DoctorStep::Status::Failed;
        step.result = QStringLiteral("not listening");
        step.detail = QStringLiteral("the gateway is not listening, so clients cannot reach its metadata; start it");
        addStep(step);
        m_run->issuers = target.security.authorizationServers;
        nextIssuer();
        return;
    }
    fetch(m_selfFetcher, target.localMetadataUrl, [this, step](const FetchResult& r, qint64 ms) mutable {
        const ServiceTarget& target = m_run->target;
        step.httpStatus = r.status;
        step.elapsedMs = ms;
        m_run->issuers = target.security.authorizationServers;
        if (!r.ok) {
            step.status = DoctorStep::Status::Failed;
            step.result = statusText(r);
            step.detail
                = QStringLiteral("the gateway's own protected-resource metadata could not be fetched: %1").arg(r.error);
            addStep(step);
            nextIssuer();
            return;
        }
        const QString resource = r.json.value(QLatin1String("resource")).toString();
        const QStringList servers = stringList(r.json.value(QLatin1String("authorization_servers")));
        const QStringList scopes = stringList(r.json.value(QLatin1String("scopes_supported")));
        step.result = QStringLiteral("%1, %2 authorization server(s)").arg(r.status).arg(servers.size());
        if (!scopes.isEmpty())
            step.result += QStringLiteral(", scopes %1").arg(scopes.join(QLatin1Char(' ')));
        if (resource != target.resource.toString()) {
            step.status = DoctorStep::Status::Failed;
            step.detail = QStringLiteral("the metadata names resource %1, but the gateway checks tokens for %2")
                              .arg(shown(resource), target.resource.toString());
        } else if (servers.isEmpty()) {
            step.status = DoctorStep::Status::Failed;
            step.detail = QStringLiteral("the metadata names no authorization server: clients cannot tell where to "
                                         "get a token");
        } else {
            step.status = DoctorStep::Status::Passed;
            step.detail = QStringLiteral("clients are told: resource %1, authorization servers %2")
                              .arg(resource, servers.join(QStringLiteral(", ")));
            m_run->issuers = servers;
        }
        addStep(step);
        nextIssuer();
    });
}

void ConnectionDoctor::nextIssuer()
{
    if (m_run->issuerIndex >= m_run->issuers.size()) {
        checkIntrospection();
        return;
    }
    const QString issuer = m_run->issuers.at(m_run->issuerIndex++);
    m_run->candidates = AuthorizationServerDirectory::discoveryUrls(QUrl(issuer, QUrl::StrictMode));
    m_run->notFound.clear();
    if (m_run->candidates.isEmpty()) {
        DoctorStep step;
        step.kind = DoctorStep::Kind::AuthorizationServerMetadata;
        step.title = DoctorStep::kindName(step.kind);
        step.authorizationServer = issuer;
        step.status = DoctorStep::Status::Failed;
        step.result = QStringLiteral("invalid issuer");
        step.detail = QStringLiteral("the issuer \"%1\" is not an absolute URL").arg(shown(issuer));
        addStep(step);
        skipRest(issuer, {DoctorStep::Kind::IssuerCheck, DoctorStep::Kind::Jwks}, step.detail);
        reportGatewayCache(issuer);
        return;
    }
    tryDiscovery(issuer, 0);
}

void ConnectionDoctor::tryDiscovery(const QString& issuer, int candidate)
{
    const QUrl url = m_run->candidates.at(candidate);
    DoctorStep step;
    step.kind = url.path().startsWith(QLatin1String("/.well-known/oauth-authorization-server"))
        ? DoctorStep::Kind::AuthorizationServerMetadata
        : DoctorStep::Kind::OpenIdConfiguration;
    step.title = DoctorStep::kindName(step.kind);
    step.authorizationServer = issuer;
    step.method = QStringLiteral("GET");
    step.url = SafeFetcher::displayUrl(url);
    fetch(m_fetcher, url, [this, step, issuer, url, candidate](const FetchResult& r, qint64 ms) mutable {
        step.httpStatus = r.status;
        step.elapsedMs = ms;
        if (r.ok) {
            step.status = DoctorStep::Status::Passed;
            step.result = QStringLiteral("%1, metadata found").arg(r.status);
            step.detail = QStringLiteral("the gateway uses the metadata at %1").arg(step.url);
            addStep(step);
            checkIssuer(issuer, url, r.json);
            return;
        }
        step.result = statusText(r);
        if (notHere(r) && candidate + 1 < m_run->candidates.size()) {
            m_run->notFound.append(step.url);
            step.status = DoctorStep::Status::Warning;
            step.detail
                = QStringLiteral("no metadata here (%1); the gateway tries the next discovery URL").arg(r.error);
            addStep(step);
            tryDiscovery(issuer, candidate + 1);
            return;
        }
        step.status = DoctorStep::Status::Failed;
        if (notHere(r)) {
            m_run->notFound.append(step.url);
            step.detail = QStringLiteral("no authorization server metadata for %1 at any discovery URL (%2); last "
                                         "answer: %3")
                              .arg(issuer, m_run->notFound.join(QStringLiteral(", ")), r.error);
        } else {
            step.detail
                = QStringLiteral("the metadata of %1 could not be fetched from %2: %3").arg(issuer, step.url, r.error);
        }
        addStep(step);
        skipRest(issuer, {DoctorStep::Kind::IssuerCheck, DoctorStep::Kind::Jwks}, step.detail);
        reportGatewayCache(issuer);
    });
}

void ConnectionDoctor::checkIssuer(const QString& issuer, const QUrl& url, const QJsonObject& metadata)
{
    Q_UNUSED(url)
    DoctorStep step;
    step.kind = DoctorStep::Kind::IssuerCheck;
    step.title = DoctorStep::kindName(step.kind);
    step.authorizationServer = issuer;
    const QJsonValue advertised = metadata.value(QLatin1String("issuer"));
    if (!advertised.isString() || advertised.toString() != issuer) {
        step.status = DoctorStep::Status::Failed;
        step.result = QStringLiteral("mismatch");
        step.detail = advertised.isString()
            ? QStringLiteral("metadata issuer %1 differs from configured %2").arg(shown(advertised.toString()), issuer)
            : QStringLiteral("the metadata names no issuer (configured %1)").arg(issuer);
        step.detail += QStringLiteral("; they must be equal character for character (RFC 8414 \u00a73.3), so the "
                                      "gateway cannot use this authorization server");
        addStep(step);
        skipRest(issuer, {DoctorStep::Kind::Jwks}, QStringLiteral("the issuer check failed"));
        reportGatewayCache(issuer);
        return;
    }
    step.status = DoctorStep::Status::Passed;
    step.result = QStringLiteral("issuer matches");
    step.detail = QStringLiteral("the metadata names exactly the configured issuer %1").arg(issuer);
    addStep(step);

    const QJsonValue jwks = metadata.value(QLatin1String("jwks_uri"));
    const QUrl jwksUrl(jwks.toString(), QUrl::StrictMode);
    if (jwks.isUndefined() || !jwks.isString() || !jwksUrl.isValid() || jwksUrl.isRelative()) {
        DoctorStep keys;
        keys.kind = DoctorStep::Kind::Jwks;
        keys.title = DoctorStep::kindName(keys.kind);
        keys.authorizationServer = issuer;
        keys.result = jwks.isUndefined() ? QStringLiteral("no jwks_uri") : QStringLiteral("invalid jwks_uri");
        const bool introspection = !m_run->target.security.introspectionEndpoint.isEmpty();
        keys.status = jwks.isUndefined() && introspection ? DoctorStep::Status::Warning : DoctorStep::Status::Failed;
        keys.detail = jwks.isUndefined()
            ? QStringLiteral("the metadata names no jwks_uri, so the gateway cannot verify JWTs from %1%2")
                  .arg(issuer, introspection ? QStringLiteral("; opaque tokens still go to introspection") : QString())
            : QStringLiteral("the metadata's jwks_uri is not an absolute URL");
        addStep(keys);
        reportGatewayCache(issuer);
        return;
    }
    fetchJwks(issuer, jwksUrl);
}

void ConnectionDoctor::fetchJwks(const QString& issuer, const QUrl& jwks)
{
    DoctorStep step;
    step.kind = DoctorStep::Kind::Jwks;
    step.title = DoctorStep::kindName(step.kind);
    step.authorizationServer = issuer;
    step.method = QStringLiteral("GET");
    step.url = SafeFetcher::displayUrl(jwks);
    fetch(m_fetcher, jwks, [this, step, issuer](const FetchResult& r, qint64 ms) mutable {
        step.httpStatus = r.status;
        step.elapsedMs = ms;
        if (!r.ok) {
            step.status = DoctorStep::Status::Failed;
            step.result = statusText(r);
            step.detail = QStringLiteral("the signing keys of %1 could not be fetched from %2: %3; without them "
                                         "the gateway answers 503 to every JWT")
                              .arg(issuer, step.url, r.error);
            addStep(step);
            reportGatewayCache(issuer);
            return;
        }
        QStringList warnings;
        const JwkSet keys = JwkSet::fromJson(r.json, &warnings);
        QStringList kinds;
        for (const Jwk& key : keys.keys())
            kinds.append(describeKey(key));
        step.result = QStringLiteral("%1, %2 usable key(s)").arg(r.status).arg(keys.size());
        if (keys.isEmpty()) {
            step.status = DoctorStep::Status::Failed;
            step.detail = QStringLiteral("the JWKS at %1 has no usable signing key").arg(step.url);
        } else {
            step.status = warnings.isEmpty() ? DoctorStep::Status::Passed : DoctorStep::Status::Warning;
            step.detail = QStringLiteral("keys: %1").arg(kinds.join(QStringLiteral("; ")));
        }
        for (const QString& w : std::as_const(warnings))
            step.detail += QStringLiteral("; skipped: %1").arg(shown(w, 200));
        addStep(step);
        reportGatewayCache(issuer);
    });
}

void ConnectionDoctor::reportGatewayCache(const QString& issuer)
{
    DoctorStep step;
    step.kind = DoctorStep::Kind::GatewayKeyCache;
    step.title = DoctorStep::kindName(step.kind);
    step.authorizationServer = issuer;
    const AuthorizationServerDirectory::IssuerState* state
        = m_gateway ? m_gateway->endpointGuard()->directory()->state(issuer) : nullptr;
    using S = AuthorizationServerDirectory::IssuerState::Status;
    if (!state || state->status == S::Unknown) {
        step.result = QStringLiteral("not loaded yet");
        step.detail = QStringLiteral("the gateway loads this issuer's keys on the first token it sees");
    } else if (state->status == S::Loading) {
        step.result = QStringLiteral("loading");
        step.detail = QStringLiteral("the gateway is fetching this issuer's metadata or keys right now");
    } else if (state->status == S::Failed) {
        step.status = DoctorStep::Status::Warning;
        step.result = QStringLiteral("last attempt failed");
        step.detail = QStringLiteral("the gateway's last attempt failed (%1); it answers 503 to JWTs from this "
                                     "issuer and tries again at most every %2 s")
                          .arg(state->error)
                          .arg(AuthorizationServerDirectory::DefaultMinRefreshIntervalMs / 1000);
    } else {
        step.result = QStringLiteral("%1 key(s)").arg(state->keys.size());
        step.detail = state->keysFetchedAt.isValid() ? QStringLiteral("the gateway holds %1 key(s) fetched at %2 UTC")
                                                           .arg(state->keys.size())
                                                           .arg(state->keysFetchedAt.toString(Qt::ISODate))
                                                     : QStringLiteral("the gateway holds the metadata but no keys");
        if (!state->error.isEmpty()) {
            step.status = DoctorStep::Status::Warning;
            step.detail += QStringLiteral("; %1").arg(state->error);
        }
    }
    addStep(step);
    nextIssuer();
}

void ConnectionDoctor::checkIntrospection()
{
    const EndpointSecurity& security = m_run->target.security;
    if (security.introspectionEndpoint.isEmpty() || !m_gateway) {
        finish();
        return;
    }
    DoctorStep step;
    step.kind = DoctorStep::Kind::IntrospectionEndpoint;
    step.title = DoctorStep::kindName(step.kind);
    step.method = QStringLiteral("GET");
    step.url = SafeFetcher::displayUrl(security.introspectionEndpoint);
    fetch(m_introspectionFetcher, security.introspectionEndpoint,
          [this, step](const FetchResult& r, qint64 ms) mutable {
              step.httpStatus = r.status;
              step.elapsedMs = ms;
              using F = FetchResult::Failure;
              if (r.ok || r.failure == F::HttpStatus || r.failure == F::NotJson) {
                  // Any HTTP answer to a GET proves connect and TLS; the POST below is the real check.
                  step.status = DoctorStep::Status::Passed;
                  step.result = QStringLiteral("%1, reachable").arg(r.status);
                  step.detail = QStringLiteral("the endpoint answers (a GET: any status will do)");
                  addStep(step);
                  probeIntrospection();
                  return;
              }
              step.status = DoctorStep::Status::Failed;
              step.result = r.error;
              step.detail = r.failure == F::Refused
                  ? QStringLiteral("the introspection endpoint %1 is refused: %2").arg(step.url, r.error)
                  : r.failure == F::Redirect
                  ? QStringLiteral("the introspection endpoint %1 redirects elsewhere; the gateway does not follow "
                                   "redirects when introspecting")
                        .arg(step.url)
                  : QStringLiteral("the introspection endpoint %1 is unreachable: %2").arg(step.url, r.error);
              addStep(step);
              skipRest(QString(), {DoctorStep::Kind::IntrospectionAuthentication},
                       QStringLiteral("endpoint unreachable"));
              finish();
          });
}

void ConnectionDoctor::probeIntrospection()
{
    const ServiceTarget& target = m_run->target;
    DoctorStep step;
    step.kind = DoctorStep::Kind::IntrospectionAuthentication;
    step.title = DoctorStep::kindName(step.kind);
    step.method = QStringLiteral("POST");
    step.url = SafeFetcher::displayUrl(target.security.introspectionEndpoint);

    // A random opaque token no authorization server issued, through the gateway's own
    // introspection path (client authentication, request and answer checks).
    const quint64 nonce[2] = {QRandomGenerator::system()->generate64(), QRandomGenerator::system()->generate64()};
    const QByteArray probe
        = "portcullis-doctor-probe-" + QByteArray(reinterpret_cast<const char*>(nonce), sizeof nonce).toHex();
    HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/mcp/") + target.service;
    request.peerAddress = QHostAddress::LocalHost;
    request.headers.append({"Host", target.resource.authority(QUrl::FullyEncoded).toLatin1()});
    request.headers.append({"Authorization", "Bearer " + probe});
    if (!m_gateway) {
        finish();
        return;
    }
    const int runId = m_runId;
    QElapsedTimer timer;
    timer.start();
    QPointer<ConnectionDoctor> self(this);
    m_gateway->endpointGuard()->authenticate(
        request, target.service, target.security, target.resource, target.metadataUrl,
        [this, self, runId, timer, step](const AuthDecision& decision) mutable {
            // The guard may answer after this doctor is gone or has moved on to another run.
            if (!self || !current(runId))
                return;
            step.elapsedMs = timer.elapsed();
            const QString description = QJsonDocument::fromJson(decision.denial.body)
                                            .object()
                                            .value(QLatin1String("error_description"))
                                            .toString();
            if (decision.reason == QLatin1String("inactive")) {
                step.httpStatus = 200;
                step.status = DoctorStep::Status::Passed;
                step.result = QStringLiteral("200, active=false for a probe token");
                step.detail = QStringLiteral("the endpoint accepted the gateway's client credentials and judged a "
                                             "random probe token inactive, as it should");
            } else if (decision.reason == QLatin1String("introspection_unavailable")) {
                step.status = DoctorStep::Status::Failed;
                step.result = QStringLiteral("failed");
                step.detail = QStringLiteral("the gateway's introspection call failed (%1): check the client id and "
                                             "secret, and that the endpoint answers 200 with JSON; meanwhile "
                                             "opaque tokens get 503")
                                  .arg(description);
            } else {
                step.httpStatus = 200;
                step.status = DoctorStep::Status::Failed;
                step.result = QStringLiteral("probe token active");
                step.detail = QStringLiteral("the endpoint called a random probe token active (gateway reason %1): "
                                             "it does not really check tokens")
                                  .arg(decision.reason);
            }
            addStep(step);
            finish();
        });
}

void ConnectionDoctor::skipRest(const QString& issuer, const QList<DoctorStep::Kind>& kinds, const QString& why)
{
    Q_UNUSED(why)
    for (DoctorStep::Kind kind : kinds) {
        DoctorStep step;
        step.kind = kind;
        step.title = DoctorStep::kindName(kind);
        step.authorizationServer = issuer;
        step.status = DoctorStep::Status::Skipped;
        step.result = QStringLiteral("skipped");
        step.detail = QStringLiteral("not checked: an earlier step failed");
        addStep(step);
    }
}

void ConnectionDoctor::finish()
{
    DoctorReport& report = m_run->report;
    report.elapsedMs = m_clock.elapsed();
    for (int i = 0; i < report.steps.size(); ++i) {
        if (report.steps.at(i).status == DoctorStep::Status::Failed) {
            report.firstFailure = i;
            report.failureReason = report.steps.at(i).detail;
            break;
        }
    }
    report.ok = report.firstFailure < 0 && report.failureReason.isEmpty();
    m_running = false;
    const DoctorReport copy = report;
    const int runId = m_runId;
    emit finished(runId, copy);
}

} // namespace Gateway
