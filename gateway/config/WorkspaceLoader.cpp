// SPDX-License-Identifier: GPL-3.0-or-later
#include "WorkspaceLoader.h"

#include "http/HostOriginPolicy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSaveFile>

#include "net/Loopback.h"

#include <cmath>

namespace Gateway {

namespace {

// A URL the loader keeps must name a host made of URL host characters only, so that the text it
// saves parses back to the same URL (QUrl accepts, for instance, blanks inside a host name).
bool hasCleanHost(const QUrl& url)
{
    static const QRegularExpression host(QStringLiteral("^[A-Za-z0-9._~%:\\[\\]-]+$"));
    return host.match(url.host(QUrl::FullyEncoded)).hasMatch();
}

QString lineColumn(const QByteArray& content, int offset)
{
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < content.size(); ++i) {
        if (content.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("%1:%2").arg(line).arg(column);
}

// Strict typed reader over one JSON object; the first problem wins and names its path.
class Reader
{
public:
    Reader(const QJsonObject& object, QString path, QString* error)
        : m_object(object)
        , m_path(std::move(path))
        , m_error(error)
    {
    }
    bool failed() const { return !m_error->isEmpty(); }
    void fail(const QString& key, const QString& reason)
    {
        if (m_error->isEmpty())
            *m_error
                = QStringLiteral("%1%2: %3").arg(m_path, key.isEmpty() ? QString() : QLatin1Char('.') + key, reason);
    }
    QString path(const QString& key) const { return m_path + QLatin1Char('.') + key; }
    void allowOnly(const QStringList& keys)
    {
        for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
            if (!keys.contains(it.key()) && !it.key().startsWith(QLatin1String("x-"))
                && it.key() != QLatin1String("$schema"))
                fail(it.key(), QStringLiteral("unknown property"));
        }
    }
    QString string(const QString& key, const QString& fallback = {}, bool required = false)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(key, QStringLiteral("is required"));
            return fallback;
        }
        if (!v.isString()) {
            fail(key, QStringLiteral("must be a string"));
            return fallback;
        }
        return v.toString();
    }
    qint64 integer(const QString& key, qint64 fallback, qint64 min, qint64 max)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined())
            return fallback;
        const double d = v.toDouble(-1e300);
        // Range before the conversion: a double outside qint64's range does not convert (undefined
        // behaviour), e.g. "timeoutMs": 1e300.
        if (!v.isDouble() || !(d >= double(min) && d <= double(max)) || d != std::trunc(d)) {
            fail(key, QStringLiteral("must be an integer from %1 to %2").arg(min).arg(max));
            return fallback;
        }
        return static_cast<qint64>(d);
    }
    bool boolean(const QString& key, bool fallback)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isBool()) {
            fail(key, QStringLiteral("must be true or false"));
            return fallback;
        }
        return v.toBool();
    }
    QStringList strings(const QString& key)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined())
            return {};
        QStringList out;
        if (!v.isArray()) {
            fail(key, QStringLiteral("must be an array of strings"));
            return {};
        }
        for (const QJsonValue& item : v.toArray()) {
            if (!item.isString()) {
                fail(key, QStringLiteral("must be an array of strings"));
                return {};
            }
            out.append(item.toString());
        }
        return out;
    }
    QJsonObject object(const QString& key)
    {
        const QJsonValue v = m_object.value(key);
        if (!v.isUndefined() && !v.isObject())
            fail(key, QStringLiteral("must be an object"));
        return v.toObject();
    }

private:
    QJsonObject m_object;
    QString m_path;
    QString* m_error;
};

const QRegularExpression& serviceNamePattern()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.-]{1,64}$"));
    return re;
}

void readSecurity(Reader& parent, const QJsonObject& o, const QString& path, EndpointSecurity* out, QString* error)
{
    Reader r(o, path, error);
    r.allowOnly({QStringLiteral("mode"), QStringLiteral("apiKeyHashes"), QStringLiteral("authorizationServers"),
                 QStringLiteral("requiredScopes"), QStringLiteral("toolScopes"), QStringLiteral("resourceUrl"),
                 QStringLiteral("requireAtJwtType"), QStringLiteral("allowLoopbackHttpIssuers"),
                 QStringLiteral("introspection")});
    const QString mode = r.string(QStringLiteral("mode"), QStringLiteral("none"));
    if (mode == QLatin1String("none"))
        out->mode = EndpointSecurity::Mode::None;
    else if (mode == QLatin1String("apiKey"))
        out->mode = EndpointSecurity::Mode::ApiKey;
    else if (mode == QLatin1String("oauth2"))
        out->mode = EndpointSecurity::Mode::OAuth2;
    else
        r.fail(QStringLiteral("mode"), QStringLiteral("must be one of none, apiKey, oauth2"));
    out->apiKeyHashes = r.strings(QStringLiteral("apiKeyHashes"));
    out->authorizationServers = r.strings(QStringLiteral("authorizationServers"));
    out->requiredScopes = r.strings(QStringLiteral("requiredScopes"));
    const QJsonObject toolScopes = r.object(QStringLiteral("toolScopes"));
    for (auto it = toolScopes.constBegin(); it != toolScopes.constEnd(); ++it) {
        QStringList scopes;
        const QJsonArray list = it.value().toArray();
        if (!it.value().isArray())
            r.fail(QStringLiteral("toolScopes"), QStringLiteral("values must be arrays of scope strings"));
        for (const QJsonValue& v : list) {
            if (!v.isString() || v.toString().isEmpty() || v.toString().contains(QLatin1Char(' ')))
                r.fail(QStringLiteral("toolScopes"), QStringLiteral("scopes must be non-empty strings without spaces"));
            scopes.append(v.toString());
        }
        out->toolScopes.insert(it.key(), scopes);
    }
    const QString resource = r.string(QStringLiteral("resourceUrl"));
    if (!resource.isEmpty()) {
        out->resourceUrl = QUrl(resource, QUrl::StrictMode);
        if (!out->resourceUrl.isValid() || out->resourceUrl.host().isEmpty() || out->resourceUrl.hasFragment()
            || (out->resourceUrl.scheme() != QLatin1String("https")
                && out->resourceUrl.scheme() != QLatin1String("http")))
            r.fail(QStringLiteral("resourceUrl"), QStringLiteral("must be an absolute http(s) URL without fragment"));
    }
    out->requireAtJwtType = r.boolean(QStringLiteral("requireAtJwtType"), true);
    out->allowLoopbackHttpIssuers = r.boolean(QStringLiteral("allowLoopbackHttpIssuers"), false);
    const QJsonObject introspection = r.object(QStringLiteral("introspection"));
    if (!introspection.isEmpty()) {
        Reader in(introspection, r.path(QStringLiteral("introspection")), error);
        in.allowOnly({QStringLiteral("endpoint"), QStringLiteral("clientId"), QStringLiteral("clientSecretRef")});
        out->introspectionEndpoint = QUrl(in.string(QStringLiteral("endpoint"), {}, true), QUrl::StrictMode);
        out->introspectionClientId = in.string(QStringLiteral("clientId"), {}, true);
        out->introspectionSecretRef = in.string(QStringLiteral("clientSecretRef"), {}, true);
        if (!out->introspectionEndpoint.isValid() || out->introspectionEndpoint.host().isEmpty()
            || !hasCleanHost(out->introspectionEndpoint))
            in.fail(QStringLiteral("endpoint"), QStringLiteral("must be an absolute https URL"));
    }
    static const QRegularExpression hashPattern(QStringLiteral("^sha256:[0-9a-f]{64}$"));
    for (const QString& hash : std::as_const(out->apiKeyHashes)) {
        if (!hashPattern.match(hash).hasMatch())
            r.fail(QStringLiteral("apiKeyHashes"),
                   QStringLiteral("entries must be sha256:<64 hex> hashes, never keys themselves"));
    }
    if (out->mode == EndpointSecurity::Mode::ApiKey && out->apiKeyHashes.isEmpty())
        r.fail(QStringLiteral("apiKeyHashes"), QStringLiteral("apiKey mode needs at least one key hash"));
    if (out->mode == EndpointSecurity::Mode::OAuth2 && out->authorizationServers.isEmpty())
        r.fail(QStringLiteral("authorizationServers"), QStringLiteral("oauth2 mode needs at least one issuer"));
    Q_UNUSED(parent)
}

const QRegularExpression& refPattern()
{
    static const QRegularExpression re(
        QStringLiteral("^(keychain:[^\\s]{1,200}|\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\})$"));
    return re;
}

// RFC 9110 token (1*tchar): header names and auth schemes.
bool isHttpToken(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
    return re.match(text).hasMatch();
}

// RFC 6749 §3.3 scope-token: 1*( %x21 / %x23-5B / %x5D-7E )
bool isScopeToken(const QString& scope)
{
    static const QRegularExpression re(QStringLiteral("^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$"));
    return re.match(scope).hasMatch();
}

// Header fields an elicited credential must never replace: framing, hop-by-hop and routing fields.
bool isReservedHeaderName(const QString& name)
{
    static const QStringList reserved{QStringLiteral("host"),
                                      QStringLiteral("content-length"),
                                      QStringLiteral("transfer-encoding"),
                                      QStringLiteral("connection"),
                                      QStringLiteral("keep-alive"),
                                      QStringLiteral("te"),
                                      QStringLiteral("trailer"),
                                      QStringLiteral("upgrade"),
                                      QStringLiteral("proxy-connection"),
                                      QStringLiteral("expect"),
                                      QStringLiteral("content-type"),
                                      QStringLiteral("cookie"),
                                      QStringLiteral("accept"),
                                      QStringLiteral("proxy-authorization"),
                                      QStringLiteral("accept-encoding")};
    return reserved.contains(name.toLower());
}

// An OAuth endpoint of the backend's authorization server: https, or plain http on loopback when the
// operator allowed it. Empty when acceptable, else the reason.
QString oauthUrlProblem(const QUrl& url, bool allowLoopbackHttp)
{
    if (!url.isValid() || url.isRelative() || url.host().isEmpty() || !hasCleanHost(url))
        return QStringLiteral("must be an absolute https URL");
    if (!url.userInfo().isEmpty())
        return QStringLiteral("must not contain user information");
    if (url.hasFragment())
        return QStringLiteral("must not contain a fragment");
    if (url.scheme() == QLatin1String("https"))
        return {};
    if (url.scheme() == QLatin1String("http") && Net::isLoopbackHost(url.host())) {
        if (allowLoopbackHttp)
            return {};
        return QStringLiteral("must use https (plain http on loopback needs allowLoopbackHttpTokenEndpoint)");
    }
    return QStringLiteral("must use https");
}

void readBackendAuth(const QJsonObject& o, const QString& path, BackendAuth* out, QString* error)
{
    Reader r(o, path, error);
    r.allowOnly({QStringLiteral("kind"), QStringLiteral("username"), QStringLiteral("secretRef"),
                 QStringLiteral("headerName"), QStringLiteral("certificateRef"), QStringLiteral("caCertificateRef"),
                 QStringLiteral("tokenEndpoint"), QStringLiteral("clientId"), QStringLiteral("scopes"),
                 QStringLiteral("resource"), QStringLiteral("audience"),
                 QStringLiteral("allowLoopbackHttpTokenEndpoint"), QStringLiteral("scheme"),
                 QStringLiteral("authorizationEndpoint"), QStringLiteral("issuer")});
    const QString kind = r.string(QStringLiteral("kind"), QStringLiteral("none"));
    if (kind == QLatin1String("none"))
        out->kind = BackendAuth::Kind::None;
    else if (kind == QLatin1String("basic"))
        out->kind = BackendAuth::Kind::Basic;
    else if (kind == QLatin1String("token"))
        out->kind = BackendAuth::Kind::Token;
    else if (kind == QLatin1String("clientCertificate"))
        out->kind = BackendAuth::Kind::ClientCertificate;
    else if (kind == QLatin1String("oauth2ClientCredentials"))
        out->kind = BackendAuth::Kind::OAuth2ClientCredentials;
    else if (kind == QLatin1String("elicitedToken"))
        out->kind = BackendAuth::Kind::ElicitedToken;
    else if (kind == QLatin1String("elicitedOAuth2"))
        out->kind = BackendAuth::Kind::ElicitedOAuth2;
    else
        r.fail(QStringLiteral("kind"),
               QStringLiteral("must be one of none, basic, token, clientCertificate, "
                              "oauth2ClientCredentials, elicitedToken, elicitedOAuth2"));
    out->caCertificateRef = r.string(QStringLiteral("caCertificateRef"));
    const QString tokenEndpoint = r.string(QStringLiteral("tokenEndpoint"));
    out->tokenEndpoint = QUrl(tokenEndpoint, QUrl::StrictMode);
    out->clientId = r.string(QStringLiteral("clientId"));
    out->scopes = r.strings(QStringLiteral("scopes"));
    out->resource = r.string(QStringLiteral("resource"));
    out->audience = r.string(QStringLiteral("audience"));
    out->allowLoopbackHttpTokenEndpoint = r.boolean(QStringLiteral("allowLoopbackHttpTokenEndpoint"), false);
    out->username = r.string(QStringLiteral("username"));
    out->secretRef = r.string(QStringLiteral("secretRef"));
    out->headerName = r.string(QStringLiteral("headerName"));
    out->certificateRef = r.string(QStringLiteral("certificateRef"));
    // Every member is read before any rule that combines them is checked.
    out->scheme = r.string(QStringLiteral("scheme"));
    const QString authorizationEndpoint = r.string(QStringLiteral("authorizationEndpoint"));
    out->authorizationEndpoint = QUrl(authorizationEndpoint, QUrl::StrictMode);
    out->issuer = r.string(QStringLiteral("issuer"));
    if (out->kind == BackendAuth::Kind::OAuth2ClientCredentials
        && (out->tokenEndpoint.isEmpty() || out->clientId.isEmpty() || out->secretRef.isEmpty()))
        r.fail(QStringLiteral("kind"),
               QStringLiteral("oauth2ClientCredentials needs tokenEndpoint, clientId and secretRef"));
    if (out->kind == BackendAuth::Kind::OAuth2ClientCredentials && !tokenEndpoint.isEmpty()) {
        const QString problem = oauthUrlProblem(out->tokenEndpoint, out->allowLoopbackHttpTokenEndpoint);
        if (!problem.isEmpty())
            r.fail(QStringLiteral("tokenEndpoint"), problem);
    }
    if (!out->certificateRef.isEmpty() && !refPattern().match(out->certificateRef).hasMatch())
        r.fail(QStringLiteral("certificateRef"),
               QStringLiteral("must be a reference (keychain:<entry> or ${env:NAME})"));
    if (!out->secretRef.isEmpty() && !refPattern().match(out->secretRef).hasMatch())
        r.fail(QStringLiteral("secretRef"),
               QStringLiteral("must be a reference (keychain:<entry> or ${env:NAME}), never a secret value"));
    if (out->kind != BackendAuth::Kind::ElicitedToken && !out->scheme.isEmpty())
        r.fail(QStringLiteral("scheme"), QStringLiteral("only applies to kind elicitedToken"));
    if (out->kind != BackendAuth::Kind::ElicitedOAuth2 && (!authorizationEndpoint.isEmpty() || !out->issuer.isEmpty()))
        r.fail(authorizationEndpoint.isEmpty() ? QStringLiteral("issuer") : QStringLiteral("authorizationEndpoint"),
               QStringLiteral("only applies to kind elicitedOAuth2"));
    if (out->kind == BackendAuth::Kind::ElicitedToken) {
        if (out->headerName.isEmpty())
            r.fail(QStringLiteral("headerName"), QStringLiteral("is required for kind elicitedToken"));
        else if (!isHttpToken(out->headerName))
            r.fail(QStringLiteral("headerName"), QStringLiteral("must be an HTTP header name (RFC 9110 token)"));
        else if (isReservedHeaderName(out->headerName))
            r.fail(QStringLiteral("headerName"), QStringLiteral("names a header the gateway sets itself"));
        if (!out->scheme.isEmpty() && !isHttpToken(out->scheme))
            r.fail(QStringLiteral("scheme"), QStringLiteral("must be one auth-scheme token such as Bearer"));
        if (!out->secretRef.isEmpty())
            r.fail(QStringLiteral("secretRef"),
                   QStringLiteral("does not apply to elicitedToken: each person types their own credential"));
    }
    if (out->kind == BackendAuth::Kind::ElicitedOAuth2) {
        const bool loopback = out->allowLoopbackHttpTokenEndpoint;
        if (out->clientId.isEmpty())
            r.fail(QStringLiteral("clientId"), QStringLiteral("is required for kind elicitedOAuth2"));
        if (out->issuer.isEmpty() && (authorizationEndpoint.isEmpty() || tokenEndpoint.isEmpty()))
            r.fail(authorizationEndpoint.isEmpty() ? QStringLiteral("authorizationEndpoint")
                                                   : QStringLiteral("tokenEndpoint"),
                   QStringLiteral("elicitedOAuth2 needs authorizationEndpoint and tokenEndpoint, or issuer to "
                                  "discover both"));
        if (authorizationEndpoint.isEmpty() != tokenEndpoint.isEmpty())
            r.fail(authorizationEndpoint.isEmpty() ? QStringLiteral("authorizationEndpoint")
                                                   : QStringLiteral("tokenEndpoint"),
                   QStringLiteral("give both endpoints, or neither and an issuer"));
        if (!authorizationEndpoint.isEmpty()) {
            const QString problem = oauthUrlProblem(out->authorizationEndpoint, loopback);
            if (!problem.isEmpty())
                r.fail(QStringLiteral("authorizationEndpoint"), problem);
        }
        if (!tokenEndpoint.isEmpty()) {
            const QString problem = oauthUrlProblem(out->tokenEndpoint, loopback);
            if (!problem.isEmpty())
                r.fail(QStringLiteral("tokenEndpoint"), problem);
        }
        if (!out->issuer.isEmpty()) {
            const QUrl issuer(out->issuer, QUrl::StrictMode);
            QString problem = oauthUrlProblem(issuer, loopback);
            if (problem.isEmpty() && issuer.hasQuery())
                problem = QStringLiteral("must not contain a query");
            if (!problem.isEmpty())
                r.fail(QStringLiteral("issuer"), problem);
        }
        for (const QString& scope : std::as_const(out->scopes)) {
            if (!isScopeToken(scope))
                r.fail(QStringLiteral("scopes"),
                       QStringLiteral("scopes must be non-empty and free of spaces, quotes and backslashes"));
        }
        if (!out->resource.isEmpty()) {
            const QUrl resource(out->resource, QUrl::StrictMode);
            if (!resource.isValid() || resource.isRelative() || resource.host().isEmpty() || resource.hasFragment())
                r.fail(QStringLiteral("resource"),
                       QStringLiteral("must be an absolute URL without fragment (RFC 8707)"));
        }
    }
}

void readElicitation(const QJsonObject& o, const QString& path, const ServiceConfig& service, ElicitationSettings* out,
                     QString* error)
{
    Reader r(o, path, error);
    r.allowOnly({QStringLiteral("persist"), QStringLiteral("verifyUser")});
    out->persist = r.boolean(QStringLiteral("persist"), false);
    const QJsonObject verify = r.object(QStringLiteral("verifyUser"));
    if (o.contains(QLatin1String("verifyUser"))) {
        Reader v(verify, r.path(QStringLiteral("verifyUser")), error);
        v.allowOnly({QStringLiteral("clientId"), QStringLiteral("secretRef")});
        out->verifyUserClientId = v.string(QStringLiteral("clientId"), {}, true);
        out->verifyUserSecretRef = v.string(QStringLiteral("secretRef"));
        if (o.value(QLatin1String("verifyUser")).isObject() && out->verifyUserClientId.isEmpty())
            v.fail(QStringLiteral("clientId"), QStringLiteral("must not be empty"));
        if (!out->verifyUserSecretRef.isEmpty() && !refPattern().match(out->verifyUserSecretRef).hasMatch())
            v.fail(QStringLiteral("secretRef"),
                   QStringLiteral("must be a reference (keychain:<entry> or ${env:NAME}), never a secret value"));
        if (service.security.mode != EndpointSecurity::Mode::OAuth2)
            r.fail(QStringLiteral("verifyUser"),
                   QStringLiteral("needs security.mode oauth2 (the person signs in at the endpoint's "
                                  "authorization server)"));
    }
    if (!o.isEmpty() && !service.backendAuth.isElicited())
        r.fail(QString(), QStringLiteral("only applies to backendAuth kinds elicitedToken and elicitedOAuth2"));
}

} // namespace

QString WorkspaceConfig::absolutePath(const QString& path) const
{
    if (path.isEmpty() || path.startsWith(QLatin1String(":/")) || !QFileInfo(path).isRelative())
        return path;
    const QString directory = filePath.isEmpty() ? QDir::currentPath() : QFileInfo(filePath).absolutePath();
    return QDir::cleanPath(QDir(directory).absoluteFilePath(path));
}

QString BackendAuth::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None: return QStringLiteral("none");
    case Kind::Basic: return QStringLiteral("basic");
    case Kind::Token: return QStringLiteral("token");
    case Kind::ClientCertificate: return QStringLiteral("clientCertificate");
    case Kind::OAuth2ClientCredentials: return QStringLiteral("oauth2ClientCredentials");
    case Kind::ElicitedToken: return QStringLiteral("elicitedToken");
    case Kind::ElicitedOAuth2: return QStringLiteral("elicitedOAuth2");
    }
    return QStringLiteral("none");
}

QString EndpointSecurity::modeName(Mode mode)
{
    switch (mode) {
    case Mode::None: return QStringLiteral("none");
    case Mode::ApiKey: return QStringLiteral("apiKey");
    case Mode::OAuth2: return QStringLiteral("oauth2");
    }
    return QStringLiteral("none");
}

WorkspaceLoader::Result WorkspaceLoader::loadFile(const QString& path, ServiceErrors policy)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Result r;
        r.error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return r;
    }
    if (file.size() > 16 * 1024 * 1024) {
        Result r;
        r.error = QStringLiteral("%1: file is larger than 16 MiB").arg(path);
        return r;
    }
    Result r = parse(file.readAll(), path, policy);
    r.config.filePath = path;
    return r;
}

WorkspaceLoader::Result WorkspaceLoader::parse(const QByteArray& content, const QString& sourceName,
                                               ServiceErrors policy)
{
    Result result;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(content, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = QStringLiteral("%1:%2: %3")
                           .arg(sourceName, lineColumn(content, parseError.offset), parseError.errorString());
        return result;
    }
    if (!doc.isObject()) {
        result.error = QStringLiteral("%1:1:1: the workspace must be a JSON object").arg(sourceName);
        return result;
    }
    QString error;
    Reader root(doc.object(), QStringLiteral("$"), &error);
    root.allowOnly({QStringLiteral("version"), QStringLiteral("gateway"), QStringLiteral("services")});
    WorkspaceConfig& config = result.config;
    const QJsonValue version = doc.object().value(QLatin1String("version"));
    if (!version.isDouble() || version.toInt() != WorkspaceConfig::CurrentVersion) {
        root.fail(QStringLiteral("version"),
                  QStringLiteral("must be %1 (this Portcullis understands workspace version %1)")
                      .arg(WorkspaceConfig::CurrentVersion));
    }

    Reader gw(root.object(QStringLiteral("gateway")), root.path(QStringLiteral("gateway")), &error);
    gw.allowOnly({QStringLiteral("listen"), QStringLiteral("allowedHosts"), QStringLiteral("allowedOrigins"),
                  QStringLiteral("maxBodyBytes"), QStringLiteral("maxConnections"), QStringLiteral("idleTimeoutMs"),
                  QStringLiteral("maxSessions"), QStringLiteral("sessionIdleTimeoutMs"), QStringLiteral("metrics"),
                  QStringLiteral("trafficLogFile"), QStringLiteral("publicUrl"), QStringLiteral("rateLimit"),
                  QStringLiteral("maxSessionsPerPrincipal"), QStringLiteral("capturePayloadsToFile"),
                  QStringLiteral("maxToolCallsInFlight")});
    GatewaySettings& g = config.gateway;
    const QString listen = gw.string(QStringLiteral("listen"), QStringLiteral("127.0.0.1:8765"));
    const int colon = listen.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const int port = colon > 0 ? listen.mid(colon + 1).toInt(&portOk) : -1;
    const QString listenHost = colon > 0 ? listen.left(colon) : QString();
    const bool bracketed = listenHost.startsWith(QLatin1Char('[')) && listenHost.endsWith(QLatin1Char(']'));
    // The host is an IP literal (IPv6 in brackets) or a DNS name: nothing else can be bound, and
    // what loads must save and load again unchanged.
    const QString bareHost = bracketed ? listenHost.mid(1, listenHost.size() - 2) : listenHost;
    static const QRegularExpression dnsName(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
                                                           "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$"));
    const QHostAddress literal(bareHost);
    const bool hostOk = bracketed ? (!literal.isNull() && literal.protocol() == QAbstractSocket::IPv6Protocol)
                                  : (dnsName.match(bareHost).hasMatch() || !literal.isNull());
    if (!portOk || port < 0 || port > 65535 || listenHost.isEmpty() || !hostOk
        || (!bracketed && listenHost.contains(QLatin1Char(':'))))
        gw.fail(QStringLiteral("listen"), QStringLiteral("must be HOST:PORT (IPv6 in brackets: [::1]:8765)"));
    else {
        g.listenHost = listen.left(colon);
        if (g.listenHost.startsWith(QLatin1Char('[')) && g.listenHost.endsWith(QLatin1Char(']')))
            g.listenHost = g.listenHost.mid(1, g.listenHost.size() - 2);
        g.listenPort = port;
    }
    g.allowedHosts = gw.strings(QStringLiteral("allowedHosts"));
    for (const QString& host : std::as_const(g.allowedHosts)) {
        QString name;
        int port = -1;
        if (!HostOriginPolicy::splitHost(host.trimmed().toUtf8(), &name, &port))
            gw.fail(
                QStringLiteral("allowedHosts"),
                QStringLiteral("entries must be HOST or HOST:PORT (IPv6 in brackets), got '%1'").arg(host.left(100)));
    }
    g.allowedOrigins = gw.strings(QStringLiteral("allowedOrigins"));
    g.maxBodyBytes = gw.integer(QStringLiteral("maxBodyBytes"), g.maxBodyBytes, 1024, 256LL * 1024 * 1024);
    g.maxConnections = int(gw.integer(QStringLiteral("maxConnections"), g.maxConnections, 1, 100000));
    g.idleTimeoutMs = int(gw.integer(QStringLiteral("idleTimeoutMs"), g.idleTimeoutMs, 100, 3600 * 1000));
    g.maxSessions = int(gw.integer(QStringLiteral("maxSessions"), g.maxSessions, 1, 1000000));
    g.sessionIdleTimeoutMs
        = int(gw.integer(QStringLiteral("sessionIdleTimeoutMs"), g.sessionIdleTimeoutMs, 1000, 7 * 24 * 3600 * 1000LL));
    g.metricsEnabled = gw.boolean(QStringLiteral("metrics"), false);
    g.trafficLogFile = gw.string(QStringLiteral("trafficLogFile"));
    g.capturePayloadsToFile = gw.boolean(QStringLiteral("capturePayloadsToFile"), false);
    const QString publicUrl = gw.string(QStringLiteral("publicUrl"));
    if (!publicUrl.isEmpty()) {
        // An origin only: the gateway's paths (/mcp/{service}, /.well-known/...) are appended to it.
        const QUrl url(publicUrl, QUrl::StrictMode);
        const QString path = url.path();
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
            || url.host().isEmpty() || !url.userInfo().isEmpty() || (!path.isEmpty() && path != QLatin1String("/"))
            || url.hasQuery() || url.hasFragment())
            gw.fail(QStringLiteral("publicUrl"),
                    QStringLiteral("must be an http(s) origin without path, e.g. https://mcp.example.com"));
        else
            g.publicUrl = url.adjusted(QUrl::RemovePath);
    }
    g.maxSessionsPerPrincipal
        = int(gw.integer(QStringLiteral("maxSessionsPerPrincipal"), g.maxSessionsPerPrincipal, 1, 1000000));
    g.maxToolCallsInFlight = int(gw.integer(QStringLiteral("maxToolCallsInFlight"), g.maxToolCallsInFlight, 1, 100000));
    if (doc.object().value(QLatin1String("gateway")).toObject().contains(QLatin1String("rateLimit"))) {
        Reader rl(gw.object(QStringLiteral("rateLimit")), gw.path(QStringLiteral("rateLimit")), &error);
        rl.allowOnly({QStringLiteral("requestsPerMinute"), QStringLiteral("burst")});
        g.rateLimit.configured = true;
        g.rateLimit.requestsPerMinute = int(rl.integer(
            QStringLiteral("requestsPerMinute"), GatewaySettings::RateLimit::DefaultRequestsPerMinute, 0, 1000000));
        g.rateLimit.burst
            = int(rl.integer(QStringLiteral("burst"), GatewaySettings::RateLimit::DefaultBurst, 1, 1000000));
    }

    const QJsonValue services = doc.object().value(QLatin1String("services"));
    if (!services.isArray())
        root.fail(QStringLiteral("services"), QStringLiteral("must be an array"));
    const QJsonArray list = services.toArray();
    QString firstServiceError; // "<json path>: <reason>" of the first refused service
    for (int i = 0; i < list.size() && error.isEmpty(); ++i) {
        const QString path = QStringLiteral("$.services[%1]").arg(i);
        if (!list.at(i).isObject()) {
            error = path + QStringLiteral(": must be an object");
            break;
        }
        // A service's own settings are checked on their own: a defect there refuses that service
        // (or, with RefuseWorkspace, the file). Its name is its identity and is checked with the file.
        const QJsonObject serviceObject = list.at(i).toObject();
        ServiceConfig service;
        {
            Reader n(serviceObject, path, &error);
            service.name = n.string(QStringLiteral("name"), {}, true);
            if (serviceObject.contains(QLatin1String("name")) && !serviceNamePattern().match(service.name).hasMatch())
                n.fail(QStringLiteral("name"), QStringLiteral("must be 1-64 characters of A-Z a-z 0-9 _ . -"));
            for (const ServiceConfig& other : std::as_const(config.services)) {
                if (other.name == service.name)
                    n.fail(QStringLiteral("name"), QStringLiteral("duplicates another service's name"));
            }
            if (!error.isEmpty())
                break;
        }
        QString serviceError;
        Reader s(serviceObject, path, &serviceError);
        s.allowOnly({QStringLiteral("name"), QStringLiteral("openapi"), QStringLiteral("baseUrl"),
                     QStringLiteral("timeoutMs"), QStringLiteral("maxResponseBytes"), QStringLiteral("toolNaming"),
                     QStringLiteral("include"), QStringLiteral("exclude"), QStringLiteral("security"),
                     QStringLiteral("backendAuth"), QStringLiteral("elicitation")});
        service.openApiPath = s.string(QStringLiteral("openapi"), {}, true);
        const QString baseUrl = s.string(QStringLiteral("baseUrl"));
        if (!baseUrl.isEmpty()) {
            service.baseUrl = QUrl(baseUrl, QUrl::StrictMode);
            if (!service.baseUrl.isValid() || service.baseUrl.host().isEmpty() || !hasCleanHost(service.baseUrl)
                || (service.baseUrl.scheme() != QLatin1String("http")
                    && service.baseUrl.scheme() != QLatin1String("https")))
                s.fail(QStringLiteral("baseUrl"), QStringLiteral("must be an absolute http(s) URL"));
            else if (!service.baseUrl.userInfo().isEmpty())
                s.fail(QStringLiteral("baseUrl"), QStringLiteral("must not carry credentials; use backendAuth"));
        }
        service.timeoutMs = int(s.integer(QStringLiteral("timeoutMs"), service.timeoutMs, 100, 600000));
        service.maxResponseBytes
            = s.integer(QStringLiteral("maxResponseBytes"), service.maxResponseBytes, 1024, 256LL * 1024 * 1024);
        const QString naming = s.string(QStringLiteral("toolNaming"), QStringLiteral("auto"));
        if (naming == QLatin1String("auto"))
            service.toolNaming = ToolNaming::Auto;
        else if (naming == QLatin1String("operationId"))
            service.toolNaming = ToolNaming::OperationId;
        else if (naming == QLatin1String("verbPath"))
            service.toolNaming = ToolNaming::VerbPath;
        else
            s.fail(QStringLiteral("toolNaming"), QStringLiteral("must be one of auto, operationId, verbPath"));
        service.include = s.strings(QStringLiteral("include"));
        service.exclude = s.strings(QStringLiteral("exclude"));
        readSecurity(s, s.object(QStringLiteral("security")), s.path(QStringLiteral("security")), &service.security,
                     &serviceError);
        readBackendAuth(s.object(QStringLiteral("backendAuth")), s.path(QStringLiteral("backendAuth")),
                        &service.backendAuth, &serviceError);
        readElicitation(s.object(QStringLiteral("elicitation")), s.path(QStringLiteral("elicitation")), service,
                        &service.elicitation, &serviceError);
        if (!serviceError.isEmpty()) {
            if (firstServiceError.isEmpty())
                firstServiceError = serviceError;
            if (policy == ServiceErrors::RefuseWorkspace)
                break;
            // Half-read settings must never be served: only the name, the document path (watched
            // for changes) and the file's own text (written back unchanged on save) are kept.
            ServiceConfig refused;
            refused.name = service.name;
            refused.openApiPath = service.openApiPath;
            refused.configError = QStringLiteral("%1: %2").arg(sourceName, serviceError);
            refused.sourceJson = serviceObject;
            service = refused;
        }
        config.services.append(service);
    }
    if (error.isEmpty() && !firstServiceError.isEmpty() && policy == ServiceErrors::RefuseWorkspace)
        error = firstServiceError;
    if (!error.isEmpty()) {
        result.error = QStringLiteral("%1: %2").arg(sourceName, error);
        result.config = WorkspaceConfig();
        return result;
    }
    result.ok = true;
    return result;
}

QJsonObject WorkspaceLoader::toJson(const WorkspaceConfig& config)
{
    const GatewaySettings& g = config.gateway;
    const QString host
        = g.listenHost.contains(QLatin1Char(':')) ? QLatin1Char('[') + g.listenHost + QLatin1Char(']') : g.listenHost;
    QJsonObject gateway{{QStringLiteral("listen"), QStringLiteral("%1:%2").arg(host).arg(g.listenPort)},
                        {QStringLiteral("maxBodyBytes"), g.maxBodyBytes},
                        {QStringLiteral("maxConnections"), g.maxConnections},
                        {QStringLiteral("idleTimeoutMs"), g.idleTimeoutMs},
                        {QStringLiteral("maxSessions"), g.maxSessions},
                        {QStringLiteral("sessionIdleTimeoutMs"), g.sessionIdleTimeoutMs},
                        {QStringLiteral("metrics"), g.metricsEnabled}};
    if (!g.allowedHosts.isEmpty())
        gateway.insert(QStringLiteral("allowedHosts"), QJsonArray::fromStringList(g.allowedHosts));
    if (!g.allowedOrigins.isEmpty())
        gateway.insert(QStringLiteral("allowedOrigins"), QJsonArray::fromStringList(g.allowedOrigins));
    if (!g.trafficLogFile.isEmpty())
        gateway.insert(QStringLiteral("trafficLogFile"), g.trafficLogFile);
    if (g.capturePayloadsToFile)
        gateway.insert(QStringLiteral("capturePayloadsToFile"), true);
    if (!g.publicUrl.isEmpty())
        gateway.insert(QStringLiteral("publicUrl"), g.publicUrl.toString());
    if (g.rateLimit.configured)
        gateway.insert(QStringLiteral("rateLimit"),
                       QJsonObject{{QStringLiteral("requestsPerMinute"), g.rateLimit.requestsPerMinute},
                                   {QStringLiteral("burst"), g.rateLimit.burst}});
    gateway.insert(QStringLiteral("maxSessionsPerPrincipal"), g.maxSessionsPerPrincipal);
    if (g.maxToolCallsInFlight != GatewaySettings().maxToolCallsInFlight)
        gateway.insert(QStringLiteral("maxToolCallsInFlight"), g.maxToolCallsInFlight);
    QJsonArray services;
    for (const ServiceConfig& s : config.services) {
        if (!s.configError.isEmpty() && !s.sourceJson.isEmpty()) {
            services.append(s.sourceJson); // a refused service is written back as it was read
            continue;
        }
        QJsonObject o{{QStringLiteral("name"), s.name},
                      {QStringLiteral("openapi"), s.openApiPath},
                      {QStringLiteral("timeoutMs"), s.timeoutMs},
                      {QStringLiteral("maxResponseBytes"), s.maxResponseBytes}};
        if (!s.baseUrl.isEmpty())
            o.insert(QStringLiteral("baseUrl"), s.baseUrl.toString());
        o.insert(QStringLiteral("toolNaming"),
                 s.toolNaming == ToolNaming::Auto              ? QStringLiteral("auto")
                     : s.toolNaming == ToolNaming::OperationId ? QStringLiteral("operationId")
                                                               : QStringLiteral("verbPath"));
        if (!s.include.isEmpty())
            o.insert(QStringLiteral("include"), QJsonArray::fromStringList(s.include));
        if (!s.exclude.isEmpty())
            o.insert(QStringLiteral("exclude"), QJsonArray::fromStringList(s.exclude));
        QJsonObject security{{QStringLiteral("mode"), EndpointSecurity::modeName(s.security.mode)}};
        if (!s.security.apiKeyHashes.isEmpty())
            security.insert(QStringLiteral("apiKeyHashes"), QJsonArray::fromStringList(s.security.apiKeyHashes));
        if (!s.security.authorizationServers.isEmpty())
            security.insert(QStringLiteral("authorizationServers"),
                            QJsonArray::fromStringList(s.security.authorizationServers));
        if (!s.security.requiredScopes.isEmpty())
            security.insert(QStringLiteral("requiredScopes"), QJsonArray::fromStringList(s.security.requiredScopes));
        if (!s.security.toolScopes.isEmpty()) {
            QJsonObject toolScopes;
            for (auto it = s.security.toolScopes.constBegin(); it != s.security.toolScopes.constEnd(); ++it)
                toolScopes.insert(it.key(), QJsonArray::fromStringList(it.value()));
            security.insert(QStringLiteral("toolScopes"), toolScopes);
        }
        if (!s.security.resourceUrl.isEmpty())
            security.insert(QStringLiteral("resourceUrl"), s.security.resourceUrl.toString());
        if (!s.security.requireAtJwtType)
            security.insert(QStringLiteral("requireAtJwtType"), false);
        if (s.security.allowLoopbackHttpIssuers)
            security.insert(QStringLiteral("allowLoopbackHttpIssuers"), true);
        if (!s.security.introspectionEndpoint.isEmpty())
            security.insert(QStringLiteral("introspection"),
                            QJsonObject{{QStringLiteral("endpoint"), s.security.introspectionEndpoint.toString()},
                                        {QStringLiteral("clientId"), s.security.introspectionClientId},
                                        {QStringLiteral("clientSecretRef"), s.security.introspectionSecretRef}});
        o.insert(QStringLiteral("security"), security);
        if (s.backendAuth.kind != BackendAuth::Kind::None) {
            const BackendAuth& b = s.backendAuth;
            QJsonObject auth{{QStringLiteral("kind"), BackendAuth::kindName(b.kind)}};
            if (!b.caCertificateRef.isEmpty())
                auth.insert(QStringLiteral("caCertificateRef"), b.caCertificateRef);
            if (!b.tokenEndpoint.isEmpty())
                auth.insert(QStringLiteral("tokenEndpoint"), b.tokenEndpoint.toString());
            if (!b.clientId.isEmpty())
                auth.insert(QStringLiteral("clientId"), b.clientId);
            if (!b.scopes.isEmpty())
                auth.insert(QStringLiteral("scopes"), QJsonArray::fromStringList(b.scopes));
            if (!b.resource.isEmpty())
                auth.insert(QStringLiteral("resource"), b.resource);
            if (!b.audience.isEmpty())
                auth.insert(QStringLiteral("audience"), b.audience);
            if (b.allowLoopbackHttpTokenEndpoint)
                auth.insert(QStringLiteral("allowLoopbackHttpTokenEndpoint"), true);
            if (!b.username.isEmpty())
                auth.insert(QStringLiteral("username"), b.username);
            if (!b.secretRef.isEmpty())
                auth.insert(QStringLiteral("secretRef"), b.secretRef);
            if (!b.headerName.isEmpty())
                auth.insert(QStringLiteral("headerName"), b.headerName);
            if (!b.certificateRef.isEmpty())
                auth.insert(QStringLiteral("certificateRef"), b.certificateRef);
            if (!b.scheme.isEmpty())
                auth.insert(QStringLiteral("scheme"), b.scheme);
            if (!b.authorizationEndpoint.isEmpty())
                auth.insert(QStringLiteral("authorizationEndpoint"), b.authorizationEndpoint.toString());
            if (!b.issuer.isEmpty())
                auth.insert(QStringLiteral("issuer"), b.issuer);
            o.insert(QStringLiteral("backendAuth"), auth);
        }
        const ElicitationSettings& el = s.elicitation;
        if (el.persist || !el.verifyUserClientId.isEmpty()) {
            QJsonObject elicitation;
            if (el.persist)
                elicitation.insert(QStringLiteral("persist"), true);
            if (!el.verifyUserClientId.isEmpty()) {
                QJsonObject verify{{QStringLiteral("clientId"), el.verifyUserClientId}};
                if (!el.verifyUserSecretRef.isEmpty())
                    verify.insert(QStringLiteral("secretRef"), el.verifyUserSecretRef);
                elicitation.insert(QStringLiteral("verifyUser"), verify);
            }
            o.insert(QStringLiteral("elicitation"), elicitation);
        }
        services.append(o);
    }
    return QJsonObject{{QStringLiteral("version"), config.version},
                       {QStringLiteral("gateway"), gateway},
                       {QStringLiteral("services"), services}};
}

bool WorkspaceLoader::saveFile(const WorkspaceConfig& config, const QString& path, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    const QByteArray bytes = QJsonDocument(toJson(config)).toJson(QJsonDocument::Indented);
    if (file.write(bytes) != bytes.size()) {
        *error = file.errorString();
        file.cancelWriting(); // a short write must never replace the good file
        return false;
    }
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

WorkspaceConfig WorkspaceLoader::demoWorkspace(const QUrl& demoBackendUrl)
{
    Result r = parse(
        [] {
            QFile f(QStringLiteral(":/portcullis/demo/demo-workspace.json"));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }(),
        QStringLiteral("built-in demo workspace"));
    Q_ASSERT_X(r.ok, "demoWorkspace", qPrintable(r.error));
    for (ServiceConfig& s : r.config.services)
        s.baseUrl = demoBackendUrl;
    return r.config;
}

} // namespace Gateway
