// SPDX-License-Identifier: GPL-3.0-or-later
// The "Token inspector" page over a real TokenInspector, a running gateway and a real loopback
// authorization server, driven by object name: decoding, local times, countdown, verdicts.
#include "FakeAuthorizationServer.h"
#include "TestJwtIssuer.h"

#include "config/WorkspaceLoader.h"
#include "core/GatewayServer.h"
#include "demo/DemoBackend.h"
#include "pages/TokenInspectorPage.h"

#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QTreeWidget>

using namespace Gateway;
using Portcullis::TokenInspectorPage;
using TestSupport::FakeAuthorizationServer;

class tst_TokenInspectorPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void decodesPastedToken();
    void opaqueAndGarbage_data();
    void opaqueAndGarbage();
    void verdicts_data();
    void verdicts();
    void editingClearsTheVerdict();

private:
    template <typename T> T* child(const char* name) const
    {
        T* widget = m_page->findChild<T*>(QLatin1String(name));
        if (!widget)
            qFatal("missing widget %s", name);
        return widget;
    }
    QByteArray token(qint64 expIn, const QString& scope, const QString& aud = {}) const;
    void paste(const QByteArray& token);

    DemoBackendHost m_backendHost;
    FakeAuthorizationServer m_as;
    GatewayServer m_gateway;
    TestSupport::TestKey m_key;
    QString m_resource;
    TokenInspector* m_inspector = nullptr;
    TokenInspectorPage* m_page = nullptr;
};

void tst_TokenInspectorPage::initTestCase()
{
    const QUrl backend = m_backendHost.start();
    QVERIFY(!backend.isEmpty());
    m_key = TestSupport::TestKey::rsa();
    QVERIFY(m_as.start());
    m_as.publishMetadata(QStringLiteral("/.well-known/oauth-authorization-server"), m_as.baseUrl());
    m_as.setJwks(QJsonArray{m_key.publicJwk(QStringLiteral("k1"), QStringLiteral("RS256"))});
    WorkspaceConfig config = WorkspaceLoader::demoWorkspace(backend);
    ServiceConfig s = config.services.first();
    s.name = QStringLiteral("weather");
    s.security.mode = EndpointSecurity::Mode::OAuth2;
    s.security.authorizationServers = {m_as.baseUrl()};
    s.security.requiredScopes = {QStringLiteral("demo:read")};
    s.security.toolScopes.insert(QStringLiteral("createItem"), {QStringLiteral("items:write")});
    s.security.allowLoopbackHttpIssuers = true;
    config.services.append(s);
    QString error;
    QVERIFY2(m_gateway.applyConfig(config, &error), qPrintable(error));
    QVERIFY(m_gateway.listen(QHostAddress::LocalHost, 0));
    m_resource = QStringLiteral("http://127.0.0.1:%1/mcp/weather").arg(m_gateway.serverPort());
}

void tst_TokenInspectorPage::init()
{
    m_inspector = new TokenInspector(&m_gateway);
    m_page = new TokenInspectorPage(m_inspector);
    m_page->setServices(m_gateway.services());
    m_page->resize(1200, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
}

void tst_TokenInspectorPage::cleanup()
{
    delete m_page;
    delete m_inspector;
}

QByteArray tst_TokenInspectorPage::token(qint64 expIn, const QString& scope, const QString& aud) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                             {QStringLiteral("kid"), QStringLiteral("k1")},
                             {QStringLiteral("typ"), QStringLiteral("at+jwt")}};
    const QJsonObject claims{{QStringLiteral("iss"), m_as.baseUrl()},
                             {QStringLiteral("sub"), QStringLiteral("alice")},
                             {QStringLiteral("aud"), aud.isEmpty() ? m_resource : aud},
                             {QStringLiteral("scope"), scope},
                             {QStringLiteral("iat"), double(qMin(now, now + expIn) - 60)},
                             {QStringLiteral("exp"), double(now + expIn)}};
    return TestSupport::makeToken(header, claims, m_key);
}

void tst_TokenInspectorPage::paste(const QByteArray& t)
{
    child<QPlainTextEdit>("tokenEdit")->setPlainText(QString::fromLatin1(t));
}

void tst_TokenInspectorPage::decodesPastedToken()
{
    const QByteArray t = token(600, QStringLiteral("demo:read"));
    paste("Bearer " + t);
    QVERIFY(child<QLabel>("tokenFormLabel")->text().startsWith(QLatin1String("A JWT (signed, 256 signature bytes)")));
    auto* tree = child<QTreeWidget>("tokenTree");
    QCOMPARE(tree->topLevelItemCount(), 2);
    QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("Header"));
    QTreeWidgetItem* claims = tree->topLevelItem(1);
    QCOMPARE(claims->text(0), QStringLiteral("Claims"));
    QTreeWidgetItem* exp = nullptr;
    QTreeWidgetItem* aud = nullptr;
    for (int i = 0; i < claims->childCount(); ++i) {
        if (claims->child(i)->text(0) == QLatin1String("exp"))
            exp = claims->child(i);
        if (claims->child(i)->text(0) == QLatin1String("aud"))
            aud = claims->child(i);
    }
    QVERIFY(exp && aud);
    QCOMPARE(aud->text(1), m_resource);
    const QDateTime local = QDateTime::fromSecsSinceEpoch(exp->text(1).toLongLong()).toLocalTime();
    QCOMPARE(exp->text(2), QLocale().toString(local, QStringLiteral("yyyy-MM-dd HH:mm:ss t")));
    auto* expiry = child<QLabel>("tokenExpiryLabel");
    QVERIFY2(expiry->text().startsWith(QLatin1String("Expires in 9 min"))
                 || expiry->text().startsWith(QLatin1String("Expires in 10 min")),
             qPrintable(expiry->text()));
    // The countdown moves on its own.
    const QString before = expiry->text();
    QTRY_VERIFY_WITH_TIMEOUT(expiry->text() != before, 3000);

    paste(token(-3600, QStringLiteral("demo:read")));
    QVERIFY2(expiry->text().startsWith(QLatin1String("Expired 1 h 0 min ago")), qPrintable(expiry->text()));
}

void tst_TokenInspectorPage::opaqueAndGarbage_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("form");
    QTest::newRow("opaque") << QByteArray("2YotnFZFEjr1zCsicMWpAA")
                            << "Opaque token (not a JWT: 1 dot-separated segments, a JWT has 3): only "
                               "introspection can check it.";
    QTest::newRow("garbage") << QByteArray("abc.def.ghi") << "Not a well-formed JWT: the header is not a JSON object.";
    QTest::newRow("empty") << QByteArray() << "No token yet.";
}

void tst_TokenInspectorPage::opaqueAndGarbage()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, form);
    paste(token);
    QCOMPARE(child<QLabel>("tokenFormLabel")->text(), form);
    QCOMPARE(child<QTreeWidget>("tokenTree")->topLevelItemCount(), 0);
    QCOMPARE(child<QPushButton>("tokenCheckButton")->isEnabled(), !token.isEmpty());
}

void tst_TokenInspectorPage::verdicts_data()
{
    QTest::addColumn<qint64>("expIn");
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("aud");
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("details");
    QTest::newRow("valid") << qint64(600) << "demo:read" << QString() << QString() << "Valid for service weather"
                           << "Gateway answer: HTTP 200, reason jwt";
    QTest::newRow("expired") << qint64(-3600) << "demo:read" << QString() << QString()
                             << "Expired: the token expired at"
                             << "Gateway answer: HTTP 401, reason expired";
    QTest::newRow("wrong audience") << qint64(600) << "demo:read"
                                    << "https://other.example/mcp" << QString()
                                    << "Wrong audience: the token is for \"https://other.example/mcp\""
                                    << "Gateway answer: HTTP 401, reason wrong_audience";
    QTest::newRow("insufficient scope") << qint64(600) << "profile" << QString() << QString()
                                        << "Insufficient scope: the token grants \"profile\""
                                        << "Gateway answer: HTTP 403, reason insufficient_scope";
    QTest::newRow("insufficient tool scope") << qint64(600) << "demo:read" << QString() << "createItem"
                                             << "Insufficient scope for tool createItem"
                                             << "\u2717 createItem \u2014 missing items:write";
}

void tst_TokenInspectorPage::verdicts()
{
    QFETCH(qint64, expIn);
    QFETCH(QString, scope);
    QFETCH(QString, aud);
    QFETCH(QString, tool);
    QFETCH(QString, verdict);
    QFETCH(QString, details);

    paste(token(expIn, scope, aud));
    m_page->selectService(QStringLiteral("weather"));
    if (!tool.isEmpty())
        m_page->selectTool(tool);
    auto* label = child<QLabel>("tokenVerdictLabel");
    QTest::mouseClick(child<QPushButton>("tokenCheckButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!label->text().startsWith(QLatin1String("Asking")), 10000);
    QVERIFY2(label->text().startsWith(verdict), qPrintable(label->text()));
    const QString text = child<QPlainTextEdit>("tokenVerdictDetails")->toPlainText();
    QVERIFY2(text.contains(details), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Expected audience: ") + m_resource));

    const QString shots = qEnvironmentVariable("PORTCULLIS_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        QDir().mkpath(shots);
        QVERIFY(m_page->grab().save(shots
                                    + QStringLiteral("/token-inspector-%1.png")
                                          .arg(QString::fromLatin1(QTest::currentDataTag()).replace(' ', '-'))));
    }
}

void tst_TokenInspectorPage::editingClearsTheVerdict()
{
    paste(token(600, QStringLiteral("demo:read")));
    auto* label = child<QLabel>("tokenVerdictLabel");
    QTest::mouseClick(child<QPushButton>("tokenCheckButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(label->text().startsWith(QLatin1String("Valid")), 10000);
    paste(token(600, QStringLiteral("profile")));
    QVERIFY(label->text().startsWith(QLatin1String("Pick a service")));
    QVERIFY(child<QPlainTextEdit>("tokenVerdictDetails")->toPlainText().isEmpty());
}

QTEST_MAIN(tst_TokenInspectorPage)
#include "tst_tokeninspectorpage.moc"
