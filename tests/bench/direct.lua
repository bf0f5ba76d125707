-- wrk script: the same backend operation the gateway benchmark calls, sent to the backend directly.
wrk.method = "GET"
wrk.path = "/v1/forecast?city=Lisbon&days=3"
wrk.headers["Accept"] = "application/json"
function done(summary, latency, requests)
  io.write(string.format("BENCH rps=%.0f p50us=%d p99us=%d requests=%d errors=%d bad=0\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout))
end
