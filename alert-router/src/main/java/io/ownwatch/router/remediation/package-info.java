/** Remediation trigger: approved runbooks requested for incidents, their results recorded and their effect verified. */
package io.ownwatch.router.remediation;
