/** The ownership registry service: who owns which service, and which service an alert belongs to. */
package io.ownwatch.registry;
