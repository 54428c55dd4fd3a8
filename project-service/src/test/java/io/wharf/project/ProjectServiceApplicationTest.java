package io.wharf.project;

import io.wharf.common.test.ServiceApplicationContract;
import io.wharf.probe.TestRegistries;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class ProjectServiceApplicationTest extends ServiceApplicationContract {

    /** The service with a stand-in RegistryDirectory (the registry feature's arrives at merge). */
    @Configuration(proxyBeanMethods = false)
    @Import({ProjectServiceApplication.class, TestRegistries.class})
    static class WithTestRegistries {
    }

    @Override
    protected Class<?> applicationClass() {
        return WithTestRegistries.class;
    }
}
