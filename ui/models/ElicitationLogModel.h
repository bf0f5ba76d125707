// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "log/TrafficEvent.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

namespace Portcullis {

// One row per elicitation (URL-mode request to a person for a backend credential), built from the
// Elicitation events of the traffic stream: requested, opened, completed, declined, expired,
// failed (and refreshed/revoked). A later step updates its row in place (stage, duration, reason).
// Bounded: past capacity the oldest elicitations are removed first.
class ElicitationLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Requested, Person, Service, Credential, Stage, Duration, Reason, ColumnCount };
    Q_ENUM(Column)
    enum Role { ElicitationIdRole = Qt::UserRole + 1, StageRole, IsFailureRole };

    static constexpr int DefaultCapacity = 5000;

    explicit ElicitationLogModel(int capacity = DefaultCapacity, QObject* parent = nullptr);

    int capacity() const { return m_capacity; }
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Counts of elicitations by their current stage.
    int countInStage(const QString& stage) const;

public slots:
    // Any traffic batch; only Elicitation events are taken.
    void appendEvents(const QList<Gateway::TrafficEvent>& events);

private:
    struct Row
    {
        QString id;
        QDateTime requested;
        QString person;
        QString service;
        QString credentialKind;
        QString stage;
        qint64 ageMs = -1;
        QString reason;
    };
    int rowOf(quint64 seq) const { return int(seq - m_firstSeq); }

    int m_capacity;
    QList<Row> m_rows; // oldest first
    quint64 m_firstSeq = 0; // sequence number of m_rows.first()
    QHash<QString, quint64> m_seqById;
};

} // namespace Portcullis
