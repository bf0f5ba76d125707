// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace Portcullis {

// Shows a new API key once, with a copy button. The copy is marked as a secret for clipboard
// managers and cleared after ClipboardClearMs unless something else was copied meanwhile.
// Afterwards only the key's id is ever shown.
class ApiKeyDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int ClipboardClearMs = 30000;

    ApiKeyDialog(const QString& service, const QString& key, const QString& keyId, QWidget* parent = nullptr);
    ~ApiKeyDialog() override;

    static void copySecret(const QString& text, int clearAfterMs = ClipboardClearMs);

private:
    QString m_key;
    QLineEdit* m_keyLineEdit;
    QPushButton* m_copyButton;
};

} // namespace Portcullis
