/** Who may do what on the registry: every access rule of this service, in one place. */
package io.ownwatch.registry.access;
