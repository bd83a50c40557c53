#!/usr/bin/env bash
# Profiles one request path of the sample app with perf and prints where its CPU goes, layer by
# layer: the evidence behind bench/README.md's "where the cost goes" figures.
#
#   bench/profile.sh CONFIG [URL_PATH] [--key=value ...]
#
# CONFIG   the app as bench/run.sh starts it:
#          files   the JVM of the file cases in `bench/run.sh files` (URL_PATH: /files/1k.txt)
#          onion   application.yml, request lines to a buffered appender, as the onion's
#                  onion-all-buffered (URL_PATH: /hello)
#          bare    every shareddata.*.enabled=false, as the onion's onion-bare (URL_PATH: /hello)
#          onion-* any other configuration of the onion scenario by its name, for example
#                  onion-request-logging or onion-tomcat-access-log (URL_PATH: /hello)
#          Further --key=value arguments go to the app after those of the CONFIG.
#
# The app runs pinned to APP_CPU with -XX:+PreserveFramePointer. wrk loads the path from LOAD_CPU
# until the JIT settles (as bench/run.sh warms a case), then perf samples the JVM at PERF_HZ while
# wrk loads it for DURATION seconds more. Printed:
# - requests/s and the JVM's CPU per request over the sampled run;
# - each layer's part of that CPU, in µs per request. A sample counts for the innermost layer on
#   its stack: a filter's figure is its own work, without the layers it calls, and the kernel's
#   socket write is counted as itself wherever it is called from;
# - with LAYER set to one of the printed layer names, that layer's hottest leaf functions.
#
# Environment (defaults in brackets): DURATION [20], PERF_HZ [499], LAYER [], PROFILE_STATUS [200]
# (the status the path must answer), PROFILE_HEADER [] (a request header, for example
# PROFILE_HEADER='If-None-Match: "<its ETag>"' with PROFILE_STATUS=304), and WARMUP,
# WARMUP_MAX, CONNECTIONS, APP_CPU, LOAD_CPU, JAVA_OPTS, SKIP_BUILD, KEEP_TMP as in bench/run.sh
# (KEEP_TMP=1 also keeps perf.data and the JIT's symbol map, to read the samples again).
# Needs perf (Debian's linux-perf) and the right to sample another process (root, or a low
# kernel.perf_event_paranoid). One JVM is one draw of the JIT lottery (bench/README.md, Benchmarks):
# compare two configurations by the layers they do not share, not by their totals.
set -euo pipefail

# bench/run.sh sets its own defaults when sourced: keep this script's first.
PROFILE_SECONDS="${DURATION:-20}"
PERF_HZ="${PERF_HZ:-499}"
LAYER="${LAYER:-}"
PROFILE_STATUS="${PROFILE_STATUS:-200}"
PROFILE_HEADER="${PROFILE_HEADER:-}"

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The benchmark's helpers: log, die, build_app, prepare_files, start_app, add_case (status check
# and warm-up), wrk_run, cpu_ticks, the app arguments of each scenario, and the clean-up.
# shellcheck source=bench/run.sh
source "$BENCH/run.sh"

usage() {
	die "usage: bench/profile.sh files|onion|bare|onion-<configuration> [URL_PATH] [--key=value ...]"
}

# config_args CONFIG: the app arguments of a configuration, one per line.
config_args() {
	log_to_file "$WORK/app.log"
	case "$1" in
	files) files_app_args ;;
	onion) onion_config_args onion-all-buffered ;;
	bare) onion_config_args onion-bare ;;
	onion-*) onion_config_args "$1" ;;
	esac
}

# The layers a sample can be counted for. Each line is a layer's name, a tab, and the text that
# marks one of its frames (innermost frames are looked at first; within one frame, the first
# line that matches wins). Thread names are looked at before any frame.
LAYERS="$(cat <<-'EOF'
	kernel: socket write	ksys_write
	kernel: socket write	do_writev
	kernel: socket write	do_sendfile
	kernel: socket read	ksys_read
	kernel: futex (thread hand-off)	futex
	kernel: epoll	epoll
	Logback	ch.qos.logback.
	request logging	io.shareddata.logging.
	custom headers	io.shareddata.headers.
	IP allow-list	io.shareddata.access.
	dispatch mounts	io.shareddata.dispatch.
	shared data	io.shareddata.files.
	shareddata paths (shared)	io.shareddata.http.
	Spring MVC and the controller	org.springframework.web.servlet.
	Spring MVC and the controller	jakarta.servlet.http.HttpServlet.service
	actuator observation	ServerHttpObservationFilter
	actuator observation	io.micrometer.
	Spring's other filters	org.springframework.web.filter.
	Tomcat: filter chain	org.apache.catalina.core.ApplicationFilter
	Tomcat: access log	org.apache.catalina.valves.AbstractAccessLogValve
	Tomcat: access log	org.apache.catalina.valves.AccessLogValve
	Tomcat: container	org.apache.catalina.
	Tomcat: HTTP/1.1	org.apache.coyote.
	Tomcat: connector	org.apache.tomcat.util.net.
	EOF
)"

# attribute US_PER_REQUEST LAYER < perf script -F comm,ip,sym: the table of layers, then the
# hottest leaf functions of LAYER when it is set.
attribute() {
	awk -v us="$1" -v want="$2" -v layers="$LAYERS" '
		BEGIN {
			n = split(layers, lines, "\n")
			for (i = 1; i <= n; i++) {
				split(lines[i], part, "\t")
				name[i] = part[1]
				mark[i] = part[2]
			}
		}
		function layer_of(   f, i) {
			if (comm ~ /^C[12] CompilerThre/) return "JIT compiler"
			if (comm ~ /^(GC|VM Thread|G1)/) return "garbage collector"
			for (f = 1; f <= depth; f++)
				for (i = 1; i <= n; i++)
					if (index(frame[f], mark[i])) return name[i]
			return "other"
		}
		function sample_ends(   layer) {
			if (comm == "") return
			layer = layer_of()
			count[layer]++
			total++
			if (layer == want && depth > 0) leaf[frame[1]]++
			comm = ""
			depth = 0
		}
		# A sample: its thread name at the start of a line, one indented line per frame
		# (address, then symbol), innermost first, and a blank line.
		/^[^ \t]/ { sample_ends(); comm = $0; sub(/[ \t]+$/, "", comm); next }
		/^[ \t]*$/ { sample_ends(); next }
		{ line = $0; sub(/^[ \t]*[0-9a-f]+[ \t]+/, "", line); frame[++depth] = line }
		END {
			sample_ends()
			if (total == 0) { print "perf recorded no samples"; exit 1 }
			printf "%d samples.\n\n| layer | CPU per request | share |\n|---|---:|---:|\n", total
			while ((best = largest(count)) != "") {
				printf "| %s | %.1f µs | %.1f %% |\n", best, us * count[best] / total, 100 * count[best] / total
				delete count[best]
			}
			if (want == "") exit
			printf "\nHottest leaf functions of \"%s\":\n\n| function | CPU per request |\n|---|---:|\n", want
			for (shown = 0; shown < 20 && (best = largest(leaf)) != ""; shown++) {
				printf "| `%s` | %.2f µs |\n", substr(best, 1, 140), us * leaf[best] / total
				delete leaf[best]
			}
		}
		# The key with the largest count, "" when none is left.
		function largest(counts,   key, best) {
			best = ""
			for (key in counts) if (best == "" || counts[key] > counts[best]) best = key
			return best
		}'
}

profile_main() {
	local config="${1:-}"
	[[ "$config" == files || "$config" == onion || "$config" == bare || "$config" == onion-* ]] || usage
	shift
	local target="/hello"
	[[ "$config" == files ]] && target="/files/1k.txt"
	if [[ $# -gt 0 && "$1" == /* ]]; then
		target="$1"
		shift
	fi
	for need in taskset curl ss java jcmd perf wrk; do
		command -v "$need" >/dev/null 2>&1 || die "$need is required (perf: apt-get install linux-perf)"
	done
	build_app
	prepare_files
	local args=() line
	while IFS= read -r line; do args+=("$line"); done < <(config_args "$config")
	JAVA_OPTS="-XX:+PreserveFramePointer $JAVA_OPTS"
	REQUEST_LOG_FILE="$WORK/requests.log" start_app "profile-$config" "${args[@]}" "$@"
	local pid="${APP_PIDS[-1]}"
	local url="http://127.0.0.1:$APP_PORT$target"
	add_case profile "$config: $target" "$PROFILE_STATUS" "$url" "$PROFILE_HEADER"
	[[ -n "${URL[profile]}" ]] || die "${NOTE[profile]}"

	log "sampling pid $pid at ${PERF_HZ} Hz for ${PROFILE_SECONDS}s under load"
	perf record -q -F "$PERF_HZ" -g -p "$pid" -o "$WORK/perf.data" -- sleep $((PROFILE_SECONDS + 2)) \
		>"$WORK/perf-record.log" 2>&1 &
	local perf_pid=$!
	sleep 1
	# One measured round of the case, as bench/run.sh measures one: req/s and CPU per request.
	REPEAT=1 DURATION="$PROFILE_SECONDS" run_rounds
	wait "$perf_pid" || die "perf record failed: $(cat "$WORK/perf-record.log")"
	# perf names the JIT's code from the map the JVM writes now, while that code is still there.
	jcmd "$pid" Compiler.perfmap >/dev/null
	local us="${CPU[profile]:-0}"
	awk -v us="$us" 'BEGIN {exit !(us > 0)}' || die "wrk completed no request"

	echo "## Profile: $config, $target"
	echo
	echo "$(run_stamp), perf at ${PERF_HZ} Hz for ${PROFILE_SECONDS}s, wrk -t1 -c$CONNECTIONS on CPU $LOAD_CPU, \
app on CPU $APP_CPU: ${RPS[profile]} req/s, $us µs of CPU per request.${*:+ App arguments: $*.}"
	echo
	perf script -i "$WORK/perf.data" -F comm,ip,sym 2>/dev/null | attribute "$us" "$LAYER"
	if [[ "$KEEP_TMP" == 1 ]]; then
		# perf.data stays readable function by function: perf looks the JIT's code up in this map.
		mv "/tmp/perf-$pid.map" "$WORK/"
		log "to read the samples again: cp $WORK/perf-$pid.map /tmp/ && perf script -i $WORK/perf.data"
	else
		rm -f "/tmp/perf-$pid.map"
	fi
}

profile_main "$@"
