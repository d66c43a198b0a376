/** The HTTP API that imports a bundle: a zip, a multi-document YAML or several uploaded files. */
package io.ownwatch.registry.bundle.web;
