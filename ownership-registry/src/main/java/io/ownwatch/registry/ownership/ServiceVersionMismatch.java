package io.ownwatch.registry.ownership;

/** The caller changed a service from a version that is no longer current (someone else changed it meanwhile). */
public class ServiceVersionMismatch extends RuntimeException {

    public ServiceVersionMismatch(String serviceId, String expected, long current) {
        super("Service '" + serviceId + "' is at version " + current + ", not " + expected
                + "; read it again (its ETag is \"" + current + "\") and reapply your change.");
    }
}
