/** Resolving an alert's labels to the service and team that own it. */
package io.ownwatch.registry.resolve;
