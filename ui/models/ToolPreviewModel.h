// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "openapi/ToolDefinition.h"

#include <QAbstractTableModel>
#include <QList>

namespace Portcullis {

// The tools an OpenAPI import would expose: name, HTTP operation and description, with the input
// schema as pretty JSON under SchemaRole. Replaced as a whole after each preview import.
class ToolPreviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, OperationColumn, DescriptionColumn, ColumnCount };
    enum Role { SchemaRole = Qt::UserRole + 1, NameRole };

    explicit ToolPreviewModel(QObject* parent = nullptr);
    ~ToolPreviewModel() override;

    void setTools(const QList<Gateway::ToolDefinition>& tools);
    QStringList toolNames() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Gateway::ToolDefinition> m_tools;
};

} // namespace Portcullis
