#!/usr/bin/env bash
# Runs each program under node and under juv-js (reading the runtime's JS from the source tree, so
# no rebuild is needed after a change to it) and shows how their standard output and exit status
# differ. For working on juv-js; the suite's ConformanceTest makes the same comparison.
#   juv-js/dev/diff-node.sh juv-js/src/test/resources/conformance/events-basics.js ...
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
jar="$here/target/juv-node.jar"
[ -f "$jar" ] || { echo "build first: mvn -B -q package -pl juv-js -am -DskipTests" >&2; exit 2; }
status=0
for program in "$@"; do
  dir=$(cd "$(dirname "$program")" && pwd); name=$(basename "$program")
  expected=$(cd "$dir" && timeout 30 node "$name" 2>/dev/null; echo "exit $?")
  actual=$(cd "$dir" && timeout 30 java -Djuv.js.sourceDir="$here/src/main/resources/org/juv/js" \
    -jar "$jar" "$name" 2>/tmp/juv-js-stderr.$$; echo "exit $?")
  if [ "$expected" == "$actual" ]; then
    echo "same: $name"
  else
    echo "DIFFERENT: $name (juv-js's stderr: /tmp/juv-js-stderr.$$)"
    diff <(echo "$expected") <(echo "$actual") | head -40
    status=1
  fi
done
exit $status
