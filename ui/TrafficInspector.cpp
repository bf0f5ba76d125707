// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrafficInspector.h"

#include "core/GatewayController.h"
#include "models/TrafficLogFilterModel.h"
#include "models/TrafficLogModel.h"
#include "pages/ElicitationsPage.h"
#include "pages/TrafficLogPage.h"
#include "widgets/TrafficDetailPane.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>

namespace Portcullis {

void connectTrafficInspector(QWidget* window, Gateway::GatewayController* controller, TrafficLogPage* traffic,
                             ElicitationsPage* elicitations)
{
    if (!controller)
        return;
    QObject::connect(controller, &Gateway::GatewayController::eventsAppended, elicitations,
                     &ElicitationsPage::appendEvents);
    TrafficDetailPane* pane = traffic->detailPane();
    QObject::connect(pane, &TrafficDetailPane::payloadWanted, controller, &Gateway::GatewayController::requestPayload);
    QObject::connect(controller, &Gateway::GatewayController::payloadReady, pane, &TrafficDetailPane::setCapture);
    QObject::connect(traffic, &TrafficLogPage::payloadSearchRequested, controller,
                     [controller](quint64 token, const QStringList& words, quint64 fromId) {
                         controller->searchPayloads(token, words, fromId);
                     });
    QObject::connect(controller, &Gateway::GatewayController::payloadMatches, traffic,
                     &TrafficLogPage::applyPayloadMatches);
    QObject::connect(controller, &Gateway::GatewayController::statusChanged, pane,
                     [pane](const Gateway::GatewayStatus& status) { pane->setGatewayBaseUrl(status.baseUrl); });
    pane->setGatewayBaseUrl(controller->status().baseUrl);
    auto say = [window](const QString& text) {
        if (auto* main = qobject_cast<QMainWindow*>(window))
            main->statusBar()->showMessage(text, 8000);
    };
    QObject::connect(pane, &TrafficDetailPane::exportHarRequested, window, [window, controller, traffic] {
        const QString path = QFileDialog::getSaveFileName(
            window, QObject::tr("Export HAR"), QStringLiteral("portcullis.har"), QObject::tr("HTTP Archive (*.har)"));
        if (path.isEmpty())
            return;
        QList<Gateway::TrafficEvent> events;
        const TrafficLogFilterModel* view = traffic->filterModel();
        for (int row = 0; row < view->rowCount(); ++row) {
            const quint64 id = view->index(row, 0).data(TrafficLogModel::IdRole).toULongLong();
            if (const auto event = traffic->model()->eventById(id))
                events.append(*event);
        }
        controller->exportHar(events, path);
    });
    QObject::connect(controller, &Gateway::GatewayController::harExported, window,
                     [say](const QString& path, int entries, const QString& error) {
                         say(error.isEmpty() ? QObject::tr("Saved %1 HAR entries to %2").arg(entries).arg(path)
                                             : QObject::tr("HAR export failed: %1").arg(error));
                     });
    QObject::connect(pane, &TrafficDetailPane::replayRequested, window, [window, controller, pane](quint64 eventId) {
        QList<QPair<QByteArray, QByteArray>> credentials;
        for (const auto& h : pane->capture().mcp.requestHeaders) {
            const QByteArray name = h.first.toLower();
            if (name != "x-reshapr-key" && name != "authorization")
                continue;
            bool ok = false;
            const QString value = QInputDialog::getText(
                window, QObject::tr("Replay"),
                QObject::tr("The %1 value was not captured. Enter it for this replay (it is not stored):")
                    .arg(QString::fromLatin1(h.first)),
                QLineEdit::Password, {}, &ok);
            if (!ok)
                return;
            credentials.append({h.first, value.toUtf8()});
        }
        controller->replay(eventId, credentials);
    });
    QObject::connect(controller, &Gateway::GatewayController::replayFinished, window,
                     [say](quint64 eventId, int status, const QByteArray&, const QString& error) {
                         say(error.isEmpty() ? QObject::tr("Replay of request %1: HTTP %2").arg(eventId).arg(status)
                                             : QObject::tr("Replay of request %1 failed: %2").arg(eventId).arg(error));
                     });
}

} // namespace Portcullis
