/** PostgreSQL storage of runbooks and their versions; every approval and retirement is appended to the outbox in the same transaction. */
package io.ownwatch.registry.runbook.jdbc;
