#!/usr/bin/env bash
# make test: the unit suites, then a private stack (MariaDB, worker pools,
# nginx) in a throwaway folder on a port of its own, every HTTP suite against
# it, a scan of the logs for secrets, then everything stopped. Prints one
# closing line "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail

HOME_DIR=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
OUT=$HOME_DIR/tests/out
TMP=$(mktemp -d /tmp/cgt.XXXXXX)
STACK=$HOME_DIR/src/tools/stack.sh
mkdir -p "$OUT"
# Results go to the run's own folder first, so runs side by side never mix.
RESULTS=$TMP/results.log
: >"$RESULTS"

free_port() {
	local p
	# Below the kernel's ephemeral range (32768+), where client sockets may hold a
	# port that a connect test cannot see.
	for p in $(shuf -i 20000-32000 -n 50); do
		(exec 3<>/dev/tcp/127.0.0.1/"$p") 2>/dev/null || { echo "$p"; return; }
	done
	echo 28080
}

export CASEGATE_HOME=$HOME_DIR
export CASEGATE_VAR=$TMP/var
export PORT=$(free_port)
export CASEGATE_ADMIN_PASSWORD=adm-$(openssl rand -hex 12)
export CASEGATE_LOGIN_THROTTLE=10/300
# The suites make many calls as one user; the limiter itself is tested over
# CGI with a small CASEGATE_RATE_LIMIT of its own (test_token.c).
export CASEGATE_RATE_LIMIT=1000000
export CASEGATE_POOL_TOKEN=2
# The filing suites serve their documents from 127.0.0.1 (tests/http/docserver.c).
export CASEGATE_DOCUMENT_HOSTS=127.0.0.1
# The payment flow (test_toga.c, tests/browser) sends people back to 127.0.0.1.
export CASEGATE_REDIRECT_HOSTS=127.0.0.1,localhost
export CASEGATE_DEMO=0
unset SECRET_KEY CASEGATE_ENV CASEGATE_CONFIG

cleanup() {
	"$STACK" stop >/dev/null 2>&1
	mkdir -p "$OUT/logs"
	cp -r "$CASEGATE_VAR/log/." "$OUT/logs/" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

run_suite() {
	echo "== $1"
	CK_DEFAULT_TIMEOUT=${CK_DEFAULT_TIMEOUT:-120} "$1" 2>&1 | tee -a "$RESULTS"
	return "${PIPESTATUS[0]}"
}

status=0
# CG_ONLY="payments filings" runs just those HTTP suites (and no unit suite).
only() {
	[ -z "${CG_ONLY:-}" ] && return 0
	local n=${1##*/}; n=${n#http_}
	[[ " $CG_ONLY " == *" $n "* ]]
}

for t in "$BUILD"/tests/test_*; do
	[ -z "${CG_ONLY:-}" ] && [ -x "$t" ] && { run_suite "$t" || status=1; }
done

if ! "$STACK" start >"$OUT/start.log" 2>&1; then
	cat "$OUT/start.log"
	echo "0 passed, 1 failed"
	exit 1
fi
export CG_BASE=http://127.0.0.1:$PORT
export CG_ADMIN_PASSWORD=$CASEGATE_ADMIN_PASSWORD
export CG_HOME=$HOME_DIR
export CASEGATE_CONFIG=$CASEGATE_VAR/casegate.conf
export CG_RUN=$(cat "$CASEGATE_VAR/run.path")
export CG_DB_SOCKET=$CG_RUN/db.sock
export CG_STACK=$STACK
export CG_LOG_DIR=$CASEGATE_VAR/log
export CG_CGI_DIR=$(realpath "${CASEGATE_CGI_DIR:-$HOME_DIR/cgi-bin}")
export CG_BIN_DIR=$(realpath "${CASEGATE_BIN_DIR:-$HOME_DIR/bin}")

# Under make asan-test the servers keep leak detection (their logs are
# scanned below); the HTTP clients are test code and do not.
for t in "$BUILD"/tests/http_*; do
	[ -x "$t" ] && only "$t" && { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    run_suite "$t" || status=1; }
done

# The payment flow in headless Chromium as a person goes through it
# (tests/browser/toga.mjs, screenshots under tests/out/browser/); it says so
# and counts nothing when Chromium cannot start here.
if [ -z "${CG_ONLY:-}" ] || [[ " $CG_ONLY " == *" browser "* ]] ||
    [[ " $CG_ONLY " == *" toga "* ]]; then
	if command -v node >/dev/null; then
		CG_OUT=$OUT ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		    run_suite "$HOME_DIR/tests/browser/toga.mjs" || status=1
	else
		echo "browser: FAILED: node is not installed" | tee -a "$RESULTS"
		echo "0%: Checks: 1, Failures: 1, Errors: 0" >>"$RESULTS"
		status=1
	fi
fi

# No password, secret key or token may ever reach a log line.
secrets_found=0
secret_key=$(sed -n 's/^SECRET_KEY=//p' "$CASEGATE_CONFIG")
for s in "$CASEGATE_ADMIN_PASSWORD" "$secret_key" "pw-secret-" "eyJhbGciOi" "cgpat_"; do
	if grep -rqF -- "$s" "$CASEGATE_VAR/log" 2>/dev/null; then
		echo "log scan: a secret reached the logs (${s:0:4}...)"
		secrets_found=1
	fi
done

# Stop first, so that LeakSanitizer has reported on every worker's exit.
"$STACK" stop >/dev/null 2>&1
sanitizer_found=0
if grep -rlE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$CASEGATE_VAR/log" 2>/dev/null; then
	echo "sanitizer scan: reports in the server logs above"
	sanitizer_found=1
fi

passed=0
failed=0
while read -r line; do
	if [[ $line =~ Checks:\ ([0-9]+),\ Failures:\ ([0-9]+),\ Errors:\ ([0-9]+) ]]; then
		n=${BASH_REMATCH[1]}; f=${BASH_REMATCH[2]}; e=${BASH_REMATCH[3]}
		passed=$((passed + n - f - e))
		failed=$((failed + f + e))
	fi
done <"$RESULTS"
cp "$RESULTS" "$OUT/results.log"
for found in "$secrets_found" "$sanitizer_found"; do
	if [ "$found" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed"
exit $status
