/** The HTTP API that resolves an alert's owner. */
package io.ownwatch.registry.resolve.web;
