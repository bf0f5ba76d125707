// SPDX-License-Identifier: GPL-3.0-or-later
#include "ElicitationBroker.h"

#include "ElicitedCredentialStore.h"
#include "OAuthTokenClient.h"
#include "net/Loopback.h"
#include "secrets/SecretBytes.h"
#include "secrets/SecretResolver.h"
#include "secrets/SecretStore.h"
#include "security/AuthorizationServerDirectory.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>

namespace Gateway {

namespace {

const QLatin1String kPrefix("/elicit/");
const QLatin1String kCallback("callback");

QByteArray base64Url(const QByteArray& bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// `bytes` bytes from the system CSPRNG, base64url without padding.
QByteArray randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32*>(raw.data()),
                                         reinterpret_cast<quint32*>(raw.data() + (bytes / 4) * 4));
    return base64Url(raw.left((bytes / 4) * 4));
}

QByteArray sha256(const QByteArray& bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

// Equal without an early exit, so the comparison time does not tell how much matched.
bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (int i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

QString originOf(const QUrl& url)
{
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
        .toString(QUrl::FullyEncoded)
        .toLower();
}

bool isPrintableValue(const QString& value)
{
    for (QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F || c.unicode() > 0x7E)
            return false;
    }
    return true;
}

// application/x-www-form-urlencoded: '+' is a space.
QUrlQuery formQuery(const QByteArray& body)
{
    QByteArray copy = body;
    copy.replace('+', "%20");
    return QUrlQuery(QString::fromLatin1(copy));
}

QString formValue(const QUrlQuery& query, const QString& key)
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

const QStringList& knownAuthorizationErrors()
{
    static const QStringList known{
        QStringLiteral("invalid_request"),         QStringLiteral("unauthorized_client"),
        QStringLiteral("access_denied"),           QStringLiteral("unsupported_response_type"),
        QStringLiteral("invalid_scope"),           QStringLiteral("server_error"),
        QStringLiteral("temporarily_unavailable"), QStringLiteral("login_required"),
        QStringLiteral("consent_required"),        QStringLiteral("interaction_required")};
    return known;
}

} // namespace

struct ElicitationBroker::Flow
{
    QString id;
    QString key;
    ElicitationContext context;
    QElapsedTimer age;
    ElicitationFlowStatus status = ElicitationFlowStatus::Pending;
    bool opened = false;
    QByteArray cookieHash; // SHA-256 of the cookie handed to the first browser
    QByteArray csrf;
    bool userVerified = false;
    // The authorization request in progress.
    QString state;
    QByteArray verifier;
    bool verifyPhase = false;
    QUrl tokenEndpoint;
    QString expectedIssuer;
    bool issRequired = false;

    QString cookieName() const { return QStringLiteral("pc_elicit_") + id; }
    bool needsUserVerification() const
    {
        return !context.settings.verifyUserClientId.isEmpty() && context.endpoint.mode == EndpointSecurity::Mode::OAuth2
            && !userVerified;
    }
};

ElicitationBroker::ElicitationBroker(SecretResolver* resolver, QObject* parent)
    : QObject(parent)
    , m_resolver(resolver)
    , m_store(new ElicitedCredentialStore(this))
    , m_tokens(new OAuthTokenClient(resolver, this))
    , m_directory(new AuthorizationServerDirectory(this))
    , m_loopbackDirectory(new AuthorizationServerDirectory(this))
{
    qRegisterMetaType<Gateway::ElicitationFlowStatus>();
    m_loopbackDirectory->setAllowLoopbackHttp(true);
}

ElicitationBroker::~ElicitationBroker() = default;

void ElicitationBroker::setSecretStore(SecretStore* store)
{
    m_store->setSecretStore(store);
    m_loaded.clear();
}

void ElicitationBroker::setSecretResolver(SecretResolver* resolver)
{
    m_resolver = resolver;
    m_tokens->setSecretResolver(resolver);
}

QUrl ElicitationBroker::gatewayBaseFor(const GatewaySettings& settings, const HttpRequest& mcpRequest)
{
    if (!settings.publicUrl.isEmpty())
        return settings.publicUrl;
    const QString host = QString::fromLatin1(mcpRequest.header("Host")).trimmed().toLower();
    QUrl url(QStringLiteral("http://") + host, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !url.path().isEmpty())
        return {};
    return url;
}

QString ElicitationBroker::personFor(EndpointSecurity::Mode mode, const QString& principal, const QString& sessionId)
{
    switch (mode) {
    case EndpointSecurity::Mode::OAuth2:
    case EndpointSecurity::Mode::ApiKey: return principal == QLatin1String("anonymous") ? QString() : principal;
    case EndpointSecurity::Mode::None: break;
    }
    return sessionId.isEmpty() ? QString() : QStringLiteral("session:") + sessionId;
}

ElicitationContext ElicitationBroker::contextFor(const ServiceConfig& service, const GatewaySettings& settings,
                                                 const QString& person, const QString& revision,
                                                 const HttpRequest& mcpRequest)
{
    ElicitationContext c;
    c.service = service.name;
    c.auth = service.backendAuth;
    c.settings = service.elicitation;
    c.endpoint = service.security;
    c.person = person;
    c.revision = revision;
    c.gatewayBase = gatewayBaseFor(settings, mcpRequest);
    return c;
}

QString ElicitationBroker::key(const QString& service, const QString& person)
{
    return service + QLatin1Char('\n') + person;
}

bool ElicitationBroker::handles(const QString& path)
{
    return path.startsWith(kPrefix);
}

void ElicitationBroker::deliver(Callback callback, CredentialOutcome outcome)
{
    QMetaObject::invokeMethod(
        this, [callback = std::move(callback), outcome = std::move(outcome)]() { callback(outcome); },
        Qt::QueuedConnection);
}

void ElicitationBroker::emitEvent(const QString& stage, const QString& service, const QString& person,
                                  const QString& revision, BackendAuth::Kind kind, const QString& elicitationId,
                                  qint64 ageMs, const QString& reason)
{
    if (!m_publish)
        return;
    TrafficEvent e;
    e.time = QDateTime::currentDateTimeUtc();
    e.kind = TrafficEvent::Kind::Elicitation;
    e.service = service;
    e.principal = person;
    e.protocolRevision = revision;
    e.elicitationId = elicitationId;
    e.elicitationStage = stage;
    e.credentialKind = BackendAuth::kindName(kind);
    e.elicitationAgeMs = ageMs;
    e.detail = reason.left(200);
    e.totalMicros = ageMs > 0 ? ageMs * 1000 : 0;
    m_publish(e);
}

CredentialOutcome ElicitationBroker::readyOutcome(const ElicitationContext& context, const QByteArray& value) const
{
    CredentialOutcome out;
    out.status = CredentialOutcome::Status::Ready;
    out.credential = value;
    if (context.auth.kind == BackendAuth::Kind::ElicitedOAuth2) {
        out.headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + value});
    } else {
        const QByteArray scheme = context.auth.scheme.toLatin1();
        out.headers.append({context.auth.headerName.toLatin1(), scheme.isEmpty() ? value : scheme + ' ' + value});
    }
    return out;
}

void ElicitationBroker::acquire(const ElicitationContext& context, Callback callback)
{
    CredentialOutcome failed;
    if (!context.auth.isElicited())
        failed.error = QStringLiteral("service %1 does not use an elicited backend credential").arg(context.service);
    else if (context.person.isEmpty())
        failed.error = QStringLiteral("this backend needs each person's own credential, and the caller has no "
                                      "identity: enable API key or OAuth2 security on the endpoint");
    else if (!context.gatewayBase.isValid() || context.gatewayBase.host().isEmpty())
        failed.error = QStringLiteral("the gateway's public URL is unknown");
    if (!failed.error.isEmpty()) {
        deliver(std::move(callback), failed);
        return;
    }
    const QString k = key(context.service, context.person);
    if (m_busy.contains(k)) {
        m_busy[k].append({context, std::move(callback)});
        return;
    }
    if (context.settings.persist && m_store->secretStore() && !m_loaded.contains(k)
        && !m_store->get(context.service, context.person)) {
        m_busy[k].append({context, std::move(callback)});
        QPointer<ElicitationBroker> self(this);
        m_store->load(context.service, context.person, [self, k](bool) {
            if (!self)
                return;
            self->m_loaded.insert(k);
            self->finishBusy(k, {});
        });
        return;
    }
    resolveNow(context, std::move(callback));
}

void ElicitationBroker::resolveNow(const ElicitationContext& context, Callback callback)
{
    const QString k = key(context.service, context.person);
    if (m_busy.contains(k)) {
        m_busy[k].append({context, std::move(callback)});
        return;
    }
    std::optional<ElicitedCredential> credential = m_store->get(context.service, context.person);
    if (credential && credential->kind != context.auth.kind) { // the service changed kind since
        m_store->forgetInMemory(context.service, context.person);
        credential.reset();
    }
    if (credential && credential->kind == BackendAuth::Kind::ElicitedOAuth2
        && credential->isExpired(QDateTime::currentDateTimeUtc(), RefreshMarginSeconds)) {
        if (!credential->refreshToken.isEmpty()) {
            m_busy[k].append({context, std::move(callback)});
            startRefresh(context, k);
            return;
        }
        m_store->forgetInMemory(context.service, context.person);
        credential.reset();
    }
    if (credential) {
        deliver(std::move(callback), readyOutcome(context, credential->value));
        return;
    }
    const std::shared_ptr<Flow> flow = ensureFlow(context);
    CredentialOutcome out;
    if (!flow) {
        out.error = QStringLiteral("too many elicitations are pending; try again later");
        deliver(std::move(callback), out);
        return;
    }
    out.status = CredentialOutcome::Status::ElicitationRequired;
    out.elicitationId = flow->id;
    QUrl url = context.gatewayBase;
    url.setPath(kPrefix + flow->id);
    out.url = url;
    out.message = context.auth.kind == BackendAuth::Kind::ElicitedOAuth2
        ? QStringLiteral("Open this link to connect your account for \"%1\"; then the call can go on. The gateway "
                         "keeps the resulting token; the MCP client never sees it.")
              .arg(context.service)
        : QStringLiteral("Open this link to enter your credential for \"%1\"; then the call can go on. The gateway "
                         "keeps it; the MCP client never sees it.")
              .arg(context.service);
    deliver(std::move(callback), out);
}

void ElicitationBroker::finishBusy(const QString& k, const QString& error)
{
    const QList<Waiter> waiters = m_busy.take(k);
    for (const Waiter& w : waiters) {
        if (!error.isEmpty()) {
            CredentialOutcome out;
            out.error = error;
            deliver(w.callback, out);
        } else {
            resolveNow(w.context, w.callback);
        }
    }
}

void ElicitationBroker::startRefresh(const ElicitationContext& context, const QString& k)
{
    QPointer<ElicitationBroker> self(this);
    const BackendAuth auth = context.auth;
    auto run = [self, context, k](const QUrl& tokenEndpoint, const QString& error) {
        if (!self)
            return;
        const std::optional<ElicitedCredential> old = self->m_store->get(context.service, context.person);
        if (!error.isEmpty() || !old) {
            self->finishBusy(k, error.isEmpty() ? QString() : error);
            return;
        }
        OAuthTokenClient::Form form{{"grant_type", "refresh_token"}, {"refresh_token", old->refreshToken}};
        if (!context.auth.resource.isEmpty())
            form.append({"resource", context.auth.resource.toUtf8()});
        QElapsedTimer timer;
        timer.start();
        self->m_tokens->post(tokenEndpoint, context.auth.allowLoopbackHttpTokenEndpoint, context.auth.clientId,
                             context.auth.secretRef, form, [self, context, k, old, timer](const TokenResponse& r) {
                                 if (!self)
                                     return;
                                 if (!r.ok) {
                                     if (r.oauthError.isEmpty() && !r.error.contains(QLatin1String("HTTP 4"))) {
                                         self->finishBusy(k, QStringLiteral("token refresh failed: %1").arg(r.error));
                                         return;
                                     }
                                     // The authorization server refused the refresh token: ask the person again.
                                     self->m_store->forget(context.service, context.person);
                                     self->emitEvent(QStringLiteral("revoked"), context.service, context.person,
                                                     context.revision, context.auth.kind, {}, timer.elapsed(),
                                                     QStringLiteral("refresh refused: %1").arg(r.error));
                                     self->finishBusy(k, {});
                                     return;
                                 }
                                 ElicitedCredential fresh;
                                 fresh.kind = BackendAuth::Kind::ElicitedOAuth2;
                                 fresh.value = r.accessToken;
                                 fresh.refreshToken = r.refreshToken.isEmpty() ? old->refreshToken : r.refreshToken;
                                 fresh.obtainedAt = QDateTime::currentDateTimeUtc();
                                 if (r.expiresInSeconds > 0)
                                     fresh.expiresAt = fresh.obtainedAt.addSecs(r.expiresInSeconds);
                                 fresh.fromForcedRefresh = old->refreshForced;
                                 self->m_store->put(context.service, context.person, fresh, context.settings.persist);
                                 self->emitEvent(QStringLiteral("refreshed"), context.service, context.person,
                                                 context.revision, context.auth.kind, {}, timer.elapsed(),
                                                 old->refreshForced ? QStringLiteral("after a backend rejection")
                                                                    : QString());
                                 self->finishBusy(k, {});
                             });
    };
    if (!auth.tokenEndpoint.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [run, auth]() { run(auth.tokenEndpoint, {}); }, Qt::QueuedConnection);
        return;
    }
    withEndpoints(auth.issuer, auth.allowLoopbackHttpTokenEndpoint,
                  [run](const QJsonObject& metadata, const QString& error) {
                      run(QUrl(metadata.value(QLatin1String("token_endpoint")).toString(), QUrl::StrictMode), error);
                  });
}

bool ElicitationBroker::invalidate(const QString& service, const QString& person, const QByteArray& credential)
{
    std::optional<ElicitedCredential> current = m_store->get(service, person);
    if (!current)
        return false;
    if (!constantTimeEquals(current->value, credential))
        return true; // already renewed since that value was handed out
    if (current->kind == BackendAuth::Kind::ElicitedOAuth2 && !current->refreshToken.isEmpty()
        && !current->fromForcedRefresh && !current->refreshForced) {
        current->refreshForced = true;
        m_store->put(service, person, *current, false);
        return true;
    }
    const BackendAuth::Kind kind = current->kind;
    forget(service, person);
    emitEvent(QStringLiteral("revoked"), service, person, {}, kind, {}, -1,
              QStringLiteral("the backend rejected the credential"));
    return false;
}

void ElicitationBroker::forget(const QString& service, const QString& person,
                               std::function<void(int, const QString&)> done)
{
    if (person.isEmpty()) {
        const QString prefix = service + QLatin1Char('\n');
        for (auto it = m_loaded.begin(); it != m_loaded.end();)
            it = it->startsWith(prefix) ? m_loaded.erase(it) : std::next(it);
    } else {
        m_loaded.remove(key(service, person));
    }
    m_store->forget(service, person, std::move(done));
}

void ElicitationBroker::revoke(const QString& service, const QString& person,
                               std::function<void(int, const QString&)> done)
{
    for (const ElicitedCredentialInfo& info : m_store->list(QDateTime::currentDateTimeUtc(), RefreshMarginSeconds)) {
        if (info.service == service && (person.isEmpty() || info.person == person))
            emitEvent(QStringLiteral("revoked"), service, info.person, {}, info.kind, {},
                      info.obtainedAt.isValid() ? info.obtainedAt.msecsTo(QDateTime::currentDateTimeUtc()) : -1,
                      QStringLiteral("revoked by the operator"));
    }
    forget(service, person, std::move(done));
}

QList<ElicitedCredentialInfo> ElicitationBroker::credentials() const
{
    QList<ElicitedCredentialInfo> out = m_store->list(QDateTime::currentDateTimeUtc(), RefreshMarginSeconds);
    for (ElicitedCredentialInfo& info : out)
        info.refreshing = m_busy.contains(key(info.service, info.person));
    return out;
}

ElicitationFlowStatus ElicitationBroker::flowStatus(const QString& elicitationId) const
{
    const auto flow = m_flows.value(elicitationId);
    return flow ? flow->status : ElicitationFlowStatus::Unknown;
}

bool ElicitationBroker::decline(const QString& elicitationId, const QString& person)
{
    const auto flow = m_flows.value(elicitationId);
    if (!flow || flow->context.person != person || flow->status != ElicitationFlowStatus::Pending)
        return false;
    finishFlow(flow, ElicitationFlowStatus::Declined, QStringLiteral("declined"),
               QStringLiteral("declined in the MCP client"));
    return true;
}

std::shared_ptr<ElicitationBroker::Flow> ElicitationBroker::ensureFlow(const ElicitationContext& context)
{
    const QString k = key(context.service, context.person);
    const QString existing = m_pendingByKey.value(k);
    if (!existing.isEmpty()) {
        const auto flow = m_flows.value(existing);
        if (flow && flow->status == ElicitationFlowStatus::Pending) {
            if (flow->age.elapsed() < m_flowLifetimeMs)
                return flow;
            finishFlow(flow, ElicitationFlowStatus::Expired, QStringLiteral("expired"));
        }
    }
    if (m_flows.size() >= MaxFlows) {
        for (auto it = m_flows.begin(); it != m_flows.end();)
            it = (*it)->status != ElicitationFlowStatus::Pending ? m_flows.erase(it) : std::next(it);
        if (m_flows.size() >= MaxFlows)
            return nullptr;
    }
    auto flow = std::make_shared<Flow>();
    flow->id = QString::fromLatin1(randomToken(16));
    flow->key = k;
    flow->context = context;
    flow->age.start();
    flow->csrf = randomToken(24);
    m_flows.insert(flow->id, flow);
    m_pendingByKey.insert(k, flow->id);
    QPointer<ElicitationBroker> self(this);
    const QString id = flow->id;
    QTimer::singleShot(m_flowLifetimeMs, this, [self, id]() {
        if (!self)
            return;
        const auto f = self->m_flows.value(id);
        if (f && f->status == ElicitationFlowStatus::Pending)
            self->finishFlow(f, ElicitationFlowStatus::Expired, QStringLiteral("expired"));
    });
    emitEvent(QStringLiteral("requested"), context.service, context.person, context.revision, context.auth.kind,
              flow->id, 0);
    return flow;
}

void ElicitationBroker::finishFlow(const std::shared_ptr<Flow>& flow, ElicitationFlowStatus status,
                                   const QString& stage, const QString& reason)
{
    if (flow->status != ElicitationFlowStatus::Pending)
        return;
    flow->status = status;
    if (m_pendingByKey.value(flow->key) == flow->id)
        m_pendingByKey.remove(flow->key);
    if (!flow->state.isEmpty())
        m_flowByState.remove(flow->state);
    SecretBytes::wipeAndClear(flow->verifier);
    emitEvent(stage, flow->context.service, flow->context.person, flow->context.revision, flow->context.auth.kind,
              flow->id, flow->age.elapsed(), reason);
    emit elicitationFinished(flow->id, flow->context.service, flow->context.person, status);
    // Kept a while for flowStatus() (an MRTR retry may come after the page finished).
    QPointer<ElicitationBroker> self(this);
    const QString id = flow->id;
    QTimer::singleShot(m_flowLifetimeMs, this, [self, id]() {
        if (self)
            self->m_flows.remove(id);
    });
}

// ---- HTTP ----

HttpResponse ElicitationBroker::page(int status, const QString& title, const QString& bodyHtml) const
{
    HttpResponse r;
    r.status = status;
    r.body = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                            "<title>%1 - Portcullis</title><style>body{font-family:sans-serif;max-width:36em;"
                            "margin:3em auto;padding:0 1em;line-height:1.5}input[type=password]{width:100%%;"
                            "padding:.4em;font-size:1em}button{margin:.8em .8em 0 0;padding:.4em 1.2em;"
                            "font-size:1em}.note{color:#555;font-size:.9em}</style></head><body><h1>%1</h1>%2"
                            "</body></html>\n")
                 .arg(title.toHtmlEscaped(), bodyHtml)
                 .toUtf8();
    r.setHeader("Content-Type", "text/html; charset=utf-8");
    r.setHeader("Cache-Control", "no-store");
    r.setHeader("Referrer-Policy", "no-referrer");
    r.setHeader("X-Content-Type-Options", "nosniff");
    r.setHeader("X-Frame-Options", "DENY");
    r.setHeader("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'");
    return r;
}

HttpResponse ElicitationBroker::refusal(int status, const QString& title, const QString& text) const
{
    return page(status, title, QStringLiteral("<p>%1</p>").arg(text.toHtmlEscaped()));
}

bool ElicitationBroker::cookieMatches(const Flow& flow, const HttpRequest& request) const
{
    if (flow.cookieHash.isEmpty())
        return false;
    const QByteArray name = flow.cookieName().toLatin1();
    for (const QByteArray& header : request.headerValues("Cookie")) {
        for (const QByteArray& part : header.split(';')) {
            const QByteArray pair = part.trimmed();
            const int eq = pair.indexOf('=');
            if (eq > 0 && pair.left(eq) == name && constantTimeEquals(sha256(pair.mid(eq + 1)), flow.cookieHash))
                return true;
        }
    }
    return false;
}

void ElicitationBroker::handleHttp(const HttpRequest& request, Responder respond)
{
    const QString rest = request.path.mid(kPrefix.size());
    if (rest == kCallback) {
        if (request.method != "GET") {
            HttpResponse r = refusal(405, QStringLiteral("Method not allowed"), QStringLiteral("Use GET."));
            r.setHeader("Allow", "GET");
            respond(r);
            return;
        }
        handleCallback(request, std::move(respond));
        return;
    }
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9_-]{16,64}$"));
    const auto flow = idPattern.match(rest).hasMatch() ? m_flows.value(rest) : nullptr;
    if (flow && flow->status == ElicitationFlowStatus::Pending && flow->age.elapsed() >= m_flowLifetimeMs)
        finishFlow(flow, ElicitationFlowStatus::Expired, QStringLiteral("expired"));
    if (!flow || flow->status != ElicitationFlowStatus::Pending) {
        respond(refusal(410, QStringLiteral("Link expired"),
                        QStringLiteral("This link has expired or was already used. Ask your MCP client to run the "
                                       "tool again to get a new link.")));
        return;
    }
    if (request.method == "GET" || request.method == "HEAD") {
        servePage(flow, request, std::move(respond));
        return;
    }
    if (request.method == "POST") {
        submitForm(flow, request, std::move(respond));
        return;
    }
    HttpResponse r = refusal(405, QStringLiteral("Method not allowed"), QStringLiteral("Use GET or POST."));
    r.setHeader("Allow", "GET, POST");
    respond(r);
}

void ElicitationBroker::servePage(const std::shared_ptr<Flow>& flow, const HttpRequest& request, Responder respond)
{
    QByteArray setCookie;
    if (request.method == "HEAD" && !flow->opened) {
        // A HEAD (link checkers, previews) does not claim the link: only a browser's GET does.
        HttpResponse r = page(200, QStringLiteral("Connect"), QString());
        r.body.clear();
        respond(r);
        return;
    }
    if (!flow->opened) {
        flow->opened = true;
        const QByteArray cookie = randomToken(32);
        flow->cookieHash = sha256(cookie);
        const QUrl& base = flow->context.gatewayBase;
        const bool plainLoopback = base.scheme() == QLatin1String("http") && Net::isLoopbackHost(base.host());
        setCookie = flow->cookieName().toLatin1() + '=' + cookie
            + "; Path=/elicit/; Max-Age=" + QByteArray::number(qMax(1, m_flowLifetimeMs / 1000))
            + "; HttpOnly; SameSite=Lax" + (plainLoopback ? QByteArray() : QByteArrayLiteral("; Secure"));
        emitEvent(QStringLiteral("opened"), flow->context.service, flow->context.person, flow->context.revision,
                  flow->context.auth.kind, flow->id, flow->age.elapsed());
    } else if (!cookieMatches(*flow, request)) {
        respond(refusal(403, QStringLiteral("Opened elsewhere"),
                        QStringLiteral("This link was already opened in another browser. Only the browser that "
                                       "opened it first can complete it.")));
        return;
    }
    const QString service = flow->context.service.toHtmlEscaped();
    const QString action = kPrefix + flow->id;
    const QString csrf = QString::fromLatin1(flow->csrf);
    const QString decline
        = QStringLiteral("<button type=\"submit\" name=\"action\" value=\"decline\">Decline</button>");
    QString body;
    if (flow->needsUserVerification()) {
        body = QStringLiteral("<p>The MCP gateway needs your own credential for <b>%1</b>. First sign in at your "
                              "organisation's authorization server, so the gateway can check that you are the person "
                              "whose agent asked.</p><form method=\"post\" action=\"%2\">"
                              "<input type=\"hidden\" name=\"csrf\" value=\"%3\">"
                              "<button type=\"submit\" name=\"action\" value=\"verify\">Sign in</button>%4</form>")
                   .arg(service, action, csrf, decline);
    } else if (flow->context.auth.kind == BackendAuth::Kind::ElicitedOAuth2) {
        body = QStringLiteral("<p>Your MCP client asked the gateway to call <b>%1</b> on your behalf. Continue to sign "
                              "in at that service and allow access; the gateway keeps the token for you and never "
                              "shows it to the MCP client.</p><p class=\"note\">Only continue if you just asked your "
                              "agent to do this.</p><form method=\"post\" action=\"%2\">"
                              "<input type=\"hidden\" name=\"csrf\" value=\"%3\">"
                              "<button type=\"submit\" name=\"action\" value=\"continue\">Continue</button>%4</form>")
                   .arg(service, action, csrf, decline);
    } else {
        body = QStringLiteral("<p>Your MCP client asked the gateway to call <b>%1</b> on your behalf. Enter your "
                              "credential for it (sent as <code>%2</code>). The gateway keeps it for you and never "
                              "shows it to the MCP client.</p><p class=\"note\">Only continue if you just asked your "
                              "agent to do this.</p><form method=\"post\" action=\"%3\">"
                              "<input type=\"hidden\" name=\"csrf\" value=\"%4\">"
                              "<label for=\"credential\">Credential</label>"
                              "<input type=\"password\" id=\"credential\" name=\"credential\" autocomplete=\"off\" "
                              "required>"
                              "<button type=\"submit\" name=\"action\" value=\"submit\">Save</button>%5</form>")
                   .arg(service, flow->context.auth.headerName.toHtmlEscaped(), action, csrf, decline);
    }
    HttpResponse r = page(200, QStringLiteral("Connect %1").arg(flow->context.service), body);
    if (!setCookie.isEmpty())
        r.setHeader("Set-Cookie", setCookie);
    if (request.method == "HEAD")
        r.body.clear();
    respond(r);
}

void ElicitationBroker::submitForm(const std::shared_ptr<Flow>& flow, const HttpRequest& request, Responder respond)
{
    if (!cookieMatches(*flow, request)) {
        respond(refusal(403, QStringLiteral("Not allowed"),
                        QStringLiteral("Open the link in this browser first; a link works in one browser only.")));
        return;
    }
    const QByteArray origin = request.header("Origin");
    if (!origin.isEmpty() && QString::fromLatin1(origin).toLower() != originOf(flow->context.gatewayBase)) {
        respond(refusal(403, QStringLiteral("Not allowed"), QStringLiteral("The form came from another site.")));
        return;
    }
    if (!request.header("Content-Type").toLower().startsWith("application/x-www-form-urlencoded")) {
        respond(refusal(415, QStringLiteral("Not allowed"), QStringLiteral("Send the page's form.")));
        return;
    }
    const QUrlQuery form = formQuery(request.body);
    if (!constantTimeEquals(formValue(form, QStringLiteral("csrf")).toLatin1(), flow->csrf)) {
        respond(refusal(403, QStringLiteral("Not allowed"),
                        QStringLiteral("The form is missing its security token; reload the page.")));
        return;
    }
    const QString action = formValue(form, QStringLiteral("action"));
    if (action == QLatin1String("decline")) {
        finishFlow(flow, ElicitationFlowStatus::Declined, QStringLiteral("declined"));
        respond(refusal(200, QStringLiteral("Declined"),
                        QStringLiteral("Nothing was stored. You can close this page; the tool call will report that "
                                       "you declined.")));
        return;
    }
    if (flow->needsUserVerification()) {
        if (action != QLatin1String("verify")) {
            respond(refusal(403, QStringLiteral("Sign in first"),
                            QStringLiteral("Sign in first so the gateway can check who you are.")));
            return;
        }
        startAuthorization(flow, true, std::move(respond));
        return;
    }
    if (flow->context.auth.kind == BackendAuth::Kind::ElicitedOAuth2) {
        if (action != QLatin1String("continue")) {
            respond(refusal(400, QStringLiteral("Unknown action"), QStringLiteral("Use the page's buttons.")));
            return;
        }
        startAuthorization(flow, false, std::move(respond));
        return;
    }
    if (action != QLatin1String("submit")) {
        respond(refusal(400, QStringLiteral("Unknown action"), QStringLiteral("Use the page's buttons.")));
        return;
    }
    QString typed = formValue(form, QStringLiteral("credential")).trimmed();
    QByteArray value = typed.toUtf8();
    typed.fill(QLatin1Char('\0'));
    if (value.isEmpty() || value.size() > MaxCredentialBytes || !isPrintableValue(QString::fromLatin1(value))) {
        SecretBytes::wipeAndClear(value);
        respond(page(400, QStringLiteral("Connect %1").arg(flow->context.service),
                     QStringLiteral("<p>The credential must be 1 to %1 printable ASCII characters. "
                                    "<a href=\"%2\">Try again</a>.</p>")
                         .arg(MaxCredentialBytes)
                         .arg(kPrefix + flow->id)));
        return;
    }
    ElicitedCredential credential;
    credential.kind = BackendAuth::Kind::ElicitedToken;
    credential.value = value;
    credential.obtainedAt = QDateTime::currentDateTimeUtc();
    m_store->put(flow->context.service, flow->context.person, credential, flow->context.settings.persist);
    m_loaded.insert(flow->key);
    SecretBytes::wipeAndClear(credential.value);
    SecretBytes::wipeAndClear(value);
    finishFlow(flow, ElicitationFlowStatus::Completed, QStringLiteral("completed"));
    respond(refusal(200, QStringLiteral("Saved"),
                    QStringLiteral("Your credential is stored. You can close this page and go back to your MCP "
                                   "client.")));
}

void ElicitationBroker::withEndpoints(const QString& issuer, bool allowLoopbackHttp,
                                      std::function<void(const QJsonObject&, const QString&)> callback)
{
    AuthorizationServerDirectory* directory = allowLoopbackHttp ? m_loopbackDirectory : m_directory;
    const auto* state = directory->state(issuer);
    if (state && !state->metadata.isEmpty()) {
        const QJsonObject metadata = state->metadata;
        QMetaObject::invokeMethod(
            this, [callback, metadata]() { callback(metadata, {}); }, Qt::QueuedConnection);
        return;
    }
    auto connection = std::make_shared<QMetaObject::Connection>();
    auto finished = std::make_shared<bool>(false);
    auto check = [directory, issuer, callback, connection, finished](const QString& updated) {
        if (*finished || updated != issuer)
            return;
        const auto* s = directory->state(issuer);
        if (!s)
            return;
        if (!s->metadata.isEmpty()) {
            *finished = true;
            QObject::disconnect(*connection);
            callback(s->metadata, {});
        } else if (s->status == AuthorizationServerDirectory::IssuerState::Status::Failed && !s->fetching) {
            *finished = true;
            QObject::disconnect(*connection);
            callback({}, QStringLiteral("authorization server discovery failed: %1").arg(s->error));
        }
    };
    *connection = connect(directory, &AuthorizationServerDirectory::issuerUpdated, this, check);
    directory->ensure(issuer);
    QMetaObject::invokeMethod(
        this, [check, issuer]() { check(issuer); }, Qt::QueuedConnection);
}

void ElicitationBroker::startAuthorization(const std::shared_ptr<Flow>& flow, bool verifyUser, Responder respond)
{
    const ElicitationContext& c = flow->context;
    QString issuer;
    bool allowLoopback = false;
    QString clientId;
    QStringList scopes;
    if (verifyUser) {
        issuer = c.person.section(QLatin1Char(' '), 0, 0);
        allowLoopback = c.endpoint.allowLoopbackHttpIssuers;
        clientId = c.settings.verifyUserClientId;
        scopes = QStringList{QStringLiteral("openid")};
        if (!c.endpoint.authorizationServers.contains(issuer)) {
            finishFlow(flow, ElicitationFlowStatus::Failed, QStringLiteral("failed"),
                       QStringLiteral("the person's issuer is not one of the endpoint's authorization servers"));
            respond(refusal(403, QStringLiteral("Cannot verify"),
                            QStringLiteral("The gateway cannot check who you are for this link.")));
            return;
        }
    } else {
        issuer = c.auth.issuer;
        allowLoopback = c.auth.allowLoopbackHttpTokenEndpoint;
        clientId = c.auth.clientId;
        scopes = c.auth.scopes;
    }
    QPointer<ElicitationBroker> self(this);
    auto proceed
        = [self, flow, verifyUser, issuer, allowLoopback, clientId, scopes, respond](
              const QUrl& authorizationEndpoint, const QUrl& tokenEndpoint, bool issRequired, const QString& error) {
              if (!self)
                  return;
              if (flow->status != ElicitationFlowStatus::Pending) {
                  respond(self->refusal(410, QStringLiteral("Link expired"), QStringLiteral("This link has expired.")));
                  return;
              }
              QString problem = error;
              if (problem.isEmpty()) {
                  const QString a = OAuthTokenClient::urlProblem(authorizationEndpoint, allowLoopback);
                  const QString t = OAuthTokenClient::urlProblem(tokenEndpoint, allowLoopback);
                  if (!a.isEmpty())
                      problem = QStringLiteral("authorization endpoint %1").arg(a);
                  else if (!t.isEmpty())
                      problem = QStringLiteral("token endpoint %1").arg(t);
              }
              if (!problem.isEmpty()) {
                  self->finishFlow(flow, ElicitationFlowStatus::Failed, QStringLiteral("failed"), problem);
                  respond(self->refusal(502, QStringLiteral("Cannot continue"),
                                        QStringLiteral("The authorization server cannot be used: %1").arg(problem)));
                  return;
              }
              if (!flow->state.isEmpty())
                  self->m_flowByState.remove(flow->state); // a new attempt replaces the previous one
              flow->state = QString::fromLatin1(randomToken(32));
              SecretBytes::wipeAndClear(flow->verifier);
              flow->verifier = randomToken(32);
              flow->verifyPhase = verifyUser;
              flow->tokenEndpoint = tokenEndpoint;
              flow->expectedIssuer = issuer;
              flow->issRequired = issRequired;
              self->m_flowByState.insert(flow->state, flow->id);
              QUrl redirect = flow->context.gatewayBase;
              redirect.setPath(kPrefix + kCallback);
              QByteArray query = authorizationEndpoint.query(QUrl::FullyEncoded).toLatin1();
              auto add = [&query](const QByteArray& k, const QByteArray& v) {
                  if (!query.isEmpty())
                      query += '&';
                  query += k + '=' + v.toPercentEncoding();
              };
              add("response_type", "code");
              add("client_id", clientId.toUtf8());
              add("redirect_uri", redirect.toString(QUrl::FullyEncoded).toUtf8());
              if (!scopes.isEmpty())
                  add("scope", scopes.join(QLatin1Char(' ')).toUtf8());
              add("state", flow->state.toLatin1());
              add("code_challenge", base64Url(sha256(flow->verifier)));
              add("code_challenge_method", "S256");
              if (!verifyUser && !flow->context.auth.resource.isEmpty())
                  add("resource", flow->context.auth.resource.toUtf8());
              QUrl target = authorizationEndpoint;
              target.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
              HttpResponse r = self->page(303, QStringLiteral("Continue"),
                                          QStringLiteral("<p><a href=\"%1\">Continue to sign in</a>.</p>")
                                              .arg(target.toString(QUrl::FullyEncoded).toHtmlEscaped()));
              r.setHeader("Location", target.toString(QUrl::FullyEncoded).toUtf8());
              respond(r);
          };
    if (!verifyUser && !c.auth.authorizationEndpoint.isEmpty()) {
        proceed(c.auth.authorizationEndpoint, c.auth.tokenEndpoint, false, {});
        return;
    }
    withEndpoints(issuer, allowLoopback, [proceed](const QJsonObject& metadata, const QString& error) {
        proceed(QUrl(metadata.value(QLatin1String("authorization_endpoint")).toString(), QUrl::StrictMode),
                QUrl(metadata.value(QLatin1String("token_endpoint")).toString(), QUrl::StrictMode),
                metadata.value(QLatin1String("authorization_response_iss_parameter_supported")).toBool(), error);
    });
}

void ElicitationBroker::handleCallback(const HttpRequest& request, Responder respond)
{
    const QUrlQuery query(QString::fromLatin1(request.rawQuery));
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    const QString id = m_flowByState.take(state); // single use, whatever happens next
    const auto flow = id.isEmpty() ? nullptr : m_flows.value(id);
    if (!flow || flow->state != state || flow->status != ElicitationFlowStatus::Pending) {
        respond(refusal(400, QStringLiteral("Link expired"),
                        QStringLiteral("This sign-in answer is unknown, expired or was already used. Ask your MCP "
                                       "client to run the tool again.")));
        return;
    }
    flow->state.clear();
    if (!cookieMatches(*flow, request)) {
        finishFlow(flow, ElicitationFlowStatus::Failed, QStringLiteral("failed"),
                   QStringLiteral("the sign-in finished in another browser"));
        respond(refusal(403, QStringLiteral("Not allowed"),
                        QStringLiteral("This sign-in finished in a browser that did not open the link.")));
        return;
    }
    const QString error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    if (!error.isEmpty()) {
        const QString code = knownAuthorizationErrors().contains(error) ? error : QStringLiteral("unregistered error");
        if (code == QLatin1String("access_denied"))
            finishFlow(flow, ElicitationFlowStatus::Declined, QStringLiteral("declined"),
                       QStringLiteral("access_denied at the authorization server"));
        else
            finishFlow(flow, ElicitationFlowStatus::Failed, QStringLiteral("failed"),
                       QStringLiteral("authorization server answered %1").arg(code));
        respond(refusal(
            200, QStringLiteral("Not connected"),
            QStringLiteral("The authorization server did not grant access (%1). Nothing was stored.").arg(code)));
        return;
    }
    // RFC 9207: the response names its issuer; a mix-up (another server's answer) is refused.
    const bool hasIss = query.hasQueryItem(QStringLiteral("iss"));
    const QString iss = query.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded);
    if ((hasIss && !flow->expectedIssuer.isEmpty() && iss != flow->expectedIssuer) || (!hasIss && flow->issRequired)) {
        finishFlow(flow, ElicitationFlowStatus::Failed, QStringLiteral("failed"),
                   hasIss ? QStringLiteral("the authorization response came from another issuer (RFC 9207 iss)")
                          : QStringLiteral("the authorization response lacks the iss its server promises (RFC 9207)"));
        respond(refusal(400, QStringLiteral("Not connected"),
                        QStringLiteral("The sign-in answer did not come from the expected authorization server.")));
        return;
    }
    const QByteArray code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded).toUtf8();
    if (code.isEmpty()) {
        finishFlow(flow, ElicitationFlowStatus::Failed, QStringLiteral("failed"),
                   QStringLiteral("the authorization response has no code"));
        respond(refusal(400, QStringLiteral("Not connected"), QStringLiteral("The sign-in answer has no code.")));
        return;
    }
    if (flow->verifyPhase)
        redeemVerifyUser(flow, code, std::move(respond));
    else
        redeemBackend(flow, code, std::move(respond));
}

void ElicitationBroker::redeemBackend(const std::shared_ptr<Flow>& flow, const QByteArray& code, Responder respond)
{
    const ElicitationContext& c = flow->context;
    QUrl redirect = c.gatewayBase;
    redirect.setPath(kPrefix + kCallback);
    OAuthTokenClient::Form form{{"grant_type", "authorization_code"},
                                {"code", code},
                                {"redirect_uri", redirect.toString(QUrl::FullyEncoded).toUtf8()},
                                {"code_verifier", flow->verifier}};
    if (!c.auth.resource.isEmpty())
        form.append({"resource", c.auth.resource.toUtf8()});
    QPointer<ElicitationBroker> self(this);
    m_tokens->post(
        flow->tokenEndpoint, c.auth.allowLoopbackHttpTokenEndpoint, c.auth.clientId, c.auth.secretRef, form,
        [self, flow, respond](const TokenResponse& r) {
            if (!self)
                return;
            if (flow->status != ElicitationFlowStatus::Pending) {
                respond(self->refusal(410, QStringLiteral("Link expired"), QStringLiteral("This link has expired.")));
                return;
            }
            if (!r.ok) {
                self->finishFlow(flow, ElicitationFlowStatus::Failed, QStringLiteral("failed"), r.error);
                respond(self->refusal(502, QStringLiteral("Not connected"),
                                      QStringLiteral("The token exchange failed: %1").arg(r.error)));
                return;
            }
            ElicitedCredential credential;
            credential.kind = BackendAuth::Kind::ElicitedOAuth2;
            credential.value = r.accessToken;
            credential.refreshToken = r.refreshToken;
            credential.obtainedAt = QDateTime::currentDateTimeUtc();
            if (r.expiresInSeconds > 0)
                credential.expiresAt = credential.obtainedAt.addSecs(r.expiresInSeconds);
            const ElicitationContext& ctx = flow->context;
            self->m_store->put(ctx.service, ctx.person, credential, ctx.settings.persist);
            self->m_loaded.insert(flow->key);
            self->finishFlow(flow, ElicitationFlowStatus::Completed, QStringLiteral("completed"));
            respond(self->refusal(200, QStringLiteral("Connected"),
                                  QStringLiteral("Your account is connected. You can close this page and "
                                                 "go back to your MCP client.")));
        });
}

void ElicitationBroker::redeemVerifyUser(const std::shared_ptr<Flow>& flow, const QByteArray& code, Responder respond)
{
    const ElicitationContext& c = flow->context;
    QUrl redirect = c.gatewayBase;
    redirect.setPath(kPrefix + kCallback);
    OAuthTokenClient::Form form{{"grant_type", "authorization_code"},
                                {"code", code},
                                {"redirect_uri", redirect.toString(QUrl::FullyEncoded).toUtf8()},
                                {"code_verifier", flow->verifier}};
    QPointer<ElicitationBroker> self(this);
    m_tokens->post(
        flow->tokenEndpoint, c.endpoint.allowLoopbackHttpIssuers, c.settings.verifyUserClientId,
        c.settings.verifyUserSecretRef, form, [self, flow, respond](const TokenResponse& r) {
            if (!self)
                return;
            if (flow->status != ElicitationFlowStatus::Pending) {
                respond(self->refusal(410, QStringLiteral("Link expired"), QStringLiteral("This link has expired.")));
                return;
            }
            QString problem = r.ok ? QString() : r.error;
            QJsonObject claims;
            if (problem.isEmpty()) {
                const QList<QByteArray> parts = r.idToken.split('.');
                if (parts.size() != 3)
                    problem = QStringLiteral("the sign-in returned no ID token (scope openid)");
                else
                    claims = QJsonDocument::fromJson(QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding))
                                 .object();
            }
            const ElicitationContext& ctx = flow->context;
            const QString expectedIssuer = ctx.person.section(QLatin1Char(' '), 0, 0);
            const QString expectedSubject = ctx.person.section(QLatin1Char(' '), 1);
            if (problem.isEmpty()) {
                const QJsonValue aud = claims.value(QLatin1String("aud"));
                const bool audOk = aud.isString() ? aud.toString() == ctx.settings.verifyUserClientId
                                                  : aud.toArray().contains(QJsonValue(ctx.settings.verifyUserClientId));
                const qint64 exp = qint64(claims.value(QLatin1String("exp")).toDouble());
                if (claims.value(QLatin1String("iss")).toString() != expectedIssuer || !audOk
                    || exp <= QDateTime::currentSecsSinceEpoch())
                    problem = QStringLiteral("the ID token's issuer, audience or expiry is wrong");
                else if (claims.value(QLatin1String("sub")).toString() != expectedSubject)
                    problem = QStringLiteral("the person who signed in is not the one whose client asked");
            }
            if (!problem.isEmpty()) {
                self->finishFlow(flow, ElicitationFlowStatus::Failed, QStringLiteral("failed"), problem);
                respond(self->refusal(403, QStringLiteral("Not the right person"),
                                      QStringLiteral("The gateway could not confirm that you are the person whose "
                                                     "MCP client asked. Nothing was stored.")));
                return;
            }
            flow->userVerified = true;
            HttpResponse next = self->page(303, QStringLiteral("Continue"), QString());
            next.setHeader("Location", (kPrefix + flow->id).toLatin1());
            respond(next);
        });
}

} // namespace Gateway
