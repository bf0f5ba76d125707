// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QSortFilterProxyModel>
#include <QStringList>

namespace Portcullis {

class TrafficLogModel;

// Filters a TrafficLogModel (qBittorrent's LogFilterModel): free text, "errors only" and one
// service. Free text is split on whitespace; every term must occur, case-insensitively, in the
// event's service, tool, RPC or HTTP method, principal, path or detail.
class TrafficLogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit TrafficLogFilterModel(QObject* parent = nullptr);
    ~TrafficLogFilterModel() override;

    void setSourceModel(QAbstractItemModel* sourceModel) override;

    QString filterText() const { return m_text; }
    bool errorsOnly() const { return m_errorsOnly; }
    QString serviceFilter() const { return m_service; }

    // True when some filter hides rows (used to show "n of m").
    bool isFiltering() const { return !m_terms.isEmpty() || m_errorsOnly || !m_service.isEmpty(); }

public slots:
    void setFilterText(const QString& text);
    void setErrorsOnly(bool errorsOnly);
    void setServiceFilter(const QString& service); // "" shows every service

signals:
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QPointer<TrafficLogModel> m_logModel;
    QString m_text;
    QStringList m_terms;
    bool m_errorsOnly = false;
    QString m_service;
};

} // namespace Portcullis
