// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecureDemoDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Portcullis {

SecureDemoDialog::SecureDemoDialog(const QString& guide, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("secureDemoDialog"));
    setWindowTitle(tr("Secure Demo"));
    auto* intro = new QLabel(tr("The secure demo is running on this computer only (127.0.0.1): OAuth 2 on the MCP "
                                "endpoint and an elicited backend token. The authorization server is for the demo "
                                "only. Try it with the MCP Inspector or the SDK:"),
                             this);
    intro->setObjectName(QStringLiteral("secureDemoIntroLabel"));
    intro->setWordWrap(true);
    m_guideText = new QPlainTextEdit(this);
    m_guideText->setObjectName(QStringLiteral("secureDemoGuideText"));
    m_guideText->setReadOnly(true);
    m_guideText->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_guideText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_guideText->setPlainText(guide);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("&Copy Guide"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copySecureDemoGuideButton"));
    connect(copy, &QPushButton::clicked, this, [this] {
        auto* data = new QMimeData;
        data->setText(m_guideText->toPlainText());
        // Clipboard managers skip entries marked like this (KDE, and the convention KeePassXC uses).
        data->setData(QStringLiteral("x-kde-passwordManagerHint"), QByteArrayLiteral("secret"));
        QApplication::clipboard()->setMimeData(data);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_guideText, 1);
    layout->addWidget(buttons);
    const QFontMetrics metrics(m_guideText->font());
    resize(qMin(metrics.horizontalAdvance(QLatin1Char('x')) * 124 + 48, 1240), 520);
}

QString SecureDemoDialog::guide() const
{
    return m_guideText->toPlainText();
}

} // namespace Portcullis
