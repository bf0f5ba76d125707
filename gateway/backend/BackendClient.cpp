// SPDX-License-Identifier: GPL-3.0-or-later
#include "BackendClient.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <memory>

namespace Gateway {

namespace {

QString errorClassName(QNetworkReply::NetworkError error)
{
    const char* key = QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(error);
    QString name = key ? QString::fromLatin1(key) : QStringLiteral("UnknownNetworkError");
    if (name.endsWith(QLatin1String("Error")))
        name.chop(5);
    return name;
}

bool isTlsError(QNetworkReply::NetworkError error)
{
    return error == QNetworkReply::SslHandshakeFailedError;
}

} // namespace

BackendClient::BackendClient(QObject* parent)
    : QObject(parent)
    , m_manager(new QNetworkAccessManager(this))
{
    m_manager->setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
    m_manager->setAutoDeleteReplies(false);
}

BackendClient::~BackendClient() = default;

QNetworkReply* BackendClient::send(const EncodedCall& call, const BackendOptions& options, Callback callback)
{
    QNetworkRequest request(call.url);
    request.setTransferTimeout(options.timeoutMs);
    request.setMaximumRedirectsAllowed(5);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    bool hasAccept = false;
    for (const auto& h : call.headers) {
        hasAccept = hasAccept || h.first.compare("Accept", Qt::CaseInsensitive) == 0;
        request.setRawHeader(h.first, h.second);
    }
    if (!hasAccept)
        request.setRawHeader("Accept", "application/json, */*;q=0.5");
    request.setRawHeader("User-Agent", "Portcullis/" PORTCULLIS_VERSION);

    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QNetworkReply* reply = nullptr;
    if (call.body.isEmpty() && (call.method == "GET" || call.method == "HEAD" || call.method == "DELETE"
                                || call.method == "OPTIONS"))
        reply = m_manager->sendCustomRequest(request, call.method);
    else
        reply = m_manager->sendCustomRequest(request, call.method, call.body);

    auto received = std::make_shared<QByteArray>();
    auto tooLarge = std::make_shared<bool>(false);
    const qint64 cap = options.maxResponseBytes;
    connect(reply, &QNetworkReply::readyRead, reply, [reply, received, tooLarge, cap]() {
        if (*tooLarge)
            return;
        const qint64 room = cap - received->size();
        if (reply->bytesAvailable() > room) {
            *tooLarge = true;
            reply->abort();
            return;
        }
        received->append(reply->readAll());
    });
    connect(reply, &QNetworkReply::finished, this, [reply, received, tooLarge, timer, callback, options]() {
        reply->deleteLater();
        BackendResult result;
        result.elapsedMicros = timer->nsecsElapsed() / 1000;
        if (!*tooLarge && reply->bytesAvailable() > 0) {
            if (received->size() + reply->bytesAvailable() > options.maxResponseBytes)
                *tooLarge = true;
            else
                received->append(reply->readAll());
        }
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (*tooLarge) {
            result.outcome = BackendResult::Outcome::TooLarge;
            result.status = status.toInt();
            result.errorClass = QStringLiteral("ResponseTooLarge");
        } else if (reply->error() == QNetworkReply::OperationCanceledError && !status.isValid()) {
            // transfer timeout or abort() by the gateway
            result.outcome = result.elapsedMicros / 1000 >= options.timeoutMs ? BackendResult::Outcome::TimedOut
                                                                               : BackendResult::Outcome::Aborted;
            result.errorClass = result.outcome == BackendResult::Outcome::TimedOut ? QStringLiteral("Timeout")
                                                                                   : QStringLiteral("Aborted");
        } else if (status.isValid()) {
            result.outcome = BackendResult::Outcome::Answered;
            result.status = status.toInt();
            result.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
            result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
            result.body = std::move(*received);
        } else {
            result.outcome = isTlsError(reply->error()) ? BackendResult::Outcome::TlsError
                                                        : BackendResult::Outcome::Unreachable;
            result.errorClass = errorClassName(reply->error());
        }
        callback(result);
    });
    return reply;
}

} // namespace Gateway
