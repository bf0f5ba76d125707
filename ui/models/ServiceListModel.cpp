// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceListModel.h"

#include <QBrush>
#include <QColor>
#include <QPainter>
#include <QPixmap>

namespace Portcullis {

ServiceListModel::ServiceListModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

ServiceListModel::~ServiceListModel() = default;

void ServiceListModel::setServices(const QList<Gateway::ServiceStatus>& services)
{
    beginResetModel();
    m_services = services;
    endResetModel();
}

int ServiceListModel::rowForName(const QString& name) const
{
    for (int row = 0; row < m_services.size(); ++row) {
        if (m_services.at(row).name == name)
            return row;
    }
    return -1;
}

QStringList ServiceListModel::serviceNames() const
{
    QStringList names;
    names.reserve(m_services.size());
    for (const Gateway::ServiceStatus& service : m_services)
        names.append(service.name);
    return names;
}

int ServiceListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_services.size());
}

bool ServiceListModel::isUnsafe(const QString& securityMode)
{
    // An unknown or missing mode is treated as the default, which is no security.
    return securityMode.isEmpty() || securityMode == QLatin1String("none");
}

QString ServiceListModel::securityModeText(const QString& securityMode)
{
    if (securityMode == QLatin1String("apiKey"))
        return tr("API key");
    if (securityMode == QLatin1String("oauth2"))
        return tr("OAuth 2 bearer token");
    if (isUnsafe(securityMode))
        return tr("None (unsafe)");
    return securityMode;
}

QIcon ServiceListModel::stateIcon(bool unsafe) const
{
    QIcon& icon = unsafe ? m_unsafeIcon : m_safeIcon;
    if (icon.isNull()) {
        QPixmap pixmap(16, 16);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(unsafe ? QColor(0xc6, 0x28, 0x28) : QColor(0x2e, 0x7d, 0x32));
        painter.drawEllipse(QRectF(3, 3, 10, 10));
        painter.end();
        icon = QIcon(pixmap);
    }
    return icon;
}

QVariant ServiceListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Gateway::ServiceStatus& service = m_services.at(index.row());
    const bool unsafe = isUnsafe(service.securityMode);

    const bool refused = !service.error.isEmpty();

    switch (role) {
    case Qt::DisplayRole:
        if (refused)
            return tr("%1\nNot served: configuration refused").arg(service.name);
        return tr("%1\nTools: %2 · Security: %3")
            .arg(service.name, QString::number(service.toolCount), securityModeText(service.securityMode));
    case Qt::ToolTipRole:
        if (refused)
            return tr("%1 is not served (its endpoint answers 503): %2")
                .arg(service.endpointUrl.toString(), service.error);
        return service.endpointUrl.toString();
    case Qt::ForegroundRole:
        if (refused)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        return {};
    case Qt::DecorationRole: return stateIcon(unsafe || refused);
    case ErrorRole: return service.error;
    case NameRole: return service.name;
    case TitleRole: return service.title;
    case EndpointUrlRole: return service.endpointUrl;
    case BackendUrlRole: return service.backendUrl;
    case ToolCountRole: return service.toolCount;
    case ToolNamesRole: return service.toolNames;
    case SecurityModeRole: return service.securityMode;
    case IsUnsafeRole: return unsafe;
    case WarningsRole: return service.warnings;
    default: return {};
    }
}

QHash<int, QByteArray> ServiceListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(NameRole, "name");
    names.insert(TitleRole, "title");
    names.insert(EndpointUrlRole, "endpointUrl");
    names.insert(BackendUrlRole, "backendUrl");
    names.insert(ToolCountRole, "toolCount");
    names.insert(ToolNamesRole, "toolNames");
    names.insert(SecurityModeRole, "securityMode");
    names.insert(IsUnsafeRole, "isUnsafe");
    names.insert(WarningsRole, "warnings");
    names.insert(ErrorRole, "error");
    return names;
}

} // namespace Portcullis

#include "moc_ServiceListModel.cpp"
