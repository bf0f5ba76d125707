// SPDX-License-Identifier: GPL-3.0-or-later
// The "Connection doctor" page over a real ConnectionDoctor, a running gateway and real loopback
// authorization servers (good, wrong issuer, JWKS down), driven by object name.
#include "FakeAuthorizationServer.h"
#include "TestJwtIssuer.h"

#include "config/WorkspaceLoader.h"
#include "core/GatewayServer.h"
#include "demo/DemoBackend.h"
#include "pages/ConnectionDoctorPage.h"

#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace Gateway;
using Portcullis::ConnectionDoctorPage;
using TestSupport::FakeAuthorizationServer;

class tst_ConnectionDoctorPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void listsOnlyOAuthServices();
    void runShowsSteps_data();
    void runShowsSteps();

private:
    template <typename T> T* child(const char* name) const
    {
        T* widget = m_page->findChild<T*>(QLatin1String(name));
        if (!widget)
            qFatal("missing widget %s", name);
        return widget;
    }

    DemoBackendHost m_backendHost;
    FakeAuthorizationServer m_good;
    FakeAuthorizationServer m_wrongIssuer;
    FakeAuthorizationServer m_jwksDown;
    GatewayServer m_gateway;
    ConnectionDoctor* m_doctor = nullptr;
    ConnectionDoctorPage* m_page = nullptr;
};

void tst_ConnectionDoctorPage::initTestCase()
{
    const QUrl backend = m_backendHost.start();
    QVERIFY(!backend.isEmpty());
    const TestSupport::TestKey key = TestSupport::TestKey::rsa();
    for (FakeAuthorizationServer* as : {&m_good, &m_wrongIssuer, &m_jwksDown})
        QVERIFY(as->start());
    m_good.publishMetadata(QStringLiteral("/.well-known/oauth-authorization-server"), m_good.baseUrl());
    m_good.setJwks(QJsonArray{key.publicJwk(QStringLiteral("k1"), QStringLiteral("RS256"))});
    m_wrongIssuer.publishMetadata(QStringLiteral("/.well-known/oauth-authorization-server"),
                                  QStringLiteral("https://login.example.com/"));
    m_jwksDown.publishMetadata(QStringLiteral("/.well-known/oauth-authorization-server"), m_jwksDown.baseUrl());
    m_jwksDown.setJson(QStringLiteral("/jwks"), QJsonObject{}, 503);

    WorkspaceConfig config = WorkspaceLoader::demoWorkspace(backend);
    const ServiceConfig open = config.services.first();
    auto oauth = [&open](const QString& name, const QString& issuer) {
        ServiceConfig s = open;
        s.name = name;
        s.security.mode = EndpointSecurity::Mode::OAuth2;
        s.security.authorizationServers = {issuer};
        s.security.requiredScopes = {QStringLiteral("demo:read")};
        s.security.allowLoopbackHttpIssuers = true;
        return s;
    };
    config.services.append(oauth(QStringLiteral("good"), m_good.baseUrl()));
    config.services.append(oauth(QStringLiteral("wrongiss"), m_wrongIssuer.baseUrl()));
    config.services.append(oauth(QStringLiteral("jwksdown"), m_jwksDown.baseUrl()));
    QString error;
    QVERIFY2(m_gateway.applyConfig(config, &error), qPrintable(error));
    QVERIFY(m_gateway.listen(QHostAddress::LocalHost, 0));
}

void tst_ConnectionDoctorPage::init()
{
    m_doctor = new ConnectionDoctor(&m_gateway);
    m_page = new ConnectionDoctorPage(m_doctor);
    m_page->setServices(m_gateway.services());
    m_page->resize(1200, 560);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
}

void tst_ConnectionDoctorPage::cleanup()
{
    delete m_page;
    delete m_doctor;
}

void tst_ConnectionDoctorPage::listsOnlyOAuthServices()
{
    auto* combo = child<QComboBox>("doctorServiceComboBox");
    QCOMPARE(combo->count(), 3);
    QCOMPARE(combo->itemText(0), QStringLiteral("good"));
    QVERIFY(combo->findText(QStringLiteral("demo")) < 0);
    QVERIFY(child<QPushButton>("doctorRunButton")->isEnabled());
}

void tst_ConnectionDoctorPage::runShowsSteps_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<int>("failedRow"); // -1: all passed
    QTest::addColumn<QString>("summary");
    QTest::addColumn<QString>("detail");
    QTest::newRow("good") << "good" << -1 << "All checks passed for good (5 steps"
                          << "clients are told: resource http://127.0.0.1:";
    QTest::newRow("wrong issuer") << "wrongiss" << 2
                                  << "Step 3 (Issuer check) failed: metadata issuer https://login.example.com/ "
                                     "differs from configured {wrong}"
                                  << "Result: mismatch";
    QTest::newRow("JWKS down") << "jwksdown" << 3 << "Step 4 (Signing keys (JWKS)) failed: the signing keys of"
                               << "HTTP status: 503";
}

void tst_ConnectionDoctorPage::runShowsSteps()
{
    QFETCH(QString, service);
    QFETCH(int, failedRow);
    QFETCH(QString, summary);
    QFETCH(QString, detail);
    summary.replace(QStringLiteral("{wrong}"), m_wrongIssuer.baseUrl());

    m_page->selectService(service);
    auto* run = child<QPushButton>("doctorRunButton");
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY(!run->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), 15000);

    auto* label = child<QLabel>("doctorSummaryLabel");
    QVERIFY2(label->text().startsWith(summary), qPrintable(label->text()));
    auto* tree = child<QTreeWidget>("doctorStepsTree");
    QCOMPARE(tree->topLevelItemCount(), 5);
    QCOMPARE(tree->topLevelItem(0)->text(1), QStringLiteral("Protected resource metadata (RFC 9728)"));
    QCOMPARE(tree->topLevelItem(0)->text(4), QStringLiteral("200"));
    QVERIFY(tree->topLevelItem(0)->text(3).startsWith(QLatin1String("GET http://127.0.0.1:")));
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        QVERIFY(!tree->topLevelItem(i)->icon(0).isNull());
    if (failedRow >= 0) {
        QCOMPARE(tree->topLevelItem(failedRow)->text(0), QStringLiteral("failed"));
        QCOMPARE(tree->currentItem(), tree->topLevelItem(failedRow)); // the failure is selected
    } else {
        QCOMPARE(tree->currentItem(), tree->topLevelItem(0));
    }
    auto* text = child<QTextBrowser>("doctorDetailText");
    QVERIFY2(text->toPlainText().contains(detail), qPrintable(text->toPlainText()));

    const QString shots = qEnvironmentVariable("PORTCULLIS_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        QDir().mkpath(shots);
        QVERIFY(m_page->grab().save(shots + QStringLiteral("/connection-doctor-%1.png").arg(service)));
    }
}

QTEST_MAIN(tst_ConnectionDoctorPage)
#include "tst_connectiondoctorpage.moc"
