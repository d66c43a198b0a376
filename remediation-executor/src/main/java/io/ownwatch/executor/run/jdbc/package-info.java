/** Runs and their steps in PostgreSQL; claims by row lock (SKIP LOCKED) so two instances never run one request. */
package io.ownwatch.executor.run.jdbc;
