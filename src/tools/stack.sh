#!/usr/bin/env bash
# stack.sh: starts and stops the whole local Casegate stack, for `make start|stop|run|reset` and
# for the test runner. Everything lives under one state directory, $CASEGATE_VAR (default var/):
# a private MariaDB data directory, the logs, the generated nginx.conf and the config file
# casegate.conf (mode 0600, KEY=VALUE, created on first start with a random database password
# and, outside production, a random SECRET_KEY). Unix sockets and pid files go to a short
# directory /tmp/cg-<hash of $CASEGATE_VAR>, because socket paths are limited to 107 bytes. The
# order is MariaDB, migrations and demo data (bin/casegate-admin), one spawn-fcgi + multiwatch
# pool per family binary found in cgi-bin/, then nginx; `stop` undoes it in reverse and leaves
# nothing running. Every daemon gets its own session (setsid), so a Ctrl-C in the terminal only
# reaches this script, which then stops them in order. No secret is ever printed.
#
# Usage: stack.sh start|stop|run|reset|db-start|db-stop|status
set -euo pipefail

SELF=$(realpath "${BASH_SOURCE[0]}")
CASEGATE_HOME=$(realpath "${CASEGATE_HOME:-$(dirname "$SELF")/../..}")
CASEGATE_VAR=$(realpath -m "${CASEGATE_VAR:-$CASEGATE_HOME/var}")
export CASEGATE_HOME CASEGATE_VAR     # so a nested `stack.sh stop` agrees on the paths

PORT=${PORT:-8080}
FAMILIES=${CASEGATE_FAMILIES:-token cases filings payments judgments}
VAR=$CASEGATE_VAR
CONF=$VAR/casegate.conf
LOG=$VAR/log
NGX_DIR=$VAR/nginx
NGX_CONF=$NGX_DIR/nginx.conf
RUN=/tmp/cg-$(printf '%s' "$VAR" | sha1sum | cut -c1-10)
DB_SOCK=$RUN/db.sock
CGI_DIR=$(realpath -m "${CASEGATE_CGI_DIR:-$CASEGATE_HOME/cgi-bin}")   # make asan-test points these at build-asan/
ADMIN=$(realpath -m "${CASEGATE_BIN_DIR:-$CASEGATE_HOME/bin}")/casegate-admin
OS_USER=$(id -un)     # root normally: owns MariaDB's unix_socket-authenticated superuser

say()  { printf 'casegate: %s\n' "$*"; }
warn() { printf 'casegate: %s\n' "$*" >&2; }
die()  { warn "$*"; exit 1; }

# Prints the last lines of each given log that exists, to stderr.
show_logs() {
    local f
    for f in "$@"; do
        [[ -s $f ]] || continue
        printf '\n==> %s <==\n' "$f" >&2
        tail -n 20 "$f" >&2
    done
}

# ---------------------------------------------------------------- processes

# True if pid $1 is a live (not zombie) process whose command name is $2.
proc_is() {
    local pid=$1 comm=$2 state
    [[ $pid =~ ^[0-9]+$ ]] && [[ -r /proc/$pid/comm ]] || return 1
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$comm" ]] || return 1
    state=$(awk '/^State:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
    [[ -n $state && $state != Z ]]
}

# Prints the pid stored in file $1 if it is a live process named $2.
pid_from() {
    local pid
    [[ -r $1 ]] || return 1
    pid=$(tr -dc '0-9' <"$1")
    proc_is "$pid" "$2" && printf '%s\n' "$pid"
}

# Prints the live (non-zombie) members of process group $1.
group_members() {
    ps -eo pid=,pgid=,stat= | awk -v g="$1" '$2 == g && $3 !~ /^Z/ { print $1 }'
}

# Prints pids named $1 whose command line contains the fixed string $2; fails if there is none.
pids_matching() {
    local pid found=1
    for pid in $(pgrep -x "$1" || true); do
        if tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$2"; then
            echo "$pid"
            found=0
        fi
    done
    return "$found"
}

# Waits up to $2 seconds until process group $1 is empty.
wait_group_gone() {
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        [[ -z $(group_members "$1") ]] && return 0
        sleep 0.1
    done
    return 1
}

# Stops process group $1 (a session leader we started): signal $2 to the leader first so it can
# shut its children down in order, then TERM to the whole group, then KILL after $3 seconds.
stop_group() {
    local pgid=$1 sig=$2 grace=$3
    [[ -n $(group_members "$pgid") ]] || return 0
    STOPPED+=("$pgid")
    kill -"$sig" "$pgid" 2>/dev/null || true
    wait_group_gone "$pgid" "$grace" && return 0
    kill -TERM -- "-$pgid" 2>/dev/null || true
    wait_group_gone "$pgid" 5 && return 0
    warn "process group $pgid did not stop; killing it"
    kill -KILL -- "-$pgid" 2>/dev/null || true
    wait_group_gone "$pgid" 5 || warn "process group $pgid is still there"
}

# Waits up to 3 s until the groups we stopped have left the process table: they were orphans,
# and until init reaps them they still show in `ps` as <defunct>.
STOPPED=()
wait_reaped() {
    local i pgids
    ((${#STOPPED[@]})) || return 0
    pgids=" ${STOPPED[*]} "
    for ((i = 0; i < 30; i++)); do
        ps -eo pgid= | awk -v l="$pgids" 'index(l, " " $1 " ") { f = 1 } END { exit !f }' || return 0
        sleep 0.1
    done
}

# Starts "$@" as the leader of a new session, detached from the terminal, with stdout and
# stderr appended to log $1. Sets STARTED_PID. Not in a subshell: bash would fork and the
# pid would be wrong. setsid does not fork here (a background job is never a group leader
# in a non-interactive shell), so $! is the daemon itself.
start_daemon() {
    local log=$1
    shift
    setsid "$@" </dev/null >>"$log" 2>&1 &
    STARTED_PID=$!
}

# ---------------------------------------------------------------- config file

conf_get() {
    [[ -r $CONF ]] || return 0
    K=$1 awk 'index($0, ENVIRON["K"] "=") == 1 { print substr($0, length(ENVIRON["K"]) + 2); exit }' "$CONF"
}

# Sets key $1 to $2 in place (first line with that key; later duplicates dropped), else appends.
conf_set() {
    local tmp
    tmp=$(mktemp "$CONF.XXXXXX")
    K=$1 V=$2 awk '
        BEGIN { k = ENVIRON["K"]; v = ENVIRON["V"] }
        index($0, k "=") == 1 { if (!done) print k "=" v; done = 1; next }
        { print }
        END { if (!done) print k "=" v }' "$CONF" >"$tmp"
    chmod 0600 "$tmp"
    mv -f "$tmp" "$CONF"
}

conf_default() { [[ -n $(conf_get "$1") ]] || conf_set "$1" "$2"; }

random_alnum() {
    local s=""
    while ((${#s} < $1)); do s+=$(openssl rand -base64 48 | tr -dc 'A-Za-z0-9'); done
    printf '%s' "${s:0:$1}"
}

# Like the C code: the environment first, then the file.
is_production() { [[ ${CASEGATE_ENV-$(conf_get CASEGATE_ENV)} == production ]]; }

# Creates casegate.conf on first start and refreshes the runtime keys on every start. The
# environment is never copied into the file: the C code reads the environment first.
ensure_config() {
    if is_production && [[ -z ${SECRET_KEY:-} && -z $(conf_get SECRET_KEY) ]]; then
        die "SECRET_KEY must be set when CASEGATE_ENV=production"
    fi
    mkdir -p "$VAR/db" "$LOG" "$NGX_DIR"
    printf '%s\n' "$RUN" >"$VAR/run.path"
    [[ -e $CONF ]] || (umask 077 && : >"$CONF")
    chmod 0600 "$CONF"
    conf_default CASEGATE_DB_NAME casegate
    conf_default CASEGATE_DB_USER casegate
    conf_default CASEGATE_DB_PASSWORD "$(random_alnum 32)"
    if [[ -z ${SECRET_KEY:-} && -z $(conf_get SECRET_KEY) ]]; then
        conf_set SECRET_KEY "$(openssl rand -hex 32)"
    fi
    conf_set CASEGATE_DB_SOCKET "$DB_SOCK"
    conf_set CASEGATE_SQL_DIR "$CASEGATE_HOME/sql"
    conf_set CASEGATE_LOG_FILE "$LOG/access.log"
}

# The database settings the workers will use: environment first, then the file, like the C code.
db_setting() {
    local v=${!1:-}
    [[ -n $v ]] || v=$(conf_get "$1")
    printf '%s' "$v"
}

ensure_run_dir() {
    mkdir -p "$RUN"
    chmod 0755 "$RUN"
}

# ---------------------------------------------------------------- MariaDB

db_pid() {
    pid_from "$RUN/db.pid" mariadbd || { pids_matching mariadbd "--datadir=$VAR/db " | head -n 1; }
}

db_ping() {
    mariadb-admin --no-defaults --connect-timeout=2 --socket="$DB_SOCK" -u"$OS_USER" ping >/dev/null 2>&1
}

db_install() {
    [[ -d $VAR/db/mysql ]] && return 0
    say "creating the MariaDB data directory in $VAR/db"
    mariadb-install-db --no-defaults --datadir="$VAR/db" --user="$OS_USER" \
        --auth-root-authentication-method=socket --skip-test-db >>"$LOG/install-db.log" 2>&1 ||
        { show_logs "$LOG/install-db.log"; rm -rf "${VAR:?}/db/mysql"; die "mariadb-install-db failed"; }
}

db_start() {
    [[ -d $VAR/db/mysql ]] || die "no database in $VAR/db (run 'stack.sh start' first)"
    ensure_run_dir
    if db_ping; then
        say "MariaDB already running"
        return 0
    fi
    [[ -z $(db_pid) ]] || die "a mariadbd for $VAR/db runs but does not answer on $DB_SOCK; run 'stack.sh stop'"
    rm -f "$DB_SOCK" "$DB_SOCK.lock"
    say "starting MariaDB (socket $DB_SOCK)"
    start_daemon "$LOG/mariadb.log" mariadbd --no-defaults --datadir="$VAR/db" \
        --socket="$DB_SOCK" --pid-file="$RUN/db.pid" --skip-networking --user="$OS_USER" \
        --log-error="$LOG/mariadb.log" --innodb-flush-log-at-trx-commit=1 \
        --innodb-buffer-pool-size=256M --max-connections=500 \
        --query-cache-type=2 --query-cache-size=16M \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci
    local pid=$STARTED_PID i
    for ((i = 0; i < 600; i++)); do
        db_ping && return 0
        proc_is "$pid" mariadbd || break
        sleep 0.1
    done
    show_logs "$LOG/mariadb.log"
    die "MariaDB did not come up (log: $LOG/mariadb.log)"
}

db_stop() {
    local pid
    pid=$(db_pid || true)
    if [[ -z $pid ]]; then
        rm -f "$DB_SOCK" "$DB_SOCK.lock" "$RUN/db.pid"
        return 0
    fi
    say "stopping MariaDB"
    STOPPED+=("$pid")     # a session leader too: its pgid is its pid
    mariadb-admin --no-defaults --connect-timeout=5 --socket="$DB_SOCK" -u"$OS_USER" \
        shutdown >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 600; i++)); do
        proc_is "$pid" mariadbd || break
        sleep 0.1
    done
    if proc_is "$pid" mariadbd; then
        warn "MariaDB did not stop within 60 s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 0.5
    fi
    rm -f "$DB_SOCK" "$DB_SOCK.lock" "$RUN/db.pid"
}

# Quotes $1 as an SQL string literal.
sql_str() {
    local s=${1//\\/\\\\}
    printf "'%s'" "${s//\'/\'\'}"
}

# Creates the database and the application user, and (re)sets its password to the configured
# one, so the file's password always works. The SQL goes on stdin: no password in `ps`.
db_provision() {
    local name user pw
    name=$(db_setting CASEGATE_DB_NAME)
    user=$(db_setting CASEGATE_DB_USER)
    pw=$(db_setting CASEGATE_DB_PASSWORD)
    [[ $name =~ ^[A-Za-z0-9_]{1,64}$ ]] || die "CASEGATE_DB_NAME must be letters, digits or _"
    [[ $user =~ ^[A-Za-z0-9_]{1,80}$ ]] || die "CASEGATE_DB_USER must be letters, digits or _"
    [[ -n $pw ]] || die "CASEGATE_DB_PASSWORD is empty"
    local account="'$user'@'localhost'"
    mariadb --no-defaults --socket="$DB_SOCK" -u"$OS_USER" <<SQL || die "could not create the database or its user"
CREATE DATABASE IF NOT EXISTS \`$name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS $account IDENTIFIED BY $(sql_str "$pw");
ALTER USER $account IDENTIFIED BY $(sql_str "$pw");
GRANT ALL ON \`$name\`.* TO $account;
SQL
}

# ---------------------------------------------------------------- migrations and demo data

admin() { CASEGATE_CONFIG=$CONF "$ADMIN" "$@"; }

load_data() {
    [[ -x $ADMIN ]] || die "$ADMIN is missing (build it first: make)"
    say "applying migrations"
    admin migrate
    admin bootstrap
    demo_efiling
    local fixtures manifest help
    fixtures=$(realpath -m "$CASEGATE_HOME/../shared/fixtures/caselaw")
    manifest=$fixtures/manifest.tsv
    [[ -f $manifest ]] || return 0
    help=$(admin help 2>&1 || true)
    [[ $help == *judgments* ]] || return 0
    say "importing the judgments in $fixtures"
    admin judgments import --manifest "$manifest" "$fixtures"
}

# One demo client server (API key) and one demo filer for illinois, made once and kept in
# $VAR/demo-efiling.txt (mode 600) so that each start can print them. CASEGATE_DEMO=0 skips it
# (the test suites make their own).
demo_efiling() {
    local file=$VAR/demo-efiling.txt key pw
    [[ ${CASEGATE_DEMO:-1} == 0 ]] && return 0
    [[ -s $file ]] && return 0
    key=$(admin apikey add demo-client | tail -n 1) || die "cannot create the demo API key"
    pw=demo-$(openssl rand -hex 8)
    printf '%s\n' "$pw" | admin filer add demo.filer@example.org --jurisdiction illinois \
        --first Demo --last Filer --firm "Demo Legal Aid" >/dev/null ||
        die "cannot create the demo filer"
    (umask 077; printf 'api_key=%s\nfiler=demo.filer@example.org\npassword=%s\njurisdiction=illinois\n' \
        "$key" "$pw" >"$file")
}

# ---------------------------------------------------------------- worker pools

# The families whose binary has been built.
built_families() {
    local f
    for f in $FAMILIES; do
        [[ -x $CGI_DIR/$f && -f $CGI_DIR/$f ]] && echo "$f"
    done
    return 0
}

pool_pid() { pid_from "$RUN/$1.pid" multiwatch || pid_from "$RUN/$1.pid" spawn-fcgi; }

pool_size() {
    local var=CASEGATE_POOL_${1^^} n
    n=${!var:-2}
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "$var must be a positive number, not '$n'"
    printf '%s' "$n"
}

pool_start() {
    local f=$1 n sock=$RUN/$1.sock i
    if pool_pid "$f" >/dev/null; then
        say "pool $f already running"
        return 0
    fi
    n=$(pool_size "$f")
    rm -f "$sock"
    say "starting pool $f ($n workers)"
    # The whole environment goes to the workers as it is; they read it before the file.
    CASEGATE_CONFIG=$CONF start_daemon "$LOG/$f.log" spawn-fcgi -n -s "$sock" -M 0666 -- \
        /usr/bin/multiwatch -f "$n" -- "$CGI_DIR/$f"
    echo "$STARTED_PID" >"$RUN/$f.pid"
    for ((i = 0; i < 50; i++)); do
        [[ -S $sock ]] && pool_pid "$f" >/dev/null && return 0
        sleep 0.1
    done
    show_logs "$LOG/$f.log"
    die "pool $f did not start (log: $LOG/$f.log)"
}

# Stops the pool recorded in $RUN/$1.pid. multiwatch passes a graceful stop on to its workers
# (USR1, on which libfcgi finishes the current request and returns from accept).
pool_stop() {
    local f=$1 pid
    if pid=$(pool_pid "$f"); then
        say "stopping pool $f"
        stop_group "$pid" TERM 5
    fi
    rm -f "$RUN/$f.sock" "$RUN/$f.pid"
}

# Pools whose pid file was lost: multiwatch processes started with our config file.
stray_pools() {
    local pid
    for pid in $(pgrep -x multiwatch || true); do
        tr '\0' '\n' 2>/dev/null <"/proc/$pid/environ" | grep -qxF "CASEGATE_CONFIG=$CONF" && echo "$pid"
    done
    return 0
}

# ---------------------------------------------------------------- nginx

sed_escape() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }

nginx_config() {
    local tmpl=$CASEGATE_HOME/nginx/casegate.conf.in
    [[ -r $tmpl ]] || die "$tmpl is missing"
    [[ $PORT =~ ^[0-9]+$ ]] || die "PORT must be a number, not '$PORT'"
    sed -e "s|@PORT@|$(sed_escape "$PORT")|g" \
        -e "s|@RUN@|$(sed_escape "$RUN")|g" \
        -e "s|@VAR@|$(sed_escape "$VAR")|g" \
        -e "s|@HTDOCS@|$(sed_escape "$CASEGATE_HOME/htdocs")|g" "$tmpl" >"$NGX_CONF.tmp"
    mv -f "$NGX_CONF.tmp" "$NGX_CONF"
}

# nginx with our prefix; -e keeps even its earliest messages out of /var/log/nginx.
nginx_cmd() { nginx -p "$NGX_DIR" -e "$LOG/nginx-error.log" -c "$NGX_CONF" "$@"; }

nginx_pid() {
    pid_from "$RUN/nginx.pid" nginx || { pids_matching nginx "-c $NGX_CONF" | head -n 1; }
}

nginx_start() {
    local out pid
    nginx_config
    out=$(nginx_cmd -t 2>&1) || { printf '%s\n' "$out" >&2; die "nginx configuration test failed ($NGX_CONF)"; }
    if pid=$(nginx_pid); then
        say "nginx already running; reloading its configuration"
        kill -HUP "$pid"
        return 0
    fi
    say "starting nginx on 127.0.0.1:$PORT"
    nginx_cmd </dev/null >>"$LOG/nginx-error.log" 2>&1 ||
        { show_logs "$LOG/nginx-error.log"; die "nginx did not start"; }
}

# nginx runs as its own session leader (it calls setsid when it daemonises): QUIT the master
# for a graceful stop, and if that hangs the whole group, workers included, goes.
nginx_stop() {
    local pid
    pid=$(nginx_pid) || return 0
    say "stopping nginx"
    stop_group "$(ps -o pgid= -p "$pid" | tr -d ' ')" QUIT 10
    rm -f "$RUN/nginx.pid"
}

# ---------------------------------------------------------------- the commands

health_ok() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/health" 2>/dev/null; }

wait_healthy() {
    local i f
    for ((i = 0; i < 60; i++)); do
        health_ok && return 0
        sleep 0.5
    done
    warn "http://127.0.0.1:$PORT/health did not answer 2xx within 30 s"
    [[ -x $CGI_DIR/token ]] || warn "(/health is served by cgi-bin/token, which is not built)"
    for f in $(built_families); do show_logs "$LOG/$f.log"; done
    show_logs "$LOG/nginx-error.log" "$LOG/mariadb.log"
    exit 1
}

# True when MariaDB, nginx and one pool per built family all run.
all_up() {
    local f
    db_ping && nginx_pid >/dev/null || return 1
    for f in $(built_families); do pool_pid "$f" >/dev/null || return 1; done
}

cmd_start() {
    if [[ -d $VAR/db/mysql ]] && all_up && health_ok; then
        say "already running: http://127.0.0.1:$PORT/"
        return 0
    fi
    ensure_config
    ensure_run_dir
    db_install
    db_start
    db_provision
    load_data
    local families f
    families=$(built_families)
    [[ -n $families ]] || die "no family binary in $CGI_DIR (build first: make)"
    for f in $families; do pool_start "$f"; done
    nginx_start
    wait_healthy
    say "Casegate is up: http://127.0.0.1:$PORT/"
    if [[ -s $VAR/demo-efiling.txt ]]; then
        say "e-filing demo (illinois): X-API-KEY $(sed -n 's/^api_key=//p' "$VAR/demo-efiling.txt")," \
            "filer $(sed -n 's/^filer=//p' "$VAR/demo-efiling.txt")" \
            "password $(sed -n 's/^password=//p' "$VAR/demo-efiling.txt")"
    fi
    say "logs: $LOG/"
}

cmd_stop() {
    local f pid
    nginx_stop
    for f in $FAMILIES; do pool_stop "$f"; done
    for pid in $(stray_pools); do stop_group "$pid" TERM 5; done
    db_stop
    wait_reaped
    [[ $RUN == /tmp/cg-?????????? ]] && rm -rf "$RUN"
    return 0
}

# Foreground mode. The trap is set before starting, so a Ctrl-C during start-up also stops
# whatever already runs; stop itself then ignores further Ctrl-Cs so that it can finish.
TAIL_PID=""
on_signal() {
    trap '' INT TERM
    [[ -z $TAIL_PID ]] || kill "$TAIL_PID" 2>/dev/null || true
    echo
    "$BASH" "$SELF" stop
    exit 0
}

cmd_run() {
    trap on_signal INT TERM
    "$BASH" "$SELF" start || { "$BASH" "$SELF" stop; exit 1; }
    say "running in the foreground; Ctrl-C stops everything"
    touch "$LOG/access.log"
    tail -n 0 -F "$LOG/access.log" &
    TAIL_PID=$!
    wait "$TAIL_PID" || true
    "$BASH" "$SELF" stop
}

cmd_reset() {
    [[ -n $VAR && $VAR != / ]] || die "refusing to delete CASEGATE_VAR='$VAR'"
    "$BASH" "$SELF" stop
    say "deleting $VAR"
    rm -rf -- "$VAR"
}

cmd_status() {
    local up=0 f pid
    if db_ping; then say "mariadb   up   (socket $DB_SOCK)"; else say "mariadb   down"; up=3; fi
    for f in $(built_families); do
        if pid=$(pool_pid "$f"); then
            say "$(printf '%-9s' "$f") up   (pid $pid, $(($(group_members "$pid" | wc -l) - 1)) workers)"
        else
            say "$(printf '%-9s' "$f") down"
            up=3
        fi
    done
    if pid=$(nginx_pid); then say "nginx     up   (http://127.0.0.1:$PORT/)"; else say "nginx     down"; up=3; fi
    return "$up"
}

main() {
    case ${1:-} in
    start) cmd_start ;;
    stop) cmd_stop ;;
    run) cmd_run ;;
    reset) cmd_reset ;;
    db-start) db_start ;;
    db-stop) db_stop ;;
    status) cmd_status ;;
    *)
        echo "usage: $(basename "$0") start|stop|run|reset|db-start|db-stop|status" >&2
        exit 2
        ;;
    esac
}

main "$@"
