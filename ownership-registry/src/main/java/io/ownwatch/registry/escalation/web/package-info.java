/** The HTTP API of escalation policies and of who each level would page at an instant. */
package io.ownwatch.registry.escalation.web;
