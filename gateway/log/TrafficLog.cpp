// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrafficLog.h"

#include <QFile>
#include <QJsonDocument>

namespace Gateway {

TrafficLog::TrafficLog(int capacity, QObject* parent)
    : QObject(parent)
    , m_capacity(qMax(1, capacity))
{
    qRegisterMetaType<Gateway::TrafficEvent>();
    m_events.reserve(qMin(m_capacity, 4096));
}

TrafficLog::~TrafficLog() = default;

quint64 TrafficLog::append(TrafficEvent event)
{
    event.id = m_nextId++;
    if (m_events.size() < m_capacity) {
        m_events.append(event);
    } else {
        m_events[m_head] = event;
        m_head = (m_head + 1) % m_capacity;
    }
    if (m_jsonl) {
        QByteArray line = QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact);
        line.append('\n');
        if (m_jsonl->write(line) != line.size())
            m_error = m_jsonl->errorString();
        m_jsonl->flush();
    }
    emit eventAppended(event);
    return event.id;
}

QList<TrafficEvent> TrafficLog::eventsSince(quint64 lastKnownId) const
{
    QList<TrafficEvent> out;
    const int n = m_events.size();
    for (int i = 0; i < n; ++i) {
        const TrafficEvent& e = m_events.at((m_head + i) % n);
        if (e.id > lastKnownId)
            out.append(e);
    }
    return out;
}

void TrafficLog::writeJsonLine(const QJsonObject& object)
{
    if (!m_jsonl)
        return;
    QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    line.append('\n');
    if (m_jsonl->write(line) != line.size())
        m_error = m_jsonl->errorString();
    m_jsonl->flush();
}

bool TrafficLog::setJsonLinesFile(const QString& path)
{
    m_error.clear();
    if (path.isEmpty()) {
        m_jsonl.reset();
        return true;
    }
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        m_error = file->errorString();
        return false; // the current mirror, if any, keeps running
    }
    m_jsonl = std::move(file);
    return true;
}

} // namespace Gateway
