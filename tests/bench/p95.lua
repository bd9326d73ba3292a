-- For tests/bench/run.sh: with wrk --latency, adds a line "p95: <latency>"
-- (wrk prints 50/75/90/99 only), in wrk's own units.
done = function(summary, latency, requests)
	local us = latency:percentile(95)
	if us >= 1000000 then
		io.write(string.format("p95: %.2fs\n", us / 1000000))
	elseif us >= 1000 then
		io.write(string.format("p95: %.2fms\n", us / 1000))
	else
		io.write(string.format("p95: %.2fus\n", us))
	end
end
