// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace Gateway {

// The MCP revisions one endpoint serves. Legacy ones negotiate through initialize and sessions;
// 2026-07-28 is stateless (server/discover, _meta on every request).
enum class ProtocolRevision { V2025_03_26, V2025_06_18, V2025_11_25, V2026_07_28 };

namespace Protocol {

std::optional<ProtocolRevision> parse(const QString& text);
QString name(ProtocolRevision revision);
inline bool isLegacy(ProtocolRevision revision)
{
    return revision != ProtocolRevision::V2026_07_28;
}
// Newest first.
QStringList legacyNames();
QStringList allNames();
// The revisions served without initialize (listed by server/discover and by the -32022 error).
QStringList statelessNames();
constexpr ProtocolRevision latestLegacy = ProtocolRevision::V2025_11_25;
constexpr ProtocolRevision latest = ProtocolRevision::V2026_07_28;

} // namespace Protocol
} // namespace Gateway
