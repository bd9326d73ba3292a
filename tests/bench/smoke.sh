#!/usr/bin/env bash
# make smoke: the smoke test shared-hosting operators run against a RUNNING
# Casegate. Apache Bench (ab) sends a few thousand requests to each read path
# below and the test fails on any non-2xx answer or any failed request; the
# requests per second are printed. Nothing is started or stopped here.
#
#   CASEGATE_URL       the service (default http://127.0.0.1:8080)
#   CASEGATE_TOKEN     a bearer token for the paths that need one, or
#   CASEGATE_USER +    an account to get one with POST /token
#   CASEGATE_PASSWORD
#   SMOKE_REQUESTS     requests per path (3000)
#   SMOKE_CONCURRENCY  concurrent requests (20)
#   SMOKE_KEEPALIVE=1  use HTTP keep-alive (ab -k)
#
# Without a token the paths that need one are skipped (and say so). They share
# the principal's rate limit (x-rate-limit-remaining): when the service allows
# fewer requests than asked for, fewer are sent and the line says so, so that
# a correct 429 never fails the smoke test. A response whose length differs
# from the first one's (ab's "Length" failures) is reported but is not a
# failure by itself, since a 2xx body may legitimately vary; a non-2xx one
# always is.
#
# Each family adds its read paths to the lists below.
set -euo pipefail

# Read paths that need no credentials.
PUBLIC_PATHS=(
	/health
)

# Read paths that need a bearer token.
AUTH_PATHS=(
	/users/me
)

URL=${CASEGATE_URL:-http://127.0.0.1:8080}
URL=${URL%/}
N=${SMOKE_REQUESTS:-3000}
C=${SMOKE_CONCURRENCY:-20}
KEEPALIVE=()
[[ ${SMOKE_KEEPALIVE:-0} == 1 ]] && KEEPALIVE=(-k)

[[ $N =~ ^[1-9][0-9]*$ && $C =~ ^[1-9][0-9]*$ ]] ||
	{ echo "smoke: SMOKE_REQUESTS and SMOKE_CONCURRENCY must be positive numbers" >&2; exit 2; }
[[ $URL =~ ^https?://[^/]+$ ]] ||
	{ echo "smoke: CASEGATE_URL must be scheme://host[:port], not '$URL'" >&2; exit 2; }
for tool in ab curl; do
	command -v "$tool" >/dev/null || { echo "smoke: $tool is missing (apt-get install apache2-utils curl)" >&2; exit 2; }
done

TMP=$(mktemp -d /tmp/cgsmoke.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

FAILED=0
SKIPPED=0
ROWS=()

row() { printf '%-28s %7s %5s %10s %8s %8s  %s\n' "$@"; }
result() { ROWS+=("$(row "$@")"); }

# probe PATH [curl args...]: one request; sets PROBE_STATUS, and PROBE_REMAINING
# to the x-rate-limit-remaining header ("" when the path is not limited).
probe() {
	local path=$1
	shift
	PROBE_STATUS=$(curl -sS -o "$TMP/probe.body" -D "$TMP/probe.head" -w '%{http_code}' \
		--max-time 10 "$@" "$URL$path" 2>"$TMP/probe.err") || PROBE_STATUS=000
	PROBE_REMAINING=$(tr -d '\r' <"$TMP/probe.head" 2>/dev/null |
		awk 'tolower($1) == "x-rate-limit-remaining:" { print $2 }' | tail -n 1)
}

# bench PATH N SHOWN [ab args...]: ab -n N against PATH; SHOWN is how the
# extra ab arguments are printed (secrets as $NAMES).
bench() {
	local path=$1 n=$2 shown=$3 out=$TMP/ab.out rc=0 rps p50 p99 failed nonok len other
	shift 3
	printf '\n$ ab %s-n %s -c %s %s%s\n' "${KEEPALIVE[*]:+${KEEPALIVE[*]} }" "$n" "$C" \
		"${shown:+$shown }" "$URL$path"
	ab "${KEEPALIVE[@]}" -q -s 30 -n "$n" -c "$C" "$@" "$URL$path" >"$out" 2>&1 || rc=$?
	grep -E '^(Complete|Failed) requests|^   \(Connect|^Non-2xx|^Requests per second|^ +(50|99)%' "$out" || true
	rps=$(awk '/^Requests per second:/ { print $4 }' "$out")
	p50=$(awk '$1 == "50%" { print $2 "ms" }' "$out")
	p99=$(awk '$1 == "99%" { print $2 "ms" }' "$out")
	failed=$(awk '/^Failed requests:/ { print $3 }' "$out")
	nonok=$(awk '/^Non-2xx responses:/ { print $3 }' "$out")
	len=$(sed -n 's/.*Length: \([0-9]*\).*/\1/p' "$out")
	other=$(awk -F'[ ,:()]+' '/^   \(Connect/ { print $3 + $5 + $9 }' "$out")
	if ((rc != 0)) || [[ -z $rps ]]; then
		tail -n 5 "$out"
		FAILED=1
		result "$path" "$n" "$C" "${rps:--}" "${p50:--}" "${p99:--}" "FAIL (ab exited $rc)"
	elif [[ -n $nonok && $nonok != 0 ]]; then
		FAILED=1
		result "$path" "$n" "$C" "$rps" "$p50" "$p99" "FAIL ($nonok non-2xx)"
	elif [[ ${other:-0} != 0 ]]; then
		FAILED=1
		result "$path" "$n" "$C" "$rps" "$p50" "$p99" "FAIL ($failed failed requests)"
	elif ! grep -q "^Complete requests: *$n\$" "$out"; then
		FAILED=1
		result "$path" "$n" "$C" "$rps" "$p50" "$p99" "FAIL (not all $n completed)"
	elif [[ ${failed:-0} != 0 ]]; then
		result "$path" "$n" "$C" "$rps" "$p50" "$p99" "ok (${len:-$failed} bodies of another length)"
	else
		result "$path" "$n" "$C" "$rps" "$p50" "$p99" ok
	fi
}

echo "== Casegate smoke test: $URL, $N requests per path, $C at a time"

for path in "${PUBLIC_PATHS[@]}"; do
	probe "$path"
	if [[ $PROBE_STATUS != 2?? ]]; then
		printf '\n%s: %s %s\n' "$path" "$PROBE_STATUS" "$(head -c 200 "$TMP/probe.body" 2>/dev/null; cat "$TMP/probe.err")"
		FAILED=1
		result "$path" - - - - - "FAIL (probe answered $PROBE_STATUS)"
		continue
	fi
	bench "$path" "$N" ""
done

# A token for the paths that need one: given, or from POST /token.
TOKEN=${CASEGATE_TOKEN:-}
NO_TOKEN_WHY="no CASEGATE_TOKEN or CASEGATE_USER+CASEGATE_PASSWORD"
TOKEN_SHOWN=\$CASEGATE_TOKEN
if [[ -z $TOKEN && -n ${CASEGATE_USER:-} && -n ${CASEGATE_PASSWORD:-} ]]; then
	# The password goes through a 0600 file, never the command line.
	(umask 077 && printf '%s' "$CASEGATE_PASSWORD" >"$TMP/pw")
	printf '\n$ curl -X POST %s/token --data-urlencode username=%s --data-urlencode password@FILE\n' \
		"$URL" "$CASEGATE_USER"
	status=$(curl -sS -o "$TMP/token.json" -w '%{http_code}' --max-time 15 -X POST \
		--data-urlencode "grant_type=password" --data-urlencode "username=$CASEGATE_USER" \
		--data-urlencode "password@$TMP/pw" "$URL/token" 2>"$TMP/token.err") || status=000
	rm -f "$TMP/pw"
	TOKEN=$(sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p' "$TMP/token.json" 2>/dev/null || true)
	if [[ $status != 2?? || -z $TOKEN ]]; then
		echo "POST /token for $CASEGATE_USER answered $status $(head -c 200 "$TMP/token.json" 2>/dev/null; cat "$TMP/token.err")"
		FAILED=1
		TOKEN=""
		result "POST /token" - - - - - "FAIL (login answered $status)"
		NO_TOKEN_WHY="login failed"
	fi
	TOKEN_SHOWN=\$TOKEN
fi

left=${#AUTH_PATHS[@]}
for path in "${AUTH_PATHS[@]}"; do
	if [[ -z $TOKEN ]]; then
		result "$path" - - - - - "skipped ($NO_TOKEN_WHY)"
		SKIPPED=$((SKIPPED + 1))
		left=$((left - 1))
		continue
	fi
	probe "$path" -H "Authorization: Bearer $TOKEN"
	if [[ $PROBE_STATUS == 429 ]]; then
		result "$path" - - - - - "skipped (rate limit reached; try again later)"
		SKIPPED=$((SKIPPED + 1))
		left=$((left - 1))
		continue
	fi
	if [[ $PROBE_STATUS != 2?? ]]; then
		printf '\n%s: %s %s\n' "$path" "$PROBE_STATUS" "$(head -c 200 "$TMP/probe.body" 2>/dev/null; cat "$TMP/probe.err")"
		FAILED=1
		result "$path" - - - - - "FAIL (probe answered $PROBE_STATUS)"
		left=$((left - 1))
		continue
	fi
	n=$N
	# The paths left share what the principal's rate limit still allows.
	if [[ $PROBE_REMAINING =~ ^[0-9]+$ ]]; then
		share=$((PROBE_REMAINING / left))
		if ((share < n)); then
			n=$share
			printf '\n%s: the rate limit allows %s more requests (x-rate-limit-remaining); sending %s\n' \
				"$path" "$PROBE_REMAINING" "$n"
		fi
	fi
	left=$((left - 1))
	if ((n < 1)); then
		result "$path" - - - - - "skipped (rate limit reached; try again later)"
		SKIPPED=$((SKIPPED + 1))
		continue
	fi
	bench "$path" "$n" "-H \"Authorization: Bearer $TOKEN_SHOWN\"" -H "Authorization: Bearer $TOKEN"
done

echo
echo "== smoke test results ($URL)"
row path requests conc "req/s" p50 p99 result
printf '%s\n' "${ROWS[@]}"
if ((FAILED)); then
	echo "smoke test FAILED"
	exit 1
fi
if ((SKIPPED)); then
	echo "smoke test passed ($SKIPPED path(s) skipped)"
else
	echo "smoke test passed"
fi
