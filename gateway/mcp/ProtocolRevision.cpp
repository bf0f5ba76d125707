// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProtocolRevision.h"

namespace Gateway::Protocol {

std::optional<ProtocolRevision> parse(const QString& text)
{
    if (text == QLatin1String("2025-03-26"))
        return ProtocolRevision::V2025_03_26;
    if (text == QLatin1String("2025-06-18"))
        return ProtocolRevision::V2025_06_18;
    if (text == QLatin1String("2025-11-25"))
        return ProtocolRevision::V2025_11_25;
    if (text == QLatin1String("2026-07-28"))
        return ProtocolRevision::V2026_07_28;
    return std::nullopt;
}

QString name(ProtocolRevision revision)
{
    switch (revision) {
    case ProtocolRevision::V2025_03_26: return QStringLiteral("2025-03-26");
    case ProtocolRevision::V2025_06_18: return QStringLiteral("2025-06-18");
    case ProtocolRevision::V2025_11_25: return QStringLiteral("2025-11-25");
    case ProtocolRevision::V2026_07_28: return QStringLiteral("2026-07-28");
    }
    return {};
}

QStringList legacyNames()
{
    return {QStringLiteral("2025-11-25"), QStringLiteral("2025-06-18"), QStringLiteral("2025-03-26")};
}

QStringList statelessNames()
{
    return {QStringLiteral("2026-07-28")};
}

QStringList allNames()
{
    return statelessNames() + legacyNames();
}

} // namespace Gateway::Protocol
