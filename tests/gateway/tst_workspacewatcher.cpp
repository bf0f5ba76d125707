// SPDX-License-Identifier: GPL-3.0-or-later
// WorkspaceWatcher on a real temporary directory: in-place edits, editors' write-temp-then-rename,
// invalid edits (refused, previous config kept), and edits of the referenced OpenAPI document.
#include "config/WorkspaceLoader.h"
#include "config/WorkspaceWatcher.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>

using Gateway::WorkspaceConfig;
using Gateway::WorkspaceLoader;
using Gateway::WorkspaceWatcher;

namespace {

constexpr int kReloadBudgetMs = 1500; // the contract says "within a second"; 0.5 s of slack

QByteArray workspaceJson(int timeoutMs, const QString& openapi = QStringLiteral("demo-openapi.yaml"))
{
    const QJsonObject service{{QStringLiteral("name"), QStringLiteral("demo")},
                              {QStringLiteral("openapi"), openapi},
                              {QStringLiteral("baseUrl"), QStringLiteral("http://127.0.0.1:9")},
                              {QStringLiteral("timeoutMs"), timeoutMs}};
    return QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                     {QStringLiteral("gateway"),
                                      QJsonObject{{QStringLiteral("listen"), QStringLiteral("127.0.0.1:0")}}},
                                     {QStringLiteral("services"), QJsonArray{service}}})
        .toJson();
}

bool writeFile(const QString& path, const QByteArray& content, QIODevice::OpenMode mode = QIODevice::WriteOnly)
{
    QFile f(path);
    if (!f.open(mode))
        return false;
    return f.write(content) == content.size();
}

int timeoutOf(const QSignalSpy& spy, int index)
{
    const auto config = spy.at(index).at(0).value<WorkspaceConfig>();
    return config.services.isEmpty() ? -1 : config.services.first().timeoutMs;
}

} // namespace

class tst_WorkspaceWatcher : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void inPlaceEditEmitsConfigChanged();
    void atomicReplaceDetected();
    void identicalRewriteIsNotAChange();
    void invalidEditRejectedThenValidEditAccepted();
    void deletedThenRecreated();
    void openApiDocumentChangeTriggersReload();
    void openApiAtomicReplaceTriggersReload();
    void badServiceRefusedAloneWhenAsked();

private:
    void startWatching();
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_workspace;
    QString m_openapi;
    std::unique_ptr<WorkspaceWatcher> m_watcher;
    std::unique_ptr<QSignalSpy> m_changed;
    std::unique_ptr<QSignalSpy> m_rejected;
};

void tst_WorkspaceWatcher::init()
{
    qRegisterMetaType<Gateway::WorkspaceConfig>();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_workspace = m_dir->filePath(QStringLiteral("workspace.json"));
    m_openapi = m_dir->filePath(QStringLiteral("demo-openapi.yaml"));
    QVERIFY(QFile::copy(QStringLiteral(PORTCULLIS_SOURCE_DIR "/resources/demo/demo-openapi.yaml"), m_openapi));
    QVERIFY(QFile::setPermissions(m_openapi, QFile::ReadOwner | QFile::WriteOwner));
    QVERIFY(writeFile(m_workspace, workspaceJson(1000)));
    startWatching();
}

void tst_WorkspaceWatcher::startWatching()
{
    m_watcher = std::make_unique<WorkspaceWatcher>(m_workspace);
    const auto loaded = WorkspaceLoader::loadFile(m_workspace);
    QVERIFY2(loaded.ok, qPrintable(loaded.error));
    m_watcher->setCurrent(loaded.config);
    m_changed = std::make_unique<QSignalSpy>(m_watcher.get(), &WorkspaceWatcher::configChanged);
    m_rejected = std::make_unique<QSignalSpy>(m_watcher.get(), &WorkspaceWatcher::configRejected);
    // Let any start-up notification settle: an untouched file must not produce a signal.
    QTest::qWait(150);
    QCOMPARE(m_changed->size(), 0);
    QCOMPARE(m_rejected->size(), 0);
}

void tst_WorkspaceWatcher::cleanup()
{
    m_changed.reset();
    m_rejected.reset();
    m_watcher.reset();
    m_dir.reset();
}

void tst_WorkspaceWatcher::inPlaceEditEmitsConfigChanged()
{
    QVERIFY(writeFile(m_workspace, workspaceJson(2000)));
    QTRY_COMPARE_WITH_TIMEOUT(m_changed->size(), 1, kReloadBudgetMs);
    QCOMPARE(timeoutOf(*m_changed, 0), 2000);
    const auto config = m_changed->at(0).at(0).value<WorkspaceConfig>();
    QCOMPARE(config.filePath, m_workspace);
    QCOMPARE(m_rejected->size(), 0);

    // A second edit is seen as well (the watch survives the first reload).
    QVERIFY(writeFile(m_workspace, workspaceJson(3000)));
    QTRY_COMPARE_WITH_TIMEOUT(m_changed->size(), 2, kReloadBudgetMs);
    QCOMPARE(timeoutOf(*m_changed, 1), 3000);
}

void tst_WorkspaceWatcher::atomicReplaceDetected()
{
    // What editors and QSaveFile do: write a sibling, then rename it over the original.
    for (int round = 1; round <= 2; ++round) {
        const QString temp = m_dir->filePath(QStringLiteral(".workspace.json.tmp%1").arg(round));
        QVERIFY(writeFile(temp, workspaceJson(4000 + round)));
        QCOMPARE(std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(m_workspace).constData()), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_changed->size(), round, kReloadBudgetMs);
        QCOMPARE(timeoutOf(*m_changed, round - 1), 4000 + round);
    }
    QCOMPARE(m_rejected->size(), 0);
}

void tst_WorkspaceWatcher::identicalRewriteIsNotAChange()
{
    QVERIFY(writeFile(m_workspace, workspaceJson(1000)));
    QTest::qWait(1200);
    QCOMPARE(m_changed->size(), 0);
    QCOMPARE(m_rejected->size(), 0);
}

void tst_WorkspaceWatcher::invalidEditRejectedThenValidEditAccepted()
{
    // A half-written file.
    QVERIFY(writeFile(m_workspace, QByteArray("{\n  \"version\": 1,\n  \"services\": [")));
    QTRY_COMPARE_WITH_TIMEOUT(m_rejected->size(), 1, kReloadBudgetMs);
    QVERIFY2(m_rejected->at(0).at(0).toString().startsWith(m_workspace + QLatin1Char(':')),
             qPrintable(m_rejected->at(0).at(0).toString()));
    QCOMPARE(m_changed->size(), 0);

    // A semantically invalid one (unknown security mode must never fall back to none).
    QByteArray unsafe = workspaceJson(1000);
    unsafe.replace("\"timeoutMs\"", "\"security\": {\"mode\": \"nobody\"}, \"timeoutMs\"");
    QVERIFY(writeFile(m_workspace, unsafe));
    QTRY_COMPARE_WITH_TIMEOUT(m_rejected->size(), 2, kReloadBudgetMs);
    QVERIFY2(m_rejected->at(1).at(0).toString().contains(QLatin1String("security.mode")),
             qPrintable(m_rejected->at(1).at(0).toString()));
    QCOMPARE(m_changed->size(), 0);

    QVERIFY(writeFile(m_workspace, workspaceJson(5000)));
    QTRY_COMPARE_WITH_TIMEOUT(m_changed->size(), 1, kReloadBudgetMs);
    QCOMPARE(timeoutOf(*m_changed, 0), 5000);
    QCOMPARE(m_rejected->size(), 2);
}

void tst_WorkspaceWatcher::deletedThenRecreated()
{
    QVERIFY(QFile::remove(m_workspace));
    QTRY_COMPARE_WITH_TIMEOUT(m_rejected->size(), 1, kReloadBudgetMs);
    QVERIFY2(m_rejected->at(0).at(0).toString().contains(QLatin1String("disappeared")),
             qPrintable(m_rejected->at(0).at(0).toString()));
    QCOMPARE(m_changed->size(), 0);

    QVERIFY(writeFile(m_workspace, workspaceJson(6000)));
    QTRY_COMPARE_WITH_TIMEOUT(m_changed->size(), 1, kReloadBudgetMs);
    QCOMPARE(timeoutOf(*m_changed, 0), 6000);
}

void tst_WorkspaceWatcher::openApiDocumentChangeTriggersReload()
{
    QVERIFY(writeFile(m_openapi, QByteArray("\n# edited by a test\n"), QIODevice::WriteOnly | QIODevice::Append));
    QTRY_COMPARE_WITH_TIMEOUT(m_changed->size(), 1, kReloadBudgetMs);
    QCOMPARE(timeoutOf(*m_changed, 0), 1000); // same workspace, reloaded for its document
    QCOMPARE(m_rejected->size(), 0);

    // Still watched after the reload.
    m_watcher->setCurrent(m_changed->at(0).at(0).value<WorkspaceConfig>());
    QVERIFY(writeFile(m_openapi, QByteArray("# and again\n"), QIODevice::WriteOnly | QIODevice::Append));
    QTRY_COMPARE_WITH_TIMEOUT(m_changed->size(), 2, kReloadBudgetMs);
}

void tst_WorkspaceWatcher::openApiAtomicReplaceTriggersReload()
{
    QFile original(m_openapi);
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray content = original.readAll() + "\n# replaced\n";
    original.close();
    const QString temp = m_dir->filePath(QStringLiteral("demo-openapi.yaml.new"));
    QVERIFY(writeFile(temp, content));
    QCOMPARE(std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(m_openapi).constData()), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_changed->size(), 1, kReloadBudgetMs);
    QCOMPARE(m_rejected->size(), 0);
}

void tst_WorkspaceWatcher::badServiceRefusedAloneWhenAsked()
{
    // Service "demo" changes, and a second service with refused settings is added.
    QJsonObject workspace = QJsonDocument::fromJson(workspaceJson(2500)).object();
    QJsonArray services = workspace.value(QLatin1String("services")).toArray();
    services.append(
        QJsonObject{{QStringLiteral("name"), QStringLiteral("bad")},
                    {QStringLiteral("openapi"), QStringLiteral("demo-openapi.yaml")},
                    {QStringLiteral("security"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("basic")}}}});
    workspace.insert(QStringLiteral("services"), services);

    // Default (all-or-nothing): the whole file is refused.
    QVERIFY(writeFile(m_workspace, QJsonDocument(workspace).toJson()));
    QTRY_COMPARE_WITH_TIMEOUT(m_rejected->size(), 1, kReloadBudgetMs);
    QVERIFY2(m_rejected->at(0).at(0).toString().contains(QLatin1String("$.services[1].security.mode")),
             qPrintable(m_rejected->at(0).at(0).toString()));
    QCOMPARE(m_changed->size(), 0);

    // Service isolation: the file loads, the bad service carries its reason.
    m_watcher->setServiceErrors(WorkspaceLoader::ServiceErrors::RefuseService);
    workspace.insert(QStringLiteral("x-touch"), 1); // a new content, so a new check
    QVERIFY(writeFile(m_workspace, QJsonDocument(workspace).toJson()));
    QTRY_COMPARE_WITH_TIMEOUT(m_changed->size(), 1, kReloadBudgetMs);
    const auto config = m_changed->at(0).at(0).value<WorkspaceConfig>();
    QCOMPARE(config.services.size(), 2);
    QCOMPARE(config.services.at(0).timeoutMs, 2500);
    QVERIFY(config.services.at(0).configError.isEmpty());
    QVERIFY2(config.services.at(1).configError.contains(QLatin1String("$.services[1].security.mode")),
             qPrintable(config.services.at(1).configError));
    QCOMPARE(m_rejected->size(), 1);
}

QTEST_GUILESS_MAIN(tst_WorkspaceWatcher)
#include "tst_workspacewatcher.moc"
