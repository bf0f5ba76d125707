// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecretReference.h"

#include "SecretStore.h"

namespace Gateway {

namespace {

const QLatin1String KeychainPrefix("keychain:");
const QLatin1String EnvPrefix("${env:");
constexpr int MaxVariableNameLength = 256;

bool isVariableName(QStringView name)
{
    if (name.isEmpty() || name.size() > MaxVariableNameLength)
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t c = name.at(i).unicode();
        const bool letter = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || c == u'_';
        const bool digit = c >= u'0' && c <= u'9';
        if (!(letter || (digit && i > 0)))
            return false;
    }
    return true;
}

SecretReference invalid(const QString& error)
{
    SecretReference ref;
    ref.error = error;
    return ref;
}

} // namespace

SecretReference SecretReference::parse(const QString& text)
{
    if (text.startsWith(KeychainPrefix)) {
        const QString entry = text.mid(KeychainPrefix.size());
        if (entry.isEmpty())
            return invalid(QStringLiteral("the keychain reference names no entry (expected keychain:<entry>)"));
        if (entry.trimmed() != entry)
            return invalid(QStringLiteral("the keychain entry name starts or ends with white space"));
        const QString problem = SecretStore::keyProblem(entry);
        if (!problem.isEmpty())
            return invalid(problem);
        SecretReference ref;
        ref.kind = Kind::Keychain;
        ref.name = entry;
        return ref;
    }
    if (text.startsWith(EnvPrefix) && text.endsWith(QLatin1Char('}'))) {
        const QStringView name = QStringView(text).mid(EnvPrefix.size(), text.size() - EnvPrefix.size() - 1);
        if (!isVariableName(name)) {
            return invalid(QStringLiteral("invalid environment variable name in an ${env:...} reference "
                                          "(expected [A-Za-z_][A-Za-z0-9_]*)"));
        }
        SecretReference ref;
        ref.kind = Kind::Environment;
        ref.name = name.toString();
        return ref;
    }
    return invalid(QStringLiteral("not a secret reference (expected keychain:<entry> or ${env:NAME})"));
}

} // namespace Gateway
