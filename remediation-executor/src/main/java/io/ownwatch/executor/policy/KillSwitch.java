package io.ownwatch.executor.policy;

import java.time.Instant;

/**
 * While set, nothing in its scope runs.
 *
 * @param scope {@value #GLOBAL} or {@code service:<id>}
 */
public record KillSwitch(String scope, String reason, String setBy, Instant setAt) {

    public static final String GLOBAL = "global";
    public static final String SERVICE_PREFIX = "service:";

    public static String forService(String serviceId) {
        return SERVICE_PREFIX + serviceId;
    }

    public boolean covers(String serviceId) {
        return GLOBAL.equals(scope) || forService(serviceId).equals(scope);
    }
}
