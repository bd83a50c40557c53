#!/usr/bin/env bash
# Soak test (issue 9): starts the packaged sample app with every feature on, under -Xmx256m, and
# prints one line per check with its figures and PASS or FAIL.
#
#   bench/soak.sh
#
# load     SOAK_SECONDS of mixed traffic at SOAK_CONNECTIONS keep-alive connections: small files
#          (disk and classpath), an 8 MiB file, 304s, a controller, the proxy mount, /admin from
#          127.0.0.1 (allowed) and from 127.0.0.2 (denied, 403). Every status is checked, and
#          every small body. Heap after a full GC (live bytes of jcmd GC.class_histogram) at the
#          end must stay within 10% of its value after the warm-up, both read once the app is
#          idle again (thread and descriptor counts back to where they were before any load).
# aborts   SOAK_ABORTS downloads of the 8 MiB file cut off after 1-64 KiB (half RST, half FIN):
#          the app's open file descriptors must return to their count before.
# churn    a served file replaced atomically SOAK_CHURNS times while the mixed traffic runs:
#          every 200 must be one whole version, with its Content-Length and its ETag.
# hostile  the hostile request corpus of HostileInputTests replayed once: no 5xx, no hang, no
#          protected content.
#
# Environment (defaults in brackets):
#   SOAK_CHECKS [load aborts churn hostile]  the checks to run, in this order
#   SOAK_SECONDS [60]       measured load duration
#   SOAK_WARMUP [15]        load before the start heap is taken (grows Tomcat's thread and connection pools to their size under load)
#   SOAK_CONNECTIONS [256]  load connections
#   SOAK_ABORTS [1000]      aborted downloads
#   SOAK_CHURNS [100]       atomic replacements of the churn file
#   SOAK_CHURN_INTERVAL_MS [100]  pause between replacements
#   PROXY_PATH [/upstream/] the sample's proxy mount (skipped with a note when it does not answer 200)
#   DENIED_PATH [/admin]    the sample's allow-listed path
#   DENIED_FROM [127.0.0.2] a local address the allow-list does not admit
#   APP_CPU [0], LOAD_CPU [1], SKIP_BUILD [0], KEEP_TMP [0], JAVA_OPTS []: as in bench/run.sh
#
# Every server binds to 127.0.0.1; whatever the script starts is stopped on exit.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The benchmark's helpers: log, die, build_app, start_app (pinned, loopback, a free port for the
# demo upstream, wait_ready), free_port and the clean-up that stops the apps it started.
# shellcheck source=bench/run.sh
source "$BENCH/run.sh"

SOAK_CHECKS="${SOAK_CHECKS:-load aborts churn hostile}"
SOAK_SECONDS="${SOAK_SECONDS:-60}"
SOAK_WARMUP="${SOAK_WARMUP:-15}"
SOAK_CONNECTIONS="${SOAK_CONNECTIONS:-256}"
SOAK_ABORTS="${SOAK_ABORTS:-1000}"
SOAK_CHURNS="${SOAK_CHURNS:-100}"
SOAK_CHURN_INTERVAL_MS="${SOAK_CHURN_INTERVAL_MS:-100}"
PROXY_PATH="${PROXY_PATH:-/upstream/}"
DENIED_PATH="${DENIED_PATH:-/admin}"
DENIED_FROM="${DENIED_FROM:-127.0.0.2}"
# Issue 9, point 5: everything runs under a 256 MiB heap.
JAVA_OPTS="-Xmx256m $JAVA_OPTS"
EXPORT="$WORK/export"
APP_PID=""
declare -a RESULTS=()
FAILED=0

# The sample's exports, copied from sample-app/src/main/resources/application.yml, plus the soak
# folder at /soak. Spring Boot binds an indexed list from one property source only, so the
# command line must carry the whole list (keep it in step with application.yml).
soak_app_args() {
	printf '%s\n' \
		"--shareddata.files.exports[0].path=/" \
		"--shareddata.files.exports[0].location=file:site/" \
		"--shareddata.files.exports[1].path=/static" \
		"--shareddata.files.exports[1].location=file:site/" \
		"--shareddata.files.exports[2].path=/packaged" \
		"--shareddata.files.exports[2].location=classpath:/site/" \
		"--shareddata.files.exports[3].path=/robots.txt" \
		"--shareddata.files.exports[3].location=classpath:/site/robots.txt" \
		"--shareddata.files.exports[4].path=/spa" \
		"--shareddata.files.exports[4].location=file:site/spa/" \
		"--shareddata.files.exports[4].spa-fallback=/index.html" \
		"--shareddata.files.exports[5].path=/soak" \
		"--shareddata.files.exports[5].location=file:$EXPORT/" \
		"--shareddata.files.refresh-interval=0"
	# refresh-interval=0: every request re-checks the file on disk, so the churn check meets each
	# replacement at once (with the default 2 s most versions would never be served) and the
	# window between the check and the sending of a file is hit as often as possible.
}

# soak_check NAME ARGS...: runs one check of bench/Soak.java pinned to LOAD_CPU, keeps its
# first line (the figures and the verdict) and shows any sample lines below it.
soak_check() {
	local name="$1" output status=0
	shift
	log "$name: running"
	output="$(taskset -c "$LOAD_CPU" java "$BENCH/Soak.java" "$name" "--port=$APP_PORT" "--pid=$APP_PID" "$@" 2>&1)" ||
		status=$?
	printf '%s\n' "$output" >&2
	if [[ "$status" != 0 ]]; then
		FAILED=1
	fi
	RESULTS+=("$(grep -m 1 "^$name: " <<<"$output" || echo "$name: no result (exit $status) FAIL")")
}

soak_cleanup() {
	local status=$?
	# Clean up whatever fails on the way (errexit would end this trap early and leave the app running).
	set +e
	local app_log="$WORK/app-soak.log"
	if [[ -f "$app_log" ]]; then
		log "app log: $(grep -c . "$app_log" || true) lines, $(grep -c ' ERROR ' "$app_log" || true) at ERROR," \
			"$(grep -c ' WARN ' "$app_log" || true) at WARN; most frequent warnings:"
		# Group on the logger and the message with its numbers and request ids masked.
		grep ' WARN ' "$app_log" | sed -E 's/^.* WARN [0-9]+ --- \[[^]]*\] \[[^]]*\] //;
			s/[0-9a-f]{8}-[0-9a-f-]{27}/<id>/g; s/[0-9]+(\.[0-9]+)?/N/g' | cut -c1-160 |
			sort | uniq -c | sort -rn | head -n 5 >&2 || true
	fi
	if [[ "$FAILED" == 1 ]]; then
		# Keep the app log and the generated files for a look at what failed.
		KEEP_TMP=1
	fi
	# bench/run.sh's clean-up stops the app and removes the temporary folder.
	(exit "$status")
	cleanup
}
trap soak_cleanup EXIT

soak_main() {
	for need in taskset curl ss java jcmd mvn; do
		command -v "$need" >/dev/null 2>&1 || die "$need is required"
	done
	build_app
	java "$BENCH/Soak.java" prepare "--export=$EXPORT"
	local args=() line
	while IFS= read -r line; do args+=("$line"); done < <(soak_app_args)
	start_app soak "${args[@]}"
	APP_PID="${APP_PIDS[-1]}"
	log "app pid $APP_PID on port $APP_PORT, JAVA_OPTS=$JAVA_OPTS"

	local common=("--connections=$SOAK_CONNECTIONS" "--proxy=$PROXY_PATH" "--denied=$DENIED_PATH"
		"--denied-from=$DENIED_FROM" "--export=$EXPORT")
	local check
	for check in $SOAK_CHECKS; do
		case "$check" in
		load) soak_check load "${common[@]}" "--seconds=$SOAK_SECONDS" "--warmup=$SOAK_WARMUP" ;;
		aborts) soak_check aborts "${common[@]}" "--aborts=$SOAK_ABORTS" ;;
		churn) soak_check churn "${common[@]}" "--churns=$SOAK_CHURNS" "--churn-interval-ms=$SOAK_CHURN_INTERVAL_MS" ;;
		hostile) soak_check hostile "--corpus=$ROOT/sample-app/src/test/resources/hostile-paths.txt" ;;
		*) die "unknown check '$check' in SOAK_CHECKS" ;;
		esac
	done
	if ! kill -0 "$APP_PID" 2>/dev/null; then
		RESULTS+=("app: exited during the soak FAIL")
		FAILED=1
	fi

	# run_stamp: the date and the commit, marked "(dirty)" when the working tree has changes.
	echo "## Soak: $(run_stamp), $(nproc) CPUs," \
		"load average $(cut -d ' ' -f 1-3 /proc/loadavg), app on CPU $APP_CPU with $JAVA_OPTS, client on CPU $LOAD_CPU"
	printf '%s\n' "${RESULTS[@]}"
	return "$FAILED"
}

soak_main
