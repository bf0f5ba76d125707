// SPDX-License-Identifier: GPL-3.0-or-later
#include "WorkspaceLoader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSaveFile>

#include <cmath>

namespace Gateway {

namespace {

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
        if (!out->introspectionEndpoint.isValid() || out->introspectionEndpoint.host().isEmpty())
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

void readBackendAuth(const QJsonObject& o, const QString& path, BackendAuth* out, QString* error)
{
    Reader r(o, path, error);
    r.allowOnly({QStringLiteral("kind"), QStringLiteral("username"), QStringLiteral("secretRef"),
                 QStringLiteral("headerName"), QStringLiteral("certificateRef"), QStringLiteral("caCertificateRef"),
                 QStringLiteral("tokenEndpoint"), QStringLiteral("clientId"), QStringLiteral("scopes"),
                 QStringLiteral("resource"), QStringLiteral("audience"),
                 QStringLiteral("allowLoopbackHttpTokenEndpoint")});
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
    else
        r.fail(QStringLiteral("kind"),
               QStringLiteral("must be one of none, basic, token, clientCertificate, oauth2ClientCredentials"));
    out->caCertificateRef = r.string(QStringLiteral("caCertificateRef"));
    out->tokenEndpoint = QUrl(r.string(QStringLiteral("tokenEndpoint")), QUrl::StrictMode);
    out->clientId = r.string(QStringLiteral("clientId"));
    out->scopes = r.strings(QStringLiteral("scopes"));
    out->resource = r.string(QStringLiteral("resource"));
    out->audience = r.string(QStringLiteral("audience"));
    out->allowLoopbackHttpTokenEndpoint = r.boolean(QStringLiteral("allowLoopbackHttpTokenEndpoint"), false);
    if (out->kind == BackendAuth::Kind::OAuth2ClientCredentials
        && (out->tokenEndpoint.isEmpty() || out->clientId.isEmpty() || out->secretRef.isEmpty()))
        r.fail(QStringLiteral("kind"),
               QStringLiteral("oauth2ClientCredentials needs tokenEndpoint, clientId and secretRef"));
    out->username = r.string(QStringLiteral("username"));
    out->secretRef = r.string(QStringLiteral("secretRef"));
    out->headerName = r.string(QStringLiteral("headerName"));
    out->certificateRef = r.string(QStringLiteral("certificateRef"));
    if (!out->certificateRef.isEmpty() && !refPattern().match(out->certificateRef).hasMatch())
        r.fail(QStringLiteral("certificateRef"),
               QStringLiteral("must be a reference (keychain:<entry> or ${env:NAME})"));
    if (!out->secretRef.isEmpty() && !refPattern().match(out->secretRef).hasMatch())
        r.fail(QStringLiteral("secretRef"),
               QStringLiteral("must be a reference (keychain:<entry> or ${env:NAME}), never a secret value"));
}

} // namespace

QString EndpointSecurity::modeName(Mode mode)
{
    switch (mode) {
    case Mode::None: return QStringLiteral("none");
    case Mode::ApiKey: return QStringLiteral("apiKey");
    case Mode::OAuth2: return QStringLiteral("oauth2");
    }
    return QStringLiteral("none");
}

WorkspaceLoader::Result WorkspaceLoader::loadFile(const QString& path)
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
    Result r = parse(file.readAll(), path);
    r.config.filePath = path;
    return r;
}

WorkspaceLoader::Result WorkspaceLoader::parse(const QByteArray& content, const QString& sourceName)
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
                  QStringLiteral("trafficLogFile")});
    GatewaySettings& g = config.gateway;
    const QString listen = gw.string(QStringLiteral("listen"), QStringLiteral("127.0.0.1:8765"));
    const int colon = listen.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const int port = colon > 0 ? listen.mid(colon + 1).toInt(&portOk) : -1;
    const QString listenHost = colon > 0 ? listen.left(colon) : QString();
    const bool bracketed = listenHost.startsWith(QLatin1Char('[')) && listenHost.endsWith(QLatin1Char(']'));
    if (!portOk || port < 0 || port > 65535 || listenHost.isEmpty()
        || (!bracketed && listenHost.contains(QLatin1Char(':'))))
        gw.fail(QStringLiteral("listen"), QStringLiteral("must be HOST:PORT (IPv6 in brackets: [::1]:8765)"));
    else {
        g.listenHost = listen.left(colon);
        if (g.listenHost.startsWith(QLatin1Char('[')) && g.listenHost.endsWith(QLatin1Char(']')))
            g.listenHost = g.listenHost.mid(1, g.listenHost.size() - 2);
        g.listenPort = port;
    }
    g.allowedHosts = gw.strings(QStringLiteral("allowedHosts"));
    g.allowedOrigins = gw.strings(QStringLiteral("allowedOrigins"));
    g.maxBodyBytes = gw.integer(QStringLiteral("maxBodyBytes"), g.maxBodyBytes, 1024, 256LL * 1024 * 1024);
    g.maxConnections = int(gw.integer(QStringLiteral("maxConnections"), g.maxConnections, 1, 100000));
    g.idleTimeoutMs = int(gw.integer(QStringLiteral("idleTimeoutMs"), g.idleTimeoutMs, 100, 3600 * 1000));
    g.maxSessions = int(gw.integer(QStringLiteral("maxSessions"), g.maxSessions, 1, 1000000));
    g.sessionIdleTimeoutMs
        = int(gw.integer(QStringLiteral("sessionIdleTimeoutMs"), g.sessionIdleTimeoutMs, 1000, 7 * 24 * 3600 * 1000LL));
    g.metricsEnabled = gw.boolean(QStringLiteral("metrics"), false);
    g.trafficLogFile = gw.string(QStringLiteral("trafficLogFile"));

    const QJsonValue services = doc.object().value(QLatin1String("services"));
    if (!services.isArray())
        root.fail(QStringLiteral("services"), QStringLiteral("must be an array"));
    const QJsonArray list = services.toArray();
    for (int i = 0; i < list.size() && error.isEmpty(); ++i) {
        const QString path = QStringLiteral("$.services[%1]").arg(i);
        if (!list.at(i).isObject()) {
            error = path + QStringLiteral(": must be an object");
            break;
        }
        Reader s(list.at(i).toObject(), path, &error);
        s.allowOnly({QStringLiteral("name"), QStringLiteral("openapi"), QStringLiteral("baseUrl"),
                     QStringLiteral("timeoutMs"), QStringLiteral("maxResponseBytes"), QStringLiteral("toolNaming"),
                     QStringLiteral("include"), QStringLiteral("exclude"), QStringLiteral("security"),
                     QStringLiteral("backendAuth")});
        ServiceConfig service;
        service.name = s.string(QStringLiteral("name"), {}, true);
        if (list.at(i).toObject().contains(QLatin1String("name"))
            && !serviceNamePattern().match(service.name).hasMatch())
            s.fail(QStringLiteral("name"), QStringLiteral("must be 1-64 characters of A-Z a-z 0-9 _ . -"));
        service.openApiPath = s.string(QStringLiteral("openapi"), {}, true);
        const QString baseUrl = s.string(QStringLiteral("baseUrl"));
        if (!baseUrl.isEmpty()) {
            service.baseUrl = QUrl(baseUrl, QUrl::StrictMode);
            if (!service.baseUrl.isValid() || service.baseUrl.host().isEmpty()
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
                     &error);
        readBackendAuth(s.object(QStringLiteral("backendAuth")), s.path(QStringLiteral("backendAuth")),
                        &service.backendAuth, &error);
        for (const ServiceConfig& other : std::as_const(config.services)) {
            if (other.name == service.name)
                s.fail(QStringLiteral("name"), QStringLiteral("duplicates another service's name"));
        }
        config.services.append(service);
    }
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
    QJsonArray services;
    for (const ServiceConfig& s : config.services) {
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
            QJsonObject auth{{QStringLiteral("kind"),
                              b.kind == BackendAuth::Kind::Basic       ? QStringLiteral("basic")
                                  : b.kind == BackendAuth::Kind::Token ? QStringLiteral("token")
                                  : b.kind == BackendAuth::Kind::ClientCertificate
                                  ? QStringLiteral("clientCertificate")
                                  : QStringLiteral("oauth2ClientCredentials")}};
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
            o.insert(QStringLiteral("backendAuth"), auth);
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
