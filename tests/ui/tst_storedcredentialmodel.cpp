// SPDX-License-Identifier: GPL-3.0-or-later
// StoredCredentialModel under QAbstractItemModelTester: rows from listed metadata, ages and expiries
// against a fixed clock, refresh states, and refreshes that replace the whole list.
#include "models/StoredCredentialModel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTest>

using Gateway::BackendAuth;
using Gateway::ElicitedCredentialInfo;
using Portcullis::StoredCredentialModel;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 12, 3), QTime(12, 0), Qt::UTC);

ElicitedCredentialInfo info(const QString& person, BackendAuth::Kind kind, qint64 ageSeconds, qint64 expiresInSeconds)
{
    ElicitedCredentialInfo i;
    i.service = QStringLiteral("crm");
    i.person = person;
    i.kind = kind;
    i.obtainedAt = kNow.addSecs(-ageSeconds);
    if (expiresInSeconds != 0)
        i.expiresAt = kNow.addSecs(expiresInSeconds);
    return i;
}

} // namespace

class tst_StoredCredentialModel : public QObject
{
    Q_OBJECT
private slots:
    void duration_data();
    void duration();
    void rows_data();
    void rows();
    void refreshReplacesTheList();
};

void tst_StoredCredentialModel::duration_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("negative is zero") << qint64(-5) << "0 s";
    QTest::newRow("seconds") << qint64(59) << "59 s";
    QTest::newRow("minutes") << qint64(61) << "1 min 1 s";
    QTest::newRow("hours") << qint64(3 * 3600 + 120) << "3 h 2 min";
    QTest::newRow("days") << qint64(2 * 86400 + 5 * 3600) << "2 d 5 h";
}

void tst_StoredCredentialModel::duration()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(StoredCredentialModel::duration(seconds), text);
}

void tst_StoredCredentialModel::rows_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("expiresIn");
    QTest::addColumn<bool>("refreshToken");
    QTest::addColumn<bool>("refreshDue");
    QTest::addColumn<bool>("refreshing");
    QTest::addColumn<bool>("persisted");
    QTest::addColumn<QString>("expires");
    QTest::addColumn<QString>("refresh");
    QTest::addColumn<QString>("stored");
    const int oauth = int(BackendAuth::Kind::ElicitedOAuth2);
    const int typed = int(BackendAuth::Kind::ElicitedToken);
    QTest::newRow("typed, no expiry") << typed << qint64(0) << false << false << false << true << "No known expiry"
                                      << "Not refreshable (typed by the person)"
                                      << "Memory and keychain";
    QTest::newRow("oauth, refresh held") << oauth << qint64(299) << true << false << false << false << "in 4 min 59 s"
                                         << "Refresh token held"
                                         << "Memory only";
    QTest::newRow("oauth, due") << oauth << qint64(-90) << true << true << false << false << "expired 1 min 30 s ago"
                                << "Refresh due"
                                << "Memory only";
    QTest::newRow("oauth, no refresh token, expired")
        << oauth << qint64(-10) << false << true << false << false << "expired 10 s ago"
        << "Expired: the person is asked again"
        << "Memory only";
    QTest::newRow("refreshing") << oauth << qint64(20) << true << true << true << false << "in 20 s"
                                << "Refreshing…"
                                << "Memory only";
}

void tst_StoredCredentialModel::rows()
{
    QFETCH(int, kind);
    QFETCH(qint64, expiresIn);
    QFETCH(bool, refreshToken);
    QFETCH(bool, refreshDue);
    QFETCH(bool, refreshing);
    QFETCH(bool, persisted);
    QFETCH(QString, expires);
    QFETCH(QString, refresh);
    QFETCH(QString, stored);
    StoredCredentialModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow(kNow);
    ElicitedCredentialInfo i = info(QStringLiteral("https://idp alice"), BackendAuth::Kind(kind), 3725, expiresIn);
    i.hasRefreshToken = refreshToken;
    i.refreshDue = refreshDue;
    i.refreshing = refreshing;
    i.persisted = persisted;
    model.setCredentials({i});
    QCOMPARE(model.rowCount(), 1);
    auto text = [&model](int column) { return model.index(0, column).data().toString(); };
    QCOMPARE(text(StoredCredentialModel::Service), QStringLiteral("crm"));
    QCOMPARE(text(StoredCredentialModel::Person), QStringLiteral("https://idp alice"));
    QCOMPARE(text(StoredCredentialModel::Age), QStringLiteral("1 h 2 min"));
    QCOMPARE(text(StoredCredentialModel::Expires), expires);
    QCOMPARE(text(StoredCredentialModel::Refresh), refresh);
    QCOMPARE(text(StoredCredentialModel::Stored), stored);
    QCOMPARE(model.index(0, 0).data(StoredCredentialModel::ServiceRole).toString(), QStringLiteral("crm"));
    QCOMPARE(model.index(0, 0).data(StoredCredentialModel::PersonRole).toString(), QStringLiteral("https://idp alice"));
    // An expired credential's expiry is shown in red.
    QCOMPARE(model.index(0, StoredCredentialModel::Expires).data(Qt::ForegroundRole).isValid(), expiresIn < 0);
}

void tst_StoredCredentialModel::refreshReplacesTheList()
{
    StoredCredentialModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow(kNow);
    QList<ElicitedCredentialInfo> many;
    for (int n = 0; n < 500; ++n)
        many.append(
            info(QStringLiteral("key:%1").arg(n, 8, 10, QLatin1Char('0')), BackendAuth::Kind::ElicitedToken, n, 0));
    model.setCredentials(many);
    QCOMPARE(model.rowCount(), 500);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.refreshTimes();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().column(), int(StoredCredentialModel::Age));
    QCOMPARE(changed.first().at(1).toModelIndex().column(), int(StoredCredentialModel::Expires));
    model.setCredentials(many.mid(0, 3));
    QCOMPARE(model.rowCount(), 3);
    model.setCredentials({});
    QCOMPARE(model.rowCount(), 0);
    model.refreshTimes(); // nothing to update, no invalid range
}

QTEST_MAIN(tst_StoredCredentialModel)
#include "tst_storedcredentialmodel.moc"
