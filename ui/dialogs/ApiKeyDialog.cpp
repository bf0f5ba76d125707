// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiKeyDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Portcullis {

ApiKeyDialog::ApiKeyDialog(const QString& service, const QString& key, const QString& keyId, QWidget* parent)
    : QDialog(parent)
    , m_key(key)
{
    setObjectName(QStringLiteral("apiKeyDialog"));
    setWindowTitle(tr("New API Key"));
    auto* intro = new QLabel(tr("The new API key of service \"%1\" (%2). It is shown only now: copy it to the "
                                "client. The workspace keeps only its hash; save the workspace to activate it, "
                                "which revokes the previous key.")
                                 .arg(service, keyId),
                             this);
    intro->setWordWrap(true);
    m_keyLineEdit = new QLineEdit(key, this);
    m_keyLineEdit->setObjectName(QStringLiteral("apiKeyLineEdit"));
    m_keyLineEdit->setReadOnly(true);
    m_keyLineEdit->setMinimumWidth(m_keyLineEdit->fontMetrics().horizontalAdvance(key) + 24);
    m_copyButton = new QPushButton(tr("&Copy"), this);
    m_copyButton->setObjectName(QStringLiteral("copyApiKeyButton"));
    auto* header = new QLabel(tr("Send it in the header <code>x-reshapr-key</code>. A copy is cleared from the "
                                 "clipboard after %1 seconds.")
                                  .arg(ClipboardClearMs / 1000),
                              this);
    header->setWordWrap(true);
    connect(m_copyButton, &QPushButton::clicked, this, [this] {
        copySecret(m_key);
        m_copyButton->setText(tr("Copied"));
    });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* row = new QHBoxLayout;
    row->addWidget(m_keyLineEdit, 1);
    row->addWidget(m_copyButton);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(row);
    layout->addWidget(header);
    layout->addWidget(buttons);
}

ApiKeyDialog::~ApiKeyDialog()
{
    m_key.fill(QLatin1Char('\0'));
    m_keyLineEdit->clear();
}

void ApiKeyDialog::copySecret(const QString& text, int clearAfterMs)
{
    QClipboard* clipboard = QGuiApplication::clipboard();
    auto* mime = new QMimeData;
    mime->setText(text);
    // Clipboard managers (KDE Klipper and others) do not keep entries marked this way.
    mime->setData(QStringLiteral("x-kde-passwordManagerHint"), QByteArrayLiteral("secret"));
    clipboard->setMimeData(mime);
    QPointer<QClipboard> guard(clipboard);
    QTimer::singleShot(clearAfterMs, clipboard, [guard, text] {
        if (guard && guard->text() == text)
            guard->clear();
    });
}

} // namespace Portcullis
