#!/usr/bin/env bash
# make bench: Casegate's figures on this machine, on a private stack.
#
# Starts a stack of its own exactly like tests/run.sh does (a throwaway
# CASEGATE_VAR under /tmp, a random free port; never ./var), then measures:
#   a. the stack's own ceiling: nginx -> a minimal FastCGI responder
#      (tests/bench/ceiling.c, pool of 2) -> one prepared primary-key SELECT;
#      measured again before e. and before g. (for the judgments' ratios),
#      and again right before every run that has a target, whose ratio is of
#      that ceiling (the machine's speed drifts by a third within minutes);
#      every run starts after settle() (MariaDB's dirty pages written, old
#      row versions purged, sync);
#   b. POST /token against what argon2 allows here (cores / time per verify,
#      timed now by tests/bench/argon2_time.c with Casegate's own parameters);
#   c. GET /users/me with a bearer token, against the ceiling;
#   d. the resident memory of one token worker after 1,000 and after 100,000
#      GET /users/me (the token pool restarted with one worker);
#   e. the cases family, as the admin (all_cases), against the ceiling:
#      GET /cases/{id} of a case with 2 notes and 2 people at 1,000 cases;
#      the database then loaded to 100,000 cases by SQL (tests/bench/
#      cases_sql.sh, timed) and the same GET again (within 15% of the first);
#      GET /cases/search?postcode=...&page_size=20, a postcode that matches a
#      few hundred of the 100,000 cases (its counts from MariaDB's query
#      cache, then again with the cache off); the same store through LegalServer's
#      API: GET /api/v2/matters/{uuid} and a page of /api/v2/matters filtered
#      by the client's date of birth; POST /cases/ of such a case (durable:
#      the stack's MariaDB runs innodb_flush_log_at_trx_commit=1).
#   f. the judgments family at 10,000 judgments (tests/bench/judgments_gen.pl
#      makes them from the five fixtures, bin/casegate-admin judgments import
#      loads them; both timed), against the ceiling, with p50 and p95:
#      GET /atom.xml (page 1), a word query, a phrase query with court=ewca
#      (BENCH_JUDGMENTS_QUERY_CONNS connections, BENCH_JUDGMENTS_QUERY_DURATION
#      seconds, wrk --timeout 60s: one such request takes seconds), and
#      GET /{uri}/data.xml of the ~80 KB fixture. The stack runs with
#      CASEGATE_JUDGMENTS_RATE_LIMIT=0 (the per-address limit off).
#   h. the payments family (issue 10): GET payment-accounts, and the TOGA
#      callback POST toga-account, each request consuming one of
#      BENCH_PAY_N (60000) pending transactions copied in SQL from a real one.
#   g. the filings family (issue 9), against the ceiling: POST filing/fees,
#      POST filing/check and POST filings (submit) for Adams County, Illinois,
#      with a two-document payload whose PDFs (tests/bench/filing_pdf.py) the
#      stack's own nginx serves at /benchdocs/ (CASEGATE_DOCUMENT_HOSTS=127.0.0.1);
#      an API key, a filer, its TYLER-TOKEN-ILLINOIS and a waiver payment
#      account made for the run; wrk with tests/bench/filing.lua,
#      BENCH_FILING_CONNS connections, submit for BENCH_FILING_SUBMIT_DURATION s.
# Prints every command line it runs (secrets as $NAMES) and a closing table.
# Exit 1 on a crash (a worker replaced, the stack gone), any non-2xx or socket
# error during a run, or worker growth over 256 KiB; low ratios are figures,
# not failures. The trap stops everything it started, whatever happens.
#
# Each wrk run also reports the CPU that processes outside the benchmark (other
# stacks, builds) used meanwhile: figures taken next to a busy neighbour are low.
#
# Knobs: BENCH_DURATION (seconds per run, 10), BENCH_WARMUP (2s),
# BENCH_CONNS (32), BENCH_TOKEN_CONNS (8), BENCH_ARGON2_RUNS (20),
# BENCH_CASES (100000: the cases for the second GET and the search),
# BENCH_RATE_LIMIT (CASEGATE_RATE_LIMIT for the stack: 1000000000, so the
# per-principal limiter runs on every request but never answers 429),
# BENCH_JUDGMENTS (10000), BENCH_JUDGMENTS_QUERY_CONNS (2, the pool's size),
# BENCH_JUDGMENTS_QUERY_DURATION (30), BENCH_FILING_CONNS (16),
# BENCH_FILING_SUBMIT_CONNS (8), BENCH_FILING_SUBMIT_DURATION (5).
# shellcheck disable=SC2317  # functions called indirectly (trap, $pids_fn)
set -euo pipefail

HOME_DIR=$(cd "$(dirname "$0")/../.." && pwd)
STACK=$HOME_DIR/src/tools/stack.sh
LIB_A=$HOME_DIR/build/libcasegate.a
BDIR=$HOME_DIR/build/bench
DURATION_S=${BENCH_DURATION:-10}
DURATION=${DURATION_S}s
WARMUP=${BENCH_WARMUP:-2s}
CONNS=${BENCH_CONNS:-32}
TOKEN_CONNS=${BENCH_TOKEN_CONNS:-8}
ARGON2_RUNS=${BENCH_ARGON2_RUNS:-20}
CASES_BIG=${BENCH_CASES:-100000}
CASES_SMALL=1000
JUDGMENTS_N=${BENCH_JUDGMENTS:-10000}
JQ_CONNS=${BENCH_JUDGMENTS_QUERY_CONNS:-2}
JQ_DURATION_S=${BENCH_JUDGMENTS_QUERY_DURATION:-30}
FILING_CONNS=${BENCH_FILING_CONNS:-16}
FILING_SUBMIT_CONNS=${BENCH_FILING_SUBMIT_CONNS:-8}
FILING_SUBMIT_S=${BENCH_FILING_SUBMIT_DURATION:-5}
FIXTURES=$(realpath -m "$(dirname "$0")/../../../shared/fixtures/caselaw")
GROWTH_MAX_KIB=256
if ! [[ $DURATION_S =~ ^[0-9]+$ ]] || ((DURATION_S < 3)); then
	echo "bench: BENCH_DURATION must be whole seconds, at least 3" >&2
	exit 2
fi
if ! [[ $JUDGMENTS_N =~ ^[1-9][0-9]*$ && $JQ_CONNS =~ ^[1-9][0-9]*$ && $JQ_DURATION_S =~ ^[0-9]+$ ]] ||
	((JQ_DURATION_S < 3)); then
	echo "bench: BENCH_JUDGMENTS, BENCH_JUDGMENTS_QUERY_CONNS must be whole numbers," \
		"BENCH_JUDGMENTS_QUERY_DURATION at least 3" >&2
	exit 2
fi
if ! [[ $FILING_CONNS =~ ^[1-9][0-9]*$ && $FILING_SUBMIT_CONNS =~ ^[1-9][0-9]*$ &&
	$FILING_SUBMIT_S =~ ^[0-9]+$ ]] || ((FILING_SUBMIT_S < 3)); then
	echo "bench: BENCH_FILING_CONNS, BENCH_FILING_SUBMIT_CONNS must be whole numbers," \
		"BENCH_FILING_SUBMIT_DURATION at least 3" >&2
	exit 2
fi
if ! [[ $CASES_BIG =~ ^[0-9]+$ ]] || ((CASES_BIG < 10000)); then
	echo "bench: BENCH_CASES must be a whole number, at least 10000" >&2
	exit 2
fi
CORES=$(nproc)

TMP=$(mktemp -d /tmp/cgbench.XXXXXX)
CEIL_PID=""
FAILURES=()

say()  { printf '%s\n' "$*"; }
fail() { FAILURES+=("$*"); printf 'FAIL: %s\n' "$*"; }
die()  { printf 'bench: %s\n' "$*" >&2; exit 1; }
# Prints a command line as run; secrets are passed in already as $NAMES.
show() { printf '\n$ %s\n' "$*"; }

free_port() {
	local p
	# Below the kernel's ephemeral range (32768+), where client sockets may hold a
	# port that a connect test cannot see.
	for p in $(shuf -i 20000-32000 -n 50); do
		(exec 3<>/dev/tcp/127.0.0.1/"$p") 2>/dev/null || { echo "$p"; return; }
	done
	echo 28080
}

# ---------------------------------------------------------------- processes we start

# Live members of process group $1.
group_members() {
	ps -eo pid=,pgid=,stat= | awk -v g="$1" '$2 == g && $3 !~ /^Z/ { print $1 }'
}

wait_group_gone() {
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		[[ -z $(group_members "$1") ]] && return 0
		sleep 0.1
	done
	return 1
}

# The ceiling pool is a session leader we started (setsid): TERM to multiwatch
# (it stops its workers), then to the group, then KILL.
stop_ceiling() {
	[[ -n $CEIL_PID ]] || return 0
	if [[ -n $(group_members "$CEIL_PID") ]]; then
		kill -TERM "$CEIL_PID" 2>/dev/null || true
		if ! wait_group_gone "$CEIL_PID" 5; then
			kill -TERM -- "-$CEIL_PID" 2>/dev/null || true
			wait_group_gone "$CEIL_PID" 3 || kill -KILL -- "-$CEIL_PID" 2>/dev/null || true
		fi
	fi
	CEIL_PID=""
}

cleanup() {
	local rc=$?
	trap '' INT TERM
	set +e
	stop_ceiling
	"$STACK" stop >"$TMP/stop.log" 2>&1 || cat "$TMP/stop.log" >&2
	# Logs (the access logs' last lines only) and raw tool output stay in
	# build/bench/last-run/ for a look afterwards; never the config file or
	# the Lua script, which hold secrets.
	rm -rf "$BDIR/last-run"
	mkdir -p "$BDIR/last-run/log"
	for f in "$CASEGATE_VAR"/log/*; do
		[[ -f $f ]] || continue
		case $f in
		*access.log) tail -n 200 "$f" >"$BDIR/last-run/log/${f##*/}" ;;
		*) cp "$f" "$BDIR/last-run/log/" ;;
		esac
	done
	cp "$TMP"/*.out "$TMP"/*.log "$BDIR/last-run/" 2>/dev/null
	rm -rf "$TMP"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- build

mkdir -p "$BDIR"
[[ -f $LIB_A && -x $HOME_DIR/cgi-bin/token && -x $HOME_DIR/cgi-bin/cases &&
	-x $HOME_DIR/cgi-bin/judgments && -x $HOME_DIR/bin/casegate-admin ]] || die "build first: make"
[[ -f $FIXTURES/manifest.tsv ]] || die "no judgment fixtures in $FIXTURES"
CFLAGS_B="-O2 -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror"
# shellcheck disable=SC2086,SC2046
cc $CFLAGS_B -o "$BDIR/ceiling" "$HOME_DIR/tests/bench/ceiling.c" \
	$(pkg-config --cflags --libs libmariadb) -lfcgi
# shellcheck disable=SC2086,SC2046
cc $CFLAGS_B -I"$HOME_DIR/src/lib" -o "$BDIR/argon2_time" \
	"$HOME_DIR/tests/bench/argon2_time.c" "$LIB_A" \
	$(pkg-config --cflags --libs json-c libmariadb libargon2 libjwt libcrypto) -lfcgi

# ---------------------------------------------------------------- the stack

export CASEGATE_HOME=$HOME_DIR
export CASEGATE_VAR=$TMP/var
PORT=$(free_port)
export PORT
CASEGATE_ADMIN_PASSWORD=adm-$(openssl rand -hex 12)
export CASEGATE_ADMIN_PASSWORD
export CASEGATE_LOGIN_THROTTLE=0
export CASEGATE_POOL_TOKEN=2
export CASEGATE_RATE_LIMIT=${BENCH_RATE_LIMIT:-1000000000}
export CASEGATE_JUDGMENTS_RATE_LIMIT=0
# The filings' documents come from the stack's own nginx (/benchdocs/ below).
export CASEGATE_DOCUMENT_HOSTS=127.0.0.1
# The payment flow's redirects (h.) go back to this host.
export CASEGATE_REDIRECT_HOSTS=127.0.0.1
unset SECRET_KEY CASEGATE_ENV CASEGATE_CONFIG CASEGATE_ADMIN_USER
# Every family: the bench measures them all (a CASEGATE_FAMILIES left in the
# environment would start only some, and the bench stop at the first missing).
unset CASEGATE_FAMILIES
ADMIN_USER="admin"

say "== Casegate bench: $CORES cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "stack: CASEGATE_VAR=$CASEGATE_VAR PORT=$PORT CASEGATE_POOL_TOKEN=2 CASEGATE_LOGIN_THROTTLE=0"
say "       CASEGATE_RATE_LIMIT=$CASEGATE_RATE_LIMIT (limiter on, never reached)"
say "       CASEGATE_JUDGMENTS_RATE_LIMIT=0 (the judgments per-address limit off)"
say "       CASEGATE_DOCUMENT_HOSTS=127.0.0.1 (the filings' documents from this nginx)"
show "$STACK start"
if ! "$STACK" start >"$TMP/start.log" 2>&1; then
	cat "$TMP/start.log" >&2
	die "the stack did not start"
fi
RUN=$(cat "$CASEGATE_VAR/run.path")
# The bench database as MariaDB's root over the stack's socket (unix_socket
# authentication: no password).
DB_SOCK=$RUN/db.sock
sql() { mariadb --no-defaults --socket="$DB_SOCK" -uroot casegate "$@"; }
secs_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
CONF=$CASEGATE_VAR/casegate.conf
LOG=$CASEGATE_VAR/log
NGX_DIR=$CASEGATE_VAR/nginx
BASE=http://127.0.0.1:$PORT

# Worker pids of the pool whose multiwatch is $1, space-separated.
children() { pgrep -P "$1" 2>/dev/null | sort -n | tr '\n' ' ' || true; }

pid_in() { tr -dc '0-9' <"$1" 2>/dev/null || true; }

token_pool() {
	local pid
	pid=$(pid_in "$RUN/token.pid")
	[[ -n $pid && $(cat "/proc/$pid/comm" 2>/dev/null) == multiwatch ]] || return 1
	echo "$pid"
}

# After a reload nginx's old workers finish their connections and close idle
# keep-alive ones: a client connected to one of them in that moment sees its
# connection closed under it. Waits (up to 10 s) until they are gone.
nginx_settled() {
	local pid i
	pid=$(pid_in "$RUN/nginx.pid")
	sleep 0.3	# the master first starts new workers, then tells the old ones
	for ((i = 0; i < 100; i++)); do
		pgrep -g "$pid" -f 'shutting down' >/dev/null || return 0
		sleep 0.1
	done
	say "note: nginx workers still shutting down after a reload"
}

# ---------------------------------------------------------------- a. the ceiling

CASEGATE_CONFIG=$CONF "$BDIR/ceiling" --setup || die "could not create bench_ceiling"
rm -f "$RUN/bench.sock"
show "spawn-fcgi -n -s $RUN/bench.sock -M 0666 -- /usr/bin/multiwatch -f 2 -- $BDIR/ceiling"
CASEGATE_CONFIG=$CONF setsid spawn-fcgi -n -s "$RUN/bench.sock" -M 0666 -- \
	/usr/bin/multiwatch -f 2 -- "$BDIR/ceiling" </dev/null >>"$LOG/bench-ceiling.log" 2>&1 &
CEIL_PID=$!
for ((i = 0; i < 50; i++)); do
	[[ -S $RUN/bench.sock ]] && break
	sleep 0.1
done
[[ -S $RUN/bench.sock ]] || { cat "$LOG/bench-ceiling.log" >&2; die "the ceiling pool did not start"; }

# Two small PDFs for the filings (g.), served by this nginx at /benchdocs/.
BENCH_DOCS=$CASEGATE_VAR/benchdocs
mkdir -p "$BENCH_DOCS"
"$HOME_DIR/tests/bench/filing_pdf.py" "$BENCH_DOCS/a.pdf" 2 "Bench complaint" || die "filing_pdf.py failed"
"$HOME_DIR/tests/bench/filing_pdf.py" "$BENCH_DOCS/b.pdf" 1 "Bench exhibit" || die "filing_pdf.py failed"
cat >"$NGX_DIR/extra-bench.conf" <<EOF
# Written by tests/bench/run.sh for this run only.
location = /bench/ceiling {
    fastcgi_pass unix:$RUN/bench.sock;
    include /etc/nginx/fastcgi_params;
}
location /benchdocs/ {
    alias $BENCH_DOCS/;
    default_type application/pdf;
}
EOF
nginx -p "$NGX_DIR" -e "$LOG/nginx-error.log" -c "$NGX_DIR/nginx.conf" -t >"$TMP/nginx-t.log" 2>&1 ||
	{ cat "$TMP/nginx-t.log" >&2; die "nginx rejected extra-bench.conf (is the include in nginx/casegate.conf.in?)"; }
kill -HUP "$(pid_in "$RUN/nginx.pid")"
nginx_settled
for ((i = 0; i < 50; i++)); do
	curl -fsS -o /dev/null --max-time 2 "$BASE/bench/ceiling" 2>/dev/null && break
	sleep 0.1
done
curl -fsS -o /dev/null --max-time 2 "$BASE/bench/ceiling" || die "/bench/ceiling does not answer 2xx after the reload"

# ---------------------------------------------------------------- wrk

# A CPU snapshot: first the machine's busy ticks (user, nice, system, irq,
# softirq, steal), then "pid ppid sid ticks" for every process, ticks being
# utime + stime of all its threads (the name may hold spaces or ')': cut at
# the last ") ").
cpu_snap() {
	awk '$1 == "cpu" { print "all", "-", "-", $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat
	awk 'FNR == 1 { s = $0; sub(/^.*\) /, "", s); split(s, f, " ");
		print $1, f[2], f[4], f[12] + f[13] }' /proc/[0-9]*/stat 2>/dev/null || true
}

# The sessions of the stack (each daemon leads its own): their CPU, and the
# load generator's, is the benchmark's; the rest of the machine's is others'.
our_sessions() {
	local s=""
	local f
	# The database, nginx and every family's pool (token, cases, ...).
	for f in "$RUN"/*.pid; do
		[[ -f $f ]] && s+=" $(pid_in "$f")"
	done
	s+=" ${CEIL_PID:-}"
	echo "$s"
}

# other_cpu SNAP_A SNAP_B SECONDS LOADGEN_PID: the share of all CPUs (in %)
# used between the snapshots by anything outside the benchmark: the machine's
# busy time minus that of the stack's sessions and the load generator (so
# short-lived processes, a neighbour's compiler say, count too).
other_cpu() {
	awk -v ours="$(our_sessions)" -v gen="$4" -v dt="$3" -v hz="$(getconf CLK_TCK)" \
		-v cores="$CORES" '
		BEGIN { n = split(ours, o, " "); for (i = 1; i <= n; i++) if (o[i] != "") mine[o[i]] = 1 }
		FNR == NR { a[$1] = $4; next }
		$1 == "all" { all = $4 - a["all"]; next }
		$3 in mine || $1 == gen || $2 == gen { d = $4 - (($1 in a) ? a[$1] : 0); if (d > 0) us += d }
		END {
			x = all - us
			if (x < 0) x = 0
			printf "%.0f%%", (dt > 0 ? 100 * x / hz / dt / cores : 0)
		}' "$1" "$2"
}

# settle: before a run, lets MariaDB write out its dirty pages and purge old
# row versions, which it otherwise does in the background for a while after
# a bulk load or a write run (and the kernel's writeback with it, which
# shows as "other" CPU); then sync. Says so when that took over a second;
# gives up after 60 s and says how far it got.
settle() {
	local i dirty=0 hist=0 pct lwm t0
	[[ -n ${DB_SOCK:-} && -S $DB_SOCK ]] || return 0
	t0=$(date +%s.%N)
	read -r pct lwm < <(sql -N -e "SELECT @@innodb_max_dirty_pages_pct, @@innodb_max_dirty_pages_pct_lwm")
	sql -e "SET GLOBAL innodb_max_dirty_pages_pct_lwm = 0.001, GLOBAL innodb_max_dirty_pages_pct = 0"
	for ((i = 0; i < 120; i++)); do
		read -r dirty hist < <(sql -N -e "SELECT
			(SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_PAGES_DIRTY'),
			(SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_HISTORY_LIST_LENGTH')")
		((dirty < 50 && hist < 100)) && break
		sleep 0.5
	done
	sql -e "SET GLOBAL innodb_max_dirty_pages_pct = $pct, GLOBAL innodb_max_dirty_pages_pct_lwm = $lwm"
	sync
	awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { exit !(b - a > 1) }' &&
		say "(settled before the run: $dirty dirty pages, history list $hist, after $(secs_since "$t0")s)"
	return 0
}

# run_wrk NAME PIDS_FN CONNS URL SHOWN [WRK_ARGS...]: a warm-up, then the
# measured run (wrk -t2 -cCONNS -dDURATION --latency WRK_ARGS URL); sets RPS,
# P50, P99 and OTHER (CPU used by processes outside the benchmark meanwhile).
# SHOWN is how WRK_ARGS are printed (secrets as $NAMES). A non-2xx/3xx line,
# a socket error or a worker replaced during the run (the pids PIDS_FN prints
# change) is a failure.
RPS=0 P50=- P95=- P99=- OTHER=-
run_wrk() {
	local name=$1 pids_fn=$2 conns=$3 url=$4 shown=$5 before after wp t0 t1
	local out=$TMP/wrk-$1.out
	shift 5
	settle
	timeout 60 wrk -t2 -c"$conns" -d"$WARMUP" "$@" "$url" >"$TMP/wrk-$name-warmup.out" 2>&1 || true
	before=$($pids_fn)
	show "wrk --latency -t2 -c$conns -d$DURATION ${shown:+$shown }$url"
	timeout $((DURATION_S + 60)) wrk --latency -t2 -c"$conns" -d"$DURATION" "$@" "$url" >"$out" 2>&1 &
	wp=$!
	sleep 1
	cpu_snap >"$TMP/cpu-a"
	t0=$(date +%s.%N)
	sleep $((DURATION_S - 2))
	cpu_snap >"$TMP/cpu-b"
	t1=$(date +%s.%N)
	wait "$wp" || fail "$name: wrk exited non-zero"
	cat "$out"
	OTHER=$(other_cpu "$TMP/cpu-a" "$TMP/cpu-b" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$wp")
	say "CPU used by processes outside the benchmark during the run: $OTHER of $CORES cores"
	after=$($pids_fn)
	RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
	P50=$(awk '$1 == "50%" { print $2 }' "$out")
	P99=$(awk '$1 == "99%" { print $2 }' "$out")
	P95=$(awk '$1 == "p95:" { print $2 }' "$out")	# with -s tests/bench/p95.lua
	P95=${P95:--}
	[[ -n $RPS ]] || { RPS=0; fail "$name: no Requests/sec in wrk's output"; }
	P50=${P50:--} P99=${P99:--}
	if grep -q 'Non-2xx or 3xx responses' "$out"; then
		fail "$name: $(grep 'Non-2xx or 3xx responses' "$out" | sed 's/^ *//')"
	fi
	if grep -q 'Socket errors' "$out"; then
		fail "$name: $(grep 'Socket errors' "$out" | sed 's/^ *//')"
	fi
	if [[ -z $before || $before != "$after" ]]; then
		fail "$name: worker crash (pids before: ${before:-none}; after: ${after:-none})"
	fi
	return 0
}

ceiling_pids() { children "$CEIL_PID"; }

# run_vs NAME ...: the ceiling, then run_wrk NAME ..., back to back, so that
# each ratio is of a ceiling measured the minute before (this machine's speed
# drifts by a third within a run: see README, Benchmarks); sets what run_wrk
# sets, and NEAR (that ceiling's req/s).
NEAR=0
run_vs() {
	run_wrk "ceiling_before_$1" ceiling_pids "$CONNS" "$BASE/bench/ceiling" ""
	NEAR=$RPS
	say "(the ceiling just before $1: $NEAR req/s)"
	run_wrk "$@"
}
token_pids() { local p; if p=$(token_pool); then children "$p"; fi; return 0; }

run_wrk ceiling ceiling_pids "$CONNS" "$BASE/bench/ceiling" ""
CEIL_RPS=$RPS CEIL_P50=$P50 CEIL_P99=$P99 CEIL_OTHER=$OTHER

# ---------------------------------------------------------------- b. POST /token

show "$BDIR/argon2_time $ARGON2_RUNS"
"$BDIR/argon2_time" "$ARGON2_RUNS" | tee "$TMP/argon2.out"
HASH_MS=$(awk '$1 == "verify_median_ms" { print $2 }' "$TMP/argon2.out")
ARGON_CEIL=$(awk -v c="$CORES" -v t="$HASH_MS" 'BEGIN { printf "%.1f", c * 1000 / t }')
say "argon2 ceiling = $CORES cores / $HASH_MS ms per password_verify = $ARGON_CEIL req/s"

urlencode() {
	local s=$1 i c out=""
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[A-Za-z0-9._~-]) out+=$c ;;
		*) out+=$(printf '%%%02X' "'$c") ;;
		esac
	done
	printf '%s' "$out"
}

(umask 077 && cat >"$TMP/token.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=password&username=$(urlencode "$ADMIN_USER")&password=$(urlencode "$CASEGATE_ADMIN_PASSWORD")"
EOF
)
say
say "token.lua: POST, Content-Type application/x-www-form-urlencoded,"
say "           body grant_type=password&username=$ADMIN_USER&password=\$CASEGATE_ADMIN_PASSWORD"
curl -fsS -o /dev/null --max-time 5 -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
	--data-binary "@-" "$BASE/token" < <(awk -F'"' '/^wrk.body/ { printf "%s", $2 }' "$TMP/token.lua") ||
	die "POST /token with the admin password does not answer 2xx"

run_wrk token token_pids "$TOKEN_CONNS" "$BASE/token" "-s $TMP/token.lua" \
	-s "$TMP/token.lua"
TOKEN_RPS=$RPS TOKEN_P50=$P50 TOKEN_P99=$P99 TOKEN_OTHER=$OTHER

# ---------------------------------------------------------------- c. GET /users/me

TOKEN=$(awk -F'"' '/^wrk.body/ { printf "%s", $2 }' "$TMP/token.lua" |
	curl -fsS --max-time 5 -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
		--data-binary @- "$BASE/token" |
	sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' || true)
[[ -n $TOKEN ]] || die "POST /token gave no access_token"
curl -fsS -o /dev/null --max-time 5 -H "Authorization: Bearer $TOKEN" "$BASE/users/me" ||
	die "GET /users/me with a fresh token does not answer 2xx"
say
say "TOKEN=\$(curl -X POST $BASE/token ...)   # the admin's bearer token"

# shellcheck disable=SC2016  # shown literally
run_vs users_me token_pids "$CONNS" "$BASE/users/me" '-H "Authorization: Bearer $TOKEN"' \
	-H "Authorization: Bearer $TOKEN"
ME_RPS=$RPS ME_P50=$P50 ME_P99=$P99 ME_OTHER=$OTHER ME_CEIL=$NEAR

# ---------------------------------------------------------------- d. worker memory

say
say "== token pool restarted with one worker: CASEGATE_POOL_TOKEN=1 $STACK start"
if mw=$(token_pool); then
	kill -TERM "$mw" 2>/dev/null || true
	if ! wait_group_gone "$mw" 10; then
		kill -TERM -- "-$mw" 2>/dev/null || true
		wait_group_gone "$mw" 5 || kill -KILL -- "-$mw" 2>/dev/null || true
	fi
fi
rm -f "$RUN/token.pid" "$RUN/token.sock"
CASEGATE_POOL_TOKEN=1 "$STACK" start >"$TMP/restart.log" 2>&1 ||
	{ cat "$TMP/restart.log" >&2; die "the token pool did not restart with one worker"; }
mw=$(token_pool) || die "no token pool after the restart"
nginx_settled	# stack.sh start reloaded nginx
WORKER=$(pgrep -P "$mw" -f "$HOME_DIR/cgi-bin/token" || true)
[[ $WORKER =~ ^[0-9]+$ ]] || die "expected one cgi-bin/token worker under multiwatch $mw, found '${WORKER//$'\n'/ }'"

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

# run_ab NAME N C: GET /users/me; sets AB_RPS. Any failed or non-2xx request fails.
AB_RPS=0
run_ab() {
	local name=$1 n=$2 c=$3 out=$TMP/ab-$1.out
	show "ab -k -n $n -c $c -H \"Authorization: Bearer \$TOKEN\" $BASE/users/me"
	if ! timeout 150 ab -k -q -n "$n" -c "$c" -H "Authorization: Bearer $TOKEN" \
		"$BASE/users/me" >"$out" 2>&1; then
		cat "$out"
		fail "$name: ab exited non-zero"
	fi
	grep -E '^(Complete|Failed) requests|^Non-2xx|^Requests per second|^Time per request|^  (50|99)%' "$out" || true
	AB_RPS=$(awk '/^Requests per second:/ { print $4 }' "$out")
	AB_RPS=${AB_RPS:-0}
	local failed
	failed=$(awk '/^Failed requests:/ { print $3 }' "$out")
	[[ ${failed:-x} == 0 ]] || fail "$name: failed requests: ${failed:-unknown}"
	if grep -q '^Non-2xx responses' "$out"; then
		fail "$name: $(grep '^Non-2xx responses' "$out")"
	fi
	if ! grep -q "^Complete requests: *$n\$" "$out"; then
		fail "$name: not all $n requests completed"
	fi
}

run_ab mem_1k 1000 8
RSS_1K=$(rss_kib "$WORKER")
say "VmRSS of cgi-bin/token (pid $WORKER) after 1,000 requests: ${RSS_1K:-?} KiB"
run_ab mem_100k 100000 16
MEM_RPS=$AB_RPS
RSS_100K=$(rss_kib "$WORKER")
say "VmRSS of cgi-bin/token (pid $WORKER) after 101,000 requests: ${RSS_100K:-?} KiB"
if [[ -z $RSS_1K || -z $RSS_100K ]]; then
	fail "memory: the worker (pid $WORKER) is gone (crash)"
	GROWTH="?"
	MEM_RESULT=FAIL
else
	now=$(pgrep -P "$mw" -f "$HOME_DIR/cgi-bin/token" || true)
	[[ $now == "$WORKER" ]] || fail "memory: the worker was replaced (crash): $WORKER -> ${now:-none}"
	GROWTH=$((RSS_100K - RSS_1K))
	if ((GROWTH > GROWTH_MAX_KIB)); then
		MEM_RESULT=FAIL
		fail "memory: the token worker grew by $GROWTH KiB (limit $GROWTH_MAX_KIB KiB)"
	else
		MEM_RESULT=ok
	fi
fi
curl -fsS -o /dev/null --max-time 5 "$BASE/health" || fail "the stack does not answer /health after the runs"

# ---------------------------------------------------------------- e. the cases family

cases_pool() {
	local pid
	pid=$(pid_in "$RUN/cases.pid")
	[[ -n $pid && $(cat "/proc/$pid/comm" 2>/dev/null) == multiwatch ]] || return 1
	echo "$pid"
}
cases_pids() { local p; if p=$(cases_pool); then children "$p"; fi; return 0; }
cases_pool >/dev/null || die "no cases pool (cgi-bin/cases not started by $STACK)"

case_count() { sql -N -e "SELECT COUNT(*) FROM cases"; }

# load_cases N: adds N cases (2 notes and 2 people each) by SQL; sets LOAD_S.
LOAD_S=-
load_cases() {
	local t0
	show "tests/bench/cases_sql.sh $1 | mariadb --no-defaults --socket=$DB_SOCK -uroot casegate"
	t0=$(date +%s.%N)
	"$HOME_DIR/tests/bench/cases_sql.sh" "$1" | sql || die "loading $1 cases by SQL failed"
	LOAD_S=$(secs_since "$t0")
}

# Counts the occurrences of the fixed string $2 in $1.
count_of() { { grep -oF -- "$2" <<<"$1" || true; } | wc -l; }

# A case as a client would post it: 2 notes, 2 people (a postcode outside the
# E.. and N.. ones cases_sql.sh gives, so the search below never finds these).
CASE_BODY='{"case_type":"CLA","notes":[{"note_type":"Other","content":"Client called about rent arrears; the landlord has served a section 21 notice."},{"note_type":"Adaptation","content":"Needs a callback after 5pm; prefers email to letters."}],"people":[{"name":"John Doe","address":"102 Petty France, London","phone_number":"01632 960001","postcode":"SW1H 9AJ","email":"john.doe@example.com","date_of_birth":"1980-04-01"},{"name":"Jane Doe","address":"102 Petty France, London","phone_number":"01632 960002","postcode":"SW1H 9AJ","email":"jane.doe@example.com"}]}'

say
say "== the cases family, as $ADMIN_USER (all_cases)"
# The ceiling again, just before: this machine's speed drifts over a run of
# several minutes, and a ratio means most against the ceiling of the same
# minutes. The cases and judgments figures are ratios of this one.
run_wrk ceiling_cases ceiling_pids "$CONNS" "$BASE/bench/ceiling" ""
CEILC_RPS=$RPS CEILC_P50=$P50 CEILC_P99=$P99 CEILC_OTHER=$OTHER
say "CASE_BODY='$CASE_BODY'"
# shellcheck disable=SC2016  # shown literally
show 'curl -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" --data "$CASE_BODY" '"$BASE/cases/"
resp=$(curl -fsS --max-time 5 -X POST -H "Authorization: Bearer $TOKEN" \
	-H 'Content-Type: application/json' --data-binary "$CASE_BODY" "$BASE/cases/") ||
	die "POST /cases/ does not answer 2xx"
# The case's own id comes first (created_at, updated_at, id, ...).
CASE_ID=$(grep -o '"id":"[0-9a-f-]\{36\}"' <<<"$resp" | head -n 1 | cut -d'"' -f4 || true)
[[ -n $CASE_ID ]] || die "POST /cases/ answered without an id: ${resp:0:200}"
resp=$(curl -fsS --max-time 5 -H "Authorization: Bearer $TOKEN" "$BASE/cases/$CASE_ID") ||
	die "GET /cases/$CASE_ID does not answer 2xx"
[[ $(count_of "$resp" '"note_type":') == 2 && $(count_of "$resp" '"postcode":') == 2 ]] ||
	die "GET /cases/$CASE_ID is not a case with 2 notes and 2 people: ${resp:0:300}"
say "CASE_ID=$CASE_ID (2 notes, 2 people; $(printf '%s' "$resp" | wc -c) bytes of JSON)"

have=$(case_count)
((have <= CASES_SMALL)) || die "the bench database already holds $have cases"
((have == CASES_SMALL)) || load_cases $((CASES_SMALL - have))
SMALL_N=$(case_count)
say "cases: $SMALL_N (SQL load of $((CASES_SMALL - have)): ${LOAD_S}s)"

# shellcheck disable=SC2016  # shown literally
run_vs cases_get_1k cases_pids "$CONNS" "$BASE/cases/$CASE_ID" '-H "Authorization: Bearer $TOKEN"' \
	-H "Authorization: Bearer $TOKEN"
GET1K_RPS=$RPS GET1K_P50=$P50 GET1K_P99=$P99 GET1K_OTHER=$OTHER GET1K_CEIL=$NEAR

# To CASES_BIG by SQL, then fresh optimizer statistics (InnoDB recomputes
# them in the background after this much change anyway; the figures must not
# depend on when it does).
load_cases $((CASES_BIG - SMALL_N))
BIG_LOAD_S=$LOAD_S
show "mariadb --no-defaults --socket=$DB_SOCK -uroot casegate -e 'ANALYZE TABLE cases, case_notes, persons'"
t0=$(date +%s.%N)
sql -e "ANALYZE TABLE cases, case_notes, persons" >/dev/null || die "ANALYZE TABLE failed"
ANALYZE_S=$(secs_since "$t0")
BIG_N=$(case_count)
read -r BIG_NOTES BIG_PEOPLE < <(sql -N -e "SELECT (SELECT COUNT(*) FROM case_notes), (SELECT COUNT(*) FROM persons)")
say "cases: $BIG_N, notes: $BIG_NOTES, people: $BIG_PEOPLE" \
	"(SQL load of $((CASES_BIG - SMALL_N)) cases: ${BIG_LOAD_S}s; ANALYZE TABLE: ${ANALYZE_S}s)"

# shellcheck disable=SC2016  # shown literally
run_vs cases_get_100k cases_pids "$CONNS" "$BASE/cases/$CASE_ID" '-H "Authorization: Bearer $TOKEN"' \
	-H "Authorization: Bearer $TOKEN"
GET100K_RPS=$RPS GET100K_P50=$P50 GET100K_P99=$P99 GET100K_OTHER=$OTHER GET100K_CEIL=$NEAR

# The search: person 1 of every case whose id mod 250 is 123 lives at
# E13 3AB (cases_sql.sh): a few hundred of 100,000. Page 1 of 20.
SEARCH_PC="E13 3AB"
SEARCH_URL="$BASE/cases/search?postcode=E13%203AB&page_size=20"
SEARCH_EXPECT=$(sql -N -e "SELECT COUNT(DISTINCT case_id) FROM persons WHERE postcode = '$SEARCH_PC'")
resp=$(curl -fsS --max-time 10 -H "Authorization: Bearer $TOKEN" "$SEARCH_URL") ||
	die "GET $SEARCH_URL does not answer 2xx"
SEARCH_TOTAL=$(grep -o '"total_records":[0-9]*' <<<"$resp" | cut -d: -f2 || true)
SEARCH_PAGE=$(count_of "$resp" '"case_type":')
[[ $SEARCH_TOTAL == "$SEARCH_EXPECT" ]] ||
	fail "search: total_records ${SEARCH_TOTAL:-missing}, but $SEARCH_EXPECT cases have a person at $SEARCH_PC"
((SEARCH_PAGE == 20)) || die "search: a page of $SEARCH_PAGE cases, not 20: ${resp:0:300}"
say "search postcode=$SEARCH_PC: total_records $SEARCH_TOTAL of $BIG_N cases, $SEARCH_PAGE on the page" \
	"($(printf '%s' "$resp" | wc -c) bytes of JSON)"
# shellcheck disable=SC2016  # shown literally
run_vs cases_search cases_pids "$CONNS" "$SEARCH_URL" '-H "Authorization: Bearer $TOKEN"' \
	-H "Authorization: Bearer $TOKEN"
SEARCH_RPS=$RPS SEARCH_P50=$P50 SEARCH_P99=$P99 SEARCH_OTHER=$OTHER SEARCH_CEIL=$NEAR
# The run above reads its counts from MariaDB's query cache (nothing was
# written in between; src/cases/search.c). The same search with the cache
# emptied and off (query_cache_size=0), so that every request counts again:
# what a search costs while cases are being written.
QC_SIZE=$(sql -N -e "SELECT @@GLOBAL.query_cache_size")
show "mariadb ... -e 'SET GLOBAL query_cache_size = 0'"
sql -e "SET GLOBAL query_cache_size = 0" || die "could not turn the query cache off"
# shellcheck disable=SC2016  # shown literally
run_vs cases_search_nocache cases_pids "$CONNS" "$SEARCH_URL" '-H "Authorization: Bearer $TOKEN"' \
	-H "Authorization: Bearer $TOKEN"
SEARCHNC_RPS=$RPS SEARCHNC_P50=$P50 SEARCHNC_P99=$P99 SEARCHNC_OTHER=$OTHER SEARCHNC_CEIL=$NEAR
show "mariadb ... -e 'SET GLOBAL query_cache_size = $QC_SIZE'"
sql -e "SET GLOBAL query_cache_size = $QC_SIZE" || die "could not turn the query cache back on"
# What one page costs in the database alone, for the record: the two
# statements a search runs (src/cases/search.c), each 500 times in one
# session, the same session's 500 "SELECT 1" taken off.
sql_each_ms() {
	local t0 t1 t2
	t0=$(date +%s.%N)
	yes 'SELECT 1;' | head -n 500 | sql >/dev/null
	t1=$(date +%s.%N)
	yes "$1" | head -n 500 | sql >/dev/null
	t2=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { printf "%.2f", ((c - b) - (b - a)) * 1000 / 500 }'
}
S_WHERE="c.id IN (SELECT p.case_id FROM persons p WHERE p.postcode = '$SEARCH_PC')"
S_COUNT="SELECT COUNT(*), IFNULL(SUM((1 OR c.org_id <=> 0)), 0) FROM cases c WHERE 1 = 1 AND $S_WHERE;"
S_PAGE="SET STATEMENT optimizer_switch='materialization=off' FOR SELECT c.id FROM cases c WHERE 1 = 1 AND $S_WHERE AND (1 OR c.org_id <=> 0) ORDER BY c.id ASC LIMIT 20 OFFSET 0;"
show "mariadb ... <<< \"$S_COUNT\" (x500)"
SEARCH_COUNT_MS=$(sql_each_ms "$S_COUNT")
show "mariadb ... <<< \"$S_PAGE\" (x500)"
SEARCH_PAGE_MS=$(sql_each_ms "$S_PAGE")
say "search in MariaDB alone: the count of $SEARCH_TOTAL matches ${SEARCH_COUNT_MS} ms, the page of ids ${SEARCH_PAGE_MS} ms"

# The same store through LegalServer's API (issue 11): one matter, and a
# filtered page of matters (the client's date of birth: a handful of
# 100,000; cases_sql.sh gives person 1 of case id N the birth date
# 1940-01-01 + (7N + 3) mod 25000 days).
MATTER_URL="$BASE/api/v2/matters/$CASE_ID"
code=$(curl -sS -o "$TMP/m_get.body" -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $TOKEN" \
	"$MATTER_URL") || code=000
[[ $code == 200 ]] && grep -q '"matter_uuid"' "$TMP/m_get.body" ||
	die "GET $MATTER_URL: HTTP $code $(head -c 300 "$TMP/m_get.body")"
M_DOB=$(sql -N -e "SELECT DATE('1940-01-01') + INTERVAL (123 * 7 + 3) MOD 25000 DAY")
MSEARCH_URL="$BASE/api/v2/matters?date_of_birth=$M_DOB&page_size=20"
resp=$(curl -fsS --max-time 10 -H "Authorization: Bearer $TOKEN" "$MSEARCH_URL") ||
	die "GET $MSEARCH_URL does not answer 2xx"
MSEARCH_TOTAL=$(grep -o '"total_records":[0-9]*' <<<"$resp" | cut -d: -f2 || true)
((${MSEARCH_TOTAL:-0} > 0)) || die "matters search: no matches: ${resp:0:300}"
say "matters date_of_birth=$M_DOB: total_records $MSEARCH_TOTAL of $BIG_N"
# shellcheck disable=SC2016  # shown literally
run_vs matter_get cases_pids "$CONNS" "$MATTER_URL" '-H "Authorization: Bearer $TOKEN"' \
	-H "Authorization: Bearer $TOKEN"
MGET_RPS=$RPS MGET_P50=$P50 MGET_P99=$P99 MGET_OTHER=$OTHER MGET_CEIL=$NEAR
# shellcheck disable=SC2016  # shown literally
run_vs matter_search cases_pids "$CONNS" "$MSEARCH_URL" '-H "Authorization: Bearer $TOKEN"' \
	-H "Authorization: Bearer $TOKEN"
MSEARCH_RPS=$RPS MSEARCH_P50=$P50 MSEARCH_P99=$P99 MSEARCH_OTHER=$OTHER MSEARCH_CEIL=$NEAR

# POST /cases/: each request one durable transaction (the case, 2 notes,
# 2 people, a history row). The script holds the token: in $TMP only, 0600,
# never copied to last-run/.
(umask 077 && cat >"$TMP/cases-post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.body = [[$CASE_BODY]]
LUA
)
say
say "cases-post.lua: POST, Content-Type application/json, Authorization: Bearer \$TOKEN, body \$CASE_BODY"
before_n=$(case_count)
run_vs cases_post cases_pids "$CONNS" "$BASE/cases/" "-s $TMP/cases-post.lua" \
	-s "$TMP/cases-post.lua"
POST_RPS=$RPS POST_P50=$P50 POST_P99=$P99 POST_OTHER=$OTHER POST_CEIL=$NEAR
say "cases created by the POST runs (warm-up included): $(($(case_count) - before_n))"
curl -fsS -o /dev/null --max-time 5 "$BASE/health" || fail "the stack does not answer /health after the cases runs"

# ---------------------------------------------------------------- f. the judgments family

judgments_pool() {
	local pid
	pid=$(pid_in "$RUN/judgments.pid")
	[[ -n $pid && $(cat "/proc/$pid/comm" 2>/dev/null) == multiwatch ]] || return 1
	echo "$pid"
}
judgments_pids() { local p; if p=$(judgments_pool); then children "$p"; fi; return 0; }
judgments_pool >/dev/null || die "no judgments pool (cgi-bin/judgments not started by $STACK)"
judgment_count() { sql -N -e "SELECT COUNT(*) FROM judgments"; }
P95_LUA=$HOME_DIR/tests/bench/p95.lua

say
say "== the judgments family, anonymous, at $JUDGMENTS_N judgments"
have=$(judgment_count)
((have == 5)) || die "the bench stack should hold the 5 imported fixtures, not $have judgments"
JDIR=$TMP/judgments
show "tests/bench/judgments_gen.pl $FIXTURES $JDIR $JUDGMENTS_N"
t0=$(date +%s.%N)
"$HOME_DIR/tests/bench/judgments_gen.pl" "$FIXTURES" "$JDIR" "$JUDGMENTS_N" || die "judgments_gen.pl failed"
JGEN_S=$(secs_since "$t0")
JGEN_MB=$(du -sm "$JDIR" | cut -f1)
say "generated $(find "$JDIR" -name '*.xml' | wc -l) files, ${JGEN_MB} MB, in ${JGEN_S}s"
show "CASEGATE_CONFIG=$CONF bin/casegate-admin judgments import $JDIR"
t0=$(date +%s.%N)
CASEGATE_CONFIG=$CONF "$HOME_DIR/bin/casegate-admin" judgments import "$JDIR" \
	>"$TMP/judgments-import.out" 2>"$TMP/judgments-import.log" ||
	{ tail -n 20 "$TMP/judgments-import.log" >&2; die "judgments import failed"; }
JIMPORT_S=$(secs_since "$t0")
cat "$TMP/judgments-import.out"
rm -rf "$JDIR"
J_N=$(judgment_count)
((J_N == JUDGMENTS_N + 5)) || die "expected $((JUDGMENTS_N + 5)) judgments after the import, found $J_N"
read -r J_MB J_XML_MB J_TOK_MB < <(sql -N -e "SELECT ROUND(data_length / 1048576) FROM information_schema.tables
	WHERE table_schema = 'casegate' AND table_name = 'judgments'" |
	tr '\n' ' '; sql -N -e "SELECT ROUND((SELECT SUM(LENGTH(xml)) FROM judgment_xml) / 1048576),
	ROUND((SELECT SUM(LENGTH(body_tokens)) FROM judgment_search) / 1048576)")
say "judgments: $J_N (import of $JUDGMENTS_N: ${JIMPORT_S}s, $(awk -v n="$JUDGMENTS_N" -v s="$JIMPORT_S" \
	'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }') files/s); table ${J_MB} MB" \
	"(metadata only; judgment_xml ${J_XML_MB} MB, judgment_search body_tokens ${J_TOK_MB} MB;" \
	"innodb_buffer_pool_size 256M)"

# check_get NAME URL: one GET, 2xx, the body in $TMP/NAME.body; prints its size
# and, for a feed, the entries on the page and the number of pages.
check_get() {
	local name=$1 url=$2 code
	code=$(curl -sS -o "$TMP/$name.body" -w '%{http_code} %{size_download} %{time_total}' \
		--max-time 60 "$url") || die "GET $url failed"
	[[ $code == 2* ]] || die "GET $url answered ${code%% *}"
	read -r _ JBYTES JTIME <<<"$code"
	JENTRIES=$(grep -o '<entry>' "$TMP/$name.body" | wc -l || true)
	JPAGES=$(grep -o 'page=[0-9]*" rel="last"' "$TMP/$name.body" | tr -dc '0-9' || true)
	say "GET $url: $JBYTES bytes, ${JTIME}s, $JENTRIES entries, ${JPAGES:-1} pages"
}

# The word: in 4 of the 5 fixtures (all but the Family one), 8,000 of 10,000.
J_WORD=appeal
# The phrase: in both EWCA Civ fixtures (and 2 others), so 4,000 of 10,000 with the court.
J_PHRASE='the appellant'
J_DOC_FILE=ewca-civ-2025-673.xml	# 80,646 bytes: the fixture closest to 80 KB
J_DOC_URI=$(awk -F'\t' -v f="$J_DOC_FILE" '$1 == f { print $2 }' "$FIXTURES/manifest.tsv")
[[ -n $J_DOC_URI ]] || die "no document_uri for $J_DOC_FILE in the manifest"

ATOM_URL="$BASE/atom.xml"
WORD_URL="$BASE/atom.xml?query=$J_WORD"
PHRASE_URL="$BASE/atom.xml?query=%22${J_PHRASE// /+}%22&court=ewca"
DOC_URL="$BASE/$J_DOC_URI/data.xml"

check_get j_atom "$ATOM_URL"
((JENTRIES > 0)) || die "GET $ATOM_URL: no entries"
run_wrk j_atom judgments_pids "$CONNS" "$ATOM_URL" "--timeout 60s -s tests/bench/p95.lua" --timeout 60s -s "$P95_LUA"
JATOM_RPS=$RPS JATOM_P50=$P50 JATOM_P95=$P95 JATOM_P99=$P99 JATOM_OTHER=$OTHER

check_get j_word "$WORD_URL"
((JENTRIES > 0)) || die "GET $WORD_URL: no entries"
JWORD_PAGES=${JPAGES:-1}
DURATION_S=$JQ_DURATION_S DURATION=${JQ_DURATION_S}s \
	run_wrk j_word judgments_pids "$JQ_CONNS" "$WORD_URL" "--timeout 60s -s tests/bench/p95.lua" \
	--timeout 60s -s "$P95_LUA"
JWORD_RPS=$RPS JWORD_P50=$P50 JWORD_P95=$P95 JWORD_P99=$P99 JWORD_OTHER=$OTHER

check_get j_phrase "$PHRASE_URL"
((JENTRIES > 0)) || die "GET $PHRASE_URL: no entries"
JPHRASE_PAGES=${JPAGES:-1}
DURATION_S=$JQ_DURATION_S DURATION=${JQ_DURATION_S}s \
	run_wrk j_phrase judgments_pids "$JQ_CONNS" "$PHRASE_URL" "--timeout 60s -s tests/bench/p95.lua" \
	--timeout 60s -s "$P95_LUA"
JPHRASE_RPS=$RPS JPHRASE_P50=$P50 JPHRASE_P95=$P95 JPHRASE_P99=$P99 JPHRASE_OTHER=$OTHER

check_get j_doc "$DOC_URL"
cmp -s "$TMP/j_doc.body" "$FIXTURES/$J_DOC_FILE" || die "GET $DOC_URL is not the bytes of $J_DOC_FILE"
JDOC_BYTES=$JBYTES
run_wrk j_doc judgments_pids "$CONNS" "$DOC_URL" "-s tests/bench/p95.lua" -s "$P95_LUA"
JDOC_RPS=$RPS JDOC_P50=$P50 JDOC_P95=$P95 JDOC_P99=$P99 JDOC_OTHER=$OTHER

# The cost of the queries in the database alone, for the record.
word_sql="SELECT COUNT(*) FROM judgments j STRAIGHT_JOIN judgment_search s ON s.judgment_id = j.id WHERE j.published = 1
	AND (LOCATE(' $J_WORD ', s.title_tokens) > 0 OR LOCATE(' $J_WORD ', s.party_tokens) > 0
	OR LOCATE(' $J_WORD ', s.body_tokens) > 0)"
show "mariadb ... -e \"$(tr -s '\t\n' '  ' <<<"$word_sql")\""
t0=$(date +%s.%N)
JWORD_N=$(sql -N -e "$word_sql")
JWORD_SQL_S=$(secs_since "$t0")
say "$JWORD_N matches, ${JWORD_SQL_S}s in MariaDB alone (a full scan: LOCATE over every row's" \
	"judgment_search tokens, run twice per page: COUNT(*), then the page)"
curl -fsS -o /dev/null --max-time 5 "$BASE/health" || fail "the stack does not answer /health after the judgments runs"

# ---------------------------------------------------------------- g. the filings family

filings_pool() {
	local pid
	pid=$(pid_in "$RUN/filings.pid")
	[[ -n $pid && $(cat "/proc/$pid/comm" 2>/dev/null) == multiwatch ]] || return 1
	echo "$pid"
}
filings_pids() { local p; if p=$(filings_pool); then children "$p"; fi; return 0; }
filings_pool >/dev/null || die "no filings pool (cgi-bin/filings not started by $STACK)"
filing_count() { sql -N -e "SELECT COUNT(*) FROM filings"; }
ADMIN_CLI=$HOME_DIR/bin/casegate-admin
FILER_EMAIL=bench-filer@example.org
FILER_PW=pw-$(openssl rand -hex 12)
FILING_LUA=$HOME_DIR/tests/bench/filing.lua
COURT_URL=$BASE/jurisdictions/illinois/filingreview/courts/adams

say
say "== the filings family, Adams County (illinois), a two-document payload"
# And again for the filings and payments figures (see the cases family).
run_wrk ceiling_filings ceiling_pids "$CONNS" "$BASE/bench/ceiling" ""
CEILF_RPS=$RPS CEILF_P50=$P50 CEILF_P99=$P99 CEILF_OTHER=$OTHER
show "CASEGATE_CONFIG=$CONF bin/casegate-admin apikey add bench"
API_KEY=$(CASEGATE_CONFIG=$CONF "$ADMIN_CLI" apikey add bench 2>"$TMP/apikey.log" | tail -n 1) ||
	{ cat "$TMP/apikey.log" >&2; die "casegate-admin apikey add failed"; }
[[ -n $API_KEY ]] || die "casegate-admin apikey add printed no key"
show "echo \$FILER_PW | bin/casegate-admin filer add $FILER_EMAIL --jurisdiction illinois --first Ada --last Lovelace --firm BenchFirm"
CASEGATE_CONFIG=$CONF "$ADMIN_CLI" filer add "$FILER_EMAIL" --jurisdiction illinois --first Ada \
	--last Lovelace --firm BenchFirm <<<"$FILER_PW" >"$TMP/filer.log" 2>&1 ||
	{ cat "$TMP/filer.log" >&2; die "casegate-admin filer add failed"; }
# shellcheck disable=SC2016  # shown literally
show 'curl -X POST -H "Content-Type: application/json" --data "{\"api_key\":\"$API_KEY\",\"tyler-illinois\":{...}}" '"$BASE/authenticate"
resp=$(curl -fsS --max-time 10 -X POST -H 'Content-Type: application/json' --data-binary @- \
	"$BASE/authenticate" <<<"{\"api_key\":\"$API_KEY\",\"tyler-illinois\":{\"username\":\"$FILER_EMAIL\",\"password\":\"$FILER_PW\"}}") ||
	die "POST /authenticate does not answer 2xx"
TYLER_TOKEN=$(sed -n 's/.*"TYLER-TOKEN-ILLINOIS":"\([^"]*\)".*/\1/p' <<<"$resp")
[[ -n $TYLER_TOKEN ]] || die "POST /authenticate gave no TYLER-TOKEN-ILLINOIS"
# shellcheck disable=SC2016  # shown literally
show 'curl -X POST -H "X-API-KEY: $API_KEY" -H "TYLER-TOKEN-ILLINOIS: $TYLER_TOKEN" -H "Content-Type: text/plain" --data "Bench waiver" '"$BASE/jurisdictions/illinois/payments/payment-accounts"
resp=$(curl -fsS --max-time 10 -X POST -H "X-API-KEY: $API_KEY" -H "TYLER-TOKEN-ILLINOIS: $TYLER_TOKEN" \
	-H 'Content-Type: text/plain' --data-binary 'Bench waiver' \
	"$BASE/jurisdictions/illinois/payments/payment-accounts") ||
	die "POST .../payments/payment-accounts does not answer 2xx"
PAYMENT_ID=$(sed -n 's/^"\([^"]*\)"$/\1/p' <<<"$resp")
[[ -n $PAYMENT_ID ]] || die "POST .../payments/payment-accounts answered no id: ${resp:0:200}"
say "waiver payment account: $PAYMENT_ID"

# One element of al_court_bundle: filing code, file name, document.
filing_doc() {
	printf '{"proxy_enabled":true,"filing_type":"%s","filing_parties":["users[0]"],"filename":"%s",' "$1" "$2"
	printf '"document_type":"5766","filing_component":"332","data_url":"%s/benchdocs/%s",' "$BASE" "$3"
	printf '"elements":{},"optional_services":[{"code":"1001","multiplier":2}]}'
}
FILING_BODY_FILE=$TMP/filing-body.json
cat >"$FILING_BODY_FILE" <<JSON
{"users":{"_class":"ALPeopleList","elements":[{"name":{"first":"Ada","middle":"","last":"Lovelace","suffix":""},"email":"ada@example.org","phone_number":"312-555-0123","party_type":"21001","is_new":true,"is_form_filler":true,"address":{"address":"1 Main St","unit":"","city":"Quincy","state":"IL","zip":"62301"}}]},"other_parties":{"elements":[{"name":{"first":"Bob","last":"Landlord"},"party_type":"21002"}]},"user_started_case":true,"efile_case_category":"184","efile_case_type":"25361","al_court_bundle":{"_class":"ALDocumentBundle","elements":[$(filing_doc 143127 complaint a.pdf),$(filing_doc 143127 exhibit b.pdf)]},"tyler_payment_id":"$PAYMENT_ID"}
JSON
FILING_BODY_BYTES=$(wc -c <"$FILING_BODY_FILE")
say "payload ($FILING_BODY_BYTES bytes; documents $(wc -c <"$BENCH_DOCS/a.pdf") B, 2 pages and" \
	"$(wc -c <"$BENCH_DOCS/b.pdf") B, 1 page):"
cat "$FILING_BODY_FILE"

# check_filing NAME PATH MUST_CONTAIN: one POST of the payload, 200 and a body
# holding MUST_CONTAIN, or the bench stops.
check_filing() {
	local name=$1 url=$COURT_URL/$2 code
	code=$(curl -sS -o "$TMP/$name.body" -w '%{http_code} %{time_total}' --max-time 30 -X POST \
		-H "X-API-KEY: $API_KEY" -H "TYLER-TOKEN-ILLINOIS: $TYLER_TOKEN" \
		-H 'Content-Type: application/json' --data-binary "@$FILING_BODY_FILE" "$url") ||
		die "POST $url failed"
	[[ ${code%% *} == 200 ]] || die "POST $url answered ${code%% *}, not 200: $(head -c 400 "$TMP/$name.body")"
	grep -qF -- "$3" "$TMP/$name.body" || die "POST $url: no $3 in $(head -c 400 "$TMP/$name.body")"
	say "POST $url: 200 in ${code#* }s, $(wc -c <"$TMP/$name.body") bytes: $(head -c 160 "$TMP/$name.body")..."
}
check_filing f_fees filing/fees '"feesCalculationAmount"'
check_filing f_check filing/check '"required_vars":[],"optional_vars":[],"wrong_vars":[]'
check_filing f_submit filings '"envelopeId"'
[[ $(grep -o '"filingIds":\[[^]]*\]' "$TMP/f_submit.body" | grep -o '"[0-9a-f-]\{36\}"' | wc -l) == 2 ]] ||
	die "submit: not two filingIds in $(head -c 400 "$TMP/f_submit.body")"

say
say "filing.lua: POST, Content-Type application/json, X-API-KEY \$API_KEY, TYLER-TOKEN-ILLINOIS \$TYLER_TOKEN,"
say "            body $FILING_BODY_FILE (from the environment: BENCH_API_KEY, BENCH_TYLER_TOKEN, BENCH_FILING_BODY)"
export BENCH_FILING_BODY=$FILING_BODY_FILE
BENCH_API_KEY=$API_KEY BENCH_TYLER_TOKEN=$TYLER_TOKEN \
	run_vs f_fees filings_pids "$FILING_CONNS" "$COURT_URL/filing/fees" "-s tests/bench/filing.lua" \
	-s "$FILING_LUA"
FEES_RPS=$RPS FEES_P50=$P50 FEES_P99=$P99 FEES_OTHER=$OTHER FEES_CEIL=$NEAR
BENCH_API_KEY=$API_KEY BENCH_TYLER_TOKEN=$TYLER_TOKEN \
	run_vs f_check filings_pids "$FILING_CONNS" "$COURT_URL/filing/check" "-s tests/bench/filing.lua" \
	-s "$FILING_LUA"
CHECK_RPS=$RPS CHECK_P50=$P50 CHECK_P99=$P99 CHECK_OTHER=$OTHER CHECK_CEIL=$NEAR
before_n=$(filing_count)
BENCH_API_KEY=$API_KEY BENCH_TYLER_TOKEN=$TYLER_TOKEN DURATION_S=$FILING_SUBMIT_S DURATION=${FILING_SUBMIT_S}s \
	run_vs f_submit filings_pids "$FILING_SUBMIT_CONNS" "$COURT_URL/filings" "-s tests/bench/filing.lua" \
	-s "$FILING_LUA"
SUBMIT_RPS=$RPS SUBMIT_P50=$P50 SUBMIT_P99=$P99 SUBMIT_OTHER=$OTHER SUBMIT_CEIL=$NEAR
SUBMIT_N=$(($(filing_count) - before_n))
read -r SUBMIT_DOCS SUBMIT_DOC_MB < <(sql -N -e "SELECT COUNT(*), ROUND(SUM(size) / 1048576, 1) FROM filing_documents" 2>/dev/null || echo "? ?")
say "filings rows created by the submit runs (warm-up included; 2 per submit): $SUBMIT_N; filing_documents: ${SUBMIT_DOCS:-?} rows, ${SUBMIT_DOC_MB:-?} MB"
curl -fsS -o /dev/null --max-time 5 "$BASE/health" || fail "the stack does not answer /health after the filings runs"

# ---------------------------------------------------------------- h. the payments family

payments_pids() {
	local p
	if p=$(pid_in "$RUN/payments.pid"); then children "$p"; fi
	return 0
}
PAY_LUA=$HOME_DIR/tests/bench/payments.lua
PAY_URL=$BASE/jurisdictions/illinois/payments
say "== the payments family: the firm's accounts, and the browser flow's callback"
code=$(curl -sS -o "$TMP/p_list.body" -w '%{http_code}' --max-time 10 -H "X-API-KEY: $API_KEY" \
	-H "TYLER-TOKEN-ILLINOIS: $TYLER_TOKEN" "$PAY_URL/payment-accounts") || code=000
[[ $code == 200 ]] && grep -q '"paymentAccountID"' "$TMP/p_list.body" ||
	die "GET payment-accounts: HTTP $code $(head -c 300 "$TMP/p_list.body")"
BENCH_PAY_MODE=list BENCH_API_KEY=$API_KEY BENCH_TYLER_TOKEN=$TYLER_TOKEN \
	run_vs p_list payments_pids "$CONNS" "$PAY_URL/payment-accounts" "-s tests/bench/payments.lua" \
	-s "$PAY_LUA"
PLIST_RPS=$RPS PLIST_P50=$P50 PLIST_P99=$P99 PLIST_OTHER=$OTHER PLIST_CEIL=$NEAR

# One real transaction from new-toga-account, then BENCH_PAY_N copies of it
# in SQL (each callback consumes one; the warm-up and the run must not run out).
PAY_N=${BENCH_PAY_N:-60000}
code=$(curl -sS -o "$TMP/p_new.body" -w '%{http_code}' --max-time 10 \
	--data-urlencode "account_name=Bench card" --data-urlencode "global=false" \
	--data-urlencode "type_code=CC" --data-urlencode "tyler_info=$TYLER_TOKEN" \
	--data-urlencode "original_url=http://127.0.0.1:$PORT/done" \
	--data-urlencode "error_url=http://127.0.0.1:$PORT/failed" "$PAY_URL/new-toga-account") || code=000
[[ $code == 200 ]] || die "POST new-toga-account: HTTP $code $(head -c 300 "$TMP/p_new.body")"
sql -e "INSERT INTO toga_transactions SELECT CONCAT('B', LPAD(s.seq, 20, '0')), t.jurisdiction,
	t.filer_id, t.firm_id, t.session_hash, t.account_name, t.is_global, t.type_code, t.type_code_id,
	t.original_url, t.error_url, t.created_at, t.expires_at, NULL
	FROM (SELECT * FROM toga_transactions ORDER BY created_at DESC LIMIT 1) t
	JOIN seq_1_to_${PAY_N} s" || die "cannot copy the pending transaction"
accounts_before=$(sql -N -e "SELECT COUNT(*) FROM payment_accounts")
echo 0 >"$TMP/pay-state"
BENCH_PAY_MODE=callback BENCH_PAY_N=$PAY_N BENCH_PAY_STATE=$TMP/pay-state \
	run_vs p_callback payments_pids "$CONNS" "$PAY_URL/toga-account" "-s tests/bench/payments.lua" \
	-s "$PAY_LUA"
PCB_RPS=$RPS PCB_P50=$P50 PCB_P99=$P99 PCB_OTHER=$OTHER PCB_CEIL=$NEAR
PCB_MADE=$(($(sql -N -e "SELECT COUNT(*) FROM payment_accounts") - accounts_before))
say "card accounts made by the callback runs (warm-up included): $PCB_MADE of $PAY_N pending transactions"

# ---------------------------------------------------------------- the table

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r != "-" && r + 0 >= t) ? "ok" : "low" }'; }

TOKEN_RATIO=$(ratio "$TOKEN_RPS" "$ARGON_CEIL")
# Each run with a target against the ceiling measured right before it (run_vs).
for v in ME GET1K GET100K SEARCH SEARCHNC POST MGET MSEARCH FEES CHECK SUBMIT PLIST PCB; do
	rps=${v}_RPS ceil=${v}_CEIL
	printf -v "${v}_RATIO" '%s' "$(ratio "${!rps}" "${!ceil}")"
done
# The judgments' ratios with 4 decimals, or as 1.2e-05: some are far below 0.01.
ratio4() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "-"; else if (a / b >= 0.001) printf "%.4f", a / b;
		else printf "%.1e", a / b }'
}
for v in JATOM JWORD JPHRASE JDOC; do
	rps=${v}_RPS
	printf -v "${v}_RATIO" '%s' "$(ratio4 "${!rps}" "$CEILC_RPS")"
done
# The second GET against the first, in %; "ok" within 15% either way: in
# req/s, and as the two (unrounded) ratios, the machine's drift taken out.
change() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%+.1f%%", 100 * (b - a) / a; else print "-" }'; }
within15() {
	awk -v a="$1" -v b="$2" 'BEGIN { d = a > 0 ? 100 * (b - a) / a : 1e9; if (d < 0) d = -d; print (d <= 15) ? "ok" : "off" }'
}
exact() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > 0) ? a / b : 0 }'; }
GET_DIFF=$(change "$GET1K_RPS" "$GET100K_RPS")
GET_DIFF_RESULT=$(within15 "$GET1K_RPS" "$GET100K_RPS")
r1=$(exact "$GET1K_RPS" "$GET1K_CEIL") r2=$(exact "$GET100K_RPS" "$GET100K_CEIL")
GETR_DIFF=$(change "$r1" "$r2")
GETR_DIFF_RESULT=$(within15 "$r1" "$r2")
row() { printf '%-46s %9s %9s %9s %9s %6s %9s %-6s %5s %9s\n' "$@"; }

say
say "== Casegate bench figures ($CORES cores; wrk -t2, $DURATION per run; other = CPU used by"
say "   processes outside the benchmark during the run)"
row name req/s p50 p95 p99 ratio target result other "of ceil."
row "ceiling GET /bench/ceiling (a.-d.)" "$CEIL_RPS" "$CEIL_P50" - "$CEIL_P99" 1.00 - - "$CEIL_OTHER" -
row "ceiling again before the cases (e., f.)" "$CEILC_RPS" "$CEILC_P50" - "$CEILC_P99" 1.00 - - "$CEILC_OTHER" -
row "ceiling again before the filings (g., h.)" "$CEILF_RPS" "$CEILF_P50" - "$CEILF_P99" 1.00 - - "$CEILF_OTHER" -
row "argon2 ceiling ($CORES / ${HASH_MS}ms)" "$ARGON_CEIL" - - - - - - - -
row "POST /token / argon2 ceiling" "$TOKEN_RPS" "$TOKEN_P50" - "$TOKEN_P99" "$TOKEN_RATIO" ">=0.80" \
	"$(verdict "$TOKEN_RATIO" 0.8)" "$TOKEN_OTHER" "$ARGON_CEIL"
row "GET /users/me / ceiling" "$ME_RPS" "$ME_P50" - "$ME_P99" "$ME_RATIO" ">=0.70" \
	"$(verdict "$ME_RATIO" 0.7)" "$ME_OTHER" "$ME_CEIL"
row "token RSS growth 1k->101k" "$MEM_RPS" - - - \
	"$( [[ $GROWTH =~ ^-?[0-9]+$ ]] && printf '%+dK' "$GROWTH" || echo "?")" \
	"<=${GROWTH_MAX_KIB}K" "$MEM_RESULT" - -
row "GET /cases/{id} @${SMALL_N} / ceiling" "$GET1K_RPS" "$GET1K_P50" - "$GET1K_P99" "$GET1K_RATIO" ">=0.60" \
	"$(verdict "$GET1K_RATIO" 0.6)" "$GET1K_OTHER" "$GET1K_CEIL"
row "GET /cases/{id} @${BIG_N} / ceiling" "$GET100K_RPS" "$GET100K_P50" - "$GET100K_P99" "$GET100K_RATIO" ">=0.60" \
	"$(verdict "$GET100K_RATIO" 0.6)" "$GET100K_OTHER" "$GET100K_CEIL"
row "GET /cases/{id} @${BIG_N} vs @${SMALL_N}, req/s" - - - - "$GET_DIFF" "+-15%" "$GET_DIFF_RESULT" - -
row "  the same, each as a ratio of its ceiling" - - - - "$GETR_DIFF" "+-15%" "$GETR_DIFF_RESULT" - -
row "GET /cases/search / ceiling" "$SEARCH_RPS" "$SEARCH_P50" - "$SEARCH_P99" "$SEARCH_RATIO" ">=0.30" \
	"$(verdict "$SEARCH_RATIO" 0.3)" "$SEARCH_OTHER" "$SEARCH_CEIL"
row "  the same, counts not cached / ceiling" "$SEARCHNC_RPS" "$SEARCHNC_P50" - "$SEARCHNC_P99" "$SEARCHNC_RATIO" - - \
	"$SEARCHNC_OTHER" "$SEARCHNC_CEIL"
row "POST /cases/ / ceiling" "$POST_RPS" "$POST_P50" - "$POST_P99" "$POST_RATIO" ">=0.25" \
	"$(verdict "$POST_RATIO" 0.25)" "$POST_OTHER" "$POST_CEIL"
row "GET /api/v2/matters/{uuid} @${BIG_N} / ceiling" "$MGET_RPS" "$MGET_P50" - "$MGET_P99" "$MGET_RATIO" ">=0.60" \
	"$(verdict "$MGET_RATIO" 0.6)" "$MGET_OTHER" "$MGET_CEIL"
row "GET /api/v2/matters?date_of_birth= / ceiling" "$MSEARCH_RPS" "$MSEARCH_P50" - "$MSEARCH_P99" "$MSEARCH_RATIO" ">=0.30" \
	"$(verdict "$MSEARCH_RATIO" 0.3)" "$MSEARCH_OTHER" "$MSEARCH_CEIL"
row "judgments: load of $JUDGMENTS_N (gen+import)" - - - - "$(awk -v a="$JGEN_S" -v b="$JIMPORT_S" 'BEGIN { printf "%.1fs", a + b }')" - - - -
row "GET /atom.xml @${J_N} / ceiling" "$JATOM_RPS" "$JATOM_P50" "$JATOM_P95" "$JATOM_P99" "$JATOM_RATIO" - - "$JATOM_OTHER" "$CEILC_RPS"
row "GET /atom.xml?query=$J_WORD / ceiling" "$JWORD_RPS" "$JWORD_P50" "$JWORD_P95" "$JWORD_P99" "$JWORD_RATIO" - - "$JWORD_OTHER" "$CEILC_RPS"
row "GET /atom.xml?query=\"$J_PHRASE\"&court=ewca" "$JPHRASE_RPS" "$JPHRASE_P50" "$JPHRASE_P95" "$JPHRASE_P99" "$JPHRASE_RATIO" - - "$JPHRASE_OTHER" "$CEILC_RPS"
row "GET /{uri}/data.xml (${JDOC_BYTES} B) / ceiling" "$JDOC_RPS" "$JDOC_P50" "$JDOC_P95" "$JDOC_P99" "$JDOC_RATIO" - - "$JDOC_OTHER" "$CEILC_RPS"
row "POST filing/fees (2 docs) / ceiling" "$FEES_RPS" "$FEES_P50" - "$FEES_P99" "$FEES_RATIO" ">=0.30" \
	"$(verdict "$FEES_RATIO" 0.3)" "$FEES_OTHER" "$FEES_CEIL"
row "POST filing/check (2 docs) / ceiling" "$CHECK_RPS" "$CHECK_P50" - "$CHECK_P99" "$CHECK_RATIO" ">=0.15" \
	"$(verdict "$CHECK_RATIO" 0.15)" "$CHECK_OTHER" "$CHECK_CEIL"
row "POST filings submit (2 docs) / ceiling" "$SUBMIT_RPS" "$SUBMIT_P50" - "$SUBMIT_P99" "$SUBMIT_RATIO" ">=0.10" \
	"$(verdict "$SUBMIT_RATIO" 0.1)" "$SUBMIT_OTHER" "$SUBMIT_CEIL"
row "GET payments/payment-accounts / ceiling" "$PLIST_RPS" "$PLIST_P50" - "$PLIST_P99" "$PLIST_RATIO" - - "$PLIST_OTHER" "$PLIST_CEIL"
row "POST payments/toga-account (302) / ceiling" "$PCB_RPS" "$PCB_P50" - "$PCB_P99" "$PCB_RATIO" - - "$PCB_OTHER" "$PCB_CEIL"
say "(token worker VmRSS: ${RSS_1K:-?} KiB after 1,000 requests, ${RSS_100K:-?} KiB after 101,000)"
say "(cases: a case with 2 notes and 2 people, GET as $ADMIN_USER; $((BIG_N - SMALL_N)) more cases loaded by SQL"
say " in ${BIG_LOAD_S}s (+ ANALYZE TABLE ${ANALYZE_S}s) for the second GET and the search; search:"
say " postcode=$SEARCH_PC&page_size=20, $SEARCH_TOTAL of $BIG_N cases match; POST: durable, innodb_flush_log_at_trx_commit=1)"
say "(judgments: $JUDGMENTS_N made from the 5 fixtures by judgments_gen.pl in ${JGEN_S}s, imported by"
say " casegate-admin judgments import in ${JIMPORT_S}s; anonymous, CASEGATE_JUDGMENTS_RATE_LIMIT=0; p95 from"
say " tests/bench/p95.lua; the two queries with $JQ_CONNS connections for ${JQ_DURATION_S}s (wrk --timeout 60s),"
say " the others with $CONNS for $DURATION; query=$J_WORD: $JWORD_N matches ($JWORD_PAGES pages), ${JWORD_SQL_S}s"
say " for its COUNT(*) in MariaDB alone; query=\"$J_PHRASE\"&court=ewca: $JPHRASE_PAGES pages; data.xml of"
say " $J_DOC_FILE, $JDOC_BYTES bytes)"
say "(filings: Adams County, illinois, as one filer with an API key; a payload of $FILING_BODY_BYTES bytes, two"
say " documents (filing code 143127, component 332) fetched from this nginx's /benchdocs/; fees and check"
say " with $FILING_CONNS connections for $DURATION, submit with $FILING_SUBMIT_CONNS for ${FILING_SUBMIT_S}s; $SUBMIT_N filings rows made)"

if ((${#FAILURES[@]})); then
	say
	say "bench FAILED:"
	printf '  %s\n' "${FAILURES[@]}"
	exit 1
fi
exit 0
