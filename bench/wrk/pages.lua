-- wrk script: the portal's public pages in turn, in several languages (server time of
-- a first render: every request is a fresh page, no cache on our side).
local paths = {
  "/?lang=zh-CN", "/?lang=en", "/?lang=ar",
  "/measures?lang=zh-CN", "/measures?lang=en", "/measures?lang=ar",
  "/measures/enterprise.tech-transfer-tax?lang=zh-CN",
  "/measures/talent.category-a-fast-track?lang=en",
  "/search?q=%E6%8A%80%E6%9C%AF%E8%BD%AC%E8%AE%A9&lang=zh-CN",
  "/search?q=technology+transfer&lang=en",
  "/tracker?lang=ru", "/interview/foreign-professional?lang=ar",
  "/verify?lang=es", "/analyst?lang=ko", "/login?lang=en",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
function done(summary, latency, requests)
  io.write(string.format("non-2xx answers: %d\n", summary.errors.status))
end
