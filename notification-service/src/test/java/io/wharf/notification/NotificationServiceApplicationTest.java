package io.wharf.notification;

import io.wharf.common.test.ServiceApplicationContract;

class NotificationServiceApplicationTest extends ServiceApplicationContract {

    @Override
    protected Class<?> applicationClass() {
        return NotificationServiceApplication.class;
    }
}
