/**
 * The GraphQL API of the web app: controllers, batch loaders, connections, coded errors.
 */
@NullMarked
package io.github.bffsuite.web.graphql;

import org.jspecify.annotations.NullMarked;
