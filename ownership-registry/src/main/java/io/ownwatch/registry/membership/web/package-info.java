/** The HTTP API for team membership, seen from the team and from the person. */
package io.ownwatch.registry.membership.web;
