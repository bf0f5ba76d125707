// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
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

// The live per-call log: a filter bar, the table of calls (follows the tail only while the user
// is at the bottom) and a details pane with the selected event's redacted JSON.
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

private:
    void setUpTreeView();
    void onCurrentChanged(const QModelIndex& current);
    void onServiceChosen(int index);
    void updateCountLabel();

    TrafficLogModel* m_model;
    TrafficLogFilterModel* m_filterModel;
    FilterLineEdit* m_filterLineEdit;
    QComboBox* m_serviceComboBox;
    QCheckBox* m_errorsOnlyCheckBox;
    QLabel* m_countLabel;
    QSplitter* m_splitter;
    QTreeView* m_trafficTreeView;
    TrafficDetailPane* m_detailPane;
    QPlainTextEdit* m_detailTextEdit;
    bool m_wasAtBottom = true;
};

} // namespace Portcullis
