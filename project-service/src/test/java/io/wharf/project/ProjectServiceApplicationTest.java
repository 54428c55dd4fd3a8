package io.wharf.project;

import io.wharf.common.test.ServiceApplicationContract;

class ProjectServiceApplicationTest extends ServiceApplicationContract {

    @Override
    protected Class<?> applicationClass() {
        return ProjectServiceApplication.class;
    }
}
