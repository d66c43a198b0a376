/** remediation.requests.v1 in (group remediation-executor, dead letters), remediation.results.v1 out (outbox). */
package io.ownwatch.executor.run.kafka;
