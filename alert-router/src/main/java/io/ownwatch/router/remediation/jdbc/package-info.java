/** PostgreSQL adapter of remediation: the runbook catalog, the requests with their latest state, the verification windows. */
package io.ownwatch.router.remediation.jdbc;
