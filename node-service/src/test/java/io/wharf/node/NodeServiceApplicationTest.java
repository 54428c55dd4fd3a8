package io.wharf.node;

import io.wharf.common.test.ServiceApplicationContract;
import java.util.List;

class NodeServiceApplicationTest extends ServiceApplicationContract {

    @Override
    protected Class<?> applicationClass() {
        return NodeServiceApplication.class;
    }

    /** An ephemeral agent port: a running stack (or another build) may hold the default 9090. */
    @Override
    protected List<String> extraArguments() {
        return List.of("--wharf.node.grpc-port=0");
    }
}
