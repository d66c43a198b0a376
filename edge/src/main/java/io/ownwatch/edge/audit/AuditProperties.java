package io.ownwatch.edge.audit;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a service's audit trail treats its endpoints.
 *
 * @param queryPaths path patterns of POST endpoints that only read (the registry's {@code /api/v1/resolve}):
 *                   answered normally they change nothing, so only their refusals and failures are recorded;
 *                   otherwise every lookup the router makes would be an audit row
 */
@ConfigurationProperties("ownwatch.audit")
public record AuditProperties(List<String> queryPaths) {

    public AuditProperties {
        queryPaths = queryPaths == null ? List.of() : List.copyOf(queryPaths);
    }
}
