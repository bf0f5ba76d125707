// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QStringList>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QModelIndex;
class QPlainTextEdit;
class QSplitter;
class QTreeView;

namespace Gateway {
class TrafficLog;
}

namespace Portcullis {

class FilterLineEdit;
class TrafficDetailPane;
class TrafficLogFilterModel;
class TrafficLogModel;

// The live per-call log: a filter bar (text with field:value terms, service, status class, auth
// outcome, protocol revision, payload search), the table of calls (follows the tail only while the
// user is at the bottom) and a details pane with the selected event's redacted JSON and payloads.
//
// Payload search: with "Search payloads" on, the plain words of the filter text are also looked
// for in the captured bodies, which live on the gateway thread. The page asks for a search
// (payloadSearchRequested), takes the matches as they come (applyPayloadMatches) and, as new
// events arrive, asks again from the last event searched, so the view stays live without the
// gateway ever scanning its whole store twice for the same words.
class TrafficLogPage : public QWidget
{
    Q_OBJECT
public:
    explicit TrafficLogPage(Gateway::TrafficLog* log, QWidget* parent = nullptr);
    ~TrafficLogPage() override;

    void setTrafficLog(Gateway::TrafficLog* log);
    TrafficLogModel* model() const { return m_model; }
    TrafficLogFilterModel* filterModel() const { return m_filterModel; }
    TrafficDetailPane* detailPane() const { return m_detailPane; }

    // Names offered by the service filter; the current choice is kept when still present.
    void setServiceNames(const QStringList& names);
    // Shows only the traffic of `service` ("" for all).
    void showService(const QString& service);

    bool isSearchingPayloads() const { return m_searchRunning; }

public slots:
    // Matches of the payload search `token` (see GatewayController::payloadMatches).
    void applyPayloadMatches(quint64 token, const QList<quint64>& eventIds, bool finished, quint64 scannedUpTo);

signals:
    // Search the captured payloads of events from `fromId` on for every word of `words`.
    void payloadSearchRequested(quint64 token, const QStringList& words, quint64 fromId);

private:
    void setUpTreeView();
    void onCurrentChanged(const QModelIndex& current);
    void onServiceChosen(int index);
    void updateCountLabel();
    QHBoxLayout* createFilterBar();
    bool payloadSearchWanted() const;
    void restartPayloadSearch();
    void continuePayloadSearch();

    TrafficLogModel* m_model;
    TrafficLogFilterModel* m_filterModel;
    FilterLineEdit* m_filterLineEdit;
    QComboBox* m_serviceComboBox;
    QComboBox* m_statusComboBox;
    QComboBox* m_authComboBox;
    QComboBox* m_revisionComboBox;
    QCheckBox* m_payloadSearchCheckBox;
    QLabel* m_countLabel;
    QSplitter* m_splitter;
    QTreeView* m_trafficTreeView;
    TrafficDetailPane* m_detailPane;
    QPlainTextEdit* m_detailTextEdit;
    bool m_wasAtBottom = true;
    // Payload search state: the search wanted now, how far it got, and whether events came in
    // while it ran (then it continues from where it stopped).
    QTimer m_searchTimer;
    quint64 m_searchToken = 0;
    quint64 m_searchedUpTo = 0;
    bool m_searchRunning = false;
    bool m_moreToSearch = false;
    QString m_searchedText;
    bool m_searchedEnabled = false;
};

} // namespace Portcullis
