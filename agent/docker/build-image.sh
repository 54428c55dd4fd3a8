#!/usr/bin/env bash
# Builds the Wharf agent image without any registry or base image: the host's Java runtime (with the
# shared libraries it links against) and the agent's runnable jar, imported as one layer.
#
#   ./mvnw -B -q package -pl agent -am -DskipTests      # agent/target/agent-<version>-all.jar
#   agent/docker/build-image.sh [jar] [tag]             # default tag wharf/agent:0.1.0
#
# The install script runs it with host networking and the Docker socket mounted; on a machine with
# a registry, `docker tag` + `docker push` it and set wharf.node.agent-image accordingly.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="${1:-$(ls "$ROOT"/agent/target/agent-*-all.jar 2>/dev/null | head -n 1)}"
TAG="${2:-wharf/agent:0.1.0}"
[[ -f "$JAR" ]] || { echo "build-image: no agent jar (build it: ./mvnw -B -q package -pl agent -am -DskipTests)" >&2; exit 1; }
command -v docker > /dev/null || { echo "build-image: docker is not installed" >&2; exit 1; }

JAVA_BIN="$(readlink -f "$(command -v java)")"
JAVA_HOME_DIR="$(dirname "$(dirname "$JAVA_BIN")")"
ROOTFS="$(mktemp -d)"
trap 'rm -rf "$ROOTFS"' EXIT

mkdir -p "$ROOTFS"/{app,data,tmp,etc,opt}
chmod 1777 "$ROOTFS/tmp"
# -L: Debian's JDK links its conf and cacerts into /etc; the image needs the files themselves.
cp -rL "$JAVA_HOME_DIR" "$ROOTFS/opt/java" 2>/dev/null || true   # dangling links (src.zip) are skipped
[[ -x "$ROOTFS/opt/java/bin/java" ]] || { echo "build-image: could not copy the Java runtime from $JAVA_HOME_DIR" >&2; exit 1; }
rm -rf "$ROOTFS/opt/java/jmods" "$ROOTFS/opt/java/man" "$ROOTFS/opt/java/demo" "$ROOTFS/opt/java/src.zip"
cp "$JAR" "$ROOTFS/app/agent.jar"

# Every shared library the runtime links against, at its own path.
{
  ldd "$ROOTFS/opt/java/bin/java" || true
  find "$ROOTFS/opt/java" -name '*.so*' -type f -exec ldd {} \; 2>/dev/null || true
} | grep -o '/[^ ]*\.so[^ ]*' | sort -u | while read -r lib; do
  [[ -e "$lib" && "$lib" != "$ROOTFS"* ]] && cp --parents -L "$lib" "$ROOTFS" 2>/dev/null || true
done
for loader in /lib64/ld-linux-x86-64.so.2 /lib/ld-linux-aarch64.so.1; do
  [[ -e "$loader" ]] && cp --parents -L "$loader" "$ROOTFS"
done
echo 'root:x:0:0:root:/root:/bin/sh' > "$ROOTFS/etc/passwd"
echo 'root:x:0:' > "$ROOTFS/etc/group"

tar -C "$ROOTFS" -c . | docker import \
  -c 'ENV WHARF_DATA_DIR=/data JAVA_HOME=/opt/java' \
  -c 'ENTRYPOINT ["/opt/java/bin/java", "-XX:+UseSerialGC", "-Xmx128m", "-jar", "/app/agent.jar"]' \
  -m "wharf agent from $(basename "$JAR")" - "$TAG" > /dev/null
echo "built $TAG from $(basename "$JAR") and the Java runtime in $JAVA_HOME_DIR"
docker run --rm --entrypoint /opt/java/bin/java "$TAG" -jar /app/agent.jar --version
