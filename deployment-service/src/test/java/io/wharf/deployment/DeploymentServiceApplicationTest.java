package io.wharf.deployment;

import io.wharf.common.test.ServiceApplicationContract;

class DeploymentServiceApplicationTest extends ServiceApplicationContract {

    @Override
    protected Class<?> applicationClass() {
        return DeploymentServiceApplication.class;
    }
}
