-- For tests/bench/run.sh, the payments family (issue 10). Two modes from the
-- environment (secrets never go to a file):
--   BENCH_PAY_MODE=list      GET payment-accounts with BENCH_API_KEY and
--                            BENCH_TYLER_TOKEN;
--   BENCH_PAY_MODE=callback  POST toga-account, each request consuming its
--                            own pending transaction "B" .. 20 digits, from
--                            1 to BENCH_PAY_N (made by run.sh in SQL), the
--                            threads taking every nth one; BENCH_PAY_STATE
--                            names a file holding where the next wrk run
--                            starts (the warm-up and the run use their own).
local mode = os.getenv("BENCH_PAY_MODE") or "list"
local counter = 0
local threads = {}

local state = os.getenv("BENCH_PAY_STATE")

local function base_now()
	local f = state and io.open(state, "r")
	if not f then
		return 0
	end
	local v = tonumber(f:read("*l") or "0") or 0
	f:close()
	return v
end

function setup(thread)
	counter = counter + 1
	thread:set("tid", counter)
	thread:set("base", base_now())
	table.insert(threads, thread)
end

-- The next run starts past every id this one may have sent.
function done(summary, latency, requests)
	if state then
		local f = io.open(state, "w")
		f:write(tostring(base_now() + 2 * summary.requests + 4096) .. "\n")
		f:close()
	end
end

local function pct(s)
	return (s:gsub("[^%w%-%._~]", function(c)
		return string.format("%%%02X", string.byte(c))
	end))
end

local tid, nthreads, k, n, base

function init(args)
	tid = tonumber(wrk.thread:get("tid")) or 1
	base = tonumber(wrk.thread:get("base")) or 0
	nthreads = 2
	k = 0
	n = tonumber(os.getenv("BENCH_PAY_N") or "0")
	if mode == "list" then
		wrk.method = "GET"
		wrk.headers["X-API-KEY"] = os.getenv("BENCH_API_KEY")
		wrk.headers["TYLER-TOKEN-ILLINOIS"] = os.getenv("BENCH_TYLER_TOKEN")
	end
end

function request()
	if mode == "list" then
		return wrk.request()
	end
	local i = base + tid + k * nthreads
	k = k + 1
	if i > n then
		i = n	-- ran out: the rest are 404s, which run.sh reports
	end
	local id = string.format("B%020d", i)
	local xml = "<PaymentResponse><ClientKey>local</ClientKey><TransactionID>" .. id ..
		"</TransactionID><Amount>-1</Amount><ReferenceNumber>" .. i ..
		"</ReferenceNumber><PayorToken>tok" .. i .. "</PayorToken><PayorName>Ada Lovelace" ..
		"</PayorName><TenderDescription>VISA ************1111</TenderDescription>" ..
		"<ExpirationMonth>12</ExpirationMonth><ExpirationYear>2031</ExpirationYear>" ..
		"<PaymentTimestamp>2026-12-02T00:00:00Z</PaymentTimestamp></PaymentResponse>"
	return wrk.format("POST", nil,
		{ ["Content-Type"] = "application/x-www-form-urlencoded" },
		"ResponseXML=" .. pct(xml))
end
