// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrafficLogFilterModel.h"

#include "TrafficLogModel.h"

namespace Portcullis {

namespace {

QString canonicalField(const QString& field)
{
    if (field == QLatin1String("principal") || field == QLatin1String("user"))
        return QStringLiteral("person");
    if (field == QLatin1String("revision") || field == QLatin1String("protocol"))
        return QStringLiteral("rev");
    if (field == QLatin1String("rpc"))
        return QStringLiteral("method");
    return field;
}

bool isKnownField(const QString& field)
{
    static const QStringList known{QStringLiteral("service"), QStringLiteral("tool"),   QStringLiteral("person"),
                                   QStringLiteral("method"),  QStringLiteral("rev"),    QStringLiteral("session"),
                                   QStringLiteral("auth"),    QStringLiteral("reason"), QStringLiteral("status")};
    return known.contains(field);
}

} // namespace

TrafficLogFilterModel::TrafficLogFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
}

TrafficLogFilterModel::~TrafficLogFilterModel() = default;

void TrafficLogFilterModel::setSourceModel(QAbstractItemModel* sourceModel)
{
    m_logModel = qobject_cast<TrafficLogModel*>(sourceModel);
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

void TrafficLogFilterModel::changed()
{
    // invalidate() rebuilds the mapping in one pass (layoutChanged); invalidateFilter() removes
    // hidden rows range by range, which costs seconds on 100,000 rows when half of them go.
    invalidate();
    emit filterChanged();
}

QStringList TrafficLogFilterModel::plainWords() const
{
    QStringList words;
    for (const Term& term : m_terms) {
        if (term.field.isEmpty() && !term.negated)
            words << term.value;
    }
    return words;
}

bool TrafficLogFilterModel::isFiltering() const
{
    return !m_terms.isEmpty() || m_statusClass != StatusClass::Any || m_authOutcome != AuthOutcome::Any
        || !m_service.isEmpty() || !m_revision.isEmpty();
}

void TrafficLogFilterModel::setFilterText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    QList<Term> terms;
    for (QString word : text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        Term term;
        if (word.size() > 1 && word.startsWith(QLatin1Char('-'))) {
            term.negated = true;
            word.remove(0, 1);
        }
        const qsizetype colon = word.indexOf(QLatin1Char(':'));
        // "field:value" only for the fields above; anything else ("key:pk_demo", a URL) is a word.
        if (colon > 0 && colon + 1 < word.size()) {
            const QString field = canonicalField(word.left(colon).toLower());
            if (isKnownField(field)) {
                term.field = field;
                word = word.mid(colon + 1);
            }
        }
        term.value = word.toLower();
        terms << term;
    }
    const bool same = terms.size() == m_terms.size()
        && std::equal(terms.cbegin(), terms.cend(), m_terms.cbegin(), [](const Term& a, const Term& b) {
                          return a.field == b.field && a.value == b.value && a.negated == b.negated;
                      });
    if (same)
        return;
    m_terms = terms;
    m_bodyMatches.clear(); // they answered other words
    changed();
}

void TrafficLogFilterModel::setErrorsOnly(bool errorsOnly)
{
    setStatusClass(errorsOnly ? StatusClass::Errors : StatusClass::Any);
}

void TrafficLogFilterModel::setStatusClass(StatusClass statusClass)
{
    if (statusClass == m_statusClass)
        return;
    m_statusClass = statusClass;
    changed();
}

void TrafficLogFilterModel::setAuthOutcome(AuthOutcome outcome)
{
    if (outcome == m_authOutcome)
        return;
    m_authOutcome = outcome;
    changed();
}

void TrafficLogFilterModel::setServiceFilter(const QString& service)
{
    if (service == m_service)
        return;
    m_service = service;
    changed();
}

void TrafficLogFilterModel::setRevisionFilter(const QString& revision)
{
    if (revision == m_revision)
        return;
    m_revision = revision;
    changed();
}

void TrafficLogFilterModel::setBodySearchEnabled(bool enabled)
{
    if (enabled == m_bodySearch)
        return;
    m_bodySearch = enabled;
    m_bodyMatches.clear();
    changed();
}

void TrafficLogFilterModel::addBodyMatches(const QList<quint64>& eventIds)
{
    if (!m_bodySearch || eventIds.isEmpty())
        return;
    const qsizetype before = m_bodyMatches.size();
    for (quint64 id : eventIds)
        m_bodyMatches.insert(id);
    if (m_bodyMatches.size() != before)
        invalidate(); // more rows may show; the filter itself did not change
}

void TrafficLogFilterModel::clearBodyMatches()
{
    if (m_bodyMatches.isEmpty())
        return;
    m_bodyMatches.clear();
    invalidate();
}

bool TrafficLogFilterModel::statusMatches(const QString& value, const Gateway::TrafficEvent& event)
{
    if (value == QLatin1String("error") || value == QLatin1String("errors"))
        return TrafficLogModel::isError(event);
    // "4xx" / "4XX": a class; "404": a code (of the answer or of the backend).
    if (value.size() == 3 && value.endsWith(QLatin1String("xx")) && value.at(0).isDigit())
        return event.httpStatus / 100 == value.at(0).digitValue();
    bool ok = false;
    const int code = value.toInt(&ok);
    return ok && (event.httpStatus == code || event.backendStatus == code);
}

bool TrafficLogFilterModel::termMatches(const Term& term, const Gateway::TrafficEvent& event)
{
    const QString& v = term.value;
    const auto has = [&v](const QString& field) { return field.contains(v, Qt::CaseInsensitive); };
    if (term.field.isEmpty()) {
        return has(event.service) || has(event.tool) || has(event.rpcMethod) || has(event.httpMethod)
            || has(event.principal) || has(event.path) || has(event.detail);
    }
    if (term.field == QLatin1String("service"))
        return has(event.service);
    if (term.field == QLatin1String("tool"))
        return has(event.tool);
    if (term.field == QLatin1String("person"))
        return has(event.principal);
    if (term.field == QLatin1String("method"))
        return has(event.rpcMethod);
    if (term.field == QLatin1String("rev"))
        return has(event.protocolRevision);
    if (term.field == QLatin1String("session"))
        return has(event.session);
    if (term.field == QLatin1String("auth"))
        return event.authDecision.compare(v, Qt::CaseInsensitive) == 0;
    if (term.field == QLatin1String("reason"))
        return has(event.authReason);
    if (term.field == QLatin1String("status"))
        return statusMatches(v, event);
    return false;
}

bool TrafficLogFilterModel::statusClassMatches(const Gateway::TrafficEvent& event) const
{
    using Kind = Gateway::TrafficEvent::Kind;
    switch (m_statusClass) {
    case StatusClass::Any: return true;
    case StatusClass::Errors: return TrafficLogModel::isError(event);
    case StatusClass::Success: return event.httpStatus < 400 && !TrafficLogModel::isError(event);
    case StatusClass::ClientErrors: return event.httpStatus >= 400 && event.httpStatus < 500;
    case StatusClass::ServerErrors: return event.httpStatus >= 500;
    case StatusClass::ToolErrors: return event.toolError || event.rpcErrorCode != 0;
    case StatusClass::Rejected: return event.kind == Kind::Rejected || !event.overload.isEmpty();
    }
    return true;
}

bool TrafficLogFilterModel::authMatches(const Gateway::TrafficEvent& event) const
{
    switch (m_authOutcome) {
    case AuthOutcome::Any: return true;
    case AuthOutcome::Allowed: return event.authDecision == QLatin1String("allowed");
    case AuthOutcome::Denied: return event.authDecision == QLatin1String("denied");
    case AuthOutcome::Unguarded: return event.authDecision == QLatin1String("none");
    }
    return true;
}

bool TrafficLogFilterModel::accepts(const Gateway::TrafficEvent& event) const
{
    if (!statusClassMatches(event) || !authMatches(event))
        return false;
    if (!m_service.isEmpty() && event.service != m_service)
        return false;
    if (!m_revision.isEmpty() && event.protocolRevision != m_revision)
        return false;
    const bool bodyMatched = m_bodySearch && m_bodyMatches.contains(event.id);
    for (const Term& term : m_terms) {
        // A plain word found in the captured payloads counts as found (the search required every
        // plain word there); negated words and field terms always look at the event itself.
        if (term.field.isEmpty() && !term.negated && bodyMatched)
            continue;
        if (termMatches(term, event) == term.negated)
            return false;
    }
    return true;
}

bool TrafficLogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!m_logModel || sourceParent.isValid() || sourceRow < 0 || sourceRow >= m_logModel->rowCount())
        return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
    return accepts(m_logModel->eventAt(sourceRow));
}

} // namespace Portcullis

#include "moc_TrafficLogFilterModel.cpp"
