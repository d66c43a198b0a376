/** Shared infrastructure for integration tests: one devstack per JVM, or containers when asked for. */
package io.ownwatch.devstack.testkit;
