// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientCredentialsTokenSource.h"

#include "net/Loopback.h"
#include "net/OutboundPolicy.h"
#include "secrets/SecretBytes.h"
#include "secrets/SecretReference.h"
#include "secrets/SecretResolver.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QMetaEnum>
#include <QMetaObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QTimer>

#include <cmath>

namespace Gateway {

namespace {

// Form-urlencoding (RFC 6749 appendix B): everything but unreserved characters is percent-encoded.
QByteArray formEncode(const QByteArray& utf8)
{
    return utf8.toPercentEncoding();
}

bool hasControlCharacters(const QString& text)
{
    for (QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            return true;
    }
    return false;
}

// RFC 6749 §3.3 scope-token: 1*( %x21 / %x23-5B / %x5D-7E )
bool isScopeToken(const QString& scope)
{
    if (scope.isEmpty())
        return false;
    for (QChar c : scope) {
        const ushort u = c.unicode();
        if (u < 0x21 || u > 0x7E || u == 0x22 || u == 0x5C)
            return false;
    }
    return true;
}

// Only registered OAuth error codes are repeated in errors: anything else the server wrote may echo
// what it was sent.
QString knownErrorCode(const QString& code)
{
    static const QSet<QString> known{
        QStringLiteral("invalid_request"),        QStringLiteral("invalid_client"),
        QStringLiteral("invalid_grant"),          QStringLiteral("unauthorized_client"),
        QStringLiteral("unsupported_grant_type"), QStringLiteral("invalid_scope"),
        QStringLiteral("invalid_target"),         QStringLiteral("access_denied"),
        QStringLiteral("server_error"),           QStringLiteral("temporarily_unavailable")};
    return known.contains(code) ? code : QString();
}

// An access token goes into a header field: printable ASCII without spaces, bounded.
bool isUsableToken(const QByteArray& token)
{
    if (token.isEmpty() || token.size() > 16 * 1024)
        return false;
    for (char ch : token) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x21 || c > 0x7E)
            return false;
    }
    return true;
}

} // namespace

ClientCredentialsTokenSource::ClientCredentialsTokenSource(const ClientCredentialsConfig& config,
                                                           SecretResolver* resolver, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_resolver(resolver)
    , m_network(new QNetworkAccessManager(this))
    , m_timeout(new QTimer(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    Net::OutboundPolicy().configure(m_network); // proxy settings shared with every outbound call
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this]() {
        if (m_reply) {
            m_timedOut = true;
            m_reply->abort();
        }
    });
}

ClientCredentialsTokenSource::~ClientCredentialsTokenSource()
{
    m_waiters.clear();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
    SecretBytes::wipeAndClear(m_token);
}

bool ClientCredentialsTokenSource::hasValidToken() const
{
    return !m_token.isEmpty() && !m_renewAt.hasExpired();
}

void ClientCredentialsTokenSource::token(Callback callback)
{
    if (hasValidToken()) {
        queueAnswer(std::move(callback), m_token, QString());
        return;
    }
    m_waiters.append(std::move(callback));
    if (!m_inFlight)
        startRequest();
}

void ClientCredentialsTokenSource::invalidate(const QByteArray& rejectedToken)
{
    if (m_token.isEmpty())
        return;
    if (!rejectedToken.isEmpty() && rejectedToken != m_token)
        return; // already renewed since that token was handed out
    SecretBytes::wipeAndClear(m_token);
    m_renewAt = QDeadlineTimer(0);
}

QString ClientCredentialsTokenSource::configProblem(const ClientCredentialsConfig& config)
{
    const QUrl& url = config.tokenEndpoint;
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return QStringLiteral("token endpoint is not an absolute URL");
    if (!url.userInfo().isEmpty())
        return QStringLiteral("token endpoint must not contain user information");
    if (url.hasFragment())
        return QStringLiteral("token endpoint must not contain a fragment");
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http")) {
        if (!config.allowLoopbackHttp || !Net::isLoopbackHost(url.host()))
            return QStringLiteral("token endpoint %1 must use https")
                .arg(url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo));
    } else if (scheme != QLatin1String("https")) {
        return QStringLiteral("token endpoint must use https");
    }
    if (config.clientId.isEmpty())
        return QStringLiteral("client credentials: clientId is not set");
    if (hasControlCharacters(config.clientId))
        return QStringLiteral("client credentials: clientId contains control characters");
    if (config.clientSecretRef.trimmed().isEmpty())
        return QStringLiteral("client credentials: clientSecretRef is not set");
    const SecretReference ref = SecretReference::parse(config.clientSecretRef);
    if (!ref.isValid()) // never quoted: it may be the secret itself
        return QStringLiteral("client credentials: clientSecretRef is not a valid secret reference (%1)")
            .arg(ref.error);
    for (const QString& scope : config.scopes) {
        if (!isScopeToken(scope))
            return QStringLiteral("client credentials: a scope is empty or contains spaces, quotes or backslashes");
    }
    if (hasControlCharacters(config.resource) || hasControlCharacters(config.audience))
        return QStringLiteral("client credentials: resource or audience contains control characters");
    return {};
}

QString ClientCredentialsTokenSource::endpointForErrors() const
{
    return m_config.tokenEndpoint.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment);
}

void ClientCredentialsTokenSource::startRequest()
{
    m_inFlight = true;
    const QString problem = configProblem(m_config);
    if (!problem.isEmpty()) {
        completeFlight({}, problem);
        return;
    }
    if (!m_resolver) {
        completeFlight({},
                       QStringLiteral("client secret %1 unavailable: %2")
                           .arg(m_config.clientSecretRef, SecretResult::statusName(SecretResult::Status::Unavailable)));
        return;
    }
    QPointer<ClientCredentialsTokenSource> self(this);
    m_resolver->resolve(m_config.clientSecretRef, [self](const SecretResult& result) {
        if (!self)
            return;
        if (!result.isOk() || result.value.isEmpty()) {
            const auto status = result.isOk() ? SecretResult::Status::NotFound : result.status;
            self->completeFlight({},
                                 QStringLiteral("client secret %1 unavailable: %2")
                                     .arg(self->m_config.clientSecretRef, SecretResult::statusName(status)));
            return;
        }
        self->sendRequest(SecretBytes::deepCopy(result.value));
    });
}

void ClientCredentialsTokenSource::sendRequest(QByteArray clientSecret)
{
    QByteArray credentials = formEncode(m_config.clientId.toUtf8()) + ':' + formEncode(clientSecret);
    QByteArray authorization = QByteArrayLiteral("Basic ") + credentials.toBase64();
    SecretBytes::wipeAndClear(clientSecret);
    SecretBytes::wipeAndClear(credentials);

    QByteArray body = QByteArrayLiteral("grant_type=client_credentials");
    if (!m_config.scopes.isEmpty())
        body += "&scope=" + formEncode(m_config.scopes.join(QLatin1Char(' ')).toUtf8());
    if (!m_config.resource.isEmpty())
        body += "&resource=" + formEncode(m_config.resource.toUtf8());
    if (!m_config.audience.isEmpty())
        body += "&audience=" + formEncode(m_config.audience.toUtf8());

    QNetworkRequest request(m_config.tokenEndpoint);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("Authorization", authorization);
    request.setRawHeader("Cache-Control", "no-store");
    if (m_config.tokenEndpoint.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0)
        request.setSslConfiguration(m_config.tls);
    // No redirects (the request carries the client secret), no cookies, no cache, TLS verified.
    Net::OutboundPolicy::prepare(request, qMax(1, m_config.timeoutMs), false);

    ++m_requestCount;
    m_tooLarge = false;
    m_timedOut = false;
    QNetworkReply* reply = m_network->post(request, body);
    SecretBytes::wipeAndClear(authorization);
    m_reply = reply;
    m_timeout->start(qMax(1, m_config.timeoutMs));
    connect(reply, &QNetworkReply::downloadProgress, this, [this, reply](qint64 received, qint64 total) {
        if (!m_tooLarge && (received > MaxResponseBytes || total > MaxResponseBytes)) {
            m_tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply]() { onReplyFinished(reply); });
}

void ClientCredentialsTokenSource::onReplyFinished(QNetworkReply* reply)
{
    m_timeout->stop();
    reply->deleteLater();
    if (m_reply == reply)
        m_reply = nullptr;
    const QString endpoint = endpointForErrors();

    if (m_timedOut) {
        completeFlight(
            {}, QStringLiteral("token endpoint %1 did not answer within %2 ms").arg(endpoint).arg(m_config.timeoutMs));
        return;
    }
    if (m_tooLarge) {
        completeFlight(
            {}, QStringLiteral("token endpoint %1 answer exceeds %2 KiB").arg(endpoint).arg(MaxResponseBytes / 1024));
        return;
    }
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttr.isValid()) {
        const char* key = QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(reply->error());
        completeFlight({},
                       QStringLiteral("token endpoint %1 unreachable: %2")
                           .arg(endpoint, QString::fromLatin1(key ? key : "UnknownNetworkError")));
        return;
    }
    const int status = statusAttr.toInt();
    const QByteArray body = reply->read(MaxResponseBytes + 1);
    if (body.size() > MaxResponseBytes) {
        completeFlight(
            {}, QStringLiteral("token endpoint %1 answer exceeds %2 KiB").arg(endpoint).arg(MaxResponseBytes / 1024));
        return;
    }
    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QJsonObject object = document.object();
    if (status != 200) {
        const QString code = knownErrorCode(object.value(QLatin1String("error")).toString());
        QString message = QStringLiteral("token endpoint %1 answered HTTP %2").arg(endpoint).arg(status);
        if (!code.isEmpty())
            message += QStringLiteral(" (%1)").arg(code);
        completeFlight({}, message);
        return;
    }
    if (!document.isObject()) {
        completeFlight({}, QStringLiteral("token endpoint %1 answer is not a JSON object").arg(endpoint));
        return;
    }
    const QJsonValue tokenValue = object.value(QLatin1String("access_token"));
    const QByteArray accessToken = tokenValue.toString().toUtf8();
    if (!tokenValue.isString() || !isUsableToken(accessToken)) {
        completeFlight({}, QStringLiteral("token endpoint %1 answer has no usable access_token").arg(endpoint));
        return;
    }
    if (object.value(QLatin1String("token_type")).toString().compare(QLatin1String("Bearer"), Qt::CaseInsensitive)
        != 0) {
        completeFlight({}, QStringLiteral("token endpoint %1 answer has a token_type other than Bearer").arg(endpoint));
        return;
    }
    qint64 lifetime = DefaultLifetimeSeconds;
    const QJsonValue expires = object.value(QLatin1String("expires_in"));
    double seconds = std::nan("");
    if (expires.isDouble())
        seconds = expires.toDouble();
    else if (expires.isString()) // some servers quote it
        seconds = expires.toString().toDouble();
    if (std::isfinite(seconds) && seconds > 0)
        lifetime = qint64(qMin(seconds, 365.0 * 24 * 3600));

    SecretBytes::wipeAndClear(m_token);
    m_token = SecretBytes::deepCopy(accessToken);
    m_renewAt = QDeadlineTimer(qMax<qint64>(0, lifetime - RenewMarginSeconds) * 1000);
    completeFlight(m_token, QString());
}

void ClientCredentialsTokenSource::completeFlight(const QByteArray& accessToken, const QString& error)
{
    m_inFlight = false;
    const QList<Callback> waiters = std::move(m_waiters);
    m_waiters.clear();
    for (const Callback& callback : waiters)
        queueAnswer(callback, accessToken, error);
}

void ClientCredentialsTokenSource::queueAnswer(Callback callback, const QByteArray& accessToken, const QString& error)
{
    QMetaObject::invokeMethod(
        this, [callback = std::move(callback), accessToken, error]() { callback(accessToken, error); },
        Qt::QueuedConnection);
}

} // namespace Gateway
