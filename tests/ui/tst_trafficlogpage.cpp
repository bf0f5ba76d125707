// SPDX-License-Identifier: GPL-3.0-or-later
#include "SampleTraffic.h"

#include "log/TrafficLog.h"
#include "models/TrafficLogFilterModel.h"
#include "models/TrafficLogModel.h"
#include "pages/TrafficLogPage.h"
#include "widgets/FilterLineEdit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTest>
#include <QTreeView>

using Gateway::TrafficEvent;
using Gateway::TrafficLog;
using Portcullis::FilterLineEdit;
using Portcullis::TrafficLogModel;
using Portcullis::TrafficLogPage;

class TestTrafficLogPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void widgetsAreNamed();
    void typingFiltersTheView();
    void statusAndAuthChoices();
    void serviceFilter();
    void selectingARowShowsItsJson();
    void followsTailOnlyAtBottom();

private:
    TrafficLog* m_log = nullptr;
    TrafficLogPage* m_page = nullptr;
    FilterLineEdit* m_filterLineEdit = nullptr;
    QTreeView* m_view = nullptr;
    QPlainTextEdit* m_detail = nullptr;
};

void TestTrafficLogPage::init()
{
    m_log = new TrafficLog(1000);
    for (const TrafficEvent& e : SampleTraffic::filterSet())
        m_log->append(e);
    m_page = new TrafficLogPage(m_log);
    m_page->resize(1100, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
    m_filterLineEdit = m_page->findChild<FilterLineEdit*>(QStringLiteral("filterLineEdit"));
    m_view = m_page->findChild<QTreeView*>(QStringLiteral("trafficTreeView"));
    m_detail = m_page->findChild<QPlainTextEdit*>(QStringLiteral("detailTextEdit"));
    QVERIFY(m_filterLineEdit);
    QVERIFY(m_view);
    QVERIFY(m_detail);
    QTRY_COMPARE(m_view->model()->rowCount(), 8);
}

void TestTrafficLogPage::cleanup()
{
    delete m_page;
    delete m_log;
}

void TestTrafficLogPage::widgetsAreNamed()
{
    for (const char* name : {"serviceComboBox", "statusComboBox", "authComboBox", "revisionComboBox"})
        QVERIFY2(m_page->findChild<QComboBox*>(QLatin1String(name)), name);
    QVERIFY(m_page->findChild<QCheckBox*>(QStringLiteral("payloadSearchCheckBox")));
    QVERIFY(m_view->uniformRowHeights());
    QVERIFY(!m_view->rootIsDecorated());
    QVERIFY(m_detail->isReadOnly());
    QCOMPARE(m_filterLineEdit->state(), FilterLineEdit::State::Empty);
    QVERIFY(m_filterLineEdit->isClearButtonEnabled());
}

void TestTrafficLogPage::typingFiltersTheView()
{
    QTest::keyClicks(m_filterLineEdit, QStringLiteral("forecast"));
    QCOMPARE(m_filterLineEdit->state(), FilterLineEdit::State::Valid);
    QTRY_COMPARE(m_view->model()->rowCount(), 1);
    QCOMPARE(m_view->model()->index(0, TrafficLogModel::Tool).data().toString(), QStringLiteral("get_v1_forecast"));

    QTest::keyClick(m_filterLineEdit, Qt::Key_Escape); // clears, like the clear button
    QCOMPARE(m_filterLineEdit->text(), QString());
    QCOMPARE(m_filterLineEdit->state(), FilterLineEdit::State::Empty);
    QTRY_COMPARE(m_view->model()->rowCount(), 8);

    QTest::keyClicks(m_filterLineEdit, QStringLiteral("PETSTORE tools"));
    QTRY_COMPARE(m_view->model()->rowCount(), 1);
}

void TestTrafficLogPage::statusAndAuthChoices()
{
    auto* status = m_page->findChild<QComboBox*>(QStringLiteral("statusComboBox"));
    auto* auth = m_page->findChild<QComboBox*>(QStringLiteral("authComboBox"));
    auto* countLabel = m_page->findChild<QLabel*>(QStringLiteral("countLabel"));
    QVERIFY(status && auth && countLabel);
    // Keyboard: focus the combo and step to "Errors".
    status->setFocus();
    QTest::keyClick(status, Qt::Key_Down);
    QCOMPARE(status->currentText(), QStringLiteral("Errors"));
    QTRY_COMPARE(m_view->model()->rowCount(), 4);
    for (int row = 0; row < 4; ++row)
        QVERIFY(m_view->model()->index(row, 0).data(TrafficLogModel::IsErrorRole).toBool());
    QCOMPARE(countLabel->text(), QStringLiteral("Showing 4 of 8"));
    auth->setCurrentIndex(auth->findData(int(Portcullis::TrafficLogFilterModel::AuthOutcome::Denied)));
    QTRY_COMPARE(m_view->model()->rowCount(), 1);
    status->setCurrentIndex(status->findData(int(Portcullis::TrafficLogFilterModel::StatusClass::ToolErrors)));
    QTRY_COMPARE(m_view->model()->rowCount(), 0);
    status->setCurrentIndex(0);
    auth->setCurrentIndex(0);
    QTRY_COMPARE(m_view->model()->rowCount(), 8);
    QCOMPARE(countLabel->text(), QStringLiteral("Requests: 8"));
}

void TestTrafficLogPage::serviceFilter()
{
    auto* combo = m_page->findChild<QComboBox*>(QStringLiteral("serviceComboBox"));
    m_page->setServiceNames({QStringLiteral("petstore"), QStringLiteral("weather")});
    QCOMPARE(combo->count(), 3); // "All services" first
    combo->setCurrentIndex(combo->findData(QStringLiteral("petstore")));
    QTRY_COMPARE(m_view->model()->rowCount(), 3);

    // A new service list keeps the choice.
    m_page->setServiceNames({QStringLiteral("github"), QStringLiteral("petstore")});
    QCOMPARE(combo->currentData().toString(), QStringLiteral("petstore"));
    QCOMPARE(m_view->model()->rowCount(), 3);

    m_page->showService(QStringLiteral("weather"));
    QCOMPARE(combo->currentData().toString(), QStringLiteral("weather"));
    QTRY_COMPARE(m_view->model()->rowCount(), 3);
    m_page->showService(QString());
    QTRY_COMPARE(m_view->model()->rowCount(), 8);
}

void TestTrafficLogPage::selectingARowShowsItsJson()
{
    QCOMPARE(m_detail->toPlainText(), QString());
    QTest::keyClicks(m_filterLineEdit, QStringLiteral("alerts"));
    QTRY_COMPARE(m_view->model()->rowCount(), 1);

    const QModelIndex index = m_view->model()->index(0, TrafficLogModel::Service);
    const QRect rect = m_view->visualRect(index);
    QVERIFY(rect.isValid());
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(m_view->currentIndex().row(), 0);

    const QString detail = m_detail->toPlainText();
    QVERIFY2(detail.contains(QStringLiteral("\"tool\": \"get_v1_alerts\"")), qPrintable(detail));
    QVERIFY(detail.contains(QStringLiteral("\"rpcError\": -32602")));
    QVERIFY(detail.contains(QStringLiteral("unknown argument 'zone'")));
    QVERIFY(!detail.contains(QStringLiteral("get_v1_forecast")));

    // Another row replaces the detail.
    QTest::keyClick(m_filterLineEdit, Qt::Key_Escape);
    QTRY_COMPARE(m_view->model()->rowCount(), 8);
    m_view->setCurrentIndex(m_view->model()->index(0, 0));
    QVERIFY(m_detail->toPlainText().contains(QStringLiteral("\"tool\": \"get_v1_forecast\"")));
}

void TestTrafficLogPage::followsTailOnlyAtBottom()
{
    QScrollBar* bar = m_view->verticalScrollBar();
    const auto appendBurst = [this](int count) {
        for (int i = 0; i < count; ++i)
            m_log->append(SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("get_v1_forecast")));
    };

    appendBurst(200);
    QTRY_COMPARE(m_view->model()->rowCount(), 208);
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum()); // was at the bottom: follows

    bar->setValue(0); // the user scrolls up to read
    appendBurst(50);
    QTRY_COMPARE(m_view->model()->rowCount(), 258);
    QTest::qWait(50);
    QCOMPARE(bar->value(), 0); // stays where the user is

    bar->setValue(bar->maximum()); // back at the bottom: follows again
    appendBurst(50);
    QTRY_COMPARE(m_view->model()->rowCount(), 308);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(bar->value() > 0);
}

QTEST_MAIN(TestTrafficLogPage)
#include "tst_trafficlogpage.moc"
