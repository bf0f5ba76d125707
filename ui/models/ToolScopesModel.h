// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QMap>
#include <QStringList>

namespace Portcullis {

// Per-tool extra OAuth2 scopes (step-up): one row per tool the service exposes, plus rows for
// scoped tool names the document no longer has. The scopes column is editable as a
// space-separated list; scopesEdited() carries the whole map after each edit.
class ToolScopesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ToolColumn, ScopesColumn, ColumnCount };

    explicit ToolScopesModel(QObject* parent = nullptr);
    ~ToolScopesModel() override;

    void setContent(const QStringList& toolNames, const QMap<QString, QStringList>& scopes);
    QMap<QString, QStringList> scopes() const { return m_scopes; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void scopesEdited(const QMap<QString, QStringList>& scopes);

private:
    QStringList m_tools;
    QStringList m_unknown; // scoped names the document does not define
    QMap<QString, QStringList> m_scopes;
};

} // namespace Portcullis
