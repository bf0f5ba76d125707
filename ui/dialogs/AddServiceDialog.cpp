// SPDX-License-Identifier: GPL-3.0-or-later
#include "AddServiceDialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QUrl>
#include <QVBoxLayout>

namespace Portcullis {

namespace {

const QRegularExpression& namePattern()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.-]{1,64}$"));
    return re;
}

} // namespace

AddServiceDialog::AddServiceDialog(const QStringList& existingNames, QWidget* parent)
    : QDialog(parent)
    , m_existingNames(existingNames)
{
    setObjectName(QStringLiteral("addServiceDialog"));
    setWindowTitle(tr("Add Service"));
    m_openApiLineEdit = new QLineEdit(this);
    m_openApiLineEdit->setObjectName(QStringLiteral("openApiLineEdit"));
    m_openApiLineEdit->setPlaceholderText(tr("OpenAPI 3 document (YAML or JSON)"));
    auto* browseButton = new QPushButton(tr("&Browse…"), this);
    browseButton->setObjectName(QStringLiteral("browseOpenApiButton"));
    m_nameLineEdit = new QLineEdit(this);
    m_nameLineEdit->setObjectName(QStringLiteral("serviceNameLineEdit"));
    m_baseUrlLineEdit = new QLineEdit(this);
    m_baseUrlLineEdit->setObjectName(QStringLiteral("baseUrlLineEdit"));
    m_baseUrlLineEdit->setPlaceholderText(tr("Default: the document's first server"));
    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("addServiceProblemLabel"));
    m_problemLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_problemLabel->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_openApiLineEdit, 1);
    fileRow->addWidget(browseButton);
    auto* form = new QFormLayout;
    auto* documentLabel = new QLabel(tr("&Document:"), this);
    documentLabel->setBuddy(m_openApiLineEdit);
    form->addRow(documentLabel, fileRow);
    form->addRow(tr("&Name:"), m_nameLineEdit);
    form->addRow(tr("Backend &URL:"), m_baseUrlLineEdit);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problemLabel);
    layout->addWidget(m_buttons);
    setMinimumWidth(520);

    connect(browseButton, &QPushButton::clicked, this, &AddServiceDialog::browse);
    connect(m_openApiLineEdit, &QLineEdit::textChanged, this, [this](const QString& text) { setOpenApiPath(text); });
    connect(m_nameLineEdit, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });
    connect(m_nameLineEdit, &QLineEdit::textChanged, this, &AddServiceDialog::validate);
    connect(m_baseUrlLineEdit, &QLineEdit::textChanged, this, &AddServiceDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

AddServiceDialog::~AddServiceDialog() = default;

QString AddServiceDialog::serviceName() const
{
    return m_nameLineEdit->text().trimmed();
}

QString AddServiceDialog::openApiPath() const
{
    return m_openApiLineEdit->text().trimmed();
}

QString AddServiceDialog::baseUrl() const
{
    return m_baseUrlLineEdit->text().trimmed();
}

void AddServiceDialog::setOpenApiPath(const QString& path)
{
    if (m_openApiLineEdit->text() != path)
        m_openApiLineEdit->setText(path);
    if (!m_nameEdited) {
        QString name = QFileInfo(path).completeBaseName();
        name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]+")), QStringLiteral("-"));
        m_nameLineEdit->setText(name.left(64));
    }
    validate();
}

void AddServiceDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("OpenAPI Document"), openApiPath(),
                                                      tr("OpenAPI documents (*.yaml *.yml *.json);;All files (*)"));
    if (!path.isEmpty())
        setOpenApiPath(path);
}

void AddServiceDialog::validate()
{
    QString problem;
    const QUrl url(baseUrl(), QUrl::StrictMode);
    if (openApiPath().isEmpty())
        problem = tr("Choose the OpenAPI document to expose.");
    else if (!QFileInfo(openApiPath()).isFile())
        problem = tr("The document does not exist.");
    else if (!namePattern().match(serviceName()).hasMatch())
        problem = tr("The name is the endpoint's path segment: 1-64 characters of A-Z a-z 0-9 _ . -");
    else if (m_existingNames.contains(serviceName()))
        problem = tr("Another service is already called \"%1\".").arg(serviceName());
    else if (!baseUrl().isEmpty()
             && (!url.isValid() || url.host().isEmpty()
                 || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))))
        problem = tr("The backend URL must be an absolute http(s) URL.");
    else if (!baseUrl().isEmpty() && !url.userInfo().isEmpty())
        problem = tr("The backend URL must not carry credentials; use a backend secret.");
    m_problemLabel->setText(problem);
    m_problemLabel->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace Portcullis
