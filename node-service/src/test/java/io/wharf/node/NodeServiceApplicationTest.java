package io.wharf.node;

import io.wharf.common.test.ServiceApplicationContract;

class NodeServiceApplicationTest extends ServiceApplicationContract {

    @Override
    protected Class<?> applicationClass() {
        return NodeServiceApplication.class;
    }
}
