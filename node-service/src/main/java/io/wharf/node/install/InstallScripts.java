package io.wharf.node.install;

import io.wharf.node.config.NodeProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Renders the install scripts of SPEC §4 (dyrector's install-docker.sh / .ps1 / install-k8s.sh, for
 * the Wharf agent). The docker shell script runs the agent image ({@code wharf.node.agent-image}) with
 * the Docker socket mounted and host networking; when the image is missing and cannot be pulled it
 * falls back to running the agent jar with the host's java ({@code WHARF_AGENT_JAR} or
 * {@code wharf.node.agent-jar}). Every value written into a script is single-quoted for the shell
 * (and PowerShell), so names and paths cannot inject commands. With TLS on the agent port the scripts
 * set {@code WHARF_TLS=true} and {@code WHARF_TLS_CA} (the PEM of {@code wharf.node.grpc.tls.agent-ca}).
 */
@Component
public class InstallScripts {

    private final NodeProperties properties;

    InstallScripts(NodeProperties properties) {
        this.properties = properties;
    }

    /** What is being installed, for whom. */
    public record Request(String teamSlug, String nodeId, String nodeName, String type, String scriptType,
                          String rootPath, String acmeEmail, String token, String agentAddress, Instant expireAt,
                          String key) {
    }

    public String command(Request request) {
        String url = properties.publicUrl().replaceAll("/+$", "") + "/api/" + request.teamSlug() + "/nodes/"
                + request.nodeId() + "/script?key=" + request.key();
        return "powershell".equals(request.scriptType())
                ? "Invoke-WebRequest -Uri '" + url + "' -Method GET | Select-Object -Expand Content | Invoke-Expression"
                : "curl -sL '" + url + "' | sh -";
    }

    public String script(Request request) {
        if ("k8s".equals(request.type())) {
            return kubernetes(request);
        }
        return "powershell".equals(request.scriptType()) ? powershell(request) : shell(request);
    }

    /** "true" when node-service serves the agent port with TLS: the agent must dial with TLS too. */
    private String tlsFlag() {
        return Boolean.toString(properties.grpc().tls().enabled());
    }

    /**
     * The PEM agents must trust (a certificate is public, so it travels inline in the script and reaches
     * the agent as {@code WHARF_TLS_CA}); blank without TLS or without {@code agent-ca} (JVM trust store).
     */
    private String agentCa() {
        NodeProperties.Tls tls = properties.grpc().tls();
        if (!tls.enabled() || tls.agentCa().isBlank()) {
            return "";
        }
        try {
            String pem = Files.readString(Path.of(tls.agentCa()), StandardCharsets.US_ASCII).strip();
            if (!pem.startsWith("-----BEGIN CERTIFICATE-----")) {
                throw new IllegalStateException("wharf.node.grpc.tls.agent-ca " + tls.agentCa() + " is not a PEM certificate");
            }
            return pem;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read wharf.node.grpc.tls.agent-ca " + tls.agentCa(), e);
        }
    }

    static String sq(String value) {
        return "'" + (value == null ? "" : value.replace("'", "'\"'\"'")) + "'";
    }

    private static String psq(String value) {
        return "'" + (value == null ? "" : value.replace("'", "''")) + "'";
    }

    static String containerSafe(String name) {
        String safe = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "-").replaceAll("^[^a-z0-9]+", "");
        return safe.isEmpty() ? "node" : safe;
    }

    private String shell(Request r) {
        return """
                #!/bin/sh
                # Wharf agent installer for node %s (%s), valid until %s.
                # It runs the agent as a container with the Docker socket; without the image it falls back to the agent jar.
                set -eu
                WHARF_SERVER=%s
                WHARF_TOKEN=%s
                WHARF_NODE_NAME=%s
                WHARF_TLS=%s
                WHARF_TLS_CA=%s
                WHARF_AGENT_IMAGE="${WHARF_AGENT_IMAGE:-%s}"
                WHARF_AGENT_JAR="${WHARF_AGENT_JAR:-%s}"
                WHARF_AGENT_CONTAINER="${WHARF_AGENT_CONTAINER:-wharf-agent}"
                ROOT_PATH=%s
                WHARF_TRAEFIK_ACME_EMAIL=%s
                if [ -z "$ROOT_PATH" ]; then
                  if [ "$(id -u)" = "0" ]; then ROOT_PATH=/srv/wharf-persistence; else ROOT_PATH="$HOME/.wharf-persistence"; fi
                fi
                if command -v docker >/dev/null 2>&1; then RUNTIME=docker
                elif command -v podman >/dev/null 2>&1; then RUNTIME=podman
                else echo "wharf: neither docker nor podman found" >&2; exit 1
                fi
                if ! $RUNTIME info >/dev/null 2>&1; then
                  echo "wharf: cannot talk to $RUNTIME (run as root or as a member of the docker group)" >&2; exit 1
                fi
                DATA_DIR="$ROOT_PATH/$WHARF_AGENT_CONTAINER"
                mkdir -p "$DATA_DIR"
                SOCKET="${DOCKER_HOST:-unix:///var/run/docker.sock}"
                SOCKET="${SOCKET#unix://}"
                if $RUNTIME image inspect "$WHARF_AGENT_IMAGE" >/dev/null 2>&1 || $RUNTIME pull "$WHARF_AGENT_IMAGE" >/dev/null 2>&1; then
                  $RUNTIME rm -f "$WHARF_AGENT_CONTAINER" >/dev/null 2>&1 || true
                  $RUNTIME run -d --name "$WHARF_AGENT_CONTAINER" --restart unless-stopped --network host \\
                    -e WHARF_SERVER="$WHARF_SERVER" -e WHARF_TOKEN="$WHARF_TOKEN" -e WHARF_NODE_NAME="$WHARF_NODE_NAME" \\
                    -e WHARF_TLS="$WHARF_TLS" -e WHARF_TLS_CA="$WHARF_TLS_CA" \\
                    -e WHARF_DATA_DIR=/data -e WHARF_AGENT_CONTAINER="$WHARF_AGENT_CONTAINER" \\
                    -e WHARF_TRAEFIK_ACME_EMAIL="$WHARF_TRAEFIK_ACME_EMAIL" \\
                    -v "$DATA_DIR:/data" -v "$SOCKET:/var/run/docker.sock" \\
                    --label io.wharf.agent=true "$WHARF_AGENT_IMAGE" >/dev/null
                  echo "wharf: agent container $WHARF_AGENT_CONTAINER started from $WHARF_AGENT_IMAGE"
                elif [ -n "$WHARF_AGENT_JAR" ] && [ -f "$WHARF_AGENT_JAR" ] && command -v java >/dev/null 2>&1; then
                  if [ -f "$DATA_DIR/agent.pid" ] && kill -0 "$(cat "$DATA_DIR/agent.pid")" 2>/dev/null; then
                    kill "$(cat "$DATA_DIR/agent.pid")" || true
                  fi
                  WHARF_SERVER="$WHARF_SERVER" WHARF_TOKEN="$WHARF_TOKEN" WHARF_NODE_NAME="$WHARF_NODE_NAME" \\
                    WHARF_TLS="$WHARF_TLS" WHARF_TLS_CA="$WHARF_TLS_CA" \\
                    WHARF_DATA_DIR="$DATA_DIR" DOCKER_HOST="unix://$SOCKET" \\
                    nohup java -jar "$WHARF_AGENT_JAR" > "$DATA_DIR/agent.log" 2>&1 < /dev/null &
                  echo $! > "$DATA_DIR/agent.pid"
                  echo "wharf: image $WHARF_AGENT_IMAGE unavailable; agent jar started (pid $(cat "$DATA_DIR/agent.pid"), log $DATA_DIR/agent.log)"
                else
                  echo "wharf: image $WHARF_AGENT_IMAGE unavailable and no agent jar (set WHARF_AGENT_JAR)" >&2; exit 1
                fi
                """.formatted(r.nodeName().replaceAll("[\\p{Cntrl}]", " "), r.nodeId(), r.expireAt(),
                sq(r.agentAddress()), sq(r.token()), sq(containerSafe(r.nodeName())), sq(tlsFlag()), sq(agentCa()),
                properties.agentImage(),
                properties.agentJar(), sq(r.rootPath()), sq(r.acmeEmail()));
    }

    private String powershell(Request r) {
        return """
                # Wharf agent installer for node %s, valid until %s.
                # Like the shell script: checks Docker, then runs the agent container with the Docker socket and a data folder.
                $ErrorActionPreference = 'Stop'
                $server = %s
                $token = %s
                $name = %s
                $tls = %s
                $ca = %s
                $acmeEmail = %s
                $image = if ($env:WHARF_AGENT_IMAGE) { $env:WHARF_AGENT_IMAGE } else { %s }
                $container = if ($env:WHARF_AGENT_CONTAINER) { $env:WHARF_AGENT_CONTAINER } else { 'wharf-agent' }
                $root = %s
                if (-not $root) { $root = 'C:/.wharf-persistence' }
                if (-not (Get-Command docker -ErrorAction SilentlyContinue)) {
                  Write-Error 'wharf: docker not found'; exit 1
                }
                docker info *> $null
                if ($LASTEXITCODE -ne 0) {
                  Write-Error 'wharf: cannot talk to docker (is Docker Desktop running? run as an administrator or a member of docker-users)'; exit 1
                }
                $data = Join-Path $root $container
                New-Item -ItemType Directory -Force -Path $data | Out-Null
                docker rm -f $container 2>$null | Out-Null
                docker run -d --name $container --restart unless-stopped `
                  -e "WHARF_SERVER=$server" -e "WHARF_TOKEN=$token" -e "WHARF_NODE_NAME=$name" `
                  -e "WHARF_TLS=$tls" -e "WHARF_TLS_CA=$ca" -e WHARF_DATA_DIR=/data `
                  -e "WHARF_AGENT_CONTAINER=$container" -e "WHARF_TRAEFIK_ACME_EMAIL=$acmeEmail" `
                  -v "${data}:/data" -v //var/run/docker.sock:/var/run/docker.sock `
                  --label io.wharf.agent=true $image | Out-Null
                if ($LASTEXITCODE -ne 0) { Write-Error "wharf: the agent container did not start from $image"; exit 1 }
                Write-Output "wharf: agent container $container started from $image"
                """.formatted(r.nodeName().replaceAll("[\\p{Cntrl}]", " "), r.expireAt(), psq(r.agentAddress()),
                psq(r.token()), psq(containerSafe(r.nodeName())), psq(tlsFlag()), psq(agentCa()), psq(r.acmeEmail()),
                psq(properties.agentImage()), psq(r.rootPath()));
    }

    /**
     * A preview: there is no Kubernetes driver. The agent drives a Docker engine, so the Deployment
     * mounts the node's Docker socket (hostPath) and keeps its node token and key pair on a
     * PersistentVolumeClaim (WHARF_DATA_DIR), so a rescheduled pod keeps its identity.
     */
    private String kubernetes(Request r) {
        return """
                #!/bin/sh
                # Wharf agent (Kubernetes, PREVIEW) for node %s, valid until %s.
                # There is no Kubernetes driver yet: the agent drives the Docker engine of the node its pod runs on,
                # through the node's Docker socket (hostPath below). Nodes without a Docker engine (containerd only)
                # cannot run it. See docs/agent.md.
                set -eu
                kubectl apply -f - <<'WHARF_MANIFEST'
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: wharf
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: wharf-agent
                  namespace: wharf
                stringData:
                  WHARF_SERVER: %s
                  WHARF_TOKEN: %s
                  WHARF_NODE_NAME: %s
                  WHARF_TLS: %s
                  WHARF_TLS_CA: %s
                  WHARF_TRAEFIK_ACME_EMAIL: %s
                ---
                # The node token and the agent's key pair (WHARF_DATA_DIR) survive pod restarts and rescheduling.
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: wharf-agent-data
                  namespace: wharf
                spec:
                  accessModes: [ReadWriteOnce]
                  resources:
                    requests:
                      storage: 64Mi
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: wharf-agent
                  namespace: wharf
                spec:
                  replicas: 1
                  # one agent per node: the old pod goes before the new one connects
                  strategy: {type: Recreate}
                  selector:
                    matchLabels: {app: wharf-agent}
                  template:
                    metadata:
                      labels: {app: wharf-agent, io.wharf.agent: "true"}
                    spec:
                      containers:
                        - name: agent
                          image: %s
                          envFrom:
                            - secretRef: {name: wharf-agent}
                          env:
                            - {name: WHARF_DATA_DIR, value: /data}
                            - {name: DOCKER_HOST, value: "unix:///var/run/docker.sock"}
                          volumeMounts:
                            - {name: data, mountPath: /data}
                            - {name: docker-socket, mountPath: /var/run/docker.sock}
                      volumes:
                        - name: data
                          persistentVolumeClaim: {claimName: wharf-agent-data}
                        # PREVIEW: the agent needs a Docker engine; this mounts the node's Docker socket (root on that
                        # node: whoever controls this pod controls the node's containers).
                        - name: docker-socket
                          hostPath: {path: /var/run/docker.sock, type: Socket}
                WHARF_MANIFEST
                """.formatted(r.nodeName().replaceAll("[\\p{Cntrl}]", " "), r.expireAt(), json(r.agentAddress()),
                json(r.token()), json(containerSafe(r.nodeName())), json(tlsFlag()), json(agentCa()),
                json(r.acmeEmail() == null ? "" : r.acmeEmail()), json(properties.agentImage()));
    }

    private static String json(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "\\n") + "\"";
    }
}
