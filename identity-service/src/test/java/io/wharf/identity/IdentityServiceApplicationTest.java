package io.wharf.identity;

import io.wharf.common.test.ServiceApplicationContract;

class IdentityServiceApplicationTest extends ServiceApplicationContract {

    @Override
    protected Class<?> applicationClass() {
        return IdentityServiceApplication.class;
    }
}
