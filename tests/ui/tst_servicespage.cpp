// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ServiceListModel.h"
#include "pages/ServicesPage.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using Gateway::ServiceStatus;
using Portcullis::ServiceListModel;
using Portcullis::ServicesPage;

namespace {

ServiceStatus service(const QString& name, const QString& mode, const QStringList& tools)
{
    ServiceStatus s;
    s.name = name;
    s.endpointUrl = QUrl(QStringLiteral("http://127.0.0.1:8765/mcp/") + name);
    s.title = QStringLiteral("<b>%1</b> API").arg(name); // must be shown as plain text
    s.backendUrl = QUrl(QStringLiteral("https://api.example.com/") + name);
    s.toolCount = int(tools.size());
    s.toolNames = tools;
    s.securityMode = mode;
    return s;
}

} // namespace

class TestServicesPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsFirstServiceDetails();
    void unsafeWarningOnlyWithoutSecurity();
    void copyUrlButtonCopiesEndpoint();
    void keepsSelectionAcrossReset();
    void emptyState();
    void showTrafficRequest();

private:
    void select(const QString& name)
    {
        auto* list = m_page->findChild<QListView*>(QStringLiteral("servicesListView"));
        list->setCurrentIndex(m_model->index(m_model->rowForName(name)));
    }
    template <typename T> T* child(const char* name) const
    {
        T* widget = m_page->findChild<T*>(QLatin1String(name));
        if (!widget)
            qFatal("missing widget %s", name);
        return widget;
    }

    ServiceListModel* m_model = nullptr;
    ServicesPage* m_page = nullptr;
};

void TestServicesPage::init()
{
    m_model = new ServiceListModel;
    ServiceStatus weather = service(QStringLiteral("weather"), QStringLiteral("oauth2"),
                                    {QStringLiteral("get_v1_alerts"), QStringLiteral("get_v1_forecast")});
    weather.warnings << QStringLiteral("GET /v1/radar skipped: multipart body");
    m_model->setServices(
        {weather, service(QStringLiteral("petstore"), QStringLiteral("none"), {QStringLiteral("addPet")})});
    m_page = new ServicesPage(m_model);
    m_page->resize(1000, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
}

void TestServicesPage::cleanup()
{
    delete m_page;
    delete m_model;
}

void TestServicesPage::showsFirstServiceDetails()
{
    QCOMPARE(m_page->currentServiceName(), QStringLiteral("weather"));
    QCOMPARE(child<QLineEdit>("endpointUrlLineEdit")->text(), QStringLiteral("http://127.0.0.1:8765/mcp/weather"));
    QVERIFY(child<QLineEdit>("endpointUrlLineEdit")->isReadOnly());
    QCOMPARE(child<QLabel>("backendUrlLabel")->text(), QStringLiteral("https://api.example.com/weather"));
    QCOMPARE(child<QLabel>("securityModeLabel")->text(), QStringLiteral("OAuth 2 bearer token"));
    QCOMPARE(child<QLabel>("titleLabel")->textFormat(), Qt::PlainText);
    QCOMPARE(child<QListWidget>("toolsListWidget")->count(), 2);
    QCOMPARE(child<QListWidget>("toolsListWidget")->item(1)->text(), QStringLiteral("get_v1_forecast"));
    QLabel* warnings = child<QLabel>("importWarningsLabel");
    QVERIFY(warnings->isVisible());
    QVERIFY(warnings->text().contains(QStringLiteral("multipart body")));
}

void TestServicesPage::unsafeWarningOnlyWithoutSecurity()
{
    QLabel* warning = child<QLabel>("unsafeWarningLabel");
    QVERIFY(!warning->isVisible());
    select(QStringLiteral("petstore"));
    QCOMPARE(m_page->currentServiceName(), QStringLiteral("petstore"));
    QVERIFY(warning->isVisible());
    QCOMPARE(warning->text(),
             QStringLiteral("No endpoint security — anyone who can reach this port can call these "
                            "tools. For quick local tests only."));
    QCOMPARE(child<QLabel>("securityModeLabel")->text(), QStringLiteral("None (unsafe)"));
    QVERIFY(!child<QLabel>("importWarningsLabel")->isVisible());
    select(QStringLiteral("weather"));
    QVERIFY(!warning->isVisible());
}

void TestServicesPage::copyUrlButtonCopiesEndpoint()
{
    select(QStringLiteral("petstore"));
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(child<QPushButton>("copyUrlButton"), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("http://127.0.0.1:8765/mcp/petstore"));
}

void TestServicesPage::keepsSelectionAcrossReset()
{
    select(QStringLiteral("petstore"));
    m_model->setServices({service(QStringLiteral("github"), QStringLiteral("apiKey"), {}),
                          service(QStringLiteral("petstore"), QStringLiteral("apiKey"), {QStringLiteral("addPet")})});
    QCOMPARE(m_page->currentServiceName(), QStringLiteral("petstore"));
    QCOMPARE(child<QLabel>("securityModeLabel")->text(), QStringLiteral("API key"));
    QVERIFY(!child<QLabel>("unsafeWarningLabel")->isVisible());

    // The selected service disappeared: the first one is shown.
    m_model->setServices({service(QStringLiteral("github"), QStringLiteral("none"), {})});
    QCOMPARE(m_page->currentServiceName(), QStringLiteral("github"));
    QVERIFY(child<QLabel>("unsafeWarningLabel")->isVisible());
}

void TestServicesPage::emptyState()
{
    m_model->setServices({});
    QCOMPARE(m_page->currentServiceName(), QString());
    QVERIFY(child<QLabel>("emptyLabel")->isVisible());
    QVERIFY(!child<QPushButton>("copyUrlButton")->isVisible());
}

void TestServicesPage::showTrafficRequest()
{
    QSignalSpy requested(m_page, &ServicesPage::showTrafficRequested);
    QTest::mouseClick(child<QPushButton>("showTrafficButton"), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("weather"));
}

QTEST_MAIN(TestServicesPage)
#include "tst_servicespage.moc"
