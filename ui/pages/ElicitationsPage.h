// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "log/TrafficEvent.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTreeView;

namespace Portcullis {

class ElicitationLogModel;
class FilterLineEdit;

// Live list of elicitations per person and service (requested, opened, completed, declined,
// expired, failed) with durations and reasons; free-text filter over every column and a stage
// filter. Never shows a credential value: the events carry none.
class ElicitationsPage : public QWidget
{
    Q_OBJECT
public:
    explicit ElicitationsPage(QWidget* parent = nullptr);

    ElicitationLogModel* model() const { return m_model; }
    QSortFilterProxyModel* filterModel() const { return m_filterModel; }

public slots:
    void appendEvents(const QList<Gateway::TrafficEvent>& events);

private:
    void updateCount();

    ElicitationLogModel* m_model;
    QSortFilterProxyModel* m_stageFilter;
    QSortFilterProxyModel* m_filterModel;
    FilterLineEdit* m_filterLineEdit;
    QComboBox* m_stageComboBox;
    QLabel* m_countLabel;
    QTreeView* m_view;
    bool m_wasAtBottom = true;
};

} // namespace Portcullis
