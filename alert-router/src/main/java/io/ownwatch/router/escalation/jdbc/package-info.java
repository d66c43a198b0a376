/** Escalations, their durable timers, contact rules and the storm guard's counts in PostgreSQL. */
package io.ownwatch.router.escalation.jdbc;
