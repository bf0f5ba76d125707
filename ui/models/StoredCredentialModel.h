// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "elicit/ElicitedCredentialStore.h" // ElicitedCredentialInfo

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace Portcullis {

// The elicited backend credentials the gateway holds, one row per (service, person): kind, age,
// expiry, refresh state and whether it is also in the keychain. Built from metadata the gateway
// lists (GatewayController::listElicitedCredentials): a value or refresh token never reaches it.
// Ages and expiries are computed against now(), so a periodic refreshTimes() keeps them current.
class StoredCredentialModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Service, Person, Kind, Age, Expires, Refresh, Stored, ColumnCount };
    Q_ENUM(Column)
    enum Role { ServiceRole = Qt::UserRole + 1, PersonRole };

    explicit StoredCredentialModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const QList<Gateway::ElicitedCredentialInfo>& credentials() const { return m_rows; }
    // "2 h 5 min", "45 s": the largest two units.
    static QString duration(qint64 seconds);
    // Test hook: a fixed clock (invalid: the system clock).
    void setNow(const QDateTime& nowUtc) { m_fixedNow = nowUtc; }

public slots:
    void setCredentials(const QList<Gateway::ElicitedCredentialInfo>& credentials);
    // Age and expiry columns changed with the clock.
    void refreshTimes();

private:
    QDateTime now() const;
    QString refreshText(const Gateway::ElicitedCredentialInfo& info) const;

    QList<Gateway::ElicitedCredentialInfo> m_rows;
    QDateTime m_fixedNow;
};

} // namespace Portcullis
