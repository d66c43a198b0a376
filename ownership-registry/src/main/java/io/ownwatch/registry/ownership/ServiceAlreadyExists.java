package io.ownwatch.registry.ownership;

/** A service with this id exists already. */
public class ServiceAlreadyExists extends RuntimeException {

    public ServiceAlreadyExists(String serviceId) {
        super("A service with id '" + serviceId + "' already exists.");
    }
}
