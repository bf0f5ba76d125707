// SPDX-License-Identifier: GPL-3.0-or-later
#include "ElicitationLogModel.h"

#include <QColor>
#include <QLocale>

namespace Portcullis {

namespace {

bool isFailure(const QString& stage)
{
    return stage == QLatin1String("declined") || stage == QLatin1String("expired") || stage == QLatin1String("failed");
}

} // namespace

ElicitationLogModel::ElicitationLogModel(int capacity, QObject* parent)
    : QAbstractTableModel(parent)
    , m_capacity(qMax(1, capacity))
{
}

int ElicitationLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ElicitationLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ElicitationLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Requested: return row.requested.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case Person: return row.person;
        case Service: return row.service;
        case Credential: return row.credentialKind;
        case Stage: return row.stage;
        case Duration:
            return row.ageMs < 0 ? QString() : QStringLiteral("%1 s").arg(double(row.ageMs) / 1000.0, 0, 'f', 1);
        case Reason: return row.reason;
        default: return {};
        }
    case Qt::ToolTipRole:
        return index.column() == Reason || index.column() == Person ? data(index, Qt::DisplayRole) : QVariant();
    case ElicitationIdRole: return row.id;
    case StageRole: return row.stage;
    case IsFailureRole: return isFailure(row.stage);
    case Qt::ForegroundRole:
        if (index.column() == Stage && isFailure(row.stage))
            return QColor(0xc0, 0x39, 0x2b);
        return {};
    default: return {};
    }
}

QVariant ElicitationLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Requested: return tr("Requested");
    case Person: return tr("Person");
    case Service: return tr("Service");
    case Credential: return tr("Credential");
    case Stage: return tr("Stage");
    case Duration: return tr("Duration");
    case Reason: return tr("Reason");
    default: return {};
    }
}

int ElicitationLogModel::countInStage(const QString& stage) const
{
    int n = 0;
    for (const Row& row : m_rows)
        n += row.stage == stage ? 1 : 0;
    return n;
}

void ElicitationLogModel::appendEvents(const QList<Gateway::TrafficEvent>& events)
{
    QList<Row> fresh;
    QHash<QString, int> freshIndex;
    for (const Gateway::TrafficEvent& e : events) {
        if (e.kind != Gateway::TrafficEvent::Kind::Elicitation || e.elicitationId.isEmpty())
            continue;
        const auto known = m_seqById.constFind(e.elicitationId);
        Row* row = nullptr;
        int existingRow = -1;
        if (known != m_seqById.constEnd()) {
            existingRow = rowOf(*known);
            row = &m_rows[existingRow];
        } else if (freshIndex.contains(e.elicitationId)) {
            row = &fresh[freshIndex.value(e.elicitationId)];
        } else {
            freshIndex.insert(e.elicitationId, int(fresh.size()));
            fresh.append(Row{e.elicitationId, e.time, {}, {}, {}, {}, -1, {}});
            row = &fresh.last();
        }
        if (!e.principal.isEmpty())
            row->person = e.principal;
        if (!e.service.isEmpty())
            row->service = e.service;
        if (!e.credentialKind.isEmpty())
            row->credentialKind = e.credentialKind;
        if (e.elicitationStage == QLatin1String("requested") || !row->requested.isValid())
            row->requested = e.time;
        row->stage = e.elicitationStage;
        if (e.elicitationAgeMs >= 0)
            row->ageMs = e.elicitationAgeMs;
        if (!e.detail.isEmpty())
            row->reason = e.detail;
        if (existingRow >= 0)
            emit dataChanged(index(existingRow, 0), index(existingRow, ColumnCount - 1));
    }
    if (fresh.isEmpty())
        return;
    // Past capacity: drop the oldest (existing rows first, then the oldest of the burst itself).
    if (fresh.size() > m_capacity)
        fresh = fresh.mid(fresh.size() - m_capacity);
    const int overflow = int(m_rows.size() + fresh.size()) - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        for (int i = 0; i < overflow; ++i)
            m_seqById.remove(m_rows.at(i).id);
        m_rows.remove(0, overflow);
        m_firstSeq += quint64(overflow);
        endRemoveRows();
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (Row& row : fresh) {
        m_seqById.insert(row.id, m_firstSeq + quint64(m_rows.size()));
        m_rows.append(std::move(row));
    }
    endInsertRows();
}

} // namespace Portcullis

#include "moc_ElicitationLogModel.cpp"
