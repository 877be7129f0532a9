-- wrk script: POST /api/eligibility with one applicant's facts (every measure of the
-- entity evaluated). The body file is ONESTOP_FACTS, default the enterprise sample.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local path = os.getenv("ONESTOP_FACTS") or "data/samples/enterprise.json"
local f = assert(io.open(path, "r"), "cannot open " .. path)
wrk.body = f:read("*a")
f:close()
wrk.path = "/api/eligibility"

-- wrk counts non-2xx/3xx answers itself; print them so a fast stream of errors is
-- never mistaken for throughput.
function done(summary, latency, requests)
  io.write(string.format("non-2xx answers: %d\n", summary.errors.status))
end
