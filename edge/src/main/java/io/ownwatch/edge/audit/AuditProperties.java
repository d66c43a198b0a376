package io.ownwatch.edge.audit;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a service's audit trail treats its endpoints.
 *
 * @param queryPaths path patterns of POST endpoints that only read (the registry's {@code /api/v1/resolve}):
 *                   answered normally they change nothing, so only their refusals and failures are recorded;
 *                   otherwise every lookup the router makes would be an audit row
 * @param countedPaths path patterns of machine-to-machine endpoints that take a high rate of posts (the router's
 *                   alert ingest): their accepted requests are counted per actor and outcome in the Micrometer
 *                   counter {@code ownwatch.audit.counted} instead of written as rows, which would cost a database
 *                   write per alert; their refusals and failures are still rows
 */
@ConfigurationProperties("ownwatch.audit")
public record AuditProperties(List<String> queryPaths, List<String> countedPaths) {

    public AuditProperties {
        queryPaths = queryPaths == null ? List.of() : List.copyOf(queryPaths);
        countedPaths = countedPaths == null ? List.of() : List.copyOf(countedPaths);
    }
}
