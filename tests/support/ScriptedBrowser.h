// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QNetworkCookie>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkCookieJar;

// A scripted person at a browser: its own cookie jar, follows redirects (recording each hop), reads
// the first HTML form of a page and submits it the way a browser does (hidden fields, the pressed
// button's name=value, an Origin header naming the page's origin). Blocking calls for tests; talks
// to real servers over loopback.
namespace TestSupport {

struct BrowserPage
{
    int status = 0; // 0: no answer
    QUrl url; // where the final answer came from
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QList<QUrl> hops; // every URL requested, in order (redirects included)
    QByteArray header(const QByteArray& name) const;
    QList<QByteArray> headerValues(const QByteArray& name) const;
};

class ScriptedBrowser : public QObject
{
    Q_OBJECT
public:
    explicit ScriptedBrowser(QObject* parent = nullptr);
    ~ScriptedBrowser() override;

    // GET, following up to 10 redirects.
    BrowserPage get(const QUrl& url);
    // Submits the first form of `page`: its hidden fields, then `fields`, then button name=value.
    // `originOverride`: empty sends the page's origin like a browser; "-" sends no Origin at all.
    // `dropFields` are removed before sending (e.g. "csrf" for a forged form).
    BrowserPage submit(const BrowserPage& page, const QString& buttonValue, const QMap<QString, QString>& fields = {},
                       const QByteArray& originOverride = {}, const QStringList& dropFields = {});
    // POSTs a form body to `url` as-is (for forged requests).
    BrowserPage post(const QUrl& url, const QByteArray& formBody, const QByteArray& origin = {});

    QList<QNetworkCookie> cookies() const;
    // When set, redirects to URLs starting with this prefix are not followed (the test takes over).
    void stopBefore(const QString& urlPrefix) { m_stopBefore = urlPrefix; }

private:
    BrowserPage request(QByteArray method, QUrl url, QByteArray body, QByteArray origin);

    QNetworkAccessManager* m_network = nullptr;
    QNetworkCookieJar* m_jar = nullptr;
    QString m_stopBefore;
};

} // namespace TestSupport
