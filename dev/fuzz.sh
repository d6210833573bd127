#!/usr/bin/env bash
# Fuzzes juv's Jazzer targets (the @FuzzTest methods of juv-http, juv-net and juv-fs) for real,
# one after the other, each for N minutes. What a run adds to the corpus is copied into the
# target's committed inputs (src/test/resources/<package>/<Class>Inputs/<method>/), which every
# build replays; an input that made a target fail is kept there as finding-<sha1>, and the run
# fails. A summary (executions, corpus, findings per target) goes to juv-bench/results/fuzz-<UTC>/.
#
# Usage: dev/fuzz.sh [--minutes N] [Class#method ...]   (default: 2 minutes, every target)
# Needs what the build needs (a JDK and Maven); run it on an idle machine, as nothing else should
# share its cores.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=2
wanted=()
while [ $# -gt 0 ]; do
    case "$1" in
        --minutes) minutes=${2:?--minutes needs a number}; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        -*) echo "dev/fuzz.sh: unknown option $1" >&2; exit 2 ;;
        *) wanted+=("$1"); shift ;;
    esac
done
case "$minutes" in ''|0|*[!0-9]*) echo "dev/fuzz.sh: --minutes takes a whole number from 1, not '$minutes'" >&2; exit 2 ;; esac

# Every target, as module:package.Class#method.
targets=()
while IFS= read -r file; do
    module=${file%%/*}
    class=$(basename "$file" .java)
    package=$(sed -n 's/^package \(.*\);/\1/p' "$file")
    for method in $(grep -A1 '@FuzzTest' "$file" | sed -n 's/.* void \([A-Za-z0-9_]*\)(.*/\1/p'); do
        targets+=("$module:$package.$class#$method")
    done
done < <(grep -rl '@FuzzTest' --include='*.java' juv-*/src/test/java | sort)

chosen=()
for t in "${targets[@]}"; do
    if [ ${#wanted[@]} -eq 0 ]; then
        chosen+=("$t")
        continue
    fi
    for w in "${wanted[@]}"; do
        [ "${t##*.}" = "$w" ] && chosen+=("$t")
    done
done
if [ ${#chosen[@]} -eq 0 ]; then
    echo "dev/fuzz.sh: no target matches; the targets are:" >&2
    printf '  %s\n' "${targets[@]##*.}" >&2
    exit 2
fi

out=juv-bench/results/fuzz-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
echo "dev/fuzz.sh: ${#chosen[@]} targets, $minutes min each; logs in $out" >&2
mvn -B -q install -DskipTests

status=0
printf '%-75s %12s %8s %s\n' target executions corpus finding > "$out/summary.txt"
for t in "${chosen[@]}"; do
    module=${t%%:*}
    rest=${t#*:}
    fqcn=${rest%%#*}
    method=${rest#*#}
    class=${fqcn##*.}
    log="$out/$class-$method.log"
    echo "dev/fuzz.sh: $class#$method" >&2
    rm -f "$module"/crash-*
    if JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${minutes}m" mvn -B -o -pl "$module" test \
        -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1; then
        finding=none
    else
        finding=$(grep -a -m1 -o 'FuzzTestFinding[^=]*' "$log" | cut -c1-160 || true)
        finding=${finding:-"the run failed: see $log"}
        status=1
    fi
    execs=$( (grep -a 'DONE ' "$log" || true) | tail -1 | sed -n 's/^#\([0-9]*\).*/\1/p')
    inputs="$module/src/test/resources/${fqcn%.*}"
    inputs="${inputs//.//}/${class}Inputs/$method"
    mkdir -p "$inputs"
    corpus="$module/.cifuzz-corpus/$fqcn/$method"
    if [ -d "$corpus" ]; then
        cp -n "$corpus"/* "$inputs"/ 2>/dev/null || true
    fi
    for crash in "$module"/crash-* "$inputs"/crash-*; do
        [ -e "$crash" ] || continue
        mv -n "$crash" "$inputs/finding-${crash##*crash-}"
    done
    printf '%-75s %12s %8s %s\n' "$class#$method" "${execs:-?}" "$(ls "$inputs" | wc -l)" "$finding" >> "$out/summary.txt"
done
{
    echo
    echo "$minutes min per target; $(nproc) cores; $(java -version 2>&1 | head -1); $(date -u)"
} >> "$out/summary.txt"
cat "$out/summary.txt"
exit $status
