package io.ownwatch.registry.ownership;

/** No service has this id. */
public class ServiceNotFound extends RuntimeException {

    public ServiceNotFound(String serviceId) {
        super("No service with id '" + serviceId + "'.");
    }
}
