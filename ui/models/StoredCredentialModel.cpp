// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoredCredentialModel.h"

#include <QColor>
#include <QLocale>

namespace Portcullis {

using Gateway::BackendAuth;
using Gateway::ElicitedCredentialInfo;

StoredCredentialModel::StoredCredentialModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

int StoredCredentialModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StoredCredentialModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QDateTime StoredCredentialModel::now() const
{
    return m_fixedNow.isValid() ? m_fixedNow : QDateTime::currentDateTimeUtc();
}

QString StoredCredentialModel::duration(qint64 seconds)
{
    seconds = qMax<qint64>(0, seconds);
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    if (seconds < 86400)
        return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    return tr("%1 d %2 h").arg(seconds / 86400).arg((seconds % 86400) / 3600);
}

QString StoredCredentialModel::refreshText(const ElicitedCredentialInfo& info) const
{
    if (info.refreshing)
        return tr("Refreshing…");
    if (info.kind == BackendAuth::Kind::ElicitedOAuth2) {
        if (info.refreshDue)
            return info.hasRefreshToken ? tr("Refresh due") : tr("Expired: the person is asked again");
        return info.hasRefreshToken ? tr("Refresh token held") : tr("No refresh token");
    }
    return tr("Not refreshable (typed by the person)");
}

QVariant StoredCredentialModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const ElicitedCredentialInfo& info = m_rows.at(index.row());
    if (role == ServiceRole)
        return info.service;
    if (role == PersonRole)
        return info.person;
    if (role == Qt::ForegroundRole && index.column() == Expires && info.expiresAt.isValid() && info.expiresAt <= now())
        return QColor(0xb0, 0x00, 0x20);
    if (role == Qt::ToolTipRole) {
        if (index.column() == Age && info.obtainedAt.isValid())
            return tr("Obtained %1").arg(QLocale().toString(info.obtainedAt.toLocalTime(), QLocale::LongFormat));
        if (index.column() == Expires && info.expiresAt.isValid())
            return QLocale().toString(info.expiresAt.toLocalTime(), QLocale::LongFormat);
        if (index.column() == Person)
            return info.person;
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Service: return info.service;
    case Person: return info.person;
    case Kind: return info.kind == BackendAuth::Kind::ElicitedOAuth2 ? tr("OAuth 2.0 token") : tr("Typed credential");
    case Age: return info.obtainedAt.isValid() ? duration(info.obtainedAt.secsTo(now())) : tr("unknown");
    case Expires: {
        if (!info.expiresAt.isValid())
            return tr("No known expiry");
        const qint64 left = now().secsTo(info.expiresAt);
        return left > 0 ? tr("in %1").arg(duration(left)) : tr("expired %1 ago").arg(duration(-left));
    }
    case Refresh: return refreshText(info);
    case Stored: return info.persisted ? tr("Memory and keychain") : tr("Memory only");
    case ColumnCount: break;
    }
    return {};
}

QVariant StoredCredentialModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Service: return tr("Service");
    case Person: return tr("Person");
    case Kind: return tr("Kind");
    case Age: return tr("Age");
    case Expires: return tr("Expires");
    case Refresh: return tr("Refresh");
    case Stored: return tr("Stored in");
    case ColumnCount: break;
    }
    return {};
}

void StoredCredentialModel::setCredentials(const QList<ElicitedCredentialInfo>& credentials)
{
    beginResetModel();
    m_rows = credentials;
    endResetModel();
}

void StoredCredentialModel::refreshTimes()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Age), index(int(m_rows.size()) - 1, Expires));
}

} // namespace Portcullis
