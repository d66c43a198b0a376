/** Embedded infrastructure for the one-command run and for tests: Kafka, PostgreSQL and a schema registry in one JVM. */
package io.ownwatch.devstack;
