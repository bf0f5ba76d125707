// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "log/TrafficEvent.h"

#include <QAbstractTableModel>
#include <QIcon>
#include <QList>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace Gateway {
class TrafficLog;
}

namespace Portcullis {

// Table of the gateway's traffic events, fed by batches from GatewayController (or, in the same
// thread, by TrafficLog::eventAppended).
// Appends collect in a pending list and one zero-delay single-shot flush inserts the whole burst
// with a single beginInsertRows (Wireshark's appendPacket). Past capacity the oldest rows are
// removed first (qBittorrent's BaseLogModel). Display text is built in data(), never stored.
class TrafficLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Service, Revision, Method, Tool, Principal, Auth, Status, Backend, Latency, Size, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole + 1, // quint64 event id
        KindRole, // int, Gateway::TrafficEvent::Kind
        StatusRole, // int, HTTP status returned to the client
        IsErrorRole, // bool, see isError()
    };
    Q_ENUM(Role)

    static constexpr int DefaultCapacity = 10000;

    explicit TrafficLogModel(QObject* parent = nullptr);
    explicit TrafficLogModel(int capacity, QObject* parent = nullptr);
    ~TrafficLogModel() override;

    // Loads the events already in `log` and follows its appends. nullptr detaches and clears.
    void setSource(Gateway::TrafficLog* log);
    Gateway::TrafficLog* source() const;

    int capacity() const { return m_capacity; }
    void setCapacity(int capacity); // trims the oldest rows at once when shrinking

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const Gateway::TrafficEvent& eventAt(int row) const { return m_events.at(row); }
    std::optional<Gateway::TrafficEvent> eventById(quint64 id) const;
    int rowForId(quint64 id) const; // -1 when not (or no longer) in the model

    // Counters over every event received since setSource(), including trimmed ones.
    quint64 receivedCount() const { return m_received; }
    quint64 errorCount() const { return m_errors; }

    static bool isError(const Gateway::TrafficEvent& event);

public slots:
    void appendEvent(const Gateway::TrafficEvent& event);
    // A batch from GatewayController::eventsAppended; inserted with the next flush.
    void appendEvents(const QList<Gateway::TrafficEvent>& events);
    // Inserts the pending burst now (normally done by the zero-delay timer).
    void flushPending();

signals:
    void countersChanged();

private:
    QString displayText(const Gateway::TrafficEvent& event, int column) const;
    QString toolTipText(const Gateway::TrafficEvent& event, int column) const;
    void trimTo(int maxRows);

    QPointer<Gateway::TrafficLog> m_source;
    QMetaObject::Connection m_sourceConnection;
    QList<Gateway::TrafficEvent> m_events; // oldest first, ids increasing
    QList<Gateway::TrafficEvent> m_pending;
    QTimer m_flushTimer;
    int m_capacity = DefaultCapacity;
    quint64 m_lastId = 0; // highest id received (dedupes the load/follow overlap)
    quint64 m_received = 0;
    quint64 m_errors = 0;
    mutable QIcon m_errorIcon;
};

} // namespace Portcullis
