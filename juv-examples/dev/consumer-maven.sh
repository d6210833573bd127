#!/usr/bin/env bash
# Builds the program in juv-examples/src/it/consumer as a user's own Maven project would, in a
# temporary folder outside the repository, against the juv artifacts installed in the local
# Maven repository (run `mvn -B install -DskipTests` first): it imports juv-bom, depends on
# juv-net, juv-fs and juv-observe, and runs once on the class path and once on the module path.
# Usage: juv-examples/dev/consumer-maven.sh   (exit status 0 when both runs print what they should)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$here/../juv-bom/pom.xml" | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/src/main/java/consumer"
cp "$here/src/it/consumer/consumer/Main.java" "$work/src/main/java/consumer/"
cp "$here/src/it/consumer/module-info.java" "$work/src/main/java/"
cat > "$work/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>consumer</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>org.juv</groupId>
        <artifactId>juv-bom</artifactId>
        <version>$version</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>org.juv</groupId>
      <artifactId>juv-net</artifactId>
    </dependency>
    <dependency>
      <groupId>org.juv</groupId>
      <artifactId>juv-fs</artifactId>
    </dependency>
    <dependency>
      <groupId>org.juv</groupId>
      <artifactId>juv-observe</artifactId>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.1</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-resources-plugin</artifactId>
        <version>3.3.1</version>
      </plugin>

    </plugins>
  </build>
</project>
POM
cd "$work"
mvn -B -q compile
mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath -Dmdep.outputFile=cp.txt
deps=$(cat cp.txt)
native=()
if [ "$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')" -ge 22 ]; then
    native=(--enable-native-access=ALL-UNNAMED,com.sun.jna)
fi
status=0
for mode in class module; do
    if [ $mode = class ]; then
        out=$(java "${native[@]}" -cp "target/classes:$deps" consumer.Main "$work/f.txt")
        want="module: null"
    else
        out=$(java "${native[@]}" -p "target/classes:$deps" -m consumer/consumer.Main "$work/f.txt")
        want="module: org.juv.core"
    fi
    if grep -qx "echoed: hello, juv" <<<"$out" && grep -qx "read 18 bytes: hello from a file" <<<"$out" \
        && grep -qx "size: 18" <<<"$out" && grep -qx "chars: 18" <<<"$out" && grep -qx "$want" <<<"$out"; then
        echo "consumer on the $mode path: ok (juv $version from the local repository)"
    else
        echo "consumer on the $mode path: FAILED" >&2
        echo "$out" >&2
        status=1
    fi
done
exit $status
