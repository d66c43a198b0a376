/** The incident API's remediation part: the runbooks a responder may ask for, and asking for one. */
package io.ownwatch.router.remediation.web;
