/** HTTP edge of incidents: the responder API (list, read with alerts, acknowledge, resolve, notes, reassign). */
package io.ownwatch.router.incident.web;
