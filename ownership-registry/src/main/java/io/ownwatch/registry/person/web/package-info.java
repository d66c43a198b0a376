/** The HTTP API for people. */
package io.ownwatch.registry.person.web;
