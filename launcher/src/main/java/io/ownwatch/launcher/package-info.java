/** The one-command embedded run: the devstack and the four services in one JVM. */
package io.ownwatch.launcher;
