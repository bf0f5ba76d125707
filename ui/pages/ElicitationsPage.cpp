// SPDX-License-Identifier: GPL-3.0-or-later
#include "ElicitationsPage.h"

#include "models/ElicitationLogModel.h"
#include "widgets/FilterLineEdit.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace Portcullis {

ElicitationsPage::ElicitationsPage(QWidget* parent)
    : QWidget(parent)
    , m_model(new ElicitationLogModel(ElicitationLogModel::DefaultCapacity, this))
    , m_stageFilter(new QSortFilterProxyModel(this))
    , m_filterModel(new QSortFilterProxyModel(this))
    , m_filterLineEdit(new FilterLineEdit(this))
    , m_stageComboBox(new QComboBox(this))
    , m_countLabel(new QLabel(this))
    , m_view(new QTreeView(this))
{
    m_stageFilter->setSourceModel(m_model);
    m_stageFilter->setFilterKeyColumn(ElicitationLogModel::Stage);
    m_filterModel->setSourceModel(m_stageFilter);
    m_filterModel->setFilterKeyColumn(-1);
    m_filterModel->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filterLineEdit->setObjectName(QStringLiteral("elicitationFilterLineEdit"));
    m_filterLineEdit->setPlaceholderText(tr("Filter by person, service, credential, stage or reason"));
    connect(m_filterLineEdit, &QLineEdit::textChanged, m_filterModel, &QSortFilterProxyModel::setFilterFixedString);

    m_stageComboBox->setObjectName(QStringLiteral("stageComboBox"));
    m_stageComboBox->addItem(tr("All stages"), QString());
    for (const char* stage : {"requested", "opened", "completed", "declined", "expired", "failed"})
        m_stageComboBox->addItem(QString::fromLatin1(stage), QString::fromLatin1(stage));
    connect(m_stageComboBox, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int index) {
        const QString stage = m_stageComboBox->itemData(index).toString();
        m_stageFilter->setFilterRegularExpression(
            stage.isEmpty() ? QString() : QStringLiteral("^%1$").arg(QRegularExpression::escape(stage)));
        updateCount();
    });
    m_countLabel->setObjectName(QStringLiteral("elicitationCountLabel"));

    m_view->setObjectName(QStringLiteral("elicitationTreeView"));
    m_view->setModel(m_filterModel);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->resizeSection(ElicitationLogModel::Requested, 150);
    m_view->header()->resizeSection(ElicitationLogModel::Person, 220);
    m_view->header()->resizeSection(ElicitationLogModel::Service, 110);
    m_view->header()->resizeSection(ElicitationLogModel::Credential, 120);
    m_view->header()->resizeSection(ElicitationLogModel::Stage, 90);
    m_view->header()->resizeSection(ElicitationLogModel::Duration, 80);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filterLineEdit, 1);
    bar->addWidget(m_stageComboBox);
    bar->addSpacing(12);
    bar->addWidget(m_countLabel);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    // Follow new elicitations only when already at the bottom.
    connect(m_filterModel, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar* scroll = m_view->verticalScrollBar();
        m_wasAtBottom = scroll->value() >= scroll->maximum();
    });
    connect(m_filterModel, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_wasAtBottom)
            m_view->scrollToBottom();
        updateCount();
    });
    connect(m_filterModel, &QAbstractItemModel::rowsRemoved, this, &ElicitationsPage::updateCount);
    connect(m_filterModel, &QAbstractItemModel::modelReset, this, &ElicitationsPage::updateCount);
    connect(m_filterModel, &QAbstractItemModel::layoutChanged, this, &ElicitationsPage::updateCount);
    updateCount();
}

void ElicitationsPage::appendEvents(const QList<Gateway::TrafficEvent>& events)
{
    m_model->appendEvents(events);
}

void ElicitationsPage::updateCount()
{
    m_countLabel->setText(
        tr("Elicitations: %1 of %2")
            .arg(QLocale().toString(m_filterModel->rowCount()), QLocale().toString(m_model->rowCount())));
}

} // namespace Portcullis

#include "moc_ElicitationsPage.cpp"
