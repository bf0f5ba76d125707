// SPDX-License-Identifier: GPL-3.0-or-later
// The parser of backend answers: any backend, or anything on the path to an http backend, controls
// these bytes. Besides "no crash, no undefined behaviour": a completed body never exceeds the cap,
// and two completed parses of the same bytes, whatever the slicing, agree.
//
// Input: byte 0 picks HEAD or not, the caps (default or tight) and the slice length of the second
// pass; the rest is what the backend sends before closing the connection.
#include "FuzzSupport.h"

#include "backend/HttpResponseParser.h"

using Gateway::HttpResponseParser;

FUZZ_INIT

namespace {

struct Outcome
{
    HttpResponseParser::State state;
    int status;
    QByteArray body;
    bool tooLarge;
};

Outcome run(const QByteArray& stream, qint64 maxHead, qint64 maxBody, bool head, qsizetype slice)
{
    HttpResponseParser parser(maxHead, maxBody, head);
    for (qsizetype pos = 0; pos < stream.size(); pos += slice) {
        const auto state = parser.feed(stream.mid(pos, slice));
        if (state == HttpResponseParser::State::Complete || state == HttpResponseParser::State::Error)
            break;
    }
    parser.finishOnClose();
    FUZZ_CHECK(parser.state() == HttpResponseParser::State::Complete
               || parser.state() == HttpResponseParser::State::Error);
    if (parser.state() == HttpResponseParser::State::Complete)
        FUZZ_CHECK(parser.body.size() <= maxBody);
    else
        FUZZ_CHECK(parser.error() != nullptr && *parser.error() != '\0');
    return {parser.state(), parser.status, parser.body, parser.tooLarge()};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    const uint8_t control = data[0];
    const QByteArray stream = FuzzSupport::bytes(data + 1, size - 1);
    const bool head = control & 0x01;
    const bool tight = control & 0x02;
    const qint64 maxHead = tight ? 128 : 64 * 1024;
    const qint64 maxBody = tight ? 64 : 1024 * 1024;
    const qsizetype slice = (control >> 2) % 13 + 1;

    const Outcome whole = run(stream, maxHead, maxBody, head, qMax<qsizetype>(stream.size(), 1));
    const Outcome sliced = run(stream, maxHead, maxBody, head, slice);
    // Near the head cap the verdict may depend on where a read ends (a terminator split across
    // reads); two completed answers must agree.
    if (whole.state == HttpResponseParser::State::Complete && sliced.state == HttpResponseParser::State::Complete) {
        FUZZ_CHECK(whole.status == sliced.status);
        FUZZ_CHECK(whole.body == sliced.body);
    }
    return 0;
}
