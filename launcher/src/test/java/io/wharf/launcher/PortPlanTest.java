package io.wharf.launcher;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortPlanTest {

    @Test
    void defaultsFollowTheConventions() {
        PortPlan plan = PortPlan.defaults();
        assertThat(plan.gateway()).isEqualTo(8080);
        assertThat(plan.service(Services.IDENTITY, 1)).isEqualTo(8081);
        assertThat(plan.service(Services.NOTIFICATION, 1)).isEqualTo(8085);
        assertThat(plan.mongo()).isEqualTo(27017);
        assertThat(plan.kafka()).isEqualTo(9092);
        assertThat(plan.kafkaController()).isEqualTo(9093);
        assertThat(plan.nodeGrpc(1)).isEqualTo(9090);
    }

    @Test
    void gatewayPortComesFromWharfPortOnly() {
        PortPlan plan = PortPlan.defaults(9999);
        assertThat(plan.gateway()).isEqualTo(9999);
        assertThat(plan.service(Services.IDENTITY, 1)).isEqualTo(8081);
    }

    @Test
    void secondReplicaOfADefaultStackIsAHundredAbove() {
        assertThat(PortPlan.defaults().service(Services.IDENTITY, 2)).isEqualTo(8181);
        assertThat(PortPlan.defaults().nodeGrpc(2)).isEqualTo(9190);
    }

    @Test
    void baseLayoutKeepsAWholeStackInAHundredPorts() {
        PortPlan plan = PortPlan.fromBase(20000);
        Map<String, Integer> ports = plan.allPorts(
                Map.of(Services.IDENTITY, PortPlan.MAX_REPLICAS, Services.NODE, PortPlan.MAX_REPLICAS), Services.ALL, true);
        assertThat(ports.values()).doesNotHaveDuplicates().allSatisfy(p -> assertThat(p).isBetween(20000, 20099));
        assertThat(plan.gateway()).isEqualTo(20000);
        assertThat(plan.service(Services.PROJECT, 2)).isEqualTo(20012);
    }

    @Test
    void replicaCountIsBounded() {
        assertThatThrownBy(() -> PortPlan.defaults().service(Services.IDENTITY, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortPlan.fromBase(65500)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void freeBaseReturnsARangeThatCanBeBound() {
        int base = PortPlan.freeBase();
        assertThat(base).isBetween(20000, 31900);
        assertThat(List.of(base, base + 50, base + 99)).allSatisfy(p -> assertThat(Health.portFree(p)).isTrue());
    }
}
