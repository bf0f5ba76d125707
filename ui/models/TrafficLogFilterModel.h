// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointer>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QStringList>

namespace Gateway {
struct TrafficEvent;
}

namespace Portcullis {

class TrafficLogModel;

// Filters a TrafficLogModel (qBittorrent's LogFilterModel, with a little of Wireshark's display
// filter). Every condition must hold:
//   - free text, split on whitespace; every term must match, case-insensitively:
//       word          in the service, tool, RPC or HTTP method, person, path or detail;
//       field:value   in one field: service, tool, person (alias principal), method (RPC method),
//                     rev (alias revision), session, auth (allowed, denied, none), reason (auth
//                     reason), status (a code such as 404, a class such as 4xx, or error);
//       -term         negates a term (either form);
//     with body search on (setBodyMatches), a plain word also matches an event whose captured
//     payloads contain every plain word (the gateway searches them; see TrafficLogPage);
//   - the status class, the auth outcome, the protocol revision and the service chosen.
class TrafficLogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class StatusClass {
        Any,
        Errors, // TrafficLogModel::isError: HTTP 4xx/5xx, JSON-RPC errors, tool errors, rejections
        Success, // 2xx/3xx and not an error
        ClientErrors, // HTTP 4xx
        ServerErrors, // HTTP 5xx
        ToolErrors, // CallToolResult.isError or a JSON-RPC error inside a 200
        Rejected, // refused before any MCP work: endpoint auth, rate limit, overload, bad request
    };
    Q_ENUM(StatusClass)
    enum class AuthOutcome { Any, Allowed, Denied, Unguarded };
    Q_ENUM(AuthOutcome)

    explicit TrafficLogFilterModel(QObject* parent = nullptr);
    ~TrafficLogFilterModel() override;

    void setSourceModel(QAbstractItemModel* sourceModel) override;

    QString filterText() const { return m_text; }
    bool errorsOnly() const { return m_statusClass == StatusClass::Errors; }
    StatusClass statusClass() const { return m_statusClass; }
    AuthOutcome authOutcome() const { return m_authOutcome; }
    QString serviceFilter() const { return m_service; }
    QString revisionFilter() const { return m_revision; }
    // The plain words of the free text (what a body search looks for), lower-cased.
    QStringList plainWords() const;
    bool bodySearchEnabled() const { return m_bodySearch; }

    // True when some filter hides rows (used to show "n of m").
    bool isFiltering() const;

    // Whether `event` passes every filter, body matches included (also used by tests).
    bool accepts(const Gateway::TrafficEvent& event) const;

public slots:
    void setFilterText(const QString& text);
    void setErrorsOnly(bool errorsOnly); // StatusClass::Errors, or Any
    void setStatusClass(Portcullis::TrafficLogFilterModel::StatusClass statusClass);
    void setAuthOutcome(Portcullis::TrafficLogFilterModel::AuthOutcome outcome);
    void setServiceFilter(const QString& service); // "" shows every service
    void setRevisionFilter(const QString& revision); // "" shows every revision
    // Body search: plain words also match events whose ids are in the body matches. Turning it on
    // or off, or changing the words, forgets the matches (the caller searches again).
    void setBodySearchEnabled(bool enabled);
    void addBodyMatches(const QList<quint64>& eventIds);
    void clearBodyMatches();

signals:
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    struct Term
    {
        QString field; // "" for a plain word
        QString value; // lower-cased for fields matched case-insensitively
        bool negated = false;
    };
    static bool termMatches(const Term& term, const Gateway::TrafficEvent& event);
    static bool statusMatches(const QString& value, const Gateway::TrafficEvent& event);
    bool statusClassMatches(const Gateway::TrafficEvent& event) const;
    bool authMatches(const Gateway::TrafficEvent& event) const;
    void changed();

    QPointer<TrafficLogModel> m_logModel;
    QString m_text;
    QList<Term> m_terms;
    StatusClass m_statusClass = StatusClass::Any;
    AuthOutcome m_authOutcome = AuthOutcome::Any;
    QString m_service;
    QString m_revision;
    bool m_bodySearch = false;
    QSet<quint64> m_bodyMatches;
};

} // namespace Portcullis
