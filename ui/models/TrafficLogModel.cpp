// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrafficLogModel.h"

#include "log/TrafficLog.h"

#include <QColor>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

#include <algorithm>

namespace Portcullis {

using Gateway::TrafficEvent;

namespace {

QString milliseconds(qint64 micros)
{
    return QLocale().toString(double(micros) / 1000.0, 'f', 2);
}

QString dataSize(qint64 bytes)
{
    if (bytes < 1024)
        return TrafficLogModel::tr("%1 B").arg(bytes);
    return QLocale().formattedDataSize(bytes, 1);
}

QColor errorColor()
{
    return QColor(0xc6, 0x28, 0x28); // readable on light and dark bases
}

} // namespace

TrafficLogModel::TrafficLogModel(QObject* parent)
    : TrafficLogModel(DefaultCapacity, parent)
{
}

TrafficLogModel::TrafficLogModel(int capacity, QObject* parent)
    : QAbstractTableModel(parent)
    , m_capacity(qMax(1, capacity))
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &TrafficLogModel::flushPending);
}

TrafficLogModel::~TrafficLogModel() = default;

void TrafficLogModel::setSource(Gateway::TrafficLog* log)
{
    if (log && m_source == log)
        return;
    disconnect(m_sourceConnection);
    m_source = log;
    beginResetModel();
    m_flushTimer.stop();
    m_pending.clear();
    m_events.clear();
    m_lastId = 0;
    m_received = 0;
    m_errors = 0;
    if (log) {
        // Connect before loading; appendEvent() drops ids already loaded.
        m_sourceConnection = connect(log, &Gateway::TrafficLog::eventAppended, this, &TrafficLogModel::appendEvent);
        const QList<TrafficEvent> existing = log->eventsSince(0);
        const int skip = qMax(0, int(existing.size()) - m_capacity);
        m_events = existing.mid(skip);
        for (const TrafficEvent& event : existing) {
            m_lastId = qMax(m_lastId, event.id);
            if (isError(event))
                ++m_errors;
        }
        m_received = quint64(existing.size());
    }
    endResetModel();
    emit countersChanged();
}

Gateway::TrafficLog* TrafficLogModel::source() const
{
    return m_source;
}

void TrafficLogModel::setCapacity(int capacity)
{
    capacity = qMax(1, capacity);
    if (capacity == m_capacity)
        return;
    m_capacity = capacity;
    trimTo(m_capacity);
}

void TrafficLogModel::appendEvent(const TrafficEvent& event)
{
    if (event.id != 0) {
        if (event.id <= m_lastId)
            return;
        m_lastId = event.id;
    }
    ++m_received;
    if (isError(event))
        ++m_errors;
    m_pending.append(event);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void TrafficLogModel::appendEvents(const QList<TrafficEvent>& events)
{
    for (const TrafficEvent& event : events)
        appendEvent(event);
}

void TrafficLogModel::flushPending()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    QList<TrafficEvent> batch;
    batch.swap(m_pending);
    if (batch.size() > m_capacity) // events that would be trimmed at once are never inserted
        batch.erase(batch.begin(), batch.end() - m_capacity);

    trimTo(m_capacity - int(batch.size()));

    const int first = int(m_events.size());
    beginInsertRows({}, first, first + int(batch.size()) - 1);
    m_events.append(std::move(batch));
    endInsertRows();
    emit countersChanged();
}

void TrafficLogModel::trimTo(int maxRows)
{
    const int excess = int(m_events.size()) - qMax(0, maxRows);
    if (excess <= 0)
        return;
    beginRemoveRows({}, 0, excess - 1);
    m_events.remove(0, excess);
    endRemoveRows();
}

int TrafficLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int TrafficLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool TrafficLogModel::isError(const TrafficEvent& event)
{
    return event.httpStatus >= 400 || event.rpcErrorCode != 0 || event.toolError
        || event.kind == TrafficEvent::Kind::Rejected || event.backendStatus >= 400 || !event.backendError.isEmpty();
}

QVariant TrafficLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TrafficEvent& event = m_events.at(index.row());
    const int column = index.column();

    switch (role) {
    case Qt::DisplayRole: return displayText(event, column);
    case Qt::ToolTipRole: return toolTipText(event, column);
    case Qt::TextAlignmentRole:
        if (column == Latency || column == Size)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (isError(event))
            return errorColor();
        return {};
    case Qt::DecorationRole:
        if (column == Status && isError(event)) {
            if (m_errorIcon.isNull()) {
                QPixmap pixmap(12, 12);
                pixmap.fill(Qt::transparent);
                QPainter painter(&pixmap);
                painter.setRenderHint(QPainter::Antialiasing);
                painter.setPen(Qt::NoPen);
                painter.setBrush(errorColor());
                painter.drawEllipse(QRectF(2, 2, 8, 8));
                painter.end();
                m_errorIcon = QIcon(pixmap);
            }
            return m_errorIcon;
        }
        return {};
    case IdRole: return QVariant::fromValue(event.id);
    case KindRole: return int(event.kind);
    case StatusRole: return event.httpStatus;
    case IsErrorRole: return isError(event);
    default: return {};
    }
}

QString TrafficLogModel::displayText(const TrafficEvent& event, int column) const
{
    switch (column) {
    case Time: return event.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    case Service: return event.service.isEmpty() ? event.path : event.service;
    case Revision: return event.protocolRevision;
    case Method: return event.rpcMethod.isEmpty() ? event.httpMethod : event.rpcMethod;
    case Tool: return event.tool;
    case Principal: return event.principal;
    case Auth:
        if (event.authReason.isEmpty())
            return event.authDecision;
        return tr("%1 (%2)").arg(event.authDecision, event.authReason);
    case Status: {
        QString text = event.httpStatus > 0 ? QString::number(event.httpStatus) : QStringLiteral("—");
        if (event.rpcErrorCode != 0)
            text += tr(" · RPC %1").arg(event.rpcErrorCode);
        if (event.toolError)
            text += tr(" · tool error");
        return text;
    }
    case Backend:
        if (event.backendStatus > 0)
            return QString::number(event.backendStatus);
        return event.backendError;
    case Latency: return milliseconds(event.totalMicros);
    case Size: return tr("%1 / %2").arg(dataSize(event.requestBytes), dataSize(event.responseBytes));
    default: return {};
    }
}

QString TrafficLogModel::toolTipText(const TrafficEvent& event, int column) const
{
    switch (column) {
    case Time: return event.time.toUTC().toString(Qt::ISODateWithMs);
    case Service: return tr("%1 %2").arg(event.httpMethod, event.path);
    case Latency:
        if (event.backendMicros > 0)
            return tr("Total %1 ms, backend %2 ms")
                .arg(milliseconds(event.totalMicros), milliseconds(event.backendMicros));
        return tr("Total %1 ms, no backend call").arg(milliseconds(event.totalMicros));
    case Size:
        return tr("Request %1 bytes, response %2 bytes")
            .arg(QLocale().toString(event.requestBytes), QLocale().toString(event.responseBytes));
    case Backend:
        if (!event.backendError.isEmpty())
            return event.backendError;
        break;
    case Method:
    case Tool:
    case Principal:
    case Auth: return displayText(event, column); // the full text of a possibly elided cell
    default: break;
    }
    return event.detail;
}

QVariant TrafficLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::TextAlignmentRole)
        return (section == Latency || section == Size) ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
                                                       : QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Service: return tr("Service");
    case Revision: return tr("Revision");
    case Method: return tr("Method");
    case Tool: return tr("Tool");
    case Principal: return tr("Principal");
    case Auth: return tr("Auth");
    case Status: return tr("Status");
    case Backend: return tr("Backend");
    case Latency: return tr("Latency (ms)");
    case Size: return tr("Size (req / resp)");
    default: return {};
    }
}

QHash<int, QByteArray> TrafficLogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "eventId");
    names.insert(KindRole, "kind");
    names.insert(StatusRole, "status");
    names.insert(IsErrorRole, "isError");
    return names;
}

std::optional<TrafficEvent> TrafficLogModel::eventById(quint64 id) const
{
    const int row = rowForId(id);
    if (row < 0)
        return std::nullopt;
    return m_events.at(row);
}

int TrafficLogModel::rowForId(quint64 id) const
{
    auto it = std::lower_bound(m_events.cbegin(), m_events.cend(), id,
                               [](const TrafficEvent& event, quint64 value) { return event.id < value; });
    if (it == m_events.cend() || it->id != id)
        return -1;
    return int(it - m_events.cbegin());
}

} // namespace Portcullis

#include "moc_TrafficLogModel.cpp"
