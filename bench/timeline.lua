-- wrk script: GET / (the parent timeline) rotating over signed-in parents, each with its own
-- school host name and cookies. BENCH_SESSIONS names a file of lines host<TAB>cookie header.
local sessions = {}
local next_index = 0

function init(args)
  for line in io.lines(os.getenv("BENCH_SESSIONS")) do
    local host, cookie = line:match("^([^\t]+)\t(.*)$")
    if host then
      sessions[#sessions + 1] = wrk.format("GET", "/", { ["Host"] = host, ["Cookie"] = cookie })
    end
  end
  next_index = math.random(#sessions) - 1
end

function request()
  next_index = next_index % #sessions + 1
  return sessions[next_index]
end
