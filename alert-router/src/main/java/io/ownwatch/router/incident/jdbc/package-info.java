/** PostgreSQL adapter of incidents: the incident and processed_event tables. */
package io.ownwatch.router.incident.jdbc;
