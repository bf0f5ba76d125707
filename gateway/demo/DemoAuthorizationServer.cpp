// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoAuthorizationServer.h"

#include "http/HttpFrontend.h"
#include "net/Loopback.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUrlQuery>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

Q_LOGGING_CATEGORY(lcDemoAs, "portcullis.demo.authorizationserver")

namespace Gateway {

namespace {

QByteArray base64Url(const QByteArray& bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray randomToken(int bytes = 32)
{
    QByteArray raw(bytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), bytes) != 1)
        qFatal("demo authorization server: no randomness from OpenSSL");
    return base64Url(raw);
}

QByteArray sha256(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

qint64 nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}

QByteArray bnParam(EVP_PKEY* key, const char* name, int size)
{
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &bn) != 1)
        return {};
    QByteArray out(size, '\0');
    BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), size);
    BN_free(bn);
    return out;
}

// application/x-www-form-urlencoded: '+' is a space, then percent-decoding. A parameter sent twice
// makes the whole form unusable (RFC 6749 §3.1, §3.2).
bool parseForm(const QByteArray& body, QHash<QString, QString>* out)
{
    for (const QByteArray& pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const int eq = pair.indexOf('=');
        QByteArray name = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        const QString key = QString::fromUtf8(QByteArray::fromPercentEncoding(name));
        if (out->contains(key))
            return false;
        out->insert(key, QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return true;
}

HttpResponse noStore(HttpResponse response)
{
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    return response;
}

HttpResponse jsonAnswer(int status, const QJsonObject& body)
{
    return noStore(HttpResponse::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact)));
}

// RFC 6749 §5.2.
HttpResponse oauthError(int status, const QString& error, const QString& description)
{
    qCInfo(lcDemoAs).noquote() << "refused:" << error << "-" << description;
    HttpResponse r = jsonAnswer(
        status, QJsonObject{{QStringLiteral("error"), error}, {QStringLiteral("error_description"), description}});
    if (status == 401)
        r.setHeader("WWW-Authenticate", "Basic realm=\"portcullis-demo\"");
    return r;
}

HttpResponse htmlPage(int status, const QString& title, const QString& text)
{
    const QByteArray body = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title>"
                                           "</head><body><h1>%1</h1><p>%2</p></body></html>")
                                .arg(title.toHtmlEscaped(), text)
                                .toUtf8();
    HttpResponse r = noStore(HttpResponse::text(status, body));
    r.setHeader("Content-Type", "text/html; charset=utf-8");
    r.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    r.setHeader("Referrer-Policy", "no-referrer");
    return r;
}

// RFC 7636 §4.1: 43-128 characters of [A-Z a-z 0-9 - . _ ~].
bool isPkceString(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._~-]{43,128}$"));
    return pattern.match(text).hasMatch();
}

// RFC 8707 §2: an absolute URI without a fragment.
bool isResource(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && !url.isRelative() && !url.host().isEmpty() && !url.hasFragment();
}

QStringList splitScope(const QString& scope)
{
    QStringList out;
    for (const QString& s : scope.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!out.contains(s))
            out.append(s);
    }
    return out;
}

} // namespace

DemoAuthorizationServer::DemoAuthorizationServer(QObject* parent)
    : QObject(parent)
    , m_scopesSupported{QStringLiteral("openid")}
{
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    if (!key)
        qFatal("demo authorization server: cannot generate its signing key");
    m_key = std::shared_ptr<evp_pkey_st>(key, EVP_PKEY_free);
    m_kid = QString::fromLatin1(randomToken(9));
    m_publicJwk = QJsonObject{
        {QStringLiteral("kty"), QStringLiteral("EC")},
        {QStringLiteral("crv"), QStringLiteral("P-256")},
        {QStringLiteral("use"), QStringLiteral("sig")},
        {QStringLiteral("alg"), QStringLiteral("ES256")},
        {QStringLiteral("kid"), m_kid},
        {QStringLiteral("x"), QString::fromLatin1(base64Url(bnParam(key, OSSL_PKEY_PARAM_EC_PUB_X, 32)))},
        {QStringLiteral("y"), QString::fromLatin1(base64Url(bnParam(key, OSSL_PKEY_PARAM_EC_PUB_Y, 32)))}};

    HttpLimits limits;
    limits.maxConnections = 64;
    m_frontend = std::make_unique<HttpFrontend>(limits);
    m_frontend->setHandler(
        [this](const HttpRequest& request, HttpResponder responder) { responder.send(handle(request)); });
}

DemoAuthorizationServer::~DemoAuthorizationServer() = default;

bool DemoAuthorizationServer::listen(const QHostAddress& address, quint16 port, QString* error)
{
    if (!address.isLoopback()) {
        if (error)
            *error = QStringLiteral("the demo authorization server listens on loopback only, not %1")
                         .arg(address.toString());
        qCWarning(lcDemoAs).noquote() << "refused to listen on non-loopback address" << address.toString();
        return false;
    }
    return m_frontend->listen(address, port, error);
}

bool DemoAuthorizationServer::isListening() const
{
    return m_frontend->isListening();
}

QString DemoAuthorizationServer::issuer() const
{
    const QHostAddress address = m_frontend->serverAddress();
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(address.toString())
        : address.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(m_frontend->serverPort());
}

QUrl DemoAuthorizationServer::tokenEndpoint() const
{
    return QUrl(issuer() + QStringLiteral("/token"));
}

QUrl DemoAuthorizationServer::authorizationEndpoint() const
{
    return QUrl(issuer() + QStringLiteral("/authorize"));
}

void DemoAuthorizationServer::addClient(const Client& client)
{
    m_clients.insert(client.id, client);
}

DemoAuthorizationServer::Client DemoAuthorizationServer::addConfidentialClient(const QString& id,
                                                                               const QStringList& scopes)
{
    Client c;
    c.id = id;
    c.secret = randomToken(32);
    c.scopes = scopes;
    c.clientCredentials = true;
    addClient(c);
    return c;
}

std::optional<DemoAuthorizationServer::Client> DemoAuthorizationServer::client(const QString& id) const
{
    const auto it = m_clients.constFind(id);
    if (it == m_clients.constEnd())
        return std::nullopt;
    return *it;
}

QJsonObject DemoAuthorizationServer::jwks() const
{
    return QJsonObject{{QStringLiteral("keys"), QJsonArray{m_publicJwk}}};
}

QJsonObject DemoAuthorizationServer::metadata() const
{
    const QString base = issuer();
    return QJsonObject{
        {QStringLiteral("issuer"), base},
        {QStringLiteral("authorization_endpoint"), base + QStringLiteral("/authorize")},
        {QStringLiteral("token_endpoint"), base + QStringLiteral("/token")},
        {QStringLiteral("jwks_uri"), base + QStringLiteral("/jwks")},
        {QStringLiteral("scopes_supported"), QJsonArray::fromStringList(m_scopesSupported)},
        {QStringLiteral("response_types_supported"), QJsonArray{QStringLiteral("code")}},
        {QStringLiteral("response_modes_supported"), QJsonArray{QStringLiteral("query")}},
        {QStringLiteral("grant_types_supported"),
         QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("client_credentials"),
                    QStringLiteral("refresh_token")}},
        {QStringLiteral("token_endpoint_auth_methods_supported"),
         QJsonArray{QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post"),
                    QStringLiteral("none")}},
        {QStringLiteral("code_challenge_methods_supported"), QJsonArray{QStringLiteral("S256")}},
        {QStringLiteral("authorization_response_iss_parameter_supported"), true},
        {QStringLiteral("subject_types_supported"), QJsonArray{QStringLiteral("public")}},
        {QStringLiteral("id_token_signing_alg_values_supported"), QJsonArray{QStringLiteral("ES256")}},
    };
}

HttpResponse DemoAuthorizationServer::handle(const HttpRequest& request)
{
    // A Host that is not a loopback name means a page reached us through DNS rebinding.
    const QUrl host(QStringLiteral("http://") + QString::fromLatin1(request.header("Host")));
    if (request.headerCount("Host") != 1 || !host.isValid() || !Net::isLoopbackHost(host.host())) {
        qCInfo(lcDemoAs) << "refused a request whose Host is not a loopback name";
        return htmlPage(421, QStringLiteral("Misdirected request"),
                        QStringLiteral("The demo authorization server answers on loopback names only."));
    }
    HttpResponse response = route(request);
    // Browser-based clients (the MCP Inspector) read metadata and redeem codes from their own
    // origin. Nothing here uses cookies, so any origin may read the answers.
    if (request.path != QLatin1String("/authorize"))
        response.setHeader("Access-Control-Allow-Origin", "*");
    return response;
}

HttpResponse DemoAuthorizationServer::route(const HttpRequest& request)
{
    const QString& path = request.path;
    if (request.method == "OPTIONS" && path != QLatin1String("/authorize")) {
        HttpResponse preflight = HttpResponse::empty(204);
        preflight.setHeader("Access-Control-Allow-Methods", "GET, POST");
        preflight.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, MCP-Protocol-Version");
        preflight.setHeader("Access-Control-Max-Age", "600");
        return preflight;
    }
    if (path == QLatin1String("/.well-known/oauth-authorization-server")
        || path == QLatin1String("/.well-known/openid-configuration")) {
        if (request.method != "GET")
            return HttpResponse::empty(405).setHeader("Allow", "GET");
        return HttpResponse::json(200, QJsonDocument(metadata()).toJson(QJsonDocument::Compact));
    }
    if (path == QLatin1String("/jwks")) {
        if (request.method != "GET")
            return HttpResponse::empty(405).setHeader("Allow", "GET");
        return HttpResponse::json(200, QJsonDocument(jwks()).toJson(QJsonDocument::Compact));
    }
    if (path == QLatin1String("/authorize")) {
        if (request.method != "GET")
            return HttpResponse::empty(405).setHeader("Allow", "GET");
        return authorize(request);
    }
    if (path == QLatin1String("/token")) {
        if (request.method != "POST")
            return HttpResponse::empty(405).setHeader("Allow", "POST");
        return token(request);
    }
    return htmlPage(404, QStringLiteral("Not found"), QStringLiteral("Portcullis demo authorization server."));
}

bool DemoAuthorizationServer::redirectAllowed(const Client& client, const QUrl& redirect) const
{
    if (!redirect.isValid() || redirect.isRelative() || redirect.hasFragment())
        return false;
    for (const QString& allowed : client.redirectUris) {
        const QUrl registered(allowed);
        if (registered == redirect)
            return true;
        // RFC 8252 §7.3: native apps on loopback get a port at run time.
        if (registered.scheme() == QLatin1String("http") && redirect.scheme() == QLatin1String("http")
            && Net::isLoopbackUrl(registered) && registered.host() == redirect.host()
            && registered.adjusted(QUrl::RemovePort) == redirect.adjusted(QUrl::RemovePort))
            return true;
    }
    return false;
}

void DemoAuthorizationServer::purgeExpired(qint64 now)
{
    for (auto it = m_codes.begin(); it != m_codes.end();)
        it = it->expiresAt < now ? m_codes.erase(it) : std::next(it);
    for (auto it = m_usedCodes.begin(); it != m_usedCodes.end();) {
        if (it.value() < now) {
            m_refreshOfCode.remove(it.key());
            it = m_usedCodes.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = m_refreshTokens.begin(); it != m_refreshTokens.end();)
        it = it->expiresAt < now ? m_refreshTokens.erase(it) : std::next(it);
}

HttpResponse DemoAuthorizationServer::authorize(const HttpRequest& request)
{
    QHash<QString, QString> p;
    if (!parseForm(request.rawQuery, &p))
        return htmlPage(400, QStringLiteral("Invalid request"), QStringLiteral("A parameter was sent twice."));
    const auto client = m_clients.constFind(p.value(QStringLiteral("client_id")));
    if (client == m_clients.constEnd())
        return htmlPage(400, QStringLiteral("Unknown client"),
                        QStringLiteral("This demo authorization server does not know that client_id."));
    const QUrl redirect(p.value(QStringLiteral("redirect_uri")), QUrl::StrictMode);
    // Until the redirect URI is known to be the client's, errors are shown here, never redirected.
    if (!redirectAllowed(*client, redirect))
        return htmlPage(400, QStringLiteral("Invalid redirect_uri"),
                        QStringLiteral("The redirect_uri is not registered for this client."));

    const QString state = p.value(QStringLiteral("state"));
    auto redirectError = [&](const QString& error, const QString& description) {
        qCInfo(lcDemoAs).noquote() << "authorization refused:" << error << "-" << description;
        QUrl target = redirect;
        QUrlQuery query(target);
        query.addQueryItem(QStringLiteral("error"), error);
        query.addQueryItem(QStringLiteral("error_description"), description);
        if (!state.isEmpty())
            query.addQueryItem(QStringLiteral("state"), state);
        query.addQueryItem(QStringLiteral("iss"), issuer());
        target.setQuery(query);
        return noStore(HttpResponse::empty(302)).setHeader("Location", target.toEncoded());
    };

    if (p.value(QStringLiteral("response_type")) != QLatin1String("code"))
        return redirectError(QStringLiteral("unsupported_response_type"), QStringLiteral("only code is supported"));
    const QString method = p.value(QStringLiteral("code_challenge_method"));
    const QString challenge = p.value(QStringLiteral("code_challenge"));
    if (challenge.isEmpty())
        return redirectError(QStringLiteral("invalid_request"), QStringLiteral("PKCE is required (code_challenge)"));
    if (method != QLatin1String("S256"))
        return redirectError(QStringLiteral("invalid_request"), QStringLiteral("code_challenge_method must be S256"));
    static const QRegularExpression s256(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
    if (!s256.match(challenge).hasMatch())
        return redirectError(QStringLiteral("invalid_request"),
                             QStringLiteral("code_challenge must be base64url(SHA-256(code_verifier))"));
    const QStringList scopes = splitScope(p.value(QStringLiteral("scope")));
    for (const QString& scope : scopes) {
        if (!m_scopesSupported.contains(scope) || (!client->scopes.isEmpty() && !client->scopes.contains(scope)))
            return redirectError(QStringLiteral("invalid_scope"), QStringLiteral("scope not available: %1").arg(scope));
    }
    const QString resource = p.value(QStringLiteral("resource"));
    if (!resource.isEmpty() && !isResource(resource))
        return redirectError(QStringLiteral("invalid_target"), QStringLiteral("resource must be an absolute URI"));

    const qint64 now = nowSeconds();
    purgeExpired(now);
    if (m_codes.size() >= MaxGrants)
        return redirectError(QStringLiteral("temporarily_unavailable"), QStringLiteral("too many pending codes"));
    const QByteArray code = randomToken(32);
    Code grant;
    grant.clientId = client->id;
    grant.redirectUri = p.value(QStringLiteral("redirect_uri"));
    grant.challenge = challenge;
    grant.scopes = scopes;
    grant.resource = resource;
    grant.nonce = p.value(QStringLiteral("nonce")).left(256);
    grant.expiresAt = now + CodeLifetimeSeconds;
    m_codes.insert(sha256(code), grant);

    // The auto-approve page: demo-user is signed in and consents at once; the 302 carries the code,
    // and its body says what happened for anyone reading it.
    QUrl target = redirect;
    QUrlQuery query(target);
    query.addQueryItem(QStringLiteral("code"), QString::fromLatin1(code));
    if (!state.isEmpty())
        query.addQueryItem(QStringLiteral("state"), state);
    query.addQueryItem(QStringLiteral("iss"), issuer());
    target.setQuery(query);
    qCInfo(lcDemoAs).noquote() << "auto-approved" << DemoUser << "for client" << client->id;
    HttpResponse page
        = htmlPage(302, QStringLiteral("Signed in as demo-user"),
                   QStringLiteral("Portcullis demo authorization server: demo-user approved client "
                                  "<b>%1</b> automatically. <a href=\"%2\">Continue</a>.")
                       .arg(client->id.toHtmlEscaped(), QString::fromUtf8(target.toEncoded()).toHtmlEscaped()));
    page.setHeader("Location", target.toEncoded());
    return page;
}

HttpResponse DemoAuthorizationServer::token(const HttpRequest& request)
{
    QHash<QString, QString> p;
    if (!request.header("Content-Type").toLower().startsWith("application/x-www-form-urlencoded"))
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("Content-Type must be application/x-www-form-urlencoded"));
    if (!parseForm(request.body, &p))
        return oauthError(400, QStringLiteral("invalid_request"), QStringLiteral("a parameter was sent twice"));

    // Client authentication: client_secret_basic, client_secret_post, or none (public client).
    QString clientId = p.value(QStringLiteral("client_id"));
    QByteArray presentedSecret = p.value(QStringLiteral("client_secret")).toUtf8();
    bool viaBasic = false;
    const QByteArray authorization = request.header("Authorization");
    if (!authorization.isEmpty()) {
        if (!authorization.toLower().startsWith("basic ") || p.contains(QStringLiteral("client_secret")))
            return oauthError(401, QStringLiteral("invalid_client"),
                              QStringLiteral("use exactly one client authentication method"));
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const int colon = decoded.indexOf(':');
        if (colon < 0)
            return oauthError(401, QStringLiteral("invalid_client"), QStringLiteral("malformed Basic credentials"));
        QByteArray id = decoded.left(colon);
        QByteArray secret = decoded.mid(colon + 1);
        id.replace('+', ' ');
        secret.replace('+', ' ');
        const QString basicId = QString::fromUtf8(QByteArray::fromPercentEncoding(id));
        if (!clientId.isEmpty() && clientId != basicId)
            return oauthError(401, QStringLiteral("invalid_client"), QStringLiteral("client_id mismatch"));
        clientId = basicId;
        presentedSecret = QByteArray::fromPercentEncoding(secret);
        viaBasic = true;
    }
    const auto client = m_clients.constFind(clientId);
    if (client == m_clients.constEnd())
        return oauthError(401, QStringLiteral("invalid_client"), QStringLiteral("unknown client"));
    if (!client->secret.isEmpty()) {
        if (presentedSecret.size() != client->secret.size()
            || CRYPTO_memcmp(presentedSecret.constData(), client->secret.constData(), size_t(client->secret.size()))
                != 0)
            return oauthError(401, QStringLiteral("invalid_client"), QStringLiteral("client authentication failed"));
    } else if (viaBasic || !presentedSecret.isEmpty()) {
        return oauthError(401, QStringLiteral("invalid_client"), QStringLiteral("this is a public client"));
    }

    const QString grantType = p.value(QStringLiteral("grant_type"));
    const QString resourceParam = p.value(QStringLiteral("resource"));
    if (!resourceParam.isEmpty() && !isResource(resourceParam))
        return oauthError(400, QStringLiteral("invalid_target"), QStringLiteral("resource must be an absolute URI"));
    const qint64 now = nowSeconds();
    purgeExpired(now);

    if (grantType == QLatin1String("client_credentials")) {
        if (client->secret.isEmpty() || !client->clientCredentials)
            return oauthError(400, QStringLiteral("unauthorized_client"),
                              QStringLiteral("this client may not use client_credentials"));
        QStringList scopes = splitScope(p.value(QStringLiteral("scope")));
        if (scopes.isEmpty()) // the default: everything the client may have, except sign-in
            for (const QString& s : client->scopes.isEmpty() ? m_scopesSupported : client->scopes)
                if (s != QLatin1String("openid"))
                    scopes.append(s);
        for (const QString& scope : std::as_const(scopes)) {
            if (!m_scopesSupported.contains(scope) || scope == QLatin1String("openid")
                || (!client->scopes.isEmpty() && !client->scopes.contains(scope)))
                return oauthError(400, QStringLiteral("invalid_scope"),
                                  QStringLiteral("scope not available: %1").arg(scope));
        }
        return tokenResponse(client->id, client->id, scopes, resourceParam, false, {});
    }

    if (grantType == QLatin1String("authorization_code")) {
        const QByteArray codeHash = sha256(p.value(QStringLiteral("code")).toUtf8());
        if (m_usedCodes.contains(codeHash)) {
            // A replayed code: refuse it and revoke what the first redemption produced.
            m_refreshTokens.remove(m_refreshOfCode.value(codeHash));
            return oauthError(400, QStringLiteral("invalid_grant"), QStringLiteral("code already used"));
        }
        const auto it = m_codes.constFind(codeHash);
        if (it == m_codes.constEnd())
            return oauthError(400, QStringLiteral("invalid_grant"), QStringLiteral("unknown or expired code"));
        const Code grant = *it;
        // A code is spent by any redemption attempt, successful or not.
        m_codes.remove(codeHash);
        m_usedCodes.insert(codeHash, now + 10 * 60);
        if (grant.clientId != client->id)
            return oauthError(400, QStringLiteral("invalid_grant"),
                              QStringLiteral("code was issued to another client"));
        if (p.value(QStringLiteral("redirect_uri")) != grant.redirectUri)
            return oauthError(400, QStringLiteral("invalid_grant"),
                              QStringLiteral("redirect_uri differs from the authorization request"));
        const QString verifier = p.value(QStringLiteral("code_verifier"));
        if (!isPkceString(verifier) || QString::fromLatin1(base64Url(sha256(verifier.toLatin1()))) != grant.challenge)
            return oauthError(400, QStringLiteral("invalid_grant"), QStringLiteral("PKCE verification failed"));
        if (!resourceParam.isEmpty() && !grant.resource.isEmpty() && resourceParam != grant.resource)
            return oauthError(400, QStringLiteral("invalid_target"),
                              QStringLiteral("resource differs from the authorization request"));
        const QString resource = resourceParam.isEmpty() ? grant.resource : resourceParam;
        HttpResponse r = tokenResponse(client->id, DemoUser, grant.scopes, resource, true, grant.nonce);
        const QJsonObject issued = QJsonDocument::fromJson(r.body).object();
        m_refreshOfCode.insert(codeHash, sha256(issued.value(QLatin1String("refresh_token")).toString().toLatin1()));
        return r;
    }

    if (grantType == QLatin1String("refresh_token")) {
        const QByteArray hash = sha256(p.value(QStringLiteral("refresh_token")).toUtf8());
        const auto it = m_refreshTokens.constFind(hash);
        if (it == m_refreshTokens.constEnd())
            return oauthError(400, QStringLiteral("invalid_grant"), QStringLiteral("unknown or expired refresh token"));
        const Refresh grant = *it;
        if (grant.clientId != client->id)
            return oauthError(400, QStringLiteral("invalid_grant"),
                              QStringLiteral("refresh token was issued to another client"));
        QStringList scopes = splitScope(p.value(QStringLiteral("scope")));
        for (const QString& scope : std::as_const(scopes)) {
            if (!grant.scopes.contains(scope))
                return oauthError(400, QStringLiteral("invalid_scope"),
                                  QStringLiteral("scope exceeds the original grant: %1").arg(scope));
        }
        if (scopes.isEmpty())
            scopes = grant.scopes;
        if (!resourceParam.isEmpty() && !grant.resource.isEmpty() && resourceParam != grant.resource)
            return oauthError(400, QStringLiteral("invalid_target"),
                              QStringLiteral("resource differs from the original grant"));
        m_refreshTokens.remove(hash); // rotation: each refresh token works once
        return tokenResponse(client->id, DemoUser, scopes, resourceParam.isEmpty() ? grant.resource : resourceParam,
                             true, {});
    }

    return oauthError(400, QStringLiteral("unsupported_grant_type"),
                      grantType.isEmpty() ? QStringLiteral("grant_type is required")
                                          : QStringLiteral("grant_type not supported"));
}

HttpResponse DemoAuthorizationServer::tokenResponse(const QString& clientId, const QString& subject,
                                                    const QStringList& scopes, const QString& resource,
                                                    bool withRefresh, const QString& nonce)
{
    const qint64 now = nowSeconds();
    const QString audience = resource.isEmpty() ? m_defaultResource : resource;
    if (audience.isEmpty())
        return oauthError(400, QStringLiteral("invalid_target"),
                          QStringLiteral("name the protected resource (RFC 8707 resource parameter)"));
    QStringList accessScopes = scopes;
    accessScopes.removeAll(QStringLiteral("openid"));
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("ES256")},
                             {QStringLiteral("typ"), QStringLiteral("at+jwt")},
                             {QStringLiteral("kid"), m_kid}};
    const QJsonObject claims{{QStringLiteral("iss"), issuer()},
                             {QStringLiteral("sub"), subject},
                             {QStringLiteral("aud"), audience},
                             {QStringLiteral("client_id"), clientId},
                             {QStringLiteral("scope"), accessScopes.join(QLatin1Char(' '))},
                             {QStringLiteral("iat"), now},
                             {QStringLiteral("exp"), now + AccessTokenLifetimeSeconds},
                             {QStringLiteral("jti"), QString::fromLatin1(randomToken(16))}};
    const QByteArray accessToken = sign(header, claims);
    if (accessToken.isEmpty())
        return oauthError(500, QStringLiteral("server_error"), QStringLiteral("signing failed"));
    QJsonObject body{{QStringLiteral("access_token"), QString::fromLatin1(accessToken)},
                     {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                     {QStringLiteral("expires_in"), AccessTokenLifetimeSeconds},
                     {QStringLiteral("scope"), scopes.join(QLatin1Char(' '))}};
    if (withRefresh) {
        if (m_refreshTokens.size() >= MaxGrants)
            return oauthError(503, QStringLiteral("temporarily_unavailable"), QStringLiteral("too many live grants"));
        const QByteArray refresh = randomToken(32);
        m_refreshTokens.insert(sha256(refresh), Refresh{clientId, scopes, resource, now + RefreshTokenLifetimeSeconds});
        body.insert(QStringLiteral("refresh_token"), QString::fromLatin1(refresh));
    }
    if (scopes.contains(QLatin1String("openid"))) {
        QJsonObject idClaims{{QStringLiteral("iss"), issuer()},
                             {QStringLiteral("sub"), subject},
                             {QStringLiteral("aud"), clientId},
                             {QStringLiteral("iat"), now},
                             {QStringLiteral("exp"), now + AccessTokenLifetimeSeconds},
                             {QStringLiteral("name"), QStringLiteral("Demo User")}};
        if (!nonce.isEmpty())
            idClaims.insert(QStringLiteral("nonce"), nonce);
        body.insert(QStringLiteral("id_token"),
                    QString::fromLatin1(sign(QJsonObject{{QStringLiteral("alg"), QStringLiteral("ES256")},
                                                         {QStringLiteral("typ"), QStringLiteral("JWT")},
                                                         {QStringLiteral("kid"), m_kid}},
                                             idClaims)));
    }
    qCInfo(lcDemoAs).noquote() << "issued a token to client" << clientId << "for" << subject << "audience" << audience;
    return jsonAnswer(200, body);
}

QByteArray DemoAuthorizationServer::sign(const QJsonObject& header, const QJsonObject& claims) const
{
    const QByteArray input = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    QByteArray der;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    size_t length = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(input.constData());
    if (ctx && EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, m_key.get()) == 1
        && EVP_DigestSign(ctx, nullptr, &length, data, size_t(input.size())) == 1) {
        der.resize(int(length));
        if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(der.data()), &length, data, size_t(input.size())) == 1)
            der.resize(int(length));
        else
            der.clear();
    }
    EVP_MD_CTX_free(ctx);
    // JWS ES256 carries r||s, 32 bytes each (RFC 7518 §3.4), not OpenSSL's DER.
    QByteArray raw;
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    if (ECDSA_SIG* sig = der.isEmpty() ? nullptr : d2i_ECDSA_SIG(nullptr, &p, long(der.size()))) {
        raw.resize(64);
        BN_bn2binpad(ECDSA_SIG_get0_r(sig), reinterpret_cast<unsigned char*>(raw.data()), 32);
        BN_bn2binpad(ECDSA_SIG_get0_s(sig), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
        ECDSA_SIG_free(sig);
    }
    ERR_clear_error();
    if (raw.isEmpty())
        return {};
    return input + '.' + base64Url(raw);
}

} // namespace Gateway
