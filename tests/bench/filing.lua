-- For tests/bench/run.sh: one filing endpoint (filing/fees, filing/check or
-- submit), POST with a JSON payload. Everything comes from the environment so
-- that no secret is ever written to a file: BENCH_FILING_BODY (the path of
-- the payload file), BENCH_API_KEY (X-API-KEY), BENCH_TYLER_TOKEN
-- (TYLER-TOKEN-ILLINOIS).
local function need(name)
	local v = os.getenv(name)
	if v == nil or v == "" then
		error("filing.lua: " .. name .. " is not set")
	end
	return v
end

local f = assert(io.open(need("BENCH_FILING_BODY"), "rb"))
local body = f:read("*a")
f:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-KEY"] = need("BENCH_API_KEY")
wrk.headers["TYLER-TOKEN-ILLINOIS"] = need("BENCH_TYLER_TOKEN")
