// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/GatewayServer.h"

#include <QAbstractListModel>
#include <QIcon>
#include <QList>

namespace Portcullis {

// The services the gateway exposes, one row each (name, endpoint URL, tool count, security mode).
// Services without endpoint security are marked unsafe; a service that is not served (refused
// settings or document) is shown in red with the reason. setServices() resets the model.
class ServiceListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        NameRole = Qt::UserRole + 1, // QString
        TitleRole, // QString, OpenAPI info.title
        EndpointUrlRole, // QUrl
        BackendUrlRole, // QUrl
        ToolCountRole, // int
        ToolNamesRole, // QStringList
        SecurityModeRole, // QString: "none", "apiKey", "oauth2"
        IsUnsafeRole, // bool: no endpoint security
        WarningsRole, // QStringList, import warnings
        ErrorRole, // QString: why the service is not served (empty when it is)
    };
    Q_ENUM(Role)

    explicit ServiceListModel(QObject* parent = nullptr);
    ~ServiceListModel() override;

    void setServices(const QList<Gateway::ServiceStatus>& services);
    const QList<Gateway::ServiceStatus>& services() const { return m_services; }
    const Gateway::ServiceStatus& serviceAt(int row) const { return m_services.at(row); }
    int rowForName(const QString& name) const; // -1 when absent
    QStringList serviceNames() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static bool isUnsafe(const QString& securityMode);
    static QString securityModeText(const QString& securityMode); // translated, "None (unsafe)" etc.

private:
    QIcon stateIcon(bool unsafe) const;

    QList<Gateway::ServiceStatus> m_services;
    mutable QIcon m_safeIcon;
    mutable QIcon m_unsafeIcon;
};

} // namespace Portcullis
