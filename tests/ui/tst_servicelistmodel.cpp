// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ServiceListModel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QColor>
#include <QSignalSpy>
#include <QTest>

using Gateway::ServiceStatus;
using Portcullis::ServiceListModel;

namespace {

ServiceStatus service(const QString& name, const QString& mode, int tools)
{
    ServiceStatus s;
    s.name = name;
    s.endpointUrl = QUrl(QStringLiteral("http://127.0.0.1:8765/mcp/") + name);
    s.title = name + QStringLiteral(" API");
    s.backendUrl = QUrl(QStringLiteral("https://api.example.com/") + name);
    s.toolCount = tools;
    for (int i = 0; i < tools; ++i)
        s.toolNames << QStringLiteral("tool_%1").arg(i);
    s.securityMode = mode;
    return s;
}

} // namespace

class TestServiceListModel : public QObject
{
    Q_OBJECT

private slots:
    void emptyModel();
    void rowsAndRoles();
    void unsafeMarking_data();
    void unsafeMarking();
    void resetWithNewList();
    void refusedServiceShownInRed();
};

void TestServiceListModel::emptyModel()
{
    ServiceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.rowForName(QStringLiteral("weather")), -1);
    QVERIFY(model.serviceNames().isEmpty());
}

void TestServiceListModel::rowsAndRoles()
{
    ServiceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ServiceStatus weather = service(QStringLiteral("weather"), QStringLiteral("oauth2"), 3);
    weather.warnings << QStringLiteral("operation GET /v1/radar has no operationId");
    model.setServices({weather, service(QStringLiteral("petstore"), QStringLiteral("none"), 1)});

    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.serviceNames(), (QStringList{QStringLiteral("weather"), QStringLiteral("petstore")}));
    QCOMPARE(model.rowForName(QStringLiteral("petstore")), 1);

    const QModelIndex first = model.index(0);
    QCOMPARE(first.data(ServiceListModel::NameRole).toString(), QStringLiteral("weather"));
    QCOMPARE(first.data(ServiceListModel::EndpointUrlRole).toUrl(),
             QUrl(QStringLiteral("http://127.0.0.1:8765/mcp/weather")));
    QCOMPARE(first.data(ServiceListModel::ToolCountRole).toInt(), 3);
    QCOMPARE(first.data(ServiceListModel::ToolNamesRole).toStringList().size(), 3);
    QCOMPARE(first.data(ServiceListModel::SecurityModeRole).toString(), QStringLiteral("oauth2"));
    QCOMPARE(first.data(ServiceListModel::IsUnsafeRole).toBool(), false);
    QCOMPARE(first.data(ServiceListModel::WarningsRole).toStringList().size(), 1);
    QCOMPARE(first.data(Qt::ToolTipRole).toString(), QStringLiteral("http://127.0.0.1:8765/mcp/weather"));
    QCOMPARE(first.data(Qt::DisplayRole).toString(),
             QStringLiteral("weather\nTools: 3 · Security: OAuth 2 bearer token"));

    const QModelIndex second = model.index(1);
    QCOMPARE(second.data(ServiceListModel::IsUnsafeRole).toBool(), true);
    QCOMPARE(second.data(Qt::DisplayRole).toString(), QStringLiteral("petstore\nTools: 1 · Security: None (unsafe)"));
    QVERIFY(first.data(Qt::DecorationRole).isValid());
}

void TestServiceListModel::unsafeMarking_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<bool>("unsafe");
    QTest::addColumn<QString>("text");
    QTest::newRow("none") << QStringLiteral("none") << true << QStringLiteral("None (unsafe)");
    QTest::newRow("missing") << QString() << true << QStringLiteral("None (unsafe)");
    QTest::newRow("apiKey") << QStringLiteral("apiKey") << false << QStringLiteral("API key");
    QTest::newRow("oauth2") << QStringLiteral("oauth2") << false << QStringLiteral("OAuth 2 bearer token");
}

void TestServiceListModel::unsafeMarking()
{
    QFETCH(QString, mode);
    QFETCH(bool, unsafe);
    QFETCH(QString, text);
    QCOMPARE(ServiceListModel::isUnsafe(mode), unsafe);
    QCOMPARE(ServiceListModel::securityModeText(mode), text);
}

void TestServiceListModel::resetWithNewList()
{
    ServiceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setServices({service(QStringLiteral("a"), QStringLiteral("none"), 1),
                       service(QStringLiteral("b"), QStringLiteral("apiKey"), 2),
                       service(QStringLiteral("c"), QStringLiteral("oauth2"), 3)});
    QCOMPARE(model.rowCount(), 3);

    QSignalSpy aboutToReset(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setServices({service(QStringLiteral("d"), QStringLiteral("apiKey"), 7)});
    QCOMPARE(aboutToReset.count(), 1);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(ServiceListModel::NameRole).toString(), QStringLiteral("d"));
    QCOMPARE(model.rowForName(QStringLiteral("a")), -1);

    model.setServices({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(reset.count(), 2);
}

void TestServiceListModel::refusedServiceShownInRed()
{
    ServiceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ServiceStatus broken = service(QStringLiteral("billing"), QString(), 0);
    broken.toolNames.clear();
    broken.error = QStringLiteral("service 'billing': ws.json: $.services[1].security.mode: must be one of none, "
                                  "apiKey, oauth2");
    model.setServices({service(QStringLiteral("weather"), QStringLiteral("apiKey"), 2), broken});

    const QModelIndex good = model.index(0);
    const QModelIndex bad = model.index(1);
    QVERIFY(model.data(good, ServiceListModel::ErrorRole).toString().isEmpty());
    QVERIFY(!model.data(good, Qt::ForegroundRole).isValid()); // the style's own colour
    QCOMPARE(model.data(bad, ServiceListModel::ErrorRole).toString(), broken.error);
    const QVariant foreground = model.data(bad, Qt::ForegroundRole);
    QVERIFY(foreground.canConvert<QBrush>());
    const QColor red = foreground.value<QBrush>().color();
    QVERIFY2(red.red() > 150 && red.green() < 100 && red.blue() < 100, qPrintable(red.name()));
    QVERIFY(model.data(bad, Qt::ToolTipRole).toString().contains(broken.error));
    QVERIFY(model.data(bad, Qt::DisplayRole).toString().startsWith(QLatin1String("billing\n")));
    QVERIFY(!model.data(bad, Qt::DisplayRole).toString().contains(QLatin1String("Tools:")));
    QCOMPARE(model.roleNames().value(ServiceListModel::ErrorRole), QByteArray("error"));
}

QTEST_MAIN(TestServiceListModel)
#include "tst_servicelistmodel.moc"
