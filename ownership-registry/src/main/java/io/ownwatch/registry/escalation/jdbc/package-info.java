/** Escalation policies stored in PostgreSQL, each target a foreign key to what it names. */
package io.ownwatch.registry.escalation.jdbc;
