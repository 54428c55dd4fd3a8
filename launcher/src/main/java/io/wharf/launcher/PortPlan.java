package io.wharf.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every port of a stack. {@link #defaults(int)} is the layout of docs/conventions.md;
 * {@link #fromBase(int)} packs a whole stack into {@code base .. base+99} so tests never collide
 * with a running {@code ./wharf up}.
 *
 * <p>Replica {@code k} (1-based) of a service listens on its port plus {@code (k-1) * replicaStride}.
 */
public record PortPlan(int gateway, Map<String, Integer> services, int mongo, int kafka, int kafkaController,
                       int nodeGrpc, int replicaStride) {

    public static final int MAX_REPLICAS = 9;

    public PortPlan {
        services = Map.copyOf(services);
        if (!services.keySet().containsAll(Services.ALL)) {
            throw new IllegalArgumentException("a port for every service is required: " + Services.ALL);
        }
    }

    /** gateway = {@code gatewayPort} (8080 unless WHARF_PORT), services 8081-8085, Mongo 27017, Kafka 9092/9093. */
    public static PortPlan defaults(int gatewayPort) {
        Map<String, Integer> services = new LinkedHashMap<>();
        for (int i = 0; i < Services.ALL.size(); i++) {
            services.put(Services.ALL.get(i), 8081 + i);
        }
        return new PortPlan(gatewayPort, services, 27017, 9092, 9093, 9090, 100);
    }

    public static PortPlan defaults() {
        return defaults(8080);
    }

    /**
     * base = gateway, base+1..5 = services, +6 Mongo, +7 Kafka, +8 controller, +9 node gRPC;
     * replica k of a service at its port + 10*(k-1) (up to {@value #MAX_REPLICAS} replicas).
     */
    public static PortPlan fromBase(int base) {
        if (base < 1024 || base + 99 > 65535) {
            throw new IllegalArgumentException("base port must leave room for 100 ports: " + base);
        }
        Map<String, Integer> services = new LinkedHashMap<>();
        for (int i = 0; i < Services.ALL.size(); i++) {
            services.put(Services.ALL.get(i), base + 1 + i);
        }
        return new PortPlan(base, services, base + 6, base + 7, base + 8, base + 9, 10);
    }

    /**
     * A base for {@link #fromBase(int)} whose 100 ports are all free right now (random, so parallel
     * test runs rarely pick the same range): {@code StackConfig.builder().basePort(PortPlan.freeBase())}.
     */
    public static int freeBase() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20000 + random.nextInt(120) * 100;   // 20000..31999: below Linux's ephemeral ports (32768+)
            boolean free = true;
            for (int p = base; p < base + 100 && free; p++) {
                free = Health.portFree(p);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free range of 100 ports found between 20000 and 32000");
    }

    public int service(String service, int replica) {
        if (replica < 1 || replica > MAX_REPLICAS) {
            throw new IllegalArgumentException("replica must be 1.." + MAX_REPLICAS + ": " + replica);
        }
        Integer port = services.get(service);
        if (port == null) {
            throw new IllegalArgumentException("unknown service: " + service);
        }
        return port + (replica - 1) * replicaStride;
    }

    public int nodeGrpc(int replica) {
        return nodeGrpc + (replica - 1) * replicaStride;
    }

    /** The ports a stack with the given replica counts binds, to check them before starting anything. */
    public Map<String, Integer> allPorts(Map<String, Integer> replicas, List<String> services, boolean gatewayEnabled) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(Services.MONGO, mongo);
        ports.put(Services.KAFKA, kafka);
        ports.put(Services.KAFKA + " (controller)", kafkaController);
        for (String s : services) {
            for (int k = 1; k <= replicas.getOrDefault(s, 1); k++) {
                ports.put(Services.partName(s, k), service(s, k));
                if (s.equals(Services.NODE)) {
                    ports.put(Services.partName(s, k) + " (gRPC)", nodeGrpc(k));
                }
            }
        }
        if (gatewayEnabled) {
            ports.put(Services.GATEWAY, gateway);
        }
        return ports;
    }
}
