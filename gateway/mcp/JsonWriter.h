// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace Gateway::JsonWriter {

// Appends `utf8` (valid UTF-8) as a JSON string literal, escaping quotes, backslashes and control
// characters. Used on the tools/call hot path so a backend body is copied once instead of being
// parsed into QJsonValues and serialized again.
void appendString(QByteArray& out, const QByteArray& utf8);
// Any JSON value (ids, small objects) through QJsonDocument.
void appendValue(QByteArray& out, const QJsonValue& value);
// Replaces invalid UTF-8 sequences with U+FFFD.
QByteArray validUtf8(const QByteArray& bytes);

} // namespace Gateway::JsonWriter
