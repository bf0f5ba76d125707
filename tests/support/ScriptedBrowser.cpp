// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScriptedBrowser.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>

namespace TestSupport {

namespace {

class Jar : public QNetworkCookieJar
{
public:
    using QNetworkCookieJar::allCookies;
};

QString attribute(const QString& tag, const QString& name)
{
    const QRegularExpression re(QStringLiteral("\\b%1=\"([^\"]*)\"").arg(name));
    const auto m = re.match(tag);
    return m.hasMatch() ? m.captured(1) : QString();
}

QString unescape(QString s)
{
    s.replace(QLatin1String("&quot;"), QLatin1String("\""));
    s.replace(QLatin1String("&lt;"), QLatin1String("<"));
    s.replace(QLatin1String("&gt;"), QLatin1String(">"));
    s.replace(QLatin1String("&#39;"), QLatin1String("'"));
    s.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return s;
}

} // namespace

QByteArray BrowserPage::header(const QByteArray& name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QList<QByteArray> BrowserPage::headerValues(const QByteArray& name) const
{
    QList<QByteArray> out;
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            out.append(h.second);
    }
    return out;
}

ScriptedBrowser::ScriptedBrowser(QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_jar(new Jar)
{
    m_network->setCookieJar(m_jar); // takes ownership
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

ScriptedBrowser::~ScriptedBrowser() = default;

QList<QNetworkCookie> ScriptedBrowser::cookies() const
{
    return static_cast<Jar*>(m_jar)->allCookies();
}

BrowserPage ScriptedBrowser::get(const QUrl& url)
{
    return request("GET", url, {}, {});
}

BrowserPage ScriptedBrowser::post(const QUrl& url, const QByteArray& formBody, const QByteArray& origin)
{
    return request("POST", url, formBody, origin);
}

BrowserPage ScriptedBrowser::submit(const BrowserPage& page, const QString& buttonValue,
                                    const QMap<QString, QString>& fields, const QByteArray& originOverride,
                                    const QStringList& dropFields)
{
    const QString html = QString::fromUtf8(page.body);
    const QRegularExpression formRe(QStringLiteral("<form\\b[^>]*>(.*?)</form>"),
                                    QRegularExpression::DotMatchesEverythingOption);
    const auto form = formRe.match(html);
    if (!form.hasMatch())
        return BrowserPage{};
    const QString formTag = html.mid(form.capturedStart(), form.captured(0).indexOf(QLatin1Char('>')) + 1);
    const QUrl action = page.url.resolved(QUrl(unescape(attribute(formTag, QStringLiteral("action")))));
    QList<QPair<QString, QString>> values;
    const QRegularExpression inputRe(QStringLiteral("<input\\b[^>]*>"));
    for (auto it = inputRe.globalMatch(form.captured(1)); it.hasNext();) {
        const QString tag = it.next().captured(0);
        if (attribute(tag, QStringLiteral("type")) == QLatin1String("hidden"))
            values.append({attribute(tag, QStringLiteral("name")), unescape(attribute(tag, QStringLiteral("value")))});
    }
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
        values.append({it.key(), it.value()});
    // The pressed button.
    const QRegularExpression buttonRe(QStringLiteral("<button\\b[^>]*>"));
    for (auto it = buttonRe.globalMatch(form.captured(1)); it.hasNext();) {
        const QString tag = it.next().captured(0);
        if (attribute(tag, QStringLiteral("value")) == buttonValue)
            values.append({attribute(tag, QStringLiteral("name")), buttonValue});
    }
    QByteArray body;
    for (const auto& v : values) {
        if (dropFields.contains(v.first))
            continue;
        if (!body.isEmpty())
            body += '&';
        body += v.first.toUtf8().toPercentEncoding() + '=' + v.second.toUtf8().toPercentEncoding();
    }
    QByteArray origin = originOverride;
    if (origin.isEmpty())
        origin = page.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toString().toUtf8();
    return request("POST", action, body, origin);
}

BrowserPage ScriptedBrowser::request(QByteArray method, QUrl url, QByteArray body, QByteArray origin)
{
    BrowserPage page;
    for (int hop = 0; hop < 10; ++hop) {
        page.hops.append(url);
        QNetworkRequest req(url);
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        req.setRawHeader("Accept", "text/html");
        if (!origin.isEmpty() && origin != "-")
            req.setRawHeader("Origin", origin);
        QNetworkReply* reply = nullptr;
        if (method == "POST") {
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
            reply = m_network->post(req, body);
        } else {
            reply = m_network->get(req);
        }
        QEventLoop loop;
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        page.url = url;
        page.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        page.headers.clear();
        for (const auto& h : reply->rawHeaderPairs())
            page.headers.append(h);
        page.body = reply->readAll();
        reply->deleteLater();
        if (page.status < 300 || page.status > 399 || page.header("Location").isEmpty())
            return page;
        const QUrl next = url.resolved(QUrl::fromEncoded(page.header("Location")));
        if (!m_stopBefore.isEmpty() && next.toString().startsWith(m_stopBefore)) {
            page.hops.append(next);
            return page;
        }
        if (page.status != 307 && page.status != 308) {
            method = "GET";
            body.clear();
            origin.clear();
        }
        url = next;
    }
    return page;
}

} // namespace TestSupport
