// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Gateway {

// A secret reference as written in the workspace: the whole string is exactly one of
//   keychain:<entry>   an OS keychain entry (non-empty, at most 256 characters, no control characters)
//   ${env:NAME}        a process environment variable, NAME matching [A-Za-z_][A-Za-z0-9_]*
// Anything else is invalid. Errors never quote the input: a malformed reference is often a secret
// pasted where its reference belongs.
struct SecretReference
{
    enum class Kind { Invalid, Keychain, Environment };

    Kind kind = Kind::Invalid;
    QString name; // keychain entry or variable name; empty when invalid
    QString error; // why it is invalid

    bool isValid() const { return kind != Kind::Invalid; }

    static SecretReference parse(const QString& text);
    static QString keychain(const QString& entry) { return QStringLiteral("keychain:") + entry; }
    static QString environment(const QString& name) { return QStringLiteral("${env:") + name + QLatin1Char('}'); }
};

} // namespace Gateway
