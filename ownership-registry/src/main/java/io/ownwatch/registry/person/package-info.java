/** People: who can be paged and who acts on Ownwatch, known by their identity provider's subject. */
package io.ownwatch.registry.person;
