#!/usr/bin/env bash
# Measures the heap each /hello request allocates in the sample app, for the onion's
# configurations side by side: a figure this noisy machine reproduces to a few percent, where
# requests/s and CPU per request move by more than the costs being compared.
#
#   bench/alloc.sh [--key=value ...]
#
# Configurations, as bench/run.sh onion starts them: onion-bare (every shareddata.*.enabled=false),
# onion-no-logging (all but request logging), onion-minimal (all five, one rule each, buffered
# request lines) and onion-all-buffered (application.yml, buffered request lines); with ONLY, also
# one feature alone (onion-only-request-logging, -headers, -ip-allowlist, -dispatch, -files) and
# onion-tomcat-access-log (the bare app with Tomcat's own access log).
# Further --key=value arguments go to every app.
#
# Each app runs pinned to APP_CPU and is warmed up as bench/run.sh warms a case (the JIT's escape
# analysis removes allocations, so the figure is only stable once C2 has compiled the path). Then,
# REPEAT times: a full collection, the JVM's allocation counter (Micrometer's
# jvm.gc.memory.allocated, which adds up the young generation at every collection), DURATION
# seconds of wrk, another collection and the counter again. Printed: each configuration's bytes
# per request (the median of the rounds, with every round) and what it adds to onion-bare.
#
# Environment: WARMUP, WARMUP_MAX, DURATION, REPEAT, CONNECTIONS, APP_CPU, LOAD_CPU, JAVA_OPTS,
# SKIP_BUILD, KEEP_TMP, ONLY as in bench/run.sh (ONLY matches the configuration names).
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The benchmark's helpers: log, die, build_app, start_app, add_case (status check and warm-up),
# wrk_run, the app arguments of each configuration, and the clean-up.
# shellcheck source=bench/run.sh
source "$BENCH/run.sh"

METRIC_PATH="/actuator/metrics/jvm.gc.memory.allocated"

# config_args CONFIG: the app arguments of a configuration, one per line: bench/run.sh's, with the
# metrics endpoint exposed.
config_args() {
	log_to_file "$WORK/app.log"
	echo "--management.endpoints.web.exposure.include=metrics"
	onion_config_args "$1"
}

# allocated_bytes PID BASE_URL: the JVM's bytes allocated so far, after a full collection so that
# the counter includes everything up to now.
allocated_bytes() {
	jcmd "$1" GC.run >/dev/null
	curl -s --max-time 10 "$2$METRIC_PATH" | sed -E 's/.*"value":([0-9.E+]+).*/\1/' |
		awk '{printf "%.0f", $1}'
}

alloc_main() {
	for need in taskset curl ss java jcmd wrk; do
		command -v "$need" >/dev/null 2>&1 || die "$need is required"
	done
	build_app
	local configs=(onion-bare onion-no-logging onion-minimal onion-all-buffered) config feature
	# One feature at a time only when asked for: ONLY='onion-only' takes all five.
	if [[ -n "$ONLY" ]]; then
		for feature in request-logging headers ip-allowlist dispatch files; do
			configs+=("onion-only-$feature")
		done
		configs+=(onion-tomcat-access-log)
	fi
	declare -A base_url=() rounds=() median_bytes=()
	for config in "${configs[@]}"; do
		[[ "$config" == onion-bare ]] || wanted "$config" || continue
		local args=() line
		while IFS= read -r line; do args+=("$line"); done < <(config_args "$config")
		REQUEST_LOG_FILE="$WORK/requests-$config.log" start_app "$config" "${args[@]}" "$@"
		base_url[$config]="http://127.0.0.1:$APP_PORT"
		# The bare app is measured whatever ONLY says: every other figure is read against it.
		ONLY="" add_case "$config" "$config: /hello" 200 "${base_url[$config]}/hello"
		[[ -n "${URL[$config]}" ]] || die "${NOTE[$config]}"
	done
	local round pid before after requests bytes
	for round in $(seq "$REPEAT"); do
		for config in "${configs[@]}"; do
			[[ -n "${base_url[$config]:-}" ]] || continue
			pid="${SERVER_PID[$config]}"
			# Only the measured app runs: the others are paused, as in bench/run.sh's rounds.
			pause_apps_but "$pid"
			before="$(allocated_bytes "$pid" "${base_url[$config]}")"
			wrk_run "$config" "$DURATION" >"$WORK/wrk-$config-$round.txt"
			after="$(allocated_bytes "$pid" "${base_url[$config]}")"
			resume_apps
			requests="$(awk '/ requests in / {print $1}' "$WORK/wrk-$config-$round.txt")"
			(( ${requests:-0} > 0 )) || die "$config: wrk completed no request"
			bytes=$(( (after - before) / requests ))
			rounds[$config]="${rounds[$config]:+${rounds[$config]} }$bytes"
			log "round $round/$REPEAT $config: $requests requests, $bytes bytes per request"
		done
	done

	echo "## Heap allocated per /hello request"
	echo
	echo "$(run_stamp), wrk -t1 -c$CONNECTIONS for ${DURATION}s a round, $REPEAT rounds.${*:+ App arguments: $*.}"
	echo
	echo "| configuration | bytes per request | more than onion-bare | rounds |"
	echo "|---|---:|---:|---|"
	for config in "${configs[@]}"; do
		[[ -n "${rounds[$config]:-}" ]] || continue
		# shellcheck disable=SC2086 # the rounds are a list of numbers on purpose
		median_bytes[$config]="$(median ${rounds[$config]})"
		echo "| $config | ${median_bytes[$config]} | $(( median_bytes[$config] - median_bytes[onion-bare] )) | ${rounds[$config]} |"
	done
}

alloc_main "$@"
