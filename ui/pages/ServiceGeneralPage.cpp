// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceGeneralPage.h"

#include "WorkspaceDocument.h"
#include "models/ToolPreviewModel.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Portcullis {

namespace {

const char* const kNamings[] = {"auto", "operationId", "verbPath"};

} // namespace

ServiceGeneralPage::ServiceGeneralPage(QWidget* parent)
    : ServiceSettingsPage(parent)
    , m_previewModel(new ToolPreviewModel(this))
    , m_importTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("serviceGeneralPage"));
    m_openApiLineEdit = new QLineEdit(this);
    m_openApiLineEdit->setObjectName(QStringLiteral("openApiPathLineEdit"));
    m_openApiLineEdit->setPlaceholderText(tr("OpenAPI 3 document (YAML or JSON)"));
    auto* browseButton = new QPushButton(tr("&Browse…"), this);
    browseButton->setObjectName(QStringLiteral("browseDocumentButton"));
    auto* documentRow = new QHBoxLayout;
    documentRow->addWidget(m_openApiLineEdit, 1);
    documentRow->addWidget(browseButton);

    m_baseUrlLineEdit = new QLineEdit(this);
    m_baseUrlLineEdit->setObjectName(QStringLiteral("baseUrlLineEdit"));
    m_baseUrlLineEdit->setPlaceholderText(tr("Default: the document's first server"));
    m_timeoutSpinBox = new QSpinBox(this);
    m_timeoutSpinBox->setObjectName(QStringLiteral("timeoutSpinBox"));
    m_timeoutSpinBox->setRange(100, 600000);
    m_timeoutSpinBox->setSingleStep(1000);
    m_timeoutSpinBox->setSuffix(tr(" ms"));
    m_toolNamingComboBox = new QComboBox(this);
    m_toolNamingComboBox->setObjectName(QStringLiteral("toolNamingComboBox"));
    m_toolNamingComboBox->addItem(tr("Automatic (operationId, else method and path)"));
    m_toolNamingComboBox->addItem(tr("operationId"));
    m_toolNamingComboBox->addItem(tr("Method and path (get_v1_forecast)"));
    m_includeEdit = new QPlainTextEdit(this);
    m_includeEdit->setObjectName(QStringLiteral("includeEdit"));
    m_includeEdit->setPlaceholderText(tr("One per line: tool name, operationId or \"GET /path\". Empty: all."));
    m_excludeEdit = new QPlainTextEdit(this);
    m_excludeEdit->setObjectName(QStringLiteral("excludeEdit"));
    m_excludeEdit->setPlaceholderText(tr("One per line"));
    for (QPlainTextEdit* edit : {m_includeEdit, m_excludeEdit}) {
        edit->setTabChangesFocus(true);
        edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 3 + 12);
    }

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto addRow = [&](const QString& text, QWidget* buddy, QLayout* field, const QString& path) {
        auto* label = new QLabel(text, this);
        label->setBuddy(buddy);
        if (field)
            form->addRow(label, field);
        else
            form->addRow(label, buddy);
        addErrorRow(form, path);
    };
    addRow(tr("&OpenAPI document:"), m_openApiLineEdit, documentRow, QStringLiteral("openapi"));
    addRow(tr("Backend base &URL:"), m_baseUrlLineEdit, nullptr, QStringLiteral("baseUrl"));
    addRow(tr("&Timeout:"), m_timeoutSpinBox, nullptr, QStringLiteral("timeoutMs"));
    addRow(tr("Tool &naming:"), m_toolNamingComboBox, nullptr, QStringLiteral("toolNaming"));
    addRow(tr("&Include:"), m_includeEdit, nullptr, QStringLiteral("include"));
    addRow(tr("E&xclude:"), m_excludeEdit, nullptr, QStringLiteral("exclude"));

    m_importStatusLabel = plainTextLabel(this, "importStatusLabel");
    m_warningsLabel = plainTextLabel(this, "previewWarningsLabel");
    m_warningsLabel->setStyleSheet(QStringLiteral(
        "QLabel { color: #6d4c00; background-color: #fff4d6; border: 1px solid #e0b84f; border-radius: 4px;"
        " padding: 6px; }"));
    m_warningsLabel->hide();

    m_toolsTableView = new QTableView(this);
    m_toolsTableView->setObjectName(QStringLiteral("toolPreviewTableView"));
    m_toolsTableView->setModel(m_previewModel);
    m_toolsTableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_toolsTableView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_toolsTableView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_toolsTableView->setAlternatingRowColors(true);
    m_toolsTableView->verticalHeader()->hide();
    m_toolsTableView->horizontalHeader()->setStretchLastSection(true);
    m_toolsTableView->setWordWrap(false);
    m_toolsTableView->verticalHeader()->setDefaultSectionSize(m_toolsTableView->fontMetrics().height() + 8);
    m_schemaEdit = new QPlainTextEdit(this);
    m_schemaEdit->setObjectName(QStringLiteral("inputSchemaEdit"));
    m_schemaEdit->setReadOnly(true);
    m_schemaEdit->setPlaceholderText(tr("Select a tool to see its input schema"));
    m_schemaEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* previewLabel = new QLabel(tr("&Preview of the tools"), this);
    previewLabel->setBuddy(m_toolsTableView);
    QFont bold = previewLabel->font();
    bold.setBold(true);
    previewLabel->setFont(bold);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_toolsTableView);
    splitter->addWidget(m_schemaEdit);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto* previewHeading = new QHBoxLayout;
    previewHeading->addWidget(previewLabel);
    previewHeading->addWidget(m_importStatusLabel, 1);
    layout->addLayout(previewHeading);
    layout->addWidget(m_warningsLabel);
    layout->addWidget(splitter, 1);

    m_importTimer->setSingleShot(true);
    m_importTimer->setInterval(300);
    connect(m_importTimer, &QTimer::timeout, this, &ServiceGeneralPage::startImport);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ServiceGeneralPage::importFinished);
    connect(browseButton, &QPushButton::clicked, this, &ServiceGeneralPage::browse);
    connect(m_toolsTableView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ServiceGeneralPage::showSchema);
    connect(m_previewModel, &QAbstractItemModel::modelReset, this, &ServiceGeneralPage::showSchema);

    connect(m_openApiLineEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        setServiceValue(QStringLiteral("openapi"), text.trimmed().isEmpty() ? QJsonValue(QString()) : text.trimmed());
        scheduleImport();
    });
    connect(m_baseUrlLineEdit, &QLineEdit::textChanged, this,
            [this](const QString& text) { setServiceValue(QStringLiteral("baseUrl"), text.trimmed()); });
    connect(m_timeoutSpinBox, &QSpinBox::valueChanged, this,
            [this](int value) { setServiceValue(QStringLiteral("timeoutMs"), value); });
    connect(m_toolNamingComboBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            setServiceValue(QStringLiteral("toolNaming"), QLatin1String(kNamings[index]));
        scheduleImport();
    });
    connect(m_includeEdit, &QPlainTextEdit::textChanged, this, [this] {
        setServiceValue(QStringLiteral("include"), QJsonArray::fromStringList(lines(m_includeEdit)));
        scheduleImport();
    });
    connect(m_excludeEdit, &QPlainTextEdit::textChanged, this, [this] {
        setServiceValue(QStringLiteral("exclude"), QJsonArray::fromStringList(lines(m_excludeEdit)));
        scheduleImport();
    });
}

ServiceGeneralPage::~ServiceGeneralPage()
{
    // The worker holds no pointer to this page; waiting bounds the destructor by one import.
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

QStringList ServiceGeneralPage::lines(const QPlainTextEdit* edit)
{
    QStringList out;
    for (const QString& line : edit->toPlainText().split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            out.append(line.trimmed());
    }
    return out;
}

void ServiceGeneralPage::reload()
{
    m_openApiLineEdit->setText(serviceValue(QStringLiteral("openapi")).toString());
    m_baseUrlLineEdit->setText(serviceValue(QStringLiteral("baseUrl")).toString());
    m_timeoutSpinBox->setValue(serviceValue(QStringLiteral("timeoutMs")).toInt(30000));
    const QString naming = serviceValue(QStringLiteral("toolNaming")).toString(QStringLiteral("auto"));
    int namingIndex = 0;
    for (int i = 0; i < 3; ++i)
        if (naming == QLatin1String(kNamings[i]))
            namingIndex = i;
    m_toolNamingComboBox->setCurrentIndex(namingIndex);
    auto join = [](const QJsonValue& v) {
        QStringList list;
        for (const QJsonValue& item : v.toArray())
            list.append(item.toString());
        return list.join(QLatin1Char('\n'));
    };
    m_includeEdit->setPlainText(join(serviceValue(QStringLiteral("include"))));
    m_excludeEdit->setPlainText(join(serviceValue(QStringLiteral("exclude"))));
    setEnabled(!m_context.service.isEmpty());
    // Another page's edit reloads this one too: import again only when the inputs changed.
    if (importKey() == m_lastImportKey && !m_pendingImport)
        return;
    m_importTimer->stop();
    startImport();
}

QString ServiceGeneralPage::importKey() const
{
    return QStringList{m_context.service, absoluteDocumentPath(), QString::number(m_toolNamingComboBox->currentIndex()),
                       lines(m_includeEdit).join(QLatin1Char('\n')), lines(m_excludeEdit).join(QLatin1Char('\n'))}
        .join(QLatin1Char('\x1f'));
}

QString ServiceGeneralPage::absoluteDocumentPath() const
{
    const QString path = m_openApiLineEdit->text().trimmed();
    if (path.isEmpty() || path.startsWith(QLatin1String(":/")) || QFileInfo(path).isAbsolute())
        return path;
    const QString workspace = m_context.document ? m_context.document->filePath() : QString();
    const QDir base = workspace.isEmpty() ? QDir::current() : QFileInfo(workspace).absoluteDir();
    return base.absoluteFilePath(path);
}

void ServiceGeneralPage::scheduleImport()
{
    if (m_loading)
        return;
    m_pendingImport = true;
    m_importTimer->start();
}

void ServiceGeneralPage::startImport()
{
    m_pendingImport = false;
    m_lastImportKey = importKey();
    const QString path = absoluteDocumentPath();
    if (path.isEmpty() || m_context.service.isEmpty()) {
        ++m_importGeneration;
        m_previewModel->setTools({});
        m_importStatusLabel->setText(path.isEmpty() ? tr("Choose a document to see its tools.") : QString());
        m_warningsLabel->hide();
        emit toolsChanged({});
        return;
    }
    if (m_watcher.isRunning()) {
        m_pendingImport = true; // run again once the current import is done
        return;
    }
    Gateway::OpenApiImportOptions options;
    options.naming = Gateway::ToolNaming(qMax(0, m_toolNamingComboBox->currentIndex()));
    options.include = lines(m_includeEdit);
    options.exclude = lines(m_excludeEdit);
    m_importStatusLabel->setText(tr("Importing…"));
    ++m_importGeneration;
    m_watcher.setFuture(
        QtConcurrent::run([path, options] { return Gateway::OpenApiImporter::importFile(path, options); }));
}

void ServiceGeneralPage::importFinished()
{
    if (m_pendingImport) { // edited meanwhile: this result is stale
        startImport();
        return;
    }
    const Gateway::OpenApiImportResult result = m_watcher.result();
    if (!result.ok) {
        m_previewModel->setTools({});
        m_importStatusLabel->setText(tr("The document cannot be imported: %1").arg(result.error));
        m_importStatusLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    } else {
        m_previewModel->setTools(result.tools);
        m_importStatusLabel->setStyleSheet(QString());
        m_importStatusLabel->setText(
            tr("%1 — %2 tools").arg(result.title.isEmpty() ? tr("(untitled)") : result.title).arg(result.tools.size()));
        m_toolsTableView->resizeColumnToContents(ToolPreviewModel::NameColumn);
        m_toolsTableView->resizeColumnToContents(ToolPreviewModel::OperationColumn);
    }
    if (result.warnings.isEmpty()) {
        m_warningsLabel->hide();
    } else {
        QString text = tr("Import warnings:");
        for (const QString& warning : result.warnings)
            text += QStringLiteral("\n• ") + warning;
        m_warningsLabel->setText(text);
        m_warningsLabel->show();
    }
    emit toolsChanged(m_previewModel->toolNames());
}

void ServiceGeneralPage::showSchema()
{
    const QModelIndex current = m_toolsTableView->currentIndex();
    m_schemaEdit->setPlainText(current.isValid() ? current.data(ToolPreviewModel::SchemaRole).toString() : QString());
}

void ServiceGeneralPage::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("OpenAPI Document"), absoluteDocumentPath(),
                                                      tr("OpenAPI documents (*.yaml *.yml *.json);;All files (*)"));
    if (!path.isEmpty())
        m_openApiLineEdit->setText(path);
}

} // namespace Portcullis

#include "moc_ServiceGeneralPage.cpp"
