// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP/1.1 request framer that sees every client byte before QHttpServer. Besides "no crash,
// no undefined behaviour", it checks the framer's own promise: whatever the slicing of the stream,
// it reaches the same verdict (same error, same number of requests, same consumed offset).
//
// Input: byte 0 picks the limits (default or tight) and the slice length of the second pass;
// the rest is the client's byte stream.
#include "FuzzSupport.h"

#include "http/HttpFramer.h"

using Gateway::HttpFramer;
using Gateway::HttpLimits;

FUZZ_INIT

namespace {

struct Verdict
{
    bool error;
    int status;
    quint64 completed;
    qint64 offset;
    HttpFramer::Phase phase;
    qint64 requestStart;
};

Verdict run(const HttpLimits& limits, const char* data, qint64 size, qint64 slice)
{
    HttpFramer framer(limits);
    qint64 pos = 0;
    while (pos < size && !framer.hasError()) {
        const qint64 n = qMin(slice, size - pos);
        const qint64 used = framer.feed(data + pos, n);
        FUZZ_CHECK(used >= 0 && used <= n);
        FUZZ_CHECK(framer.offset() <= size);
        if (framer.hasError()) {
            const int s = framer.errorStatus();
            FUZZ_CHECK(s == 400 || s == 413 || s == 414 || s == 431 || s == 501 || s == 505);
            FUZZ_CHECK(framer.errorReason() != nullptr && *framer.errorReason() != '\0');
            FUZZ_CHECK(framer.feed(data, size) == 0); // once failed, input is ignored
        }
        pos += used;
        if (used < n && !framer.hasError()) {
            // The framer may stop at the end of a request; it must make progress on the next call.
            const qint64 again = framer.feed(data + pos, size - pos > slice ? slice : size - pos);
            FUZZ_CHECK(again > 0 || framer.hasError());
            pos += again;
        }
    }
    return {framer.hasError(), framer.errorStatus(), framer.completedRequests(),
            framer.offset(),   framer.phase(),       framer.requestStart()};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    const uint8_t control = data[0];
    const char* stream = reinterpret_cast<const char*>(data + 1);
    const auto length = qint64(size - 1);

    HttpLimits limits;
    if (control & 0x80) {
        // Tight limits make every cap reachable with short inputs.
        limits.maxHeaderBytes = 256;
        limits.maxRequestLineBytes = 64;
        limits.maxHeaderFields = 4;
        limits.maxHeaderFieldBytes = 48;
        limits.maxBodyBytes = 32;
    }
    const qint64 slice = (control & 0x7f) % 17 + 1;

    const Verdict whole = run(limits, stream, length, qMax<qint64>(length, 1));
    const Verdict sliced = run(limits, stream, length, slice);
    FUZZ_CHECK(whole.error == sliced.error);
    FUZZ_CHECK(whole.status == sliced.status);
    FUZZ_CHECK(whole.completed == sliced.completed);
    FUZZ_CHECK(whole.offset == sliced.offset);
    FUZZ_CHECK(whole.phase == sliced.phase);
    FUZZ_CHECK(whole.requestStart == sliced.requestStart);
    return 0;
}
