// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrafficLogPage.h"

#include "models/TrafficLogFilterModel.h"
#include "models/TrafficLogModel.h"
#include "widgets/FilterLineEdit.h"
#include "widgets/TrafficDetailPane.h"

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
        = {"id",         "time",    "kind",      "method",       "path",          "service",
           "protocol",   "session", "principal", "rpcMethod",    "tool",          "auth",
           "authReason", "status",  "rpcError",  "toolError",    "backendStatus", "backendError",
           "detail",     "totalUs", "backendUs", "requestBytes", "responseBytes"};
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
    , m_errorsOnlyCheckBox(new QCheckBox(tr("Errors only"), this))
    , m_countLabel(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_trafficTreeView(new QTreeView(m_splitter))
    , m_detailPane(new TrafficDetailPane(m_splitter))
    , m_detailTextEdit(m_detailPane->overviewTextEdit())
{
    m_filterModel->setSourceModel(m_model);

    m_filterLineEdit->setObjectName(QStringLiteral("filterLineEdit"));
    m_filterLineEdit->setPlaceholderText(tr("Filter by service, tool, method, principal, path or detail"));
    m_filterLineEdit->setToolTip(tr("Every word must match (case-insensitive). Esc clears."));
    connect(m_filterLineEdit, &QLineEdit::textChanged, m_filterModel, &TrafficLogFilterModel::setFilterText);

    m_serviceComboBox->setObjectName(QStringLiteral("serviceComboBox"));
    m_serviceComboBox->setToolTip(tr("Show the traffic of one service only"));
    m_serviceComboBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_serviceComboBox->addItem(tr("All services"), QString());
    connect(m_serviceComboBox, qOverload<int>(&QComboBox::currentIndexChanged), this, &TrafficLogPage::onServiceChosen);

    m_errorsOnlyCheckBox->setObjectName(QStringLiteral("errorsOnlyCheckBox"));
    m_errorsOnlyCheckBox->setToolTip(tr("HTTP 4xx/5xx, JSON-RPC errors, tool errors, rejected requests"));
    connect(m_errorsOnlyCheckBox, &QCheckBox::toggled, m_filterModel, &TrafficLogFilterModel::setErrorsOnly);

    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_countLabel->setTextFormat(Qt::PlainText);

    auto* filterBar = new QHBoxLayout;
    filterBar->addWidget(m_filterLineEdit, 1);
    filterBar->addWidget(m_serviceComboBox);
    filterBar->addWidget(m_errorsOnlyCheckBox);
    filterBar->addSpacing(12);
    filterBar->addWidget(m_countLabel);

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

    setTrafficLog(log);
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
    if (m_filterModel->isFiltering())
        m_countLabel->setText(tr("Showing %1 of %2").arg(QLocale().toString(shown), QLocale().toString(total)));
    else
        m_countLabel->setText(tr("Requests: %1").arg(QLocale().toString(total)));
}

} // namespace Portcullis

#include "moc_TrafficLogPage.cpp"
