// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecretRedactor.h"

#include <QList>

#include <algorithm>

namespace Gateway {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The code unit of "\uXXXX" at `at` (which points at the backslash), or -1.
int escapedUnit(const QByteArray& raw, qsizetype at)
{
    if (at + 6 > raw.size() || raw.at(at + 1) != 'u')
        return -1;
    int unit = 0;
    for (int i = 2; i < 6; ++i) {
        const int d = hexValue(raw.at(at + i));
        if (d < 0)
            return -1;
        unit = unit * 16 + d;
    }
    return unit;
}

void appendUtf8(QByteArray& out, uint codePoint)
{
    if (codePoint < 0x80) {
        out += char(codePoint);
    } else if (codePoint < 0x800) {
        out += char(0xC0 | (codePoint >> 6));
        out += char(0x80 | (codePoint & 0x3F));
    } else if (codePoint < 0x10000) {
        out += char(0xE0 | (codePoint >> 12));
        out += char(0x80 | ((codePoint >> 6) & 0x3F));
        out += char(0x80 | (codePoint & 0x3F));
    } else {
        out += char(0xF0 | (codePoint >> 18));
        out += char(0x80 | ((codePoint >> 12) & 0x3F));
        out += char(0x80 | ((codePoint >> 6) & 0x3F));
        out += char(0x80 | (codePoint & 0x3F));
    }
}

// The text with JSON escapes decoded; spans[i] is the raw [begin, end) that decoded byte i came from.
struct DecodedView
{
    QByteArray text;
    QList<QPair<qsizetype, qsizetype>> spans;
};

DecodedView decode(const QByteArray& raw)
{
    DecodedView view;
    view.text.reserve(raw.size());
    view.spans.reserve(raw.size());
    auto push = [&view](const QByteArray& bytes, qsizetype begin, qsizetype end) {
        for (const char b : bytes) {
            view.text += b;
            view.spans.append({begin, end});
        }
    };
    qsizetype i = 0;
    while (i < raw.size()) {
        const char c = raw.at(i);
        if (c != '\\' || i + 1 >= raw.size()) {
            push(QByteArray(1, c), i, i + 1);
            ++i;
            continue;
        }
        const char e = raw.at(i + 1);
        const char* simple = nullptr;
        switch (e) {
        case '/': simple = "/"; break;
        case '"': simple = "\""; break;
        case '\\': simple = "\\"; break;
        case 'b': simple = "\b"; break;
        case 'f': simple = "\f"; break;
        case 'n': simple = "\n"; break;
        case 'r': simple = "\r"; break;
        case 't': simple = "\t"; break;
        default: break;
        }
        if (simple) {
            push(QByteArray(simple), i, i + 2);
            i += 2;
            continue;
        }
        const int unit = escapedUnit(raw, i);
        if (unit < 0) {
            push(QByteArray(1, c), i, i + 1);
            ++i;
            continue;
        }
        if (unit >= 0xD800 && unit <= 0xDBFF && i + 12 <= raw.size() && raw.at(i + 6) == '\\') {
            const int low = escapedUnit(raw, i + 6);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                QByteArray bytes;
                appendUtf8(bytes, 0x10000 + ((uint(unit) - 0xD800) << 10) + (uint(low) - 0xDC00));
                push(bytes, i, i + 12);
                i += 12;
                continue;
            }
        }
        QByteArray bytes;
        appendUtf8(bytes, uint(unit));
        push(bytes, i, i + 6);
        i += 6;
    }
    return view;
}

} // namespace

void SecretRedactor::addSecret(const QByteArray& value)
{
    if (value.size() >= 4 && !m_needles.contains(value))
        m_needles.append(value);
}

void SecretRedactor::addHeaders(const HttpHeaders& headers)
{
    for (const auto& h : headers) {
        const QByteArray& value = h.second;
        addSecret(value);
        const qsizetype space = value.indexOf(' ');
        if (space <= 0)
            continue;
        const QByteArray scheme = value.left(space).toLower();
        const QByteArray rest = value.mid(space + 1);
        addSecret(rest);
        if (scheme == "basic") {
            const QByteArray pair = QByteArray::fromBase64(rest);
            addSecret(pair);
            addSecret(pair.mid(pair.indexOf(':') + 1));
        }
    }
}

bool SecretRedactor::redact(QByteArray& text) const
{
    if (m_needles.isEmpty() || text.isEmpty())
        return false;
    const bool escaped = text.contains('\\');
    const DecodedView view = escaped ? decode(text) : DecodedView{};
    const QByteArray& haystack = escaped ? view.text : text;
    QList<QPair<qsizetype, qsizetype>> hits; // raw [begin, end)
    for (const QByteArray& needle : m_needles) {
        for (qsizetype at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
            if (escaped)
                hits.append({view.spans.at(at).first, view.spans.at(at + needle.size() - 1).second});
            else
                hits.append({at, at + needle.size()});
        }
    }
    if (hits.isEmpty())
        return false;
    std::sort(hits.begin(), hits.end());
    QByteArray out;
    out.reserve(text.size());
    qsizetype copied = 0;
    qsizetype i = 0;
    while (i < hits.size()) {
        qsizetype begin = hits.at(i).first;
        qsizetype end = hits.at(i).second;
        for (++i; i < hits.size() && hits.at(i).first < end; ++i)
            end = std::max(end, hits.at(i).second);
        begin = std::max(begin, copied);
        out.append(text.constData() + copied, begin - copied);
        out.append(Marker);
        copied = end;
    }
    out.append(text.constData() + copied, text.size() - copied);
    text = std::move(out);
    return true;
}

} // namespace Gateway
