// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolScopesModel.h"

#include <QBrush>
#include <QColor>

namespace Portcullis {

ToolScopesModel::ToolScopesModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

ToolScopesModel::~ToolScopesModel() = default;

void ToolScopesModel::setContent(const QStringList& toolNames, const QMap<QString, QStringList>& scopes)
{
    beginResetModel();
    m_tools = toolNames;
    m_scopes = scopes;
    m_unknown.clear();
    for (auto it = scopes.constBegin(); it != scopes.constEnd(); ++it)
        if (!toolNames.contains(it.key()))
            m_unknown.append(it.key());
    m_tools.append(m_unknown);
    endResetModel();
}

int ToolScopesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_tools.size());
}

int ToolScopesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ToolScopesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString& tool = m_tools.at(index.row());
    const bool unknown = m_unknown.contains(tool);
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        if (index.column() == ToolColumn)
            return tool;
        return m_scopes.value(tool).join(QLatin1Char(' '));
    }
    if (role == Qt::ToolTipRole && unknown)
        return tr("The document has no tool of this name; these scopes apply to nothing.");
    if (role == Qt::ForegroundRole && unknown)
        return QBrush(QColor(0xb0, 0x00, 0x20));
    return {};
}

bool ToolScopesModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || index.column() != ScopesColumn
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const QString& tool = m_tools.at(index.row());
    const QStringList scopes = value.toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (scopes == m_scopes.value(tool))
        return true;
    if (scopes.isEmpty())
        m_scopes.remove(tool);
    else
        m_scopes.insert(tool, scopes);
    emit dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});
    emit scopesEdited(m_scopes);
    return true;
}

Qt::ItemFlags ToolScopesModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == ScopesColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant ToolScopesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == ToolColumn ? tr("Tool") : tr("Extra scopes (space-separated)");
}

} // namespace Portcullis

#include "moc_ToolScopesModel.cpp"
