/** HTTP edge of incidents: read the router's view of an incident. */
package io.ownwatch.router.incident.web;
