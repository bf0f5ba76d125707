// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolPreviewModel.h"

#include <QJsonDocument>

namespace Portcullis {

ToolPreviewModel::ToolPreviewModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

ToolPreviewModel::~ToolPreviewModel() = default;

void ToolPreviewModel::setTools(const QList<Gateway::ToolDefinition>& tools)
{
    beginResetModel();
    m_tools = tools;
    endResetModel();
}

QStringList ToolPreviewModel::toolNames() const
{
    QStringList names;
    for (const Gateway::ToolDefinition& tool : m_tools)
        names.append(tool.name);
    return names;
}

int ToolPreviewModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_tools.size());
}

int ToolPreviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ToolPreviewModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Gateway::ToolDefinition& tool = m_tools.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return tool.name;
        case OperationColumn: return QString::fromLatin1(tool.httpMethod) + QLatin1Char(' ') + tool.pathTemplate;
        case DescriptionColumn: return tool.description.section(QLatin1Char('\n'), 0, 0);
        }
        return {};
    case Qt::ToolTipRole: return index.column() == DescriptionColumn ? tool.description : QVariant();
    case SchemaRole: return QString::fromUtf8(QJsonDocument(tool.inputSchema).toJson(QJsonDocument::Indented));
    case NameRole: return tool.name;
    }
    return {};
}

QVariant ToolPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Tool");
    case OperationColumn: return tr("Operation");
    case DescriptionColumn: return tr("Description");
    }
    return {};
}

} // namespace Portcullis

#include "moc_ToolPreviewModel.cpp"
