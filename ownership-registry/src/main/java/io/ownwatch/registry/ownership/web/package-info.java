/** The HTTP API for services and their ownership. */
package io.ownwatch.registry.ownership.web;
