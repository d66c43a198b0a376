/** Schedules stored in PostgreSQL: layers, participants, restrictions and overrides as child tables. */
package io.ownwatch.registry.schedule.jdbc;
