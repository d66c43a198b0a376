/** Ops rules, kill switches and the global shadow mode in PostgreSQL. */
package io.ownwatch.executor.policy.jdbc;
