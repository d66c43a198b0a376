package io.ownwatch.registry.ownership;

import io.ownwatch.registry.NotFound;

/** No service has this id. */
public class ServiceNotFound extends NotFound {

    public ServiceNotFound(String serviceId) {
        super("service", serviceId);
    }
}
