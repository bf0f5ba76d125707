// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BackendClient.h"
#include "HttpResponseParser.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

class QTcpSocket;

namespace Gateway {

// One keep-alive HTTP/1.1 connection to one backend origin, carrying one request at a time.
class BackendConnection : public QObject
{
    Q_OBJECT
public:
    // `proxy`: NoProxy (direct), an HTTP proxy (absolute-form requests for http, a CONNECT tunnel
    // for https) or another kind Qt's sockets handle themselves.
    BackendConnection(const QByteArray& originKey, const QUrl& origin, const BackendOptions& options,
                      const QNetworkProxy& proxy, QObject* parent);
    ~BackendConnection() override;

    const QByteArray& originKey() const { return m_originKey; }
    bool isReused() const { return m_requests > 0; }
    qint64 idleMs() const { return m_idleSince.isValid() ? m_idleSince.elapsed() : 0; }
    bool isOpen() const;

    using Done = std::function<void(BackendResult result, bool reusable, bool retryable)>;
    void start(const QByteArray& method, const QUrl& url, const HttpHeaders& headers, const QByteArray& body,
               const BackendOptions& options, Done done);
    void cancel(); // drops the current request without calling done

private:
    void connectSocket();
    void writeRequest();
    void onReadyRead();
    void onDisconnected();
    void onError();
    void finish(BackendResult result, bool reusable, bool retryable);
    void timerEvent(QTimerEvent* event) override;

    QByteArray m_originKey;
    QUrl m_origin;
    BackendOptions m_options;
    QTcpSocket* m_socket = nullptr;
    bool m_tls = false;
    QNetworkProxy m_proxy;
    bool m_absoluteForm = false; // plain http through an HTTP proxy
    QByteArray m_proxyAuthorization; // "Basic ..." for m_absoluteForm; never logged
    bool m_connected = false;
    int m_requests = 0;
    QElapsedTimer m_idleSince;

    // current request
    QByteArray m_request;
    bool m_headRequest = false;
    std::optional<HttpResponseParser> m_parser;
    Done m_done;
    QBasicTimer m_timeout;
    QElapsedTimer m_started;
};

} // namespace Gateway
