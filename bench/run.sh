#!/usr/bin/env bash
# Benchmarks the starter against its baselines on this machine, in one unattended run.
#
#   bench/run.sh [files|logging|onion|all]      (default: all)
#
# files    issue 3: the shared-data filter against Spring Boot's static handling (same JVM),
#          nginx and a bare controller, on 1 KiB, 64 KiB, 8 MiB, a conditional 304 and a
#          request that falls through to a controller (against the app without the starter);
#          and the filter ordered before every other filter, on 1 KiB and the 304.
# logging  issue 5: requests/s with request logging on (to a file) against off.
# onion    issue 8: a controller request with every feature of the sample app on against
#          the bare app (every shareddata.*.enabled=false); also all five features with one
#          rule each, the four without request logging, and each feature alone.
#
# Environment (defaults in brackets):
#   WARMUP [15]       seconds of unmeasured load on each path before its first measured run;
#                     for a JVM, then 5 s more at a time until its JIT compiler threads used
#                     under 5 % of a CPU in the last 5 s, or WARMUP_MAX in all
#   WARMUP_MAX [240]  the longest warm-up of a path, in seconds
#   DURATION [10]     seconds of each measured run
#   REPEAT [3]        measured rounds; each round measures every case once, and a case's
#                     figure is its median over the rounds
#   JVMS [3]          JVMs per side for the comparisons between two apps (the fall-through
#                     costs, the onion against the bare app), and JVMs serving the file cases:
#                     each JVM compiles the same code its own way, so one JVM per side measures
#                     that luck as well as the cost
#   CONNECTIONS [32]  wrk connections
#   APP_CPU [0]       CPU the app (and nginx) are pinned to
#   LOAD_CPU [1]      CPU wrk is pinned to
#   JAVA_OPTS []      extra JVM options for the sample app
#   SKIP_BUILD [0]    1 reuses sample-app/target/*.jar instead of running Maven
#   KEEP_TMP [0]      1 keeps the temporary folder (files, logs, raw wrk output)
#   ONLY []           measure only the cases whose id matches this extended regex, for
#                     example ONLY='-8m$' (ids are in the table; ratios of others read n/a); a
#                     case on several JVMs (filter-1k-j2) is taken when its group id matches too
#
# Every server binds to 127.0.0.1 and every wrk run is bounded in time: this machine may
# only send traffic to loopback. Whatever the script starts is stopped on exit.
set -euo pipefail

SCENARIO="${1:-all}"
WARMUP="${WARMUP:-15}"
WARMUP_MAX="${WARMUP_MAX:-240}"
DURATION="${DURATION:-10}"
REPEAT="${REPEAT:-3}"
JVMS="${JVMS:-3}"
CONNECTIONS="${CONNECTIONS:-32}"
APP_CPU="${APP_CPU:-0}"
LOAD_CPU="${LOAD_CPU:-1}"
JAVA_OPTS="${JAVA_OPTS:-}"
SKIP_BUILD="${SKIP_BUILD:-0}"
ONLY="${ONLY:-}"
KEEP_TMP="${KEEP_TMP:-0}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS_DIR="$ROOT/bench/results"
WORK="$(mktemp -d /tmp/shareddata-bench.XXXXXX)"
# nginx's worker drops root privileges, so it must be able to read the generated files.
chmod 755 "$WORK"
FILES="$WORK/files"
JAR=""
# Request lines to their own file through a buffered appender (the file is REQUEST_LOG_FILE).
BUFFERED_REQUEST_LOG_CONFIG="$ROOT/bench/logback-buffered-requests.xml"

APP_PIDS=()
APP_PORT=""
NGINX_PID=""
NGINX_PORT=""
CREATED_POLICY_RC=0
LOAD_START=""

# Results, keyed by case id, in the order they were measured.
declare -a CASES=()
MEASURED=0
declare -A LABEL=() RPS=() P99=() XFER=() NOTE=() SIZE=() URL=() HEADER=() RUNS=() SERVER_PID=() CPU=() CPU_RUNS=()
declare -a RATIO_ROWS=()
# Cases read as one: a case measured on several JVMs of the same configuration (see add_group).
declare -a GROUPS_ORDER=()

log() {
	printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2
}

die() {
	log "ERROR: $*"
	exit 1
}

# ---------------------------------------------------------------------------------------
# Clean-up: whatever happens, leave no server running and no temporary policy behind.
# ---------------------------------------------------------------------------------------

cleanup() {
	local status=$?
	stop_apps
	stop_nginx
	if [[ "$CREATED_POLICY_RC" == 1 ]]; then
		rm -f /usr/sbin/policy-rc.d
	fi
	if [[ "$KEEP_TMP" == 1 ]]; then
		log "kept $WORK"
	else
		rm -rf "$WORK"
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------
# Set-up: tools, the sample app's jar, the test files.
# ---------------------------------------------------------------------------------------

ensure_tools() {
	local missing=() need
	for need in "$@"; do
		command -v "$need" >/dev/null 2>&1 || missing+=("$need")
	done
	[[ ${#missing[@]} -eq 0 ]] && return 0
	[[ "$(id -u)" == 0 ]] || die "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root"
	log "installing ${missing[*]} from Debian's packages"
	# Debian's nginx package starts a system nginx on port 80 unless policy-rc.d forbids it;
	# the benchmark wants only its own nginx, bound to loopback.
	if [[ ! -e /usr/sbin/policy-rc.d ]]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod 755 /usr/sbin/policy-rc.d
		CREATED_POLICY_RC=1
	fi
	# The package lists may be missing or stale on a fresh machine: update once, then install.
	if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
		apt-get update -q </dev/null >&2
	fi
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null >&2; then
		apt-get update -q </dev/null >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null >&2
	fi
	if [[ "$CREATED_POLICY_RC" == 1 ]]; then
		rm -f /usr/sbin/policy-rc.d
		CREATED_POLICY_RC=0
	fi
}

build_app() {
	if [[ "$SKIP_BUILD" != 1 ]]; then
		log "building the sample app (mvn -B -q -DskipTests package)"
		(cd "$ROOT" && mvn -B -q -DskipTests package </dev/null >&2)
	fi
	local candidate
	for candidate in "$ROOT"/sample-app/target/sample-app-*.jar; do
		[[ -f "$candidate" ]] && JAR="$candidate"
	done
	[[ -n "$JAR" ]] || die "no sample-app jar in sample-app/target: run without SKIP_BUILD=1"
}

# The 1 KiB file is byte for byte what BenchController answers from memory (checked before
# measuring); the larger files are random so nothing along the way can compress them.
prepare_files() {
	mkdir -p "$FILES"
	local line='shared-data benchmark: 1 KiB body from memory or from disk ....' _
	: >"$FILES/1k.txt"
	for _ in $(seq 16); do
		printf '%s\n' "$line" >>"$FILES/1k.txt"
	done
	head -c 65536 /dev/urandom >"$FILES/64k.bin"
	head -c 8388608 /dev/urandom >"$FILES/8m.bin"
	chmod 644 "$FILES"/*
	chmod 755 "$FILES"
	[[ "$(stat -c %s "$FILES/1k.txt")" == 1024 ]] || die "1k.txt is not 1024 bytes"
}

# Whether the machine was busy with other work when the benchmark started: the one-minute load
# average above the CPU count means the pinned server shares its core with it. Only the start
# counts: once running, the benchmark's own servers raise the load (32 connections make up to 32
# runnable Tomcat threads on the app's CPU).
busy() {
	awk -v n="$(nproc)" -v start="${LOAD_START:-0}" 'BEGIN {exit !(start + 0 > n)}'
}

# A port nobody listens on now. Other builds share this machine, so pick at random rather
# than a fixed port, and let wait_ready notice if the app lost the race for it.
free_port() {
	local port
	while :; do
		port=$((20000 + RANDOM % 20000))
		if ! ss -Htln "sport = :$port" | grep -q .; then
			echo "$port"
			return 0
		fi
	done
}

# ---------------------------------------------------------------------------------------
# Servers under test.
# ---------------------------------------------------------------------------------------

# Settings every app run shares.
# - Loopback only, on a free port.
# - Tomcat closes a keep-alive connection after 100 requests by default and nginx after
#   1000; both get the same large limit so the comparison measures serving, not reconnects.
# - The sample's demo upstream (the target of its proxy mount) defaults to port 9090, which
#   another copy of the sample may hold: give it a free port too.
common_app_args() {
	printf '%s\n' \
		"--server.address=127.0.0.1" \
		"--sample.demo-upstream.port=$(free_port)" \
		"--server.tomcat.max-keep-alive-requests=10000" \
		"--spring.main.banner-mode=off"
}

# Every shareddata feature off: the application as it would be without the starter.
# log_to_file FILE: the app arguments that send its own log to FILE and not to the console, as a
# production app logs: one per line.
log_to_file() {
	printf '%s\n' "--logging.threshold.console=OFF" "--logging.file.name=$1"
}

bare_app_args() {
	printf '%s\n' \
		"--shareddata.files.enabled=false" \
		"--shareddata.dispatch.enabled=false" \
		"--shareddata.request-logging.enabled=false" \
		"--shareddata.headers.enabled=false" \
		"--shareddata.ip-allowlist.enabled=false"
}

# start_app NAME [--key=value ...]: starts the sample app with extra configuration given as
# Spring Boot command-line arguments, so sample-app's application.yml stays the user-facing
# one. It runs from sample-app/ because the sample's exports name folders relative to it.
# taskset pins the JVM to APP_CPU so the app and wrk never compete for a core.
start_app() {
	local name="$1"
	shift
	local args=() line
	while IFS= read -r line; do args+=("$line"); done < <(common_app_args)
	APP_PORT="$(free_port)"
	log "starting app '$name' on 127.0.0.1:$APP_PORT"
	# LC_ALL: JDK 17 encodes file names with the locale's charset, and the sample site has
	# non-ASCII file names (see README).
	# shellcheck disable=SC2086 # JAVA_OPTS is a list of words on purpose.
	(cd "$ROOT/sample-app" && LC_ALL=C.UTF-8 exec taskset -c "$APP_CPU" java $JAVA_OPTS -jar "$JAR" \
		"--server.port=$APP_PORT" "${args[@]}" "$@") >"$WORK/app-$name.log" 2>&1 </dev/null &
	local pid=$!
	APP_PIDS+=("$pid")
	wait_ready "http://127.0.0.1:$APP_PORT/hello" "$pid" "$WORK/app-$name.log"
}

# Several apps may run at once (each pinned to APP_CPU, paused while another is measured): cases
# compared across two JVMs are then measured in alternation, not minutes apart.
stop_apps() {
	local pid
	resume_apps
	for pid in "${APP_PIDS[@]}"; do
		stop_pid "$pid"
	done
	APP_PIDS=()
}

# pause_apps_but PID: stops (SIGSTOP) every app but the one measured. An idle JVM still wakes for
# its timers, its collector and its last compilations, about 0.5 % of a CPU each; with a dozen JVMs
# on APP_CPU that is CPU, and cache, taken from the measured one at moments no round controls.
pause_apps_but() {
	local pid
	for pid in "${APP_PIDS[@]}"; do
		[[ "$pid" == "$1" ]] || kill -STOP "$pid" 2>/dev/null || true
	done
}

resume_apps() {
	local pid
	for pid in "${APP_PIDS[@]}"; do
		kill -CONT "$pid" 2>/dev/null || true
	done
}

# Sends TERM, waits up to 30 s for a graceful exit, then KILL.
stop_pid() {
	local pid="$1" _
	kill "$pid" 2>/dev/null || return 0
	for _ in $(seq 60); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# wait_ready URL PID LOG: polls until the server answers, failing fast if it died.
wait_ready() {
	local url="$1" pid="$2" logfile="$3" _
	for _ in $(seq 240); do
		if ! kill -0 "$pid" 2>/dev/null; then
			tail -n 40 "$logfile" >&2 || true
			die "the server behind $url exited during start-up (log above)"
		fi
		if curl -s -o /dev/null --max-time 2 "$url"; then
			return 0
		fi
		sleep 0.5
	done
	tail -n 40 "$logfile" >&2 || true
	die "$url did not answer within 120 s"
}

# nginx with the settings its users run static files with (sendfile, no access log), one
# worker pinned to the app's CPU so it gets exactly the same CPU budget as the JVM.
start_nginx() {
	local dir="$WORK/nginx"
	mkdir -p "$dir/tmp"
	NGINX_PORT="$(free_port)"
	local mime_types=""
	[[ -f /etc/nginx/mime.types ]] && mime_types="include /etc/nginx/mime.types;"
	cat >"$dir/nginx.conf" <<-EOF
		worker_processes 1;
		daemon off;
		pid $dir/nginx.pid;
		error_log $dir/error.log warn;
		events { worker_connections 1024; }
		http {
		    $mime_types
		    default_type application/octet-stream;
		    sendfile on;
		    tcp_nopush on;
		    access_log off;
		    keepalive_requests 10000;
		    client_body_temp_path $dir/tmp/body;
		    proxy_temp_path $dir/tmp/proxy;
		    fastcgi_temp_path $dir/tmp/fastcgi;
		    uwsgi_temp_path $dir/tmp/uwsgi;
		    scgi_temp_path $dir/tmp/scgi;
		    server {
		        listen 127.0.0.1:$NGINX_PORT;
		        location /files/ { alias $FILES/; }
		        location = /hello { return 200 "nginx\n"; }
		    }
		}
	EOF
	log "starting nginx on 127.0.0.1:$NGINX_PORT"
	taskset -c "$APP_CPU" nginx -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" \
		>"$WORK/nginx.log" 2>&1 </dev/null &
	NGINX_PID=$!
	wait_ready "http://127.0.0.1:$NGINX_PORT/hello" "$NGINX_PID" "$dir/error.log"
}

stop_nginx() {
	[[ -n "$NGINX_PID" ]] || return 0
	# QUIT is nginx's graceful stop; stop_pid sends TERM (fast stop), which is enough here.
	stop_pid "$NGINX_PID"
	NGINX_PID=""
}

# ---------------------------------------------------------------------------------------
# Measuring.
# ---------------------------------------------------------------------------------------

# validator URL: the conditional request header that makes URL answer 304. The ETag when the
# server sends one (If-None-Match), otherwise its Last-Modified (If-Modified-Since), since
# Spring's static handler only sends Last-Modified by default.
validator() {
	local headers etag modified
	headers="$(curl -s -D - -o /dev/null --max-time 10 "$1" | tr -d '\r')"
	etag="$(sed -n 's/^[Ee][Tt][Aa][Gg]: *//p' <<<"$headers" | head -n 1)"
	modified="$(sed -n 's/^[Ll][Aa][Ss][Tt]-[Mm][Oo][Dd][Ii][Ff][Ii][Ee][Dd]: *//p' <<<"$headers" | head -n 1)"
	if [[ -n "$etag" ]]; then
		echo "If-None-Match: $etag"
	elif [[ -n "$modified" ]]; then
		echo "If-Modified-Since: $modified"
	fi
}

# wanted ID: whether ONLY lets case ID be measured (a scenario need not start its server otherwise).
# A case measured on several JVMs (ID-jN, read as one by add_group) is also wanted when ONLY
# matches the id of its group, so ONLY='-1k$' takes filter-1k-j1 .. filter-1k-jN.
wanted() {
	[[ -z "$ONLY" || "$1" =~ $ONLY || "${1%-j[0-9]*}" =~ $ONLY ]]
}

# add_case ID LABEL EXPECTED_STATUS URL [HEADER]
# Checks once that URL answers EXPECTED_STATUS (a case that does not is reported, not
# measured) and warms the path up for WARMUP seconds. The warm-up matters on the JVM: the JIT
# needs several seconds of load on one CPU to compile a path's hot methods with C2, and the
# first seconds would measure the interpreter. run_rounds measures the cases afterwards.
add_case() {
	local id="$1" label="$2" expected="$3" url="$4" header="${5:-}"
	wanted "$id" || return 0
	local curl_args=(-s -o "$WORK/body-$id" -w '%{http_code}' --max-time 30)
	[[ -n "$header" ]] && curl_args+=(-H "$header")
	CASES+=("$id")
	LABEL[$id]="$label"
	URL[$id]="$url"
	HEADER[$id]="$header"
	local status
	status="$(curl "${curl_args[@]}" "$url" || true)"
	SIZE[$id]="$(stat -c %s "$WORK/body-$id" 2>/dev/null || echo 0)"
	if [[ "$status" != "$expected" ]]; then
		NOTE[$id]="not measured: HTTP $status, expected $expected"
		URL[$id]=""
		log "$id: $url answered HTTP $status, expected $expected: not measured"
		return 0
	fi
	NOTE[$id]="${header:+sends $header}"
	SERVER_PID[$id]="$(server_pid "$url")"
	if [[ "$WARMUP" != 0 ]]; then
		warm_up "$id" "$url"
	fi
}

# warm_up ID URL: WARMUP seconds of load; then, when a JVM answers the URL, 5 s steps until its
# JIT compiler threads took under 5 % of the CPU in a step. On one CPU the C2 compiler of the
# full sample app keeps compiling for minutes under load and takes CPU from the requests: a fixed
# 15 s warm-up measured a curve still rising 3x over the rounds.
warm_up() {
	# As in the measured rounds, the other apps are paused: a JVM warms up with the CPU it is
	# measured with.
	pause_apps_but "${SERVER_PID[$1]}"
	warm_up_alone "$@"
	resume_apps
}

warm_up_alone() {
	local id="$1" url="$2" pid spent before after
	log "$id: warming up ${WARMUP}s on $url"
	wrk_run "$id" "$WARMUP" >/dev/null
	spent="$WARMUP"
	pid="${SERVER_PID[$id]}"
	[[ -n "$pid" && "$pid" != "$(nginx_worker)" ]] || return 0
	while (( spent < WARMUP_MAX )); do
		before="$(compiler_ticks "$pid")"
		wrk_run "$id" 5 >/dev/null
		after="$(compiler_ticks "$pid")"
		spent=$((spent + 5))
		# Clock ticks are 1/100 s: under 25 in 5 s is under 5 % of a CPU.
		if (( after - before < 25 )); then
			log "$id: JIT settled after ${spent}s of warm-up"
			return 0
		fi
	done
	log "WARNING: $id: the JIT was still compiling after ${spent}s of warm-up (WARMUP_MAX)"
	NOTE[$id]="${NOTE[$id]:+${NOTE[$id]}; }JIT still compiling after ${spent}s"
}

# server_pid URL: the process that serves URL (the app's JVM, or nginx's one worker), whose CPU
# time run_rounds reads.
server_pid() {
	local port
	port="$(sed -E 's#^http://[^:]+:([0-9]+)/.*#\1#' <<<"$1")"
	if [[ "$port" == "$NGINX_PORT" ]]; then
		nginx_worker
	else
		pgrep -f -- "--server.port=$port( |$)" | head -n 1 || true
	fi
}

nginx_worker() {
	[[ -n "$NGINX_PID" ]] && pgrep -P "$NGINX_PID" | head -n 1 || true
}

# cpu_ticks PID: CPU clock ticks (1/100 s, user + system) a process has used so far.
cpu_ticks() {
	stat_ticks "/proc/$1/stat"
}

# stat_ticks FILE: the user + system clock ticks of a /proc stat file (a process or a thread).
stat_ticks() {
	awk '{print $14 + $15}' "$1" 2>/dev/null || echo 0
}

# compiler_ticks PID: CPU clock ticks (user + system) used so far by a JVM's JIT compiler threads.
compiler_ticks() {
	local task total=0 comm
	for task in /proc/"$1"/task/*; do
		comm="$(cat "$task/comm" 2>/dev/null || true)"
		if [[ "$comm" == C1\ Compiler* || "$comm" == C2\ Compiler* ]]; then
			total=$((total + $(stat_ticks "$task/stat")))
		fi
	done
	echo "$total"
}

# wrk_run ID SECONDS: one bounded wrk run against the case's URL, from LOAD_CPU (the other
# core, so the load generator never steals the server's CPU).
wrk_run() {
	local id="$1" seconds="$2"
	local wrk_args=(-t 1 -c "$CONNECTIONS" --timeout 10s -d "${seconds}s" --latency)
	[[ -n "${HEADER[$id]}" ]] && wrk_args+=(-H "${HEADER[$id]}")
	taskset -c "$LOAD_CPU" wrk "${wrk_args[@]}" "${URL[$id]}"
}

# run_rounds: REPEAT rounds, each measuring every case once in the order they were added, so
# cases that are compared (added next to each other) are measured seconds apart in every round
# and drift on a shared machine hits both sides alike. A case's req/s is its median.
run_rounds() {
	local round id
	# Only the cases added since the previous run_rounds: the earlier ones' servers are gone.
	local pending=("${CASES[@]:$MEASURED}")
	MEASURED=${#CASES[@]}
	for round in $(seq "$REPEAT"); do
		for id in "${pending[@]}"; do
			[[ -n "${URL[$id]}" ]] || continue
			local rps before after cpu
			pause_apps_but "${SERVER_PID[$id]}"
			before="$(cpu_ticks "${SERVER_PID[$id]}")"
			wrk_run "$id" "$DURATION" >"$WORK/wrk-$id-$round.txt"
			after="$(cpu_ticks "${SERVER_PID[$id]}")"
			resume_apps
			rps="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$WORK/wrk-$id-$round.txt")"
			# Server CPU per request, in microseconds: unlike req/s it does not move when this
			# machine's CPU is taken away for a while, so costs are compared by it as well.
			cpu="$(awk -v t=$((after - before)) '/ requests in / {if ($1 > 0) printf "%.1f", t * 10000 / $1}' \
				"$WORK/wrk-$id-$round.txt")"
			RUNS[$id]="${RUNS[$id]:+${RUNS[$id]} }$rps"
			CPU_RUNS[$id]="${CPU_RUNS[$id]:+${CPU_RUNS[$id]} }${cpu:-0}"
			log "round $round/$REPEAT $id: $rps req/s, ${cpu:-?} us CPU per request"
		done
	done
	for id in "${pending[@]}"; do
		[[ -n "${URL[$id]}" ]] || continue
		RPS[$id]="$(median ${RUNS[$id]})"
		CPU[$id]="$(median ${CPU_RUNS[$id]})"
		# p99 and transfer/s from the last round.
		P99[$id]="$(awk '$1 == "99%" {print $2}' "$WORK/wrk-$id-$REPEAT.txt")"
		XFER[$id]="$(awk '/^Transfer\/sec:/ {print $2}' "$WORK/wrk-$id-$REPEAT.txt")"
		local errors
		errors="$(cat "$WORK"/wrk-"$id"-*.txt | grep -E 'Non-2xx|Socket errors' | tr -s ' ' | paste -sd ';' || true)"
		if [[ -n "$errors" ]]; then
			NOTE[$id]="${NOTE[$id]:+${NOTE[$id]}; }${errors# }"
		fi
		NOTE[$id]="${NOTE[$id]:+${NOTE[$id]}; }rounds: ${RUNS[$id]}"
	done
}

median() {
	printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'
}

# mean VALUES...: their arithmetic mean.
mean() {
	printf '%s\n' "$@" | awk '{s += $1} END {if (NR) printf "%.1f", s / NR}'
}

# add_group ID LABEL: reads the cases ID-j1 .. ID-jJVMS, measured on the JVMs of one configuration,
# as one case ID. In each round its figure is the mean of its members' (measured in that round), and
# its figure for the run is the median of those means, like any case's. Call it after run_rounds.
add_group() {
	local id="$1" label="$2" member round j
	local members=()
	for j in $(seq "$JVMS"); do
		member="$id-j$j"
		[[ -n "${RUNS[$member]:-}" ]] && members+=("$member")
	done
	[[ ${#members[@]} -gt 0 ]] || return 0
	GROUPS_ORDER+=("$id")
	LABEL[$id]="$label"
	local cpus=() rps=()
	for round in $(seq "$REPEAT"); do
		rps=()
		cpus=()
		for member in "${members[@]}"; do
			rps+=("$(cut -d ' ' -f "$round" <<<"${RUNS[$member]}")")
			cpus+=("$(cut -d ' ' -f "$round" <<<"${CPU_RUNS[$member]}")")
		done
		RUNS[$id]="${RUNS[$id]:+${RUNS[$id]} }$(mean "${rps[@]}")"
		CPU_RUNS[$id]="${CPU_RUNS[$id]:+${CPU_RUNS[$id]} }$(mean "${cpus[@]}")"
	done
	RPS[$id]="$(median ${RUNS[$id]})"
	CPU[$id]="$(median ${CPU_RUNS[$id]})"
	NOTE[$id]="mean of ${#members[@]} JVMs (${members[*]}) in each round; rounds: ${RUNS[$id]}"
}

# ratio NAME A B TARGET KIND: records A/B (KIND=ratio, "met" when >= TARGET) or the loss of A
# against B in % (KIND=loss, "met" when <= TARGET). Bodies of equal size make the req/s ratio
# also the throughput ratio.
ratio() {
	local name="$1" a="$2" b="$3" target="$4" kind="$5" value verdict
	local ra="${RPS[$a]:-}" rb="${RPS[$b]:-}"
	if [[ -z "$ra" || -z "$rb" || "$rb" == 0 ]]; then
		RATIO_ROWS+=("| $name | n/a | - | n/a | - | n/a | - | ${target:--} |")
		return 0
	fi
	value="$(ratio_value "$ra" "$rb" "$kind" "$target")"
	verdict="$(ratio_verdict "$ra" "$rb" "$kind" "$target")"
	# The same comparison by server CPU per request: requests per CPU-second are 1 / CPU.
	local ca="${CPU[$a]:-0}" cb="${CPU[$b]:-0}" cpu_value="n/a" cpu_verdict="-"
	if awk -v a="$ca" -v b="$cb" 'BEGIN {exit !(a > 0 && b > 0)}'; then
		cpu_value="$(ratio_value "$cb" "$ca" "$kind" "$target")"
		cpu_verdict="$(ratio_verdict "$cb" "$ca" "$kind" "$target")"
	fi
	# Round by round: each round's two cases were measured seconds apart, so the median of the
	# per-round ratios cancels drift that moves whole rounds (the host's other tenants).
	local paired_value="n/a" paired_verdict="-" paired
	paired="$(paired_cpu_ratio "${CPU_RUNS[$a]:-}" "${CPU_RUNS[$b]:-}")"
	if [[ -n "$paired" ]]; then
		paired_value="$(ratio_value "$paired" 1 "$kind" "$target")"
		paired_verdict="$(ratio_verdict "$paired" 1 "$kind" "$target")"
	fi
	RATIO_ROWS+=("| $name | $value | $verdict | $cpu_value | $cpu_verdict | $paired_value | $paired_verdict | ${target:--} |")
}

# paired_cpu_ratio "A1 A2 .." "B1 B2 ..": the median over rounds of B_i / A_i (CPU per request
# of the baseline over the case's: requests per CPU-second, as ratio_value expects), empty when
# a round lacks a figure.
paired_cpu_ratio() {
	local -a a b
	read -r -a a <<<"$1"
	read -r -a b <<<"$2"
	[[ ${#a[@]} -gt 0 && ${#a[@]} -eq ${#b[@]} ]] || return 0
	local i values=()
	for i in "${!a[@]}"; do
		awk -v x="${a[$i]}" -v y="${b[$i]}" 'BEGIN {exit !(x > 0 && y > 0)}' || return 0
		values+=("$(awk -v x="${a[$i]}" -v y="${b[$i]}" 'BEGIN {printf "%.6f", y / x}')")
	done
	median "${values[@]}"
}

# ratio_value A B KIND [TARGET]: A/B as "1.23x", or the loss of A against B as "4.5 %". With a
# target, more digits when the rounded figure would read as the other side of it: a ratio of
# 1.996 against ">= 2.0" shows as 1.996x, not as a 2.00x that is "not met".
ratio_value() {
	awk -v a="$1" -v b="$2" -v kind="$3" -v t="${4//[^0-9.]/}" '
		function met(x) { return (kind == "loss") ? (x <= t) : (x >= t) }
		BEGIN {
			v = (kind == "loss") ? (1 - a / b) * 100 : a / b
			digits = (kind == "loss") ? 1 : 2
			while (t != "" && digits < 4 && met(sprintf("%." digits "f", v) + 0) != met(v)) digits++
			printf "%." digits "f%s", v, (kind == "loss") ? " %" : "x"
		}'
}

# ratio_verdict A B KIND TARGET: "yes" or "no" against the target, "-" without one.
ratio_verdict() {
	[[ -n "$4" ]] || { echo "-"; return 0; }
	awk -v a="$1" -v b="$2" -v t="${4//[^0-9.]/}" -v kind="$3" \
		'BEGIN {met = (kind == "loss") ? ((1 - a / b) * 100 <= t) : (a / b >= t); print met ? "yes" : "no"}'
}

# MiB/s from req/s and the body size, so the 8 MiB rows compare payload, not headers.
payload_rate() {
	local id="$1"
	[[ -n "${RPS[$id]:-}" && "${SIZE[$id]}" -ge 1024 ]] || return 0
	awk -v r="${RPS[$id]}" -v s="${SIZE[$id]}" 'BEGIN {printf "%.0f MiB/s", r * s / 1048576}'
}

# run_stamp: when a table was printed and from which commit, marked "(dirty)" when tracked files
# differ from it.
run_stamp() {
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty)')"
}

print_table() {
	local id
	echo "## Benchmark: $SCENARIO"
	echo
	echo "$(run_stamp), \
warm-up ${WARMUP}s (a JVM's until its JIT settled, at most ${WARMUP_MAX}s), then the median of ${REPEAT} interleaved rounds of ${DURATION}s per case, wrk -t1 -c$CONNECTIONS on CPU $LOAD_CPU, servers on CPU $APP_CPU, \
$(nproc) CPUs, load average $LOAD_START at start and $(cut -d ' ' -f 1 /proc/loadavg) at the end."
	if busy; then
		echo
		echo "Other work was running on this machine (load average above the CPU count): the ratios are indicative only."
	fi
	echo
	echo "| case | server | req/s | server CPU per request | p99 | transfer/s | payload | note |"
	echo "|---|---|---:|---:|---:|---:|---:|---|"
	for id in "${CASES[@]}"; do
		printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$id" "${LABEL[$id]}" "${RPS[$id]:-n/a}" \
			"${CPU[$id]:+${CPU[$id]} us}" "${P99[$id]:-n/a}" "${XFER[$id]:-n/a}" "$(payload_rate "$id")" \
			"${NOTE[$id]:-}${CPU_RUNS[$id]:+; CPU us per request: ${CPU_RUNS[$id]}}"
	done
	for id in "${GROUPS_ORDER[@]}"; do
		printf '| **%s** | %s | %s | %s | - | - | - | %s |\n' "$id" "${LABEL[$id]}" "${RPS[$id]}" "${CPU[$id]} us" \
			"${NOTE[$id]}; CPU us per request: ${CPU_RUNS[$id]}"
	done
	if [[ ${#RATIO_ROWS[@]} -gt 0 ]]; then
		echo
		echo "Ratios compare two cases of this run three ways: by requests/s; by server CPU time per request"
		echo "(requests per CPU-second), which does not move when the machine takes CPU away for a while;"
		echo "and by CPU round by round, the median of each round's ratio, which cancels drift that moves"
		echo "whole rounds."
		echo
		echo "| ratio (same run) | by req/s | met | by CPU per request | met | by CPU, round by round | met | target |"
		echo "|---|---:|---|---:|---|---:|---|---:|"
		printf '%s\n' "${RATIO_ROWS[@]}"
	fi
	echo
}

# ---------------------------------------------------------------------------------------
# Scenarios.
# ---------------------------------------------------------------------------------------

# The app with the starter in the files scenario. The filter exports the generated folder at
# /files, and again at /static so that /static/generated.txt (a HelloController route) is a miss
# inside an export: the filter looks for the file, finds none and falls through, the costly kind
# of fall-through. Only shared data differs from the bare app: the sample's other features are
# off, so the fall-through cost is the files filter's own (the onion scenario measures all).
starter_app_args() {
	bare_app_args | grep -v '^--shareddata\.files\.'
	printf '%s\n' \
		"--shareddata.files.exports[0].path=/files" \
		"--shareddata.files.exports[0].location=file:$FILES/" \
		"--shareddata.files.exports[1].path=/static" \
		"--shareddata.files.exports[1].location=file:$FILES/"
}

# The JVMs of the file cases: the starter's app, with Spring's own handler serving the same
# folder at /spring-static/** (bench/profile.sh starts it too).
files_app_args() {
	starter_app_args
	printf '%s\n' \
		"--spring.mvc.static-path-pattern=/spring-static/**" \
		"--spring.web.resources.static-locations=file:$FILES/"
}

# Issue 3.
scenario_files() {
	local starter=() files=() bare=() line
	while IFS= read -r line; do bare+=("$line"); done < <(bare_app_args)
	while IFS= read -r line; do starter+=("$line"); done < <(starter_app_args)
	while IFS= read -r line; do files+=("$line"); done < <(files_app_args)
	local nginx size j

	# Every server at once, each pinned to APP_CPU and paused while another is measured (run_rounds).
	start_nginx
	nginx="http://127.0.0.1:$NGINX_PORT"
	# The file cases run in JVMS JVMs of their own, each serving the filter's and Spring's cases,
	# and a case's figure in a round is the mean of its JVMs (add_group): nginx has no JIT
	# lottery, so with one JVM the luck of that JVM's compilation decided the ratio to nginx.
	local apps=() kind files_wanted=0
	for kind in filter-1k spring-1k filter-64k spring-64k filter-8m spring-8m bare-1k filter-304 spring-304; do
		wanted "$kind-j1" && files_wanted=1
	done
	if ((files_wanted)); then
		for j in $(seq "$JVMS"); do
			start_app "files-j$j" "${files[@]}"
			apps+=("http://127.0.0.1:$APP_PORT")
		done
		check_same_1k "${apps[0]}/bench/bare-1k"
	fi
	# The same filter ordered before every other filter (shareddata.files.order at
	# Ordered.HIGHEST_PRECEDENCE), in a JVM of its own: what the filters Spring Boot puts in front
	# of it (actuator's observation among them) cost a file, for README's Speed section.
	local first=""
	if wanted "filter-first-1k" || wanted "filter-first-304"; then
		start_app files-first "${starter[@]}" "--shareddata.files.order=-2147483648"
		first="http://127.0.0.1:$APP_PORT"
	fi
	# The fall-through costs compare two apps: JVMS of each, so no one JVM's compilation decides.
	# They serve nothing but the fall-through requests, so both sides' JIT compilers see the same
	# workload: a JVM that also serves the file cases compiles the paths every request shares
	# (Tomcat, the filter chain) for that mix, which no JVM without the starter would match.
	local starters=() bares=()
	for j in $(seq "$JVMS"); do
		wanted "fallthrough-hello-j$j" || wanted "fallthrough-miss-j$j" || wanted "nostarter-hello-j$j" ||
			wanted "nostarter-miss-j$j" || continue
		start_app "starter-j$j" "${starter[@]}"
		starters+=("http://127.0.0.1:$APP_PORT")
		start_app "bare-j$j" "${bare[@]}"
		bares+=("http://127.0.0.1:$APP_PORT")
	done

	# Cases that are compared are added next to each other: run_rounds measures them seconds
	# apart in every round.
	local path kind
	for kind in hello miss; do
		path="/hello"
		[[ "$kind" == miss ]] && path="/static/generated.txt"
		for j in $(seq "${#starters[@]}"); do
			add_case "fallthrough-$kind-j$j" "starter on, JVM $j: $path" 200 "${starters[$((j - 1))]}$path"
			add_case "nostarter-$kind-j$j" "starter off, JVM $j: $path" 200 "${bares[$((j - 1))]}$path"
		done
	done
	local app id
	for size in 1k 64k 8m; do
		add_case "nginx-$size" "nginx" 200 "$nginx/files/$(file_name "$size")"
		check_body "nginx-$size" "$FILES/$(file_name "$size")"
		for j in $(seq "${#apps[@]}"); do
			app="${apps[$((j - 1))]}"
			add_case "filter-$size-j$j" "shared-data filter, JVM $j" 200 "$app/files/$(file_name "$size")"
			add_case "spring-$size-j$j" "Spring static handler, JVM $j" 200 "$app/spring-static/$(file_name "$size")"
			# check_body skips a case that was not added.
			for id in "filter-$size-j$j" "spring-$size-j$j"; do
				check_body "$id" "$FILES/$(file_name "$size")"
			done
		done
		if [[ "$size" == 1k && -n "$first" ]]; then
			add_case "filter-first-1k" "shared-data filter, ordered first" 200 "$first/files/1k.txt"
			check_body filter-first-1k "$FILES/1k.txt"
		fi
	done
	for j in $(seq "${#apps[@]}"); do
		add_case "bare-1k-j$j" "controller, 1 KiB from memory, JVM $j" 200 "${apps[$((j - 1))]}/bench/bare-1k"
	done
	add_case "nginx-304" "nginx" 304 "$nginx/files/1k.txt" "$(validator "$nginx/files/1k.txt")"
	for j in $(seq "${#apps[@]}"); do
		app="${apps[$((j - 1))]}"
		add_case "filter-304-j$j" "shared-data filter, JVM $j" 304 "$app/files/1k.txt" "$(validator "$app/files/1k.txt")"
		add_case "spring-304-j$j" "Spring static handler, JVM $j" 304 "$app/spring-static/1k.txt" \
			"$(validator "$app/spring-static/1k.txt")"
	done
	if [[ -n "$first" ]]; then
		add_case "filter-first-304" "shared-data filter, ordered first" 304 "$first/files/1k.txt" \
			"$(validator "$first/files/1k.txt")"
	fi
	run_rounds
	stop_apps
	stop_nginx
	for size in 1k 64k 8m 304; do
		add_group "filter-$size" "shared-data filter: $(case_target "$size")"
		add_group "spring-$size" "Spring static handler: $(case_target "$size")"
	done
	add_group bare-1k "controller, 1 KiB from memory"
	add_group fallthrough-hello "starter on: /hello (outside every export)"
	add_group nostarter-hello "starter off: /hello"
	add_group fallthrough-miss "starter on: /static/generated.txt (miss in an export)"
	add_group nostarter-miss "starter off: /static/generated.txt"

	ratio "1 KiB: filter / Spring" filter-1k spring-1k ">= 2.0" ratio
	ratio "1 KiB: filter / nginx" filter-1k nginx-1k ">= 0.5" ratio
	ratio "1 KiB: filter / bare controller" filter-1k bare-1k "" ratio
	ratio "1 KiB: filter ordered first / nginx" filter-first-1k nginx-1k "" ratio
	ratio "1 KiB: filter ordered first / filter" filter-first-1k filter-1k "" ratio
	ratio "64 KiB: filter / Spring" filter-64k spring-64k "" ratio
	ratio "64 KiB: filter / nginx" filter-64k nginx-64k "" ratio
	ratio "304: filter / Spring" filter-304 spring-304 ">= 2.0" ratio
	ratio "304: filter / nginx" filter-304 nginx-304 "" ratio
	ratio "304: filter ordered first / nginx" filter-first-304 nginx-304 "" ratio
	ratio "8 MiB throughput: filter / nginx" filter-8m nginx-8m ">= 0.8" ratio
	ratio "8 MiB throughput: filter / Spring" filter-8m spring-8m "" ratio
	ratio "fall-through cost, /hello" fallthrough-hello nostarter-hello "<= 5" loss
	ratio "fall-through cost, miss in an export" fallthrough-miss nostarter-miss "<= 5" loss
}

# case_target SIZE: what a file case asks for, for the label of its group.
case_target() {
	case "$1" in
	304) echo "1k.txt, conditional (304)" ;;
	*) file_name "$1" ;;
	esac
}

file_name() {
	case "$1" in
	1k) echo 1k.txt ;;
	64k) echo 64k.bin ;;
	8m) echo 8m.bin ;;
	esac
}

# check_body ID FILE: flags a case whose first response was not the file's exact bytes, since
# a fast wrong answer (an error page, a truncated body) would make its numbers meaningless.
check_body() {
	local id="$1" file="$2"
	[[ -n "${URL[$id]:-}" ]] || return 0
	if ! cmp -s "$WORK/body-$id" "$file"; then
		NOTE[$id]="${NOTE[$id]:+${NOTE[$id]}; }BODY DIFFERS FROM $(basename "$file")"
		log "WARNING: $id did not answer the bytes of $(basename "$file")"
	fi
}

# The bare controller must answer exactly the bytes of 1k.txt, or "the same 1 KiB" is false.
check_same_1k() {
	curl -s --max-time 10 -o "$WORK/bare-1k.body" "$1" || true
	cmp -s "$WORK/bare-1k.body" "$FILES/1k.txt" ||
		die "$1 does not answer the bytes of 1k.txt: BenchController.LINE and prepare_files disagree"
}

# Issue 5. The sample app as configured, request logging off then on, both writing the
# application log to a file (not the console) as a production app would.
scenario_logging() {
	local lines_off lines_on lines_buffered
	local off_log on_log buffered_log
	mapfile -t off_log < <(log_to_file "$WORK/requests-off.log")
	mapfile -t on_log < <(log_to_file "$WORK/requests-on.log")
	mapfile -t buffered_log < <(log_to_file "$WORK/app-buffered.log")
	local buffered="--logging.config=$BUFFERED_REQUEST_LOG_CONFIG"

	start_app logging-off "${off_log[@]}" "--shareddata.request-logging.enabled=false"
	local off="http://127.0.0.1:$APP_PORT"
	# Spring Boot's default file appender: one flushed write() per line.
	start_app logging-on "${on_log[@]}" "--shareddata.request-logging.enabled=true"
	local on="http://127.0.0.1:$APP_PORT"
	# Request lines to their own buffered appender (bench/logback-buffered-requests.xml).
	REQUEST_LOG_FILE="$WORK/requests-buffered.log" start_app logging-buffered "${buffered_log[@]}" "$buffered" \
		"--shareddata.request-logging.enabled=true"
	local on_buffered="http://127.0.0.1:$APP_PORT"
	add_case "log-off-hello" "logging off: /hello (controller)" 200 "$off/hello"
	add_case "log-on-hello" "logging on, flushed per line: /hello" 200 "$on/hello"
	add_case "log-buffered-hello" "logging on, buffered appender: /hello" 200 "$on_buffered/hello"
	add_case "log-off-file" "logging off: /css/site.css (file)" 200 "$off/css/site.css"
	add_case "log-on-file" "logging on, flushed per line: /css/site.css" 200 "$on/css/site.css"
	add_case "log-buffered-file" "logging on, buffered appender: /css/site.css" 200 "$on_buffered/css/site.css"
	run_rounds
	stop_apps
	lines_off="$(wc -l <"$WORK/requests-off.log")"
	lines_on="$(wc -l <"$WORK/requests-on.log")"
	lines_buffered="$(wc -l <"$WORK/requests-buffered.log" 2>/dev/null || echo 0)"

	# Logging that writes nothing would make the comparison meaningless: say so.
	NOTE[log-on-hello]="${NOTE[log-on-hello]:+${NOTE[log-on-hello]}; }log file: $lines_on lines (off: $lines_off)"
	NOTE[log-buffered-hello]="${NOTE[log-buffered-hello]:+${NOTE[log-buffered-hello]}; }request log: $lines_buffered lines"
	if ((lines_on < lines_off + 100 || lines_buffered < 100)); then
		log "WARNING: request logging wrote no request lines; is shareddata.request-logging built?"
		NOTE[log-on-hello]="${NOTE[log-on-hello]}; NO REQUEST LINES LOGGED"
	fi

	ratio "controller: cost of logging, flushed per line" log-on-hello log-off-hello "" loss
	ratio "controller: cost of logging, buffered appender" log-buffered-hello log-off-hello "" loss
	ratio "file: cost of logging, flushed per line" log-on-file log-off-file "" loss
	ratio "file: cost of logging, buffered appender" log-buffered-file log-off-file "" loss
}

# All five features with the least each needs to be on, replacing the lists of application.yml
# (a list given on the command line replaces the file's): one export, one mount, one header rule
# and no security preset, request lines without request headers; the allow-list as it is. What
# the onion costs in itself, apart from the sample's choices (seven response headers on every
# answer, three request headers in every line).
minimal_onion_args() {
	printf '%s\n' \
		"--shareddata.files.exports[0].path=/static" \
		"--shareddata.files.exports[0].location=file:site/" \
		"--shareddata.dispatch.mounts[0].path=/legacy" \
		"--shareddata.dispatch.mounts[0].forward=/internal/legacy" \
		"--shareddata.request-logging.headers=" \
		"--shareddata.headers.security-preset=false" \
		"--shareddata.headers.rules[0].name=X-Powered-By" \
		"--shareddata.headers.rules[0].value=MyAwesomeApp" \
		"--shareddata.headers.rules[0].mode=set"
}

# onion_config_args CONFIG: the app arguments of one of the onion's configurations, one per line;
# bench/alloc.sh starts the same ones.
onion_config_args() {
	case "$1" in
	onion-all) ;;
	onion-all-buffered) echo "--logging.config=$BUFFERED_REQUEST_LOG_CONFIG" ;;
	onion-minimal)
		echo "--logging.config=$BUFFERED_REQUEST_LOG_CONFIG"
		minimal_onion_args
		;;
	# The other four features: what the onion costs when request lines are not written.
	onion-no-logging) echo "--shareddata.request-logging.enabled=false" ;;
	onion-bare) bare_app_args ;;
	# A yardstick for request logging: the bare app with Tomcat's own access log (AccessLogValve,
	# buffered, Spring Boot's default), writing the same fields as a request line in text format.
	# One file per JVM: each call runs in a subshell of its own (BASHPID).
	onion-tomcat-access-log)
		bare_app_args
		printf '%s\n' "--server.tomcat.accesslog.enabled=true" "--server.tomcat.accesslog.directory=$WORK" \
			"--server.tomcat.accesslog.prefix=access-$BASHPID" \
			"--server.tomcat.accesslog.pattern=%t \"%r\" %s %b %D %a \"%{User-Agent}i\" \"%{Referer}i\""
		;;
	# Request logging alone, measured against the access log above in JVMS JVMs.
	onion-request-logging) onion_config_args onion-only-request-logging ;;
	# One feature on (as in application.yml, request lines buffered), the others off.
	onion-only-*)
		echo "--logging.config=$BUFFERED_REQUEST_LOG_CONFIG"
		bare_app_args | grep -v -- "--shareddata\.${1#onion-only-}\.enabled"
		;;
	*) die "no onion configuration $1" ;;
	esac
}

# Issue 8. /hello is answered by no feature: it crosses every filter the sample app's
# application.yml turns on, then reaches the controller.
scenario_onion() {
	local args=() line
	local to_file
	mapfile -t to_file < <(log_to_file "$WORK/onion-app.log")

	# The onion against the bare app compares apps: JVMS of each, so no one JVM's compilation decides.
	local configs=(onion-all onion-all-buffered onion-minimal onion-no-logging onion-request-logging
		onion-tomcat-access-log onion-bare)
	declare -A config_label=(
		[onion-all]="all features of application.yml, request lines flushed per line"
		[onion-all-buffered]="all features, request lines to a buffered appender"
		[onion-minimal]="all five features, one rule each, request lines buffered"
		[onion-no-logging]="all features but request logging"
		[onion-request-logging]="only request logging (as in application.yml, request lines buffered)"
		[onion-tomcat-access-log]="every shareddata.*.enabled=false, Tomcat's access log on"
		[onion-bare]="every shareddata.*.enabled=false"
	)
	declare -A url=()
	local config id j
	for j in $(seq "$JVMS"); do
		for config in "${configs[@]}"; do
			id="$config-j$j"
			# The bare app is the other side of every comparison: always started.
			[[ "$config" == onion-bare ]] || wanted "$id" || continue
			args=()
			while IFS= read -r line; do args+=("$line"); done < <(onion_config_args "$config")
			REQUEST_LOG_FILE="$WORK/$id-requests.log" start_app "$id" "${to_file[@]}" "${args[@]}"
			url[$id]="http://127.0.0.1:$APP_PORT"
		done
	done
	# One feature at a time, on one JVM each, to see what costs (ONLY='onion-(all|bare)' skips them).
	# Request logging alone is onion-request-logging above, in JVMS JVMs.
	local feature single_features=(headers ip-allowlist dispatch files)
	declare -A single=()
	for feature in "${single_features[@]}"; do
		wanted "onion-only-$feature" || continue
		args=()
		while IFS= read -r line; do args+=("$line"); done < <(onion_config_args "onion-only-$feature")
		REQUEST_LOG_FILE="$WORK/onion-$feature-requests.log" start_app "onion-only-$feature" "${to_file[@]}" \
			"${args[@]}"
		single[$feature]="http://127.0.0.1:$APP_PORT"
	done
	for j in $(seq "$JVMS"); do
		for config in "${configs[@]}"; do
			id="$config-j$j"
			[[ -n "${url[$id]:-}" ]] || continue
			add_case "$id" "${config_label[$config]}, JVM $j: /hello" 200 "${url[$id]}/hello"
		done
	done
	for feature in "${single_features[@]}"; do
		[[ -n "${single[$feature]:-}" ]] || continue
		add_case "onion-only-$feature" "only shareddata.$feature on (as in application.yml): /hello" 200 \
			"${single[$feature]}/hello"
	done
	run_rounds
	stop_apps
	for config in "${configs[@]}"; do
		add_group "$config" "${config_label[$config]}: /hello"
	done

	ratio "all five features on vs bare app, request lines flushed per line" onion-all onion-bare "<= 10" loss
	ratio "all five features on vs bare app, request lines buffered" onion-all-buffered onion-bare "<= 10" loss
	ratio "all five features on, one rule each, vs bare app, request lines buffered" onion-minimal onion-bare "<= 10" loss
	ratio "four features on (all but request logging) vs bare app" onion-no-logging onion-bare "" loss
	ratio "only request logging vs bare app" onion-request-logging onion-bare "" loss
	ratio "Tomcat's access log (no feature on) vs bare app" onion-tomcat-access-log onion-bare "" loss
	ratio "only request logging vs Tomcat's access log" onion-request-logging onion-tomcat-access-log "" loss
	for feature in "${single_features[@]}"; do
		[[ -n "${single[$feature]:-}" ]] || continue
		ratio "only $feature vs bare app (one JVM)" "onion-only-$feature" onion-bare "" loss
	done
}

main() {
	case "$SCENARIO" in
	files | logging | onion | all) ;;
	*) die "usage: bench/run.sh [files|logging|onion|all]" ;;
	esac
	for need in taskset curl ss java mvn; do
		command -v "$need" >/dev/null 2>&1 || die "$need is required"
	done
	local tools=(wrk)
	[[ "$SCENARIO" == files || "$SCENARIO" == all ]] && tools+=(nginx)
	ensure_tools "${tools[@]}"
	[[ "$(nproc)" -ge 2 ]] || log "WARNING: fewer than 2 CPUs: app and wrk will share one"
	build_app
	prepare_files
	LOAD_START="$(cut -d ' ' -f 1 /proc/loadavg)"
	if busy; then
		log "WARNING: load average $LOAD_START on $(nproc) CPUs: other work competes with the benchmark"
	fi

	case "$SCENARIO" in
	files) scenario_files ;;
	logging) scenario_logging ;;
	onion) scenario_onion ;;
	all)
		scenario_files
		scenario_logging
		scenario_onion
		;;
	esac

	mkdir -p "$RESULTS_DIR"
	local out
	out="$RESULTS_DIR/$SCENARIO-$(date -u +%Y%m%dT%H%M%SZ).md"
	print_table | tee "$out"
	log "table saved to ${out#"$ROOT"/}"
}

# Only when run, not when bench/soak.sh sources this file for its helpers.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
	main
fi
