-- wrk script: catalogue search as the search box asks it (htmx partial), Chinese and
-- English queries in turn.
local queries = {
  "%E6%8A%80%E6%9C%AF%E8%BD%AC%E8%AE%A9", "technology+transfer", "%E5%A4%96%E7%B1%8D%E4%BA%BA%E6%89%8D",
  "work+permit", "%E7%A0%94%E5%8F%91%E8%B4%B9%E7%94%A8", "research+project+budget",
  "%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83%E8%B4%A8%E6%8A%BC", "innovation+voucher",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/search?q=" .. queries[(i % #queries) + 1], { ["HX-Request"] = "true" })
end
function done(summary, latency, requests)
  io.write(string.format("non-2xx answers: %d\n", summary.errors.status))
end
