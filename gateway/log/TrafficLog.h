// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TrafficEvent.h"

#include <QList>
#include <QObject>
#include <QVector>

#include <memory>

class QFile;

namespace Gateway {

// Bounded in-memory ring of traffic events (qBittorrent's Logger pattern): increasing ids,
// recordsSince(lastKnownId), and a signal per append. Optionally mirrors every event to a JSON
// Lines file. Lives in the gateway thread; connect with queued connections from other threads.
class TrafficLog : public QObject
{
    Q_OBJECT
public:
    explicit TrafficLog(int capacity = 10000, QObject* parent = nullptr);
    ~TrafficLog() override;

    int capacity() const { return m_capacity; }
    int size() const { return m_events.size(); }
    quint64 lastId() const { return m_nextId - 1; }

    // Assigns the id and stores the event; returns the id.
    quint64 append(TrafficEvent event);
    // Events with id > lastKnownId still in the ring, oldest first.
    QList<TrafficEvent> eventsSince(quint64 lastKnownId) const;
    QList<TrafficEvent> events() const { return eventsSince(0); }

    // Mirror to a JSON Lines file (appending). Empty path stops mirroring. Returns false with
    // errorString() set when the file cannot be opened.
    bool setJsonLinesFile(const QString& path);
    QString errorString() const { return m_error; }
    // Writes one extra JSON line to the mirror (no-op when not mirroring), e.g. a captured payload.
    void writeJsonLine(const QJsonObject& object);

signals:
    void eventAppended(const Gateway::TrafficEvent& event);

private:
    int m_capacity;
    quint64 m_nextId = 1;
    QVector<TrafficEvent> m_events; // ring storage
    int m_head = 0; // index of the oldest event when full
    std::unique_ptr<QFile> m_jsonl;
    QString m_error;
};

} // namespace Gateway

Q_DECLARE_METATYPE(Gateway::TrafficEvent)
