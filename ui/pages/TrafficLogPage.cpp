// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrafficLogPage.h"

#include "models/TrafficLogFilterModel.h"
#include "models/TrafficLogModel.h"
#include "widgets/FilterLineEdit.h"
#include "widgets/TrafficDetailPane.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace Portcullis {

namespace {

// TrafficEvent::toJson() pretty-printed in reading order (QJsonObject sorts keys alphabetically):
// who and what first, then outcome, timing and sizes. Keys unknown here follow in sorted order.
QString readableJson(const QJsonObject& object)
{
    static const char* const order[]
        = {"id",       "time",      "kind",          "method",       "path",         "service",    "protocol",
           "session",  "principal", "rpcMethod",     "tool",         "auth",         "authReason", "status",
           "rpcError", "toolError", "backendStatus", "backendError", "detail",       "totalUs",    "authUs",
           "queueUs",  "backendUs", "mappingUs",     "requestBytes", "responseBytes"};
    QStringList keys;
    for (const char* key : order) {
        if (object.contains(QLatin1String(key)))
            keys.append(QLatin1String(key));
    }
    for (const QString& key : object.keys()) {
        if (!keys.contains(key))
            keys.append(key);
    }
    QStringList lines;
    for (const QString& key : keys) {
        // A one-element array serialises any JSON value with correct escaping.
        const QByteArray array = QJsonDocument(QJsonArray{object.value(key)}).toJson(QJsonDocument::Compact);
        const QString value = QString::fromUtf8(array.mid(1, array.size() - 2));
        const QString name = QString::fromUtf8(QJsonDocument(QJsonArray{key}).toJson(QJsonDocument::Compact));
        lines.append(QStringLiteral("    ") + name.mid(1, name.size() - 2) + QStringLiteral(": ") + value);
    }
    return QStringLiteral("{\n") + lines.join(QStringLiteral(",\n")) + QStringLiteral("\n}\n");
}

} // namespace

TrafficLogPage::TrafficLogPage(Gateway::TrafficLog* log, QWidget* parent)
    : QWidget(parent)
    , m_model(new TrafficLogModel(this))
    , m_filterModel(new TrafficLogFilterModel(this))
    , m_filterLineEdit(new FilterLineEdit(this))
    , m_serviceComboBox(new QComboBox(this))
    , m_statusComboBox(new QComboBox(this))
    , m_authComboBox(new QComboBox(this))
    , m_revisionComboBox(new QComboBox(this))
    , m_payloadSearchCheckBox(new QCheckBox(tr("Search &payloads"), this))
    , m_countLabel(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_trafficTreeView(new QTreeView(m_splitter))
    , m_detailPane(new TrafficDetailPane(m_splitter))
    , m_detailTextEdit(m_detailPane->overviewTextEdit())
{
    m_filterModel->setSourceModel(m_model);
    QHBoxLayout* filterBar = createFilterBar();
    setUpTreeView();

    m_splitter->setObjectName(QStringLiteral("trafficSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({460, 240});

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filterBar);
    layout->addWidget(m_splitter, 1);

    connect(m_filterModel, &QAbstractItemModel::rowsInserted, this, &TrafficLogPage::updateCountLabel);
    connect(m_filterModel, &QAbstractItemModel::rowsRemoved, this, &TrafficLogPage::updateCountLabel);
    connect(m_filterModel, &QAbstractItemModel::modelReset, this, &TrafficLogPage::updateCountLabel);
    connect(m_filterModel, &QAbstractItemModel::layoutChanged, this, &TrafficLogPage::updateCountLabel);
    connect(m_filterModel, &TrafficLogFilterModel::filterChanged, this, &TrafficLogPage::updateCountLabel);

    // Payload search: restarted when its words change, continued as events arrive (debounced so a
    // burst of traffic or of keystrokes costs one search).
    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(250);
    connect(&m_searchTimer, &QTimer::timeout, this, &TrafficLogPage::continuePayloadSearch);
    connect(m_filterModel, &TrafficLogFilterModel::filterChanged, this, [this] {
        // The model forgets its matches when the words or the switch change: search again then.
        if (m_filterModel->filterText() != m_searchedText || m_filterModel->bodySearchEnabled() != m_searchedEnabled)
            restartPayloadSearch();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!payloadSearchWanted())
            return;
        if (m_searchRunning)
            m_moreToSearch = true;
        else if (!m_searchTimer.isActive())
            m_searchTimer.start();
    });

    setTrafficLog(log);
}

QHBoxLayout* TrafficLogPage::createFilterBar()
{
    m_filterLineEdit->setObjectName(QStringLiteral("filterLineEdit"));
    m_filterLineEdit->setPlaceholderText(tr("Filter, e.g. forecast tool:get status:4xx -alice"));
    m_filterLineEdit->setToolTip(
        tr("Every term must match (case-insensitive); Esc clears.\n"
           "A word matches the service, tool, method, person, path or detail.\n"
           "field:value matches one field: service, tool, person, method, rev, session, auth (allowed, denied, "
           "none), reason, status (404, 4xx or error).\n"
           "-term excludes what matches it."));
    connect(m_filterLineEdit, &QLineEdit::textChanged, m_filterModel, &TrafficLogFilterModel::setFilterText);

    m_serviceComboBox->setObjectName(QStringLiteral("serviceComboBox"));
    m_serviceComboBox->setToolTip(tr("Show the traffic of one service only"));
    m_serviceComboBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_serviceComboBox->addItem(tr("All services"), QString());
    connect(m_serviceComboBox, qOverload<int>(&QComboBox::currentIndexChanged), this, &TrafficLogPage::onServiceChosen);

    using Status = TrafficLogFilterModel::StatusClass;
    m_statusComboBox->setObjectName(QStringLiteral("statusComboBox"));
    m_statusComboBox->setToolTip(tr("Show one class of outcome only"));
    m_statusComboBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_statusComboBox->addItem(tr("All outcomes"), int(Status::Any));
    m_statusComboBox->addItem(tr("Errors"), int(Status::Errors));
    m_statusComboBox->setItemData(1, tr("HTTP 4xx/5xx, JSON-RPC errors, tool errors, rejected requests"),
                                  Qt::ToolTipRole);
    m_statusComboBox->addItem(tr("Successful"), int(Status::Success));
    m_statusComboBox->addItem(tr("Client errors (4xx)"), int(Status::ClientErrors));
    m_statusComboBox->addItem(tr("Server errors (5xx)"), int(Status::ServerErrors));
    m_statusComboBox->addItem(tr("Tool and RPC errors"), int(Status::ToolErrors));
    m_statusComboBox->addItem(tr("Rejected"), int(Status::Rejected));
    m_statusComboBox->setItemData(
        6, tr("Refused before any MCP work: endpoint auth, rate limit, overload, bad request"), Qt::ToolTipRole);
    connect(m_statusComboBox, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int index) { m_filterModel->setStatusClass(Status(m_statusComboBox->itemData(index).toInt())); });

    using Auth = TrafficLogFilterModel::AuthOutcome;
    m_authComboBox->setObjectName(QStringLiteral("authComboBox"));
    m_authComboBox->setToolTip(tr("Show one endpoint auth outcome only"));
    m_authComboBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_authComboBox->addItem(tr("Any auth"), int(Auth::Any));
    m_authComboBox->addItem(tr("Allowed"), int(Auth::Allowed));
    m_authComboBox->addItem(tr("Denied"), int(Auth::Denied));
    m_authComboBox->addItem(tr("No endpoint security"), int(Auth::Unguarded));
    connect(m_authComboBox, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int index) { m_filterModel->setAuthOutcome(Auth(m_authComboBox->itemData(index).toInt())); });

    m_revisionComboBox->setObjectName(QStringLiteral("revisionComboBox"));
    m_revisionComboBox->setToolTip(tr("Show one MCP protocol revision only"));
    m_revisionComboBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_revisionComboBox->addItem(tr("Any revision"), QString());
    for (const char* revision : {"2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"})
        m_revisionComboBox->addItem(QLatin1String(revision), QLatin1String(revision));
    connect(m_revisionComboBox, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int index) { m_filterModel->setRevisionFilter(m_revisionComboBox->itemData(index).toString()); });

    m_payloadSearchCheckBox->setObjectName(QStringLiteral("payloadSearchCheckBox"));
    m_payloadSearchCheckBox->setToolTip(
        tr("Also look for the words in the captured request and response bodies of both legs (secrets are "
           "redacted there, so they are never found)"));
    connect(m_payloadSearchCheckBox, &QCheckBox::toggled, m_filterModel, &TrafficLogFilterModel::setBodySearchEnabled);

    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_countLabel->setTextFormat(Qt::PlainText);

    // The choosers are as wide as their current choice; their lists open as wide as their longest
    // entry, so the filter text keeps the room.
    for (QComboBox* combo : {m_statusComboBox, m_authComboBox, m_revisionComboBox}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(12);
        combo->view()->setMinimumWidth(combo->view()->sizeHintForColumn(0) + 2 * combo->view()->frameWidth() + 8);
    }
    auto* filterBar = new QHBoxLayout;
    filterBar->addWidget(m_filterLineEdit, 1);
    filterBar->addWidget(m_serviceComboBox);
    filterBar->addWidget(m_statusComboBox);
    filterBar->addWidget(m_authComboBox);
    filterBar->addWidget(m_revisionComboBox);
    filterBar->addWidget(m_payloadSearchCheckBox);
    filterBar->addSpacing(12);
    filterBar->addWidget(m_countLabel);
    return filterBar;
}

bool TrafficLogPage::payloadSearchWanted() const
{
    return m_filterModel->bodySearchEnabled() && !m_filterModel->plainWords().isEmpty();
}

void TrafficLogPage::restartPayloadSearch()
{
    ++m_searchToken; // answers to the previous search are ignored from now on
    m_searchedUpTo = 0;
    m_searchRunning = false;
    m_moreToSearch = false;
    m_searchedText = m_filterModel->filterText();
    m_searchedEnabled = m_filterModel->bodySearchEnabled();
    if (payloadSearchWanted())
        m_searchTimer.start();
    else
        m_searchTimer.stop();
    updateCountLabel();
}

void TrafficLogPage::continuePayloadSearch()
{
    if (!payloadSearchWanted() || m_searchRunning)
        return;
    m_searchRunning = true;
    updateCountLabel();
    emit payloadSearchRequested(m_searchToken, m_filterModel->plainWords(), m_searchedUpTo + 1);
}

void TrafficLogPage::applyPayloadMatches(quint64 token, const QList<quint64>& eventIds, bool finished,
                                         quint64 scannedUpTo)
{
    if (token != m_searchToken)
        return;
    m_filterModel->addBodyMatches(eventIds);
    if (!finished)
        return;
    m_searchRunning = false;
    m_searchedUpTo = qMax(m_searchedUpTo, scannedUpTo);
    if (m_moreToSearch) {
        m_moreToSearch = false;
        m_searchTimer.start();
    }
    updateCountLabel();
}

TrafficLogPage::~TrafficLogPage() = default;

void TrafficLogPage::setUpTreeView()
{
    QTreeView* view = m_trafficTreeView;
    view->setObjectName(QStringLiteral("trafficTreeView"));
    view->setModel(m_filterModel);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setItemsExpandable(false);
    view->setAlternatingRowColors(true);
    view->setAllColumnsShowFocus(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setTextElideMode(Qt::ElideRight);

    // Widths from typical texts (or the title, if wider), so the common case is not truncated and
    // everything fits the default window; the last column stretches.
    QHeaderView* header = view->header();
    header->setSectionsMovable(true);
    header->setStretchLastSection(true);
    header->setMinimumSectionSize(40);
    const QFontMetrics cellMetrics(view->font());
    const QFontMetrics headerMetrics(header->font());
    const auto fit = [&](int column, const char* sample, int extra = 0) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        const int width
            = qMax(cellMetrics.horizontalAdvance(QLatin1String(sample)), headerMetrics.horizontalAdvance(title) + 8);
        header->resizeSection(column, width + 14 + extra);
    };
    fit(TrafficLogModel::Time, "00:00:00.000");
    fit(TrafficLogModel::Service, "petstore-v2");
    fit(TrafficLogModel::Revision, "2025-11-25");
    fit(TrafficLogModel::Method, "initialize");
    fit(TrafficLogModel::Tool, "findPetsByStatus");
    fit(TrafficLogModel::Principal, "https://auth.example|alice");
    fit(TrafficLogModel::Auth, "denied (expired)");
    fit(TrafficLogModel::Status, "200 - RPC -32602", 20); // + the error mark
    fit(TrafficLogModel::Backend, "timeout");
    fit(TrafficLogModel::Latency, "1234.56");

    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { onCurrentChanged(current); });

    // Follow the tail only when the user is already at the bottom.
    connect(m_filterModel, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar* bar = m_trafficTreeView->verticalScrollBar();
        m_wasAtBottom = bar->value() >= bar->maximum();
    });
    connect(m_filterModel, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_wasAtBottom)
            m_trafficTreeView->scrollToBottom();
    });
}

void TrafficLogPage::setTrafficLog(Gateway::TrafficLog* log)
{
    m_model->setSource(log);
    m_trafficTreeView->scrollToBottom();
    updateCountLabel();
}

void TrafficLogPage::setServiceNames(const QStringList& names)
{
    const QString current = m_serviceComboBox->currentData().toString();
    const QSignalBlocker blocker(m_serviceComboBox);
    while (m_serviceComboBox->count() > 1)
        m_serviceComboBox->removeItem(1);
    for (const QString& name : names)
        m_serviceComboBox->addItem(name, name);
    // A service filtered on that disappeared stays selectable, so the view does not jump.
    if (!current.isEmpty() && !names.contains(current))
        m_serviceComboBox->addItem(current, current);
    m_serviceComboBox->setCurrentIndex(qMax(0, m_serviceComboBox->findData(current)));
}

void TrafficLogPage::showService(const QString& service)
{
    int index = m_serviceComboBox->findData(service);
    if (index < 0) {
        m_serviceComboBox->addItem(service, service);
        index = m_serviceComboBox->count() - 1;
    }
    m_serviceComboBox->setCurrentIndex(index);
    onServiceChosen(index); // also when the index did not change
}

void TrafficLogPage::onServiceChosen(int index)
{
    m_filterModel->setServiceFilter(m_serviceComboBox->itemData(index).toString());
}

void TrafficLogPage::onCurrentChanged(const QModelIndex& current)
{
    const std::optional<Gateway::TrafficEvent> event
        = current.isValid() ? m_model->eventById(current.data(TrafficLogModel::IdRole).toULongLong()) : std::nullopt;
    m_detailPane->setEvent(event, event ? readableJson(event->toJson()) : QString());
}

void TrafficLogPage::updateCountLabel()
{
    const int shown = m_filterModel->rowCount();
    const int total = m_model->rowCount();
    QString text;
    if (m_filterModel->isFiltering())
        text = tr("Showing %1 of %2").arg(QLocale().toString(shown), QLocale().toString(total));
    else
        text = tr("Requests: %1").arg(QLocale().toString(total));
    if (m_searchRunning)
        text += tr(" (searching payloads…)");
    m_countLabel->setText(text);
}

} // namespace Portcullis

#include "moc_TrafficLogPage.cpp"
