/** Incident lifecycle: the pure decision of what an alert does to an incident, and applying it durably and idempotently. */
package io.ownwatch.router.incident;
