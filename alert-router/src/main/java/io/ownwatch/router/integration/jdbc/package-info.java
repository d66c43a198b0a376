/** PostgreSQL adapter of integrations: the {@code integration} table, keys stored as SHA-256 only. */
package io.ownwatch.router.integration.jdbc;
