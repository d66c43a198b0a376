/** The HTTP API of the coverage report. */
package io.ownwatch.registry.coverage.web;
