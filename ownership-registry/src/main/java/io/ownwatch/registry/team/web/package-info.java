/** The HTTP API for teams. */
package io.ownwatch.registry.team.web;
