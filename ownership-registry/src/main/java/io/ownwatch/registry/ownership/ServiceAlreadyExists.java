package io.ownwatch.registry.ownership;

import io.ownwatch.registry.AlreadyExists;

/** A service with this id exists already. */
public class ServiceAlreadyExists extends AlreadyExists {

    public ServiceAlreadyExists(String serviceId) {
        super("service", serviceId);
    }
}
