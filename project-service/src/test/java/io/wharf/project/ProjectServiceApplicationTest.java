package io.wharf.project;

import io.wharf.common.test.ServiceApplicationContract;

/**
 * The operator contract on the service as shipped. (It used to start with a stand-in
 * RegistryDirectory in a nested {@code @Configuration}; component scanning of {@code io.wharf.project}
 * found that class in every test that starts the application, so the stand-in shadowed the registry
 * feature's real directory everywhere.)
 */
class ProjectServiceApplicationTest extends ServiceApplicationContract {

    @Override
    protected Class<?> applicationClass() {
        return ProjectServiceApplication.class;
    }
}
