-- For tests/bench/run.sh, the payments family (issue 10). Two modes from the
-- environment (secrets never go to a file):
--   BENCH_PAY_MODE=list      GET payment-accounts with BENCH_API_KEY and
--                            BENCH_TYLER_TOKEN;
--   BENCH_PAY_MODE=callback  POST toga-account, each request consuming its
--                            own pending transaction "B" .. 20 digits, from
--                            1 to BENCH_PAY_N (made by run.sh in SQL), the
--                            threads taking every nth one.
local mode = os.getenv("BENCH_PAY_MODE") or "list"
local counter = 0
local threads = {}

function setup(thread)
	counter = counter + 1
	thread:set("tid", counter)
	table.insert(threads, thread)
end

local function pct(s)
	return (s:gsub("[^%w%-%._~]", function(c)
		return string.format("%%%02X", string.byte(c))
	end))
end

local tid, nthreads, k, n

function init(args)
	tid = tonumber(wrk.thread:get("tid")) or 1
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
	local i = tid + k * nthreads
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
