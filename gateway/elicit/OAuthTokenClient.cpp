// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuthTokenClient.h"

#include "net/Loopback.h"
#include "secrets/SecretBytes.h"
#include "secrets/SecretResolver.h"

#include <QJsonDocument>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QTimer>

#include <cmath>
#include <memory>

namespace Gateway {

namespace {

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

// Tokens go into header fields: printable ASCII without spaces, bounded.
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

OAuthTokenClient::OAuthTokenClient(SecretResolver* resolver, QObject* parent)
    : QObject(parent)
    , m_resolver(resolver)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

OAuthTokenClient::~OAuthTokenClient() = default;

QString OAuthTokenClient::urlProblem(const QUrl& url, bool allowLoopbackHttp)
{
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return QStringLiteral("not an absolute URL");
    if (!url.userInfo().isEmpty() || url.hasFragment())
        return QStringLiteral("must not contain user information or a fragment");
    if (url.scheme() == QLatin1String("https"))
        return {};
    if (url.scheme() == QLatin1String("http") && allowLoopbackHttp && Net::isLoopbackHost(url.host()))
        return {};
    return QStringLiteral("must use https");
}

void OAuthTokenClient::post(const QUrl& tokenEndpoint, bool allowLoopbackHttp, const QString& clientId,
                            const QString& clientSecretRef, Form form, Callback callback)
{
    const QString display = tokenEndpoint.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    const QString problem = urlProblem(tokenEndpoint, allowLoopbackHttp);
    if (!problem.isEmpty()) {
        TokenResponse r;
        r.error = QStringLiteral("token endpoint %1 %2").arg(display, problem);
        QMetaObject::invokeMethod(
            this, [callback, r]() { callback(r); }, Qt::QueuedConnection);
        return;
    }
    if (clientSecretRef.isEmpty()) {
        send(tokenEndpoint, clientId, {}, std::move(form), std::move(callback));
        return;
    }
    if (!m_resolver) {
        TokenResponse r;
        r.error = QStringLiteral("client secret %1 unavailable").arg(clientSecretRef);
        QMetaObject::invokeMethod(
            this, [callback, r]() { callback(r); }, Qt::QueuedConnection);
        return;
    }
    QPointer<OAuthTokenClient> self(this);
    m_resolver->resolve(clientSecretRef,
                        [self, tokenEndpoint, clientId, clientSecretRef, form, callback](const SecretResult& secret) {
                            if (!self)
                                return;
                            if (!secret.isOk() || secret.value.isEmpty()) {
                                TokenResponse r;
                                r.error = QStringLiteral("client secret %1 unavailable: %2")
                                              .arg(clientSecretRef,
                                                   SecretResult::statusName(
                                                       secret.isOk() ? SecretResult::Status::NotFound : secret.status));
                                callback(r);
                                return;
                            }
                            self->send(tokenEndpoint, clientId, SecretBytes::deepCopy(secret.value), form, callback);
                        });
}

void OAuthTokenClient::send(const QUrl& endpoint, const QString& clientId, QByteArray secret, Form form,
                            Callback callback)
{
    QNetworkRequest request(endpoint);
    QByteArray body;
    auto add = [&body](const QByteArray& key, const QByteArray& value) {
        if (!body.isEmpty())
            body += '&';
        body += key + '=' + value.toPercentEncoding();
    };
    for (const auto& field : form)
        add(field.first, field.second);
    if (secret.isEmpty()) {
        add("client_id", clientId.toUtf8());
    } else {
        QByteArray credentials = clientId.toUtf8().toPercentEncoding() + ':' + secret.toPercentEncoding();
        request.setRawHeader("Authorization", QByteArrayLiteral("Basic ") + credentials.toBase64());
        SecretBytes::wipeAndClear(credentials);
        SecretBytes::wipeAndClear(secret);
    }
    for (auto& field : form)
        SecretBytes::wipeAndClear(field.second);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("Cache-Control", "no-store");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    request.setTransferTimeout(m_timeoutMs);
    ++m_requests;
    QNetworkReply* reply = m_network->post(request, body);
    SecretBytes::wipeAndClear(body);
    auto tooLarge = std::make_shared<bool>(false);
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply, tooLarge](qint64 received, qint64 total) {
        if (!*tooLarge && (received > MaxResponseBytes || total > MaxResponseBytes)) {
            *tooLarge = true;
            reply->abort();
        }
    });
    const QString display = endpoint.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    connect(reply, &QNetworkReply::finished, this, [reply, tooLarge, display, callback]() {
        reply->deleteLater();
        TokenResponse r;
        const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (*tooLarge) {
            r.error = QStringLiteral("token endpoint %1 answer exceeds 64 KiB").arg(display);
            callback(r);
            return;
        }
        if (!statusAttr.isValid()) {
            const char* key = QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(reply->error());
            r.error = QStringLiteral("token endpoint %1 unreachable: %2")
                          .arg(display, QString::fromLatin1(key ? key : "UnknownNetworkError"));
            callback(r);
            return;
        }
        const int status = statusAttr.toInt();
        QByteArray bytes = reply->read(MaxResponseBytes + 1);
        const QJsonObject object = QJsonDocument::fromJson(bytes).object();
        SecretBytes::wipeAndClear(bytes);
        if (status != 200) {
            r.oauthError = knownErrorCode(object.value(QLatin1String("error")).toString());
            r.error = QStringLiteral("token endpoint %1 answered HTTP %2").arg(display).arg(status);
            if (!r.oauthError.isEmpty())
                r.error += QStringLiteral(" (%1)").arg(r.oauthError);
            callback(r);
            return;
        }
        r.accessToken = object.value(QLatin1String("access_token")).toString().toUtf8();
        if (!isUsableToken(r.accessToken)) {
            r.accessToken.clear();
            r.error = QStringLiteral("token endpoint %1 answer has no usable access_token").arg(display);
            callback(r);
            return;
        }
        if (object.value(QLatin1String("token_type")).toString().compare(QLatin1String("Bearer"), Qt::CaseInsensitive)
            != 0) {
            r.accessToken.clear();
            r.error = QStringLiteral("token endpoint %1 answer has a token_type other than Bearer").arg(display);
            callback(r);
            return;
        }
        r.refreshToken = object.value(QLatin1String("refresh_token")).toString().toUtf8();
        if (!r.refreshToken.isEmpty() && !isUsableToken(r.refreshToken))
            r.refreshToken.clear();
        r.idToken = object.value(QLatin1String("id_token")).toString().toUtf8();
        const QJsonValue expires = object.value(QLatin1String("expires_in"));
        double seconds = expires.isDouble() ? expires.toDouble()
            : expires.isString()            ? expires.toString().toDouble()
                                            : std::nan("");
        if (std::isfinite(seconds) && seconds > 0)
            r.expiresInSeconds = qint64(qMin(seconds, 365.0 * 24 * 3600));
        r.ok = true;
        callback(r);
    });
}

} // namespace Gateway
