// SPDX-License-Identifier: GPL-3.0-or-later
#include "FilterLineEdit.h"

#include <QKeyEvent>

namespace Portcullis {

FilterLineEdit::FilterLineEdit(QWidget* parent)
    : QLineEdit(parent)
{
    setClearButtonEnabled(true);
    connect(this, &QLineEdit::textChanged, this, &FilterLineEdit::updateState);
}

FilterLineEdit::~FilterLineEdit() = default;

void FilterLineEdit::keyPressEvent(QKeyEvent* event)
{
    // Escape clears the filter, like the clear button.
    if (event->key() == Qt::Key_Escape && !text().isEmpty()) {
        clear();
        event->accept();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

void FilterLineEdit::updateState()
{
    const State state = text().isEmpty() ? State::Empty : State::Valid;
    if (state == m_state)
        return;
    m_state = state;
    // A translucent tint reads on light and dark palettes alike.
    setStyleSheet(m_state == State::Valid ? QStringLiteral("QLineEdit { background-color: rgba(46, 160, 67, 48); }")
                                          : QString());
    emit stateChanged(m_state);
}

} // namespace Portcullis

#include "moc_FilterLineEdit.cpp"
